/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY weak stand-ins for the event-channel core (the evtchn helper's
 * event_channel.c) until it is in main; delete this file then.
 */
#include <xen/event.h>
#include <xen/sched.h>

#define WEAK __attribute__((weak))

WEAK struct evtchn *evtchn_from_port(struct domain *d, uint32_t port)
{
    (void)d, (void)port;
    return NULL;
}

WEAK void vcpu_mark_events_pending(struct vcpu *v)
{
    (void)v;
}

/* The 2-level ops a domain returns to when its FIFO state is destroyed. */
WEAK const struct evtchn_port_ops evtchn_port_ops_2l;
