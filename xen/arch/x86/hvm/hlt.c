/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * HLT exits: the vCPU sleeps until its emulated APIC has an interrupt to
 * deliver.  Race-free against a concurrent delivery: the waker (the vlapic's
 * kick) clears hlt_blocked with an atomic exchange and wakes the vCPU only if
 * it was set; here hlt_blocked is set and the vCPU blocked *before* looking
 * at the IRR again, so an interrupt arriving in between is seen by one side
 * or the other, and the vCPU is woken exactly once.
 * A guest halting with IF=0 and nothing pending sleeps until an INIT/SIPI
 * or the domain's end: its own choice.
 */
#include <asm/hvm.h>
#include <xen/sched.h>

void hvm_hlt(struct vcpu *v)
{
    if (hvm_pending_interrupt(v) >= 0)
        return;
    /*
     * Block first, then publish hlt_blocked: a waker that takes hlt_blocked
     * must find VPF_blocked already set, or its vcpu_wake() would run before
     * our vcpu_block() and the vCPU would sleep with the interrupt pending.
     */
    vcpu_block(v);
    __atomic_store_n(&v->arch.hlt_blocked, true, __ATOMIC_SEQ_CST);
    if (hvm_pending_interrupt(v) >= 0 &&
        __atomic_exchange_n(&v->arch.hlt_blocked, false, __ATOMIC_SEQ_CST))
        vcpu_wake(v);
}
