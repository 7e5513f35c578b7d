/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest console output (port 0xe9 and the console_io hypercall).  Bytes
 * collect in the domain's line buffer; a newline, a full buffer (the line is
 * split) or guest_console_flush() prints it as "(d<id>) <text>".  Printable
 * ASCII and tab pass through; '\r' is dropped (CRLF line ends); any other
 * byte is shown as \xNN so a guest cannot send terminal escapes to the
 * console.
 *
 * Rate limit (Xen's XENLOG_GUEST idea, made concrete): the control domain is
 * never limited; an unprivileged domain may print a burst of
 * GC_BURST lines, then one line per GC_MS_PER_LINE ms (50 lines/s, about
 * what a 115200-baud serial line carries).  Dropped lines are counted and
 * reported as "(XEN) d<id>: <n> console lines suppressed" before the next
 * line that gets through, or when the domain shuts down
 * (guest_console_flush()).
 */
#include <xen/console.h>
#include <xen/guest_console.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/time.h>

#define GC_BURST        200
#define GC_MS_PER_LINE  20

/* One lock for all domains: console output is serialised anyway. */
static DEFINE_SPINLOCK(gc_lock);

/* Copy @len bytes of @in to @out (room for 4 * @len), escaping; returns bytes written. */
static size_t escape(char *out, const char *in, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = 0;

    for (size_t i = 0; i < len; i++) {
        unsigned char c = in[i];

        if ((c >= 0x20 && c < 0x7f) || c == '\t') {
            out[n++] = c;
        } else {
            out[n++] = '\\';
            out[n++] = 'x';
            out[n++] = hex[c >> 4];
            out[n++] = hex[c & 0xf];
        }
    }
    return n;
}

/* Say how many of @d's lines the rate limit dropped since the last report. */
static void report_suppressed(struct domain *d)
{
    struct ratelimit *rl = &d->arch.debugcon_rl;

    if (rl->missed) {
        printk(XENLOG_WARNING "d%u: %u console lines suppressed\n", d->domain_id, rl->missed);
        rl->missed = 0;
    }
}

static bool line_allowed(struct domain *d)
{
    struct ratelimit *rl = &d->arch.debugcon_rl;

    if (d->is_privileged)
        return true;
    if (!rl->ms_per_msg) {
        rl->ms_per_msg = GC_MS_PER_LINE;
        rl->burst = GC_BURST;
    }
    if (!ratelimit_allow(rl, NOW() / MILLISECS(1)))
        return false;
    report_suppressed(d);
    return true;
}

/* Print and empty @d's line buffer; gc_lock held. */
static void emit_line(struct domain *d)
{
    char line[4 * sizeof(d->arch.debugcon_buf) + 16];
    size_t len = d->arch.debugcon_len, n;

    d->arch.debugcon_len = 0;
    if (len > sizeof(d->arch.debugcon_buf) || !line_allowed(d))
        return;
    n = snprintf(line, 16, "(d%u) ", d->domain_id);
    n += escape(line + n, d->arch.debugcon_buf, len);
    line[n++] = '\n';
    console_write(line, n);
}

void guest_console_write(struct domain *d, const char *buf, size_t len)
{
    unsigned long flags;

    spin_lock_irqsave(&gc_lock, flags);
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];

        if (c == '\n') {
            emit_line(d);
            continue;
        }
        if (c == '\r')
            continue;
        d->arch.debugcon_buf[d->arch.debugcon_len++] = c;
        if (d->arch.debugcon_len >= sizeof(d->arch.debugcon_buf))
            emit_line(d);                   /* long line: split */
    }
    spin_unlock_irqrestore(&gc_lock, flags);
}

void guest_console_flush(struct domain *d)
{
    unsigned long flags;

    spin_lock_irqsave(&gc_lock, flags);
    if (d->arch.debugcon_len)
        emit_line(d);
    report_suppressed(d);                   /* its last lines were dropped */
    spin_unlock_irqrestore(&gc_lock, flags);
}
