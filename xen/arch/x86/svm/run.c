/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * One trip into the guest: run_once() enters with CLGI so nothing can
 * interrupt the switch, gives up if this pCPU has softirq work (the
 * scheduler runs it and may call us again), picks the ASID, switches the
 * FPU state if needed, injects an event, VMRUNs, and after #VMEXIT sets
 * GIF again -- a physical interrupt that caused the exit is taken by the
 * host right there -- and then dispatches the exit.
 *
 * Event injection: a redelivery (EXITINTINFO) or a queued exception goes
 * first; else the emulated APIC's best vector is injected if the guest
 * can take it (RFLAGS.IF, no interrupt shadow, above V_TPR); if it cannot,
 * V_IRQ plus the VINTR intercept make the CPU exit as soon as it can.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <xen/sched.h>
#include "svm.h"

#define RFLAGS_IF   (1ull << 9)

/* entry.S hard-codes these offsets. */
_Static_assert(__builtin_offsetof(struct guest_regs, rbx) == 8, "regs");
_Static_assert(__builtin_offsetof(struct guest_regs, rdi) == 40, "regs");
_Static_assert(__builtin_offsetof(struct guest_regs, rbp) == 48, "regs");
_Static_assert(__builtin_offsetof(struct guest_regs, r8) == 64, "regs");
_Static_assert(__builtin_offsetof(struct guest_regs, r15) == 120, "regs");

static uint64_t eventinj(unsigned int vector, unsigned int type, bool has_ec, uint32_t ec)
{
    return vector | ((uint64_t)type << EVENTINJ_TYPE_SHIFT) | EVENTINJ_VALID |
           (has_ec ? EVENTINJ_EV | ((uint64_t)ec << EVENTINJ_EC_SHIFT) : 0);
}

void svm_inject_exception(struct vcpu *v, uint8_t vector, bool has_ec, uint32_t ec)
{
    struct svm_vcpu *s = to_svm(v);
    struct vmcb *vmcb = s->vmcb;

    /* An interrupt whose delivery was cut short is redelivered afterwards. */
    if ((vmcb->eventinj & EVENTINJ_VALID) &&
        ((vmcb->eventinj & EVENTINJ_TYPE_MASK) >> EVENTINJ_TYPE_SHIFT) == X86_EVENTTYPE_EXT_INTR)
        s->reinject = vmcb->eventinj;
    vmcb->eventinj = eventinj(vector, X86_EVENTTYPE_HW_EXCEPTION, has_ec, ec);
}

static bool guest_can_take(const struct vmcb *vmcb, int vector)
{
    return (vmcb->rflags & RFLAGS_IF) && !(vmcb->int_state & INT_STATE_SHADOW) &&
           ((unsigned int)vector >> 4) > (vmcb->vintr & VINTR_TPR_MASK);
}

static void request_window(struct vmcb *vmcb, int vector)
{
    vmcb->vintr = (vmcb->vintr & ~(VINTR_PRIO_MASK | VINTR_IGN_TPR | (0xffull << VINTR_VECTOR_SHIFT))) |
                  VINTR_IRQ | ((uint64_t)(vector >> 4) << VINTR_PRIO_SHIFT) |
                  ((uint64_t)vector << VINTR_VECTOR_SHIFT);
    vmcb->intercepts1 |= INTERCEPT1_VINTR;
}

static void inject_pending(struct vcpu *v, struct vmcb *vmcb)
{
    struct svm_vcpu *s = to_svm(v);
    int vector;

    vmcb->vintr &= ~VINTR_IRQ;
    vmcb->intercepts1 &= ~INTERCEPT1_VINTR;
    if (vmcb->eventinj & EVENTINJ_VALID)
        return;
    if (s->reinject & EVENTINJ_VALID) {
        vmcb->eventinj = s->reinject;
        s->reinject = 0;
        return;
    }
    vector = hvm_pending_interrupt(v);
    if (vector < 16 || vector > 255)
        return;
    if (!guest_can_take(vmcb, vector)) {
        request_window(vmcb, vector);
        return;
    }
    vmcb->eventinj = eventinj(vector, X86_EVENTTYPE_EXT_INTR, false, 0);
    hvm_interrupt_injected(v, vector);
}

static void regs_to_vmcb(const struct guest_regs *r, struct vmcb *vmcb)
{
    vmcb->rax = r->rax;
    vmcb->rsp = r->rsp;
    vmcb->rip = r->rip;
    vmcb->rflags = r->rflags;
}

static void regs_from_vmcb(struct guest_regs *r, const struct vmcb *vmcb)
{
    r->rax = vmcb->rax;
    r->rsp = vmcb->rsp;
    r->rip = vmcb->rip;
    r->rflags = vmcb->rflags;
}

void svm_run_once(struct vcpu *v)
{
    struct svm_vcpu *s = to_svm(v);
    struct vmcb *vmcb = s->vmcb;
    unsigned int cpu = smp_processor_id();

    if (v->domain->is_shutting_down)
        return;
    hvm_fpu_pull(v, cpu);
    svm_clgi();
    if (softirq_pending(cpu)) {
        svm_stgi();
        return;
    }
    svm_asid_prepare(v, vmcb, cpu);
    hvm_fpu_switch_in(v, cpu);
    regs_to_vmcb(&v->arch.regs, vmcb);
    inject_pending(v, vmcb);
    s->last_inj = vmcb->eventinj;

    svm_vmrun(&v->arch.regs, s->vmcb_pa, svm_cpus[cpu].host_vmcb_pa);

    regs_from_vmcb(&v->arch.regs, vmcb);
    vmcb->eventinj = 0;     /* delivered, or reported in EXITINTINFO */
    vmcb->tlb_control = TLB_CTRL_NONE;
    svm_stgi();
    svm_handle_exit(v, vmcb);
}
