/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * log_denied(): the rate-limited "(XEN) d<id>: denied: <what>" line of
 * xen/deny.h.  A hostile domain can call into a refusal as fast as it likes,
 * so the bucket (per domain, d->arch.deny_rl) bounds what reaches the
 * console: DENY_BURST lines, then one per DENY_MS_PER_LINE.
 */
#include <xen/deny.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <stdarg.h>

#define DENY_BURST          40
#define DENY_MS_PER_LINE    1000

static DEFINE_SPINLOCK(deny_lock);      /* serialises the buckets */

void log_denied(struct domain *d, const char *fmt, ...)
{
    struct ratelimit *rl = &d->arch.deny_rl;
    unsigned int missed = 0;
    unsigned long flags;
    char what[128];
    va_list ap;
    bool ok;

    spin_lock_irqsave(&deny_lock, flags);
    if (!rl->ms_per_msg) {
        rl->ms_per_msg = DENY_MS_PER_LINE;
        rl->burst = DENY_BURST;
    }
    ok = ratelimit_allow(rl, NOW() / MILLISECS(1));
    if (ok) {
        missed = rl->missed;
        rl->missed = 0;
    }
    spin_unlock_irqrestore(&deny_lock, flags);
    if (!ok)
        return;
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (missed)
        printk(XENLOG_WARNING "d%u: %u denied messages suppressed\n", d->domain_id, missed);
    printk(XENLOG_WARNING "d%u: denied: %s\n", d->domain_id, what);
}
