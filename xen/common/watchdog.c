/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-domain watchdogs (SCHEDOP_watchdog), as in Xen: two per domain.
 * id 0 allocates a free one, arms it for @timeout seconds and returns its
 * id (1 or 2; when both are in use -ENOSPC, zero-extended from 32 bits as
 * Xen 4.17 returns it: 0xffffffe4 in a 64-bit guest's RAX, from an
 * unsigned conditional expression there); a known id is re-armed, or
 * freed with timeout 0; an id not in use is -EINVAL.  When one expires the
 * domain shuts down with reason watchdog, after
 * "Watchdog timer fired for domain <id>".  The timers run on CPU 0.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/timer.h>

static void watchdog_fn(void *data)
{
    struct domain *d = data;

    if (READ_ONCE(d->is_shutting_down) || READ_ONCE(d->is_dying))
        return;
    printk("Watchdog timer fired for domain %u\n", d->domain_id);
    domain_shutdown(d, SHUTDOWN_watchdog);
}

long domain_watchdog(struct domain *d, uint32_t id, uint32_t timeout_s)
{
    struct domain_watchdogs *w = &d->wdog;
    unsigned long flags;
    long rc = 0;

    spin_lock_irqsave(&w->lock, flags);
    if (id == 0) {
        rc = (long)(uint32_t)-ENOSPC;   /* Xen 4.17's value, see above */
        for (unsigned int i = 0; i < NR_DOMAIN_WATCHDOGS; i++) {
            if (w->inuse & (1u << i))
                continue;
            w->inuse |= 1u << i;
            set_timer(&w->timer[i], NOW() + SECONDS(timeout_s));
            rc = i + 1;
            break;
        }
    } else if (id > NR_DOMAIN_WATCHDOGS || !(w->inuse & (1u << (id - 1)))) {
        rc = -EINVAL;
    } else if (timeout_s == 0) {
        stop_timer(&w->timer[id - 1]);
        w->inuse &= ~(1u << (id - 1));
    } else {
        set_timer(&w->timer[id - 1], NOW() + SECONDS(timeout_s));
    }
    spin_unlock_irqrestore(&w->lock, flags);
    return rc;
}

void domain_watchdog_init(struct domain *d)
{
    spin_lock_init(&d->wdog.lock);
    for (unsigned int i = 0; i < NR_DOMAIN_WATCHDOGS; i++)
        init_timer(&d->wdog.timer[i], watchdog_fn, d, 0);
    d->wdog.ready = true;
}

void domain_watchdog_destroy(struct domain *d)
{
    if (!d->wdog.ready)
        return;
    for (unsigned int i = 0; i < NR_DOMAIN_WATCHDOGS; i++)
        kill_timer(&d->wdog.timer[i]);
    d->wdog.inuse = 0;
}
