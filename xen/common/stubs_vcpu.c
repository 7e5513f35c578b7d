/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY weak stand-ins for hooks the vcpu_op code calls (declared and
 * documented in xen/vcpu_op.h) whose real versions come from other work.
 * Each real definition (a normal, strong symbol) replaces its stub at link
 * time; delete a stub once its real one is in main:
 *   send_timer_virq, vcpu_events_pending, vcpu_unmask_events,
 *   evtchn_poll_port              -> event channels (issue 5)
 *   vcpu_force_time_update        -> mem helper / time (issue 7)
 *   vcpu_op_register_vcpu_info    -> mem helper
 */
#include <xen/errno.h>
#include <xen/sched.h>

#define WEAK __attribute__((weak))

/* No event channels yet: VIRQ_TIMER goes nowhere (the vCPU is still woken). */
WEAK void send_timer_virq(struct vcpu *v)
{
    (void)v;
}

WEAK bool vcpu_events_pending(struct vcpu *v)
{
    (void)v;
    return false;
}

WEAK void vcpu_unmask_events(struct vcpu *v)
{
    (void)v;
}

/* No port is valid before event channels exist. */
WEAK int evtchn_poll_port(struct domain *d, uint32_t port)
{
    (void)d, (void)port;
    return -EINVAL;
}

