/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * printk and the console outputs.  Lines are prefixed with "(XEN) " as Xen
 * does, so logs from both hypervisors read the same; the prefixed text goes
 * to the console ring and to each serial port named by console=.
 *
 * Locking: console_lock (taken with interrupts off) protects the ring, the
 * format buffer and the line state, so printk works from any CPU and from
 * interrupt handlers.  A printk nested inside a printk on the same CPU (a
 * fault while printing) writes without the lock rather than deadlock.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <asm/processor.h>

static DEFINE_SPINLOCK(console_lock);
static char conring_default[CONRING_MIN_SIZE];
static struct conring ring = { conring_default, sizeof(conring_default), 0, 0 };
static bool at_line_start = true;
static unsigned int console_outputs;    /* bit n: serial port n */

/* ---- options ----------------------------------------------------------- */

static unsigned int opt_console = 1u << SERIAL_COM1;
static struct uart_config com_cfg[SERIAL_MAX_PORTS];
static struct loglvl xen_loglvl = { 3, 3 };     /* up to info, no limiting */
static struct loglvl guest_loglvl = { 2, 3 };   /* kept for guest messages */
static uint64_t opt_conring_size;               /* 0: keep the static 16 KiB */
size_param("conring_size", opt_conring_size);

static int parse_console(const char *s)
{
    unsigned int mask = 0;
    int rc = s && *s ? 0 : -EINVAL;

    while (s && *s) {
        const char *e = strchr(s, ',');
        size_t len = e ? (size_t)(e - s) : strlen(s);

        if (len == 4 && !strncmp(s, "com1", 4))
            mask |= 1u << SERIAL_COM1;
        else if (len == 4 && !strncmp(s, "com2", 4))
            mask |= 1u << SERIAL_COM2;
        else if (len == 3 && !strncmp(s, "vga", 3))
            printk("console=vga: no VGA console, ignored\n");
        else if (!(len == 4 && !strncmp(s, "none", 4)))
            rc = -EINVAL;
        s = e ? e + 1 : s + len;
    }
    opt_console = mask;
    return rc;
}
custom_param("console", parse_console);

static int parse_com1(const char *s) { return serial_parse_config(s, &com_cfg[SERIAL_COM1]); }
static int parse_com2(const char *s) { return serial_parse_config(s, &com_cfg[SERIAL_COM2]); }
custom_param("com1", parse_com1);
custom_param("com2", parse_com2);

static int parse_xen_loglvl(const char *s) { return parse_loglvl(s, &xen_loglvl); }
static int parse_guest_loglvl(const char *s) { return parse_loglvl(s, &guest_loglvl); }
custom_param("loglvl", parse_xen_loglvl);
custom_param("guest_loglvl", parse_guest_loglvl);

/* ---- output ------------------------------------------------------------- */

static unsigned long console_lock_irqsave(bool *nested)
{
    unsigned long flags = local_irq_save();

    *nested = console_lock.owner == (int16_t)smp_processor_id();
    if (!*nested)
        spin_lock(&console_lock);
    return flags;
}

static void console_unlock_irqrestore(unsigned long flags, bool nested)
{
    if (!nested)
        spin_unlock(&console_lock);
    local_irq_restore(flags);
}

/* Ring and serial ports; console_lock held. */
static void write_locked(const char *s, size_t len)
{
    conring_put(&ring, s, len);
    for (unsigned int port = 0; port < SERIAL_MAX_PORTS; port++) {
        if (!(console_outputs & (1u << port)))
            continue;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '\n')
                serial_port_putc(port, '\r');
            serial_port_putc(port, s[i]);
        }
    }
}

void console_write(const char *s, size_t len)
{
    bool nested;
    unsigned long flags = console_lock_irqsave(&nested);

    write_locked(s, len);
    console_unlock_irqrestore(flags, nested);
}

/* Write @s, starting each line with "(XEN) "; console_lock held. */
static void write_prefixed(const char *s)
{
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) + 1 : strlen(s);

        if (at_line_start)
            write_locked("(XEN) ", 6);
        write_locked(s, len);
        at_line_start = nl != NULL;
        s += len;
    }
}

/* Strip a "<N>" level prefix (XENLOG_*); returns the level (default info). */
static int take_level(const char **fmt)
{
    const char *f = *fmt;

    if (f[0] == '<' && f[1] >= '0' && f[1] <= '3' && f[2] == '>') {
        *fmt = f + 3;
        return f[1] - '0';
    }
    return 2;
}

/*
 * Messages between the two loglvl thresholds pass a token bucket: 10 at
 * once, then one per 5 s (Xen's printk_ratelimit defaults).
 */
static struct ratelimit printk_rl = { .ms_per_msg = 5000, .burst = 10 };

static uint64_t console_now_ms(void)
{
    return (uint64_t)NOW() / 1000000;   /* 0 until time_init(): burst only */
}

/* Decide whether a message of @level prints; console_lock held. */
static bool level_allows(int level)
{
    int verdict = loglvl_check(&xen_loglvl, level);

    if (verdict >= 0)
        return verdict;
    if (!ratelimit_allow(&printk_rl, console_now_ms()))
        return false;
    if (printk_rl.missed) {
        static char note[64];
        snprintf(note, sizeof(note), "printk: %u messages suppressed.\n", printk_rl.missed);
        printk_rl.missed = 0;
        write_prefixed(note);
    }
    return true;
}

void vprintk(const char *fmt, va_list ap)
{
    static char buf[1024], nested_buf[256];
    int level = take_level(&fmt);
    bool nested;
    unsigned long flags = console_lock_irqsave(&nested);

    if (level_allows(level)) {
        char *b = nested ? nested_buf : buf;
        size_t size = nested ? sizeof(nested_buf) : sizeof(buf);
        vsnprintf(b, size, fmt, ap);
        write_prefixed(b);
    }
    console_unlock_irqrestore(flags, nested);
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
    at_line_start = true;
}

size_t console_ring_read(char *buf, size_t size)
{
    uint64_t pos = 0;
    bool nested;
    unsigned long flags = console_lock_irqsave(&nested);
    size_t n = conring_copy(&ring, &pos, buf, size);

    console_unlock_irqrestore(flags, nested);
    return n;
}

/*
 * conring_size=: the ring starts as a static 16 KiB buffer (so the very
 * first messages are kept) and moves, contents included, to a heap block
 * once memory is up.  Requests are rounded up to a power of two and
 * clamped to [16 KiB, 64 MiB]; on allocation failure the ring stays.
 */
static int conring_grow(void)
{
    size_t size = conring_size_for(opt_conring_size);
    unsigned int order = 0;
    unsigned long flags;
    bool nested;
    char *buf;

    if (!opt_conring_size || size <= ring.size)
        return 0;
    while ((size_t)PAGE_SIZE << order < size)
        order++;
    buf = alloc_xenheap_pages(order, 0);
    if (!buf) {
        printk(XENLOG_WARNING "conring_size=%zu KiB: no memory, ring stays %zu KiB\n",
               size >> 10, ring.size >> 10);
        return -ENOMEM;
    }
    flags = console_lock_irqsave(&nested);
    conring_move(&ring, buf, size);
    console_unlock_irqrestore(flags, nested);
    return 0;
}
presmp_initcall(conring_grow);

/* ---- setup -------------------------------------------------------------- */

void console_init_early(void)
{
    for (unsigned int port = 0; port < SERIAL_MAX_PORTS; port++)
        serial_default_config(port, &com_cfg[port]);
    if (!serial_port_init(SERIAL_COM1, &com_cfg[SERIAL_COM1]))
        console_outputs = 1u << SERIAL_COM1;
}

static const char *const port_names[SERIAL_MAX_PORTS] = { "com1", "com2" };

void console_init_postparse(void)
{
    unsigned int outputs = 0;

    for (unsigned int port = 0; port < SERIAL_MAX_PORTS; port++) {
        int rc;

        if (!(opt_console & (1u << port)))
            continue;
        rc = serial_port_init(port, &com_cfg[port]);
        if (rc)
            printk(XENLOG_WARNING "%s: no UART at %#x (%d)\n", port_names[port],
                   com_cfg[port].io_base, rc);
        else
            outputs |= 1u << port;
    }
    if (opt_console && !outputs) {
        printk(XENLOG_WARNING "Console: no requested port works; keeping com1\n");
        return;
    }
    console_outputs = outputs;
}

static const char *const level_names[] = { "none", "error", "warning", "info", "all" };

void console_print_config(void)
{
    char baud[16];

    for (unsigned int port = 0; port < SERIAL_MAX_PORTS; port++) {
        const struct uart_config *c = &com_cfg[port];

        if (!(console_outputs & (1u << port)))
            continue;
        if (c->baud)
            snprintf(baud, sizeof(baud), "%u", c->baud);
        else
            strlcpy(baud, "auto", sizeof(baud));
        printk("Console: %s at %#x, %s %u%c%u, irq %u (input polled)\n", port_names[port],
               c->io_base, baud, c->data_bits, c->parity, c->stop_bits, c->irq);
    }
    printk("Console: loglvl %s/%s, ring %zu KiB\n", level_names[xen_loglvl.lower],
           level_names[xen_loglvl.upper], ring.size >> 10);
}
