/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Event-channel upcall settings event delivery reads (asm/hvm_params.h):
 * the per-vCPU vector (HVMOP_set_evtchn_upcall_vector) and the domain-wide
 * callback vector (HVM_PARAM_CALLBACK_IRQ, decoded in params.c).  Event
 * channels (issue 5) add the delivery itself here.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm_params.h>
#include "policy.h"

int hvm_callback_vector(const struct domain *d)
{
    return __atomic_load_n(&d->arch.hvm_params.callback_vector, __ATOMIC_ACQUIRE);
}

uint8_t hvm_upcall_vector(const struct vcpu *v)
{
    return __atomic_load_n(&v->arch.evtchn_upcall_vector, __ATOMIC_ACQUIRE);
}

void hvm_set_upcall_vector(struct vcpu *v, uint8_t vector)
{
    if (hvm_log_allowed(v->domain))
        printk(XENLOG_INFO "d%uv%u: upcall vector %02x\n", v->domain->domain_id,
               v->vcpu_id, vector);
    __atomic_store_n(&v->arch.evtchn_upcall_vector, vector, __ATOMIC_RELEASE);
    /* Issue 5: deliver now if an event is already pending (Xen's hvm_assert_evtchn_irq). */
}
