/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * VCPUOP_initialise for HVM/PVH: give a vCPU that has no start state yet
 * (never started, or reset by INIT) the one the guest describes, as Xen's
 * arch_initialise_vcpu: -EEXIST once initialised (by the domain builder,
 * INIT/SIPI or an earlier VCPUOP_initialise), -EINVAL for a bad context
 * (the reason is logged, rate-limited).  The vCPU stays down until
 * VCPUOP_up.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include "policy.h"

int hvm_vcpu_initialise(struct vcpu *v, const struct vcpu_hvm_context *ctx)
{
    struct hvm_vcpu_state st;
    int none = VCPU_UNINITIALISED;
    const char *why;

    if (!hvm_ops || !hvm_ops->set_vcpu_state)
        return -ENOSYS;
    if (!__atomic_compare_exchange_n(&v->vop.initialised, &none, VCPU_INITIALISING, false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        return -EEXIST;
    if (hvm_vcpu_context_check(ctx, v->domain->arch.cpuid, &st, &why)) {
        if (hvm_log_allowed(v->domain))
            printk(XENLOG_WARNING "d%u v%u: VCPUOP_initialise: %s\n",
                   v->domain->domain_id, v->vcpu_id, why);
        vcpu_set_initialised(v, false);
        return -EINVAL;
    }
    vcpu_down(v);                   /* it is; make sure, as Xen does */
    vcpu_pause(v);                  /* off its pCPU: never the caller, which is up */
    hvm_ops->set_vcpu_state(v, &st);
    vcpu_set_initialised(v, true);
    vcpu_unpause(v);
    return 0;
}
