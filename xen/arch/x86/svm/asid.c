/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ASIDs: tag guest TLB entries so that VMRUN/#VMEXIT need no TLB flush.
 * Each pCPU hands out ASIDs 1..N-1 (0 is the host's) from its own pool in
 * generations (checks.c).  A vCPU keeps its ASID while it stays on the same
 * pCPU and the generation is unchanged; it takes a new one when it moved,
 * when the pool wrapped (then the whole TLB is flushed once), or when
 * flush_guest_tlbs() invalidated it.  A never-used ASID of the current
 * generation has no TLB entries, so taking one needs no flush.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include "svm.h"

void svm_asid_cpu_init(unsigned int cpu)
{
    asid_pool_init(&svm_cpus[cpu].asids, svm_nr_asids);
}

void svm_asid_prepare(struct vcpu *v, struct vmcb *vmcb, unsigned int cpu)
{
    struct svm_vcpu *s = to_svm(v);
    struct asid_pool *pool = &svm_cpus[cpu].asids;
    uint64_t gen = __atomic_load_n(&s->asid_gen, __ATOMIC_ACQUIRE);

    vmcb->tlb_control = TLB_CTRL_NONE;
    if (s->asid_cpu == (int)cpu && gen == pool->gen)
        return;
    if (asid_pool_take(pool, &s->asid, &gen))
        vmcb->tlb_control = TLB_CTRL_FLUSH_ALL;
    __atomic_store_n(&s->asid_gen, gen, __ATOMIC_RELEASE);
    s->asid_cpu = cpu;
    vmcb->asid = s->asid;
}

/*
 * After a p2m change: every vCPU of @d takes a fresh ASID before it next
 * enters the guest.  A vCPU running right now is kicked out with an IPI
 * (any physical interrupt causes an INTR exit); this returns without
 * waiting for that exit.
 */
void svm_flush_guest_tlbs(struct domain *d)
{
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu ? d->vcpu[i] : NULL;

        if (!v || !v->arch.vendor)
            continue;
        __atomic_store_n(&to_svm(v)->asid_gen, 0, __ATOMIC_RELEASE);
        if (v->is_running && v->processor != smp_processor_id())
            smp_send_event_check_cpu(v->processor);
    }
}
