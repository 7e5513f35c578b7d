/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Serial input.  Characters go to the debug keys (input "to Xen") or to
 * the initial domain; typing Ctrl-<c> (conswitch=, default Ctrl-a) three
 * times in a row toggles between the two, as in Xen.  Fewer than three
 * switch characters followed by another key are passed on as typed.  Input
 * for domain 0 goes to its console ring (xen/console_rx.h), which it reads
 * with CONSOLEIO_read; while no domain 0 exists, input is dropped (with
 * one note per switch).  The UARTs are polled every 10 ms from a
 * timer on CPU 0 (no UART IRQ routing yet), so input works while CPUs halt.
 *
 * rx_lock (interrupts off) serialises the switch state and the key
 * handlers, since input can arrive from the idle loop of any CPU and from
 * the poll timer.
 */
#include <xen/console.h>
#include <xen/console_rx.h>
#include <xen/init.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>

#define POLL_PERIOD MILLISECS(10)

static char opt_conswitch[3] = "a";
string_param("conswitch", opt_conswitch);

static DEFINE_SPINLOCK(rx_lock);
static unsigned int switch_count;       /* rx_lock: switch chars seen in a row */
static bool input_to_dom0;              /* rx_lock */
static bool drop_noted;                 /* rx_lock: said that input is dropped */

/* Ctrl-<letter> for conswitch=<letter>; 0 disables switching. */
static unsigned char switch_code(void)
{
    char c = opt_conswitch[0] | 0x20;   /* lower case */

    return c >= 'a' && c <= 'z' ? c - 'a' + 1 : 0;
}

static void print_input_target(void)
{
    printk("*** Serial input to %s", input_to_dom0 ? "DOM0" : "Xen");
    if (switch_code())
        printk(" (type 'CTRL-%c' three times to switch input)", opt_conswitch[0] | 0x20);
    printk("\n");
}

/* Domain 0's console input: buffered for CONSOLEIO_read, if there is a domain 0. */
static void dom0_input(unsigned char c)
{
    if (domain_lookup(0)) {
        console_rx_put((char)c);
        return;
    }
    if (!drop_noted)
        printk("*** No domain 0 yet: serial input dropped\n");
    drop_noted = true;
}

static void deliver(unsigned char c)
{
    if (input_to_dom0)
        dom0_input(c);
    else
        handle_keypress(c);
}

void console_rx_char(unsigned char c)
{
    unsigned char code = switch_code();
    unsigned long flags;

    spin_lock_irqsave(&rx_lock, flags);
    if (code && c == code) {
        if (++switch_count == 3) {
            switch_count = 0;
            input_to_dom0 = !input_to_dom0;
            drop_noted = false;
            print_input_target();
        }
    } else {
        for (; switch_count; switch_count--)
            deliver(code);
        deliver(c);
    }
    spin_unlock_irqrestore(&rx_lock, flags);
}

/* Up to 64 characters per call, so one call stays short. */
void console_poll_input(void)
{
    for (unsigned int n = 0; n < 64; n++) {
        int c = serial_getc();
        if (c < 0)
            break;
        console_rx_char((unsigned char)c);
    }
}

static struct timer poll_timer;

static void poll_timer_fn(void *unused)
{
    (void)unused;
    console_poll_input();
    set_timer(&poll_timer, NOW() + POLL_PERIOD);
}

/* End of boot: say where input goes and start polling for it. */
static int console_endboot(void)
{
    console_print_config();
    print_input_target();
    init_timer(&poll_timer, poll_timer_fn, NULL, 0);
    return set_timer(&poll_timer, NOW() + POLL_PERIOD);
}
__initcall(console_endboot);
