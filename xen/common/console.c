/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * printk and the console ring.  Lines are prefixed with "(XEN) " as Xen
 * does, so logs from both hypervisors read the same.
 */
#include <xen/console.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <asm/processor.h>

#define CONRING_SIZE 16384

static char conring[CONRING_SIZE];
static uint64_t conring_prod;       /* total bytes ever written */
static DEFINE_SPINLOCK(console_lock);
static bool at_line_start = true;
static int console_loglvl = 2;      /* print levels <= this (info) */

static void conring_put(char c)
{
    conring[conring_prod++ % CONRING_SIZE] = c;
}

void console_write(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        conring_put(s[i]);
        if (s[i] == '\n')
            serial_putc('\r');
        serial_putc(s[i]);
    }
}

static void write_line_prefixed(const char *s)
{
    for (; *s; s++) {
        if (at_line_start)
            console_write("(XEN) ", 6);
        console_write(s, 1);
        at_line_start = (*s == '\n');
    }
}

/* Strip a "<N>" level prefix; returns the level (default info). */
static int take_level(const char **fmt)
{
    const char *f = *fmt;
    if (f[0] == '<' && f[1] >= '0' && f[1] <= '3' && f[2] == '>') {
        *fmt = f + 3;
        return f[1] - '0';
    }
    return 2;
}

void vprintk(const char *fmt, va_list ap)
{
    static char buf[1024];
    unsigned long flags;
    int level = take_level(&fmt);

    if (level > console_loglvl)
        return;
    spin_lock_irqsave(&console_lock, flags);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    write_line_prefixed(buf);
    spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
}

size_t console_ring_read(char *buf, size_t size)
{
    uint64_t start = conring_prod > CONRING_SIZE ? conring_prod - CONRING_SIZE : 0;
    size_t n = 0;

    for (uint64_t i = start; i < conring_prod && n < size; i++)
        buf[n++] = conring[i % CONRING_SIZE];
    return n;
}

void console_rx_char(unsigned char c)
{
    handle_keypress(c);
}

void console_init_early(void)
{
    struct uart_config com1 = { 0x3f8, 115200, 8, 'n', 1, 0 };
    serial_init(&com1);
}

void console_init_postparse(void)
{
}
