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
#include <xen/cpumask.h>
#include <asm/config.h>
#include <asm/processor.h>
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

static void flush_ipi(void *unused)
{
    (void)unused;   /* the interrupt itself forced the #VMEXIT */
}

/*
 * After a p2m change: every vCPU of @d takes a fresh ASID before it next
 * enters the guest.  A vCPU running on another pCPU right now is forced
 * out with an IPI (any physical interrupt causes an INTR exit) and, when
 * interrupts are enabled here, we wait for that CPU to have taken the IPI,
 * i.e. to have left the guest: after that no stale translation can be used,
 * so the p2m may free the pages it unlinked.  (With interrupts disabled --
 * only at boot, when no vCPU runs -- the kick is not waited for.)
 */
void svm_flush_guest_tlbs(struct domain *d)
{
    unsigned int self = smp_processor_id(), cpu;
    cpumask_t running;

    cpumask_clear(&running);
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu ? d->vcpu[i] : NULL;

        if (!v || !v->arch.vendor)
            continue;
        __atomic_store_n(&to_svm(v)->asid_gen, 0, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&v->is_running, __ATOMIC_SEQ_CST) && v->processor != self)
            cpumask_set_cpu(v->processor, &running);
    }
    if (cpumask_empty(&running))
        return;
    if (local_irq_is_enabled()) {
        on_selected_cpus(&running, flush_ipi, NULL, true);
        return;
    }

    for_each_cpu(cpu, &running)
        smp_send_event_check_cpu(cpu);
}
