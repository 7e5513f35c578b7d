/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Debug-key dispatch over the table built by DEFINE_KEYHANDLER. */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/shutdown.h>

extern const struct keyhandler __keyhandler_start[], __keyhandler_end[];

static const struct keyhandler *find_handler(unsigned char key)
{
    for (const struct keyhandler *k = __keyhandler_start; k < __keyhandler_end; k++)
        if (k->key == key)
            return k;
    return NULL;
}

void handle_keypress(unsigned char key)
{
    const struct keyhandler *k = find_handler(key);

    if (k)
        k->fn(key);
    else
        printk("'%c' (%#x) pressed: no handler; press 'h' for help\n",
               key >= 0x20 && key < 0x7f ? key : '?', key);
}

static void show_help(unsigned char key)
{
    (void)key;
    printk("'h' pressed -> showing installed handlers\n");
    for (unsigned int c = 0; c < 256; c++) {
        const struct keyhandler *k = find_handler(c);
        if (k)
            printk(" key '%c' (ascii '%02x') => %s\n", c, c, k->desc);
    }
}
DEFINE_KEYHANDLER('h', show_help, "show this message");

static void reboot_machine(unsigned char key)
{
    (void)key;
    printk("'R' pressed -> rebooting machine\n");
    machine_restart();
}
DEFINE_KEYHANDLER('R', reboot_machine, "reboot machine");
