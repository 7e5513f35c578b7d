/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY weak stand-ins for the FIFO ABI's entry points (declared in
 * xen/event.h) until xen/common/event_fifo.c lands; its strong symbols
 * replace these at link time.  Delete this file then.
 */
#include <xen/errno.h>
#include <xen/event.h>

#define WEAK __attribute__((weak))

WEAK int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *c)
{
    (void)d, (void)c;
    return -ENOSYS;
}

WEAK int evtchn_fifo_expand_array(struct domain *d, struct evtchn_expand_array *e)
{
    (void)d, (void)e;
    return -ENOSYS;
}

WEAK void evtchn_fifo_destroy(struct domain *d)
{
    (void)d;
}

WEAK int evtchn_fifo_set_priority(struct domain *d, uint32_t port, uint32_t priority)
{
    return evtchn_set_priority(d, port, priority);
}
