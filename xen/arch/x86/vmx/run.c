/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * One trip into the guest: run_once() makes the vCPU's VMCS current on
 * this pCPU, disables interrupts, gives up if this pCPU has softirq work
 * (the scheduler runs it and may call us again), flushes the guest TLB
 * when needed, injects an event, and VMLAUNCHes/VMRESUMEs.  After the exit
 * interrupts are enabled again -- an external interrupt that caused the
 * exit is still pending (no "acknowledge on exit") and is taken by the
 * host right there -- and the exit is dispatched.
 *
 * TLB: guest-physical and combined mappings are tagged with the EPTP,
 * linear ones with the vCPU's VPID.  Both are invalidated (single-context
 * INVEPT + INVVPID) before the first entry on a pCPU different from the
 * last one, and after flush_guest_tlbs() (a p2m change) or a new start
 * state.  A vCPU running elsewhere is kicked out with an IPI and waited
 * for, as on SVM, so the p2m may free what it unlinked.
 *
 * Event injection mirrors SVM: a queued exception, else a redelivery
 * (IDT-vectoring information), else the emulated APIC's best vector if the
 * guest can take it (RFLAGS.IF, no STI/MOV SS blocking, above CR8); if it
 * cannot, interrupt-window exiting makes the CPU exit as soon as it can.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/cpumask.h>
#include <xen/param.h>
#include <asm/p2m.h>
#include "vmx.h"

#define RFLAGS_IF   (1ull << 9)

/*
 * Test-only option vmx_test_bad_entry=<domid>: that domain's first VM entry
 * carries an invalid guest state (a misaligned VMCS link pointer), so the
 * integration tests can check that a failed entry is reported with its exit
 * reason and qualification and ends only that domain.
 */
static int opt_bad_entry = -1;
integer_param("vmx_test_bad_entry", opt_bad_entry);

static struct vpid_pool vpids;
static DEFINE_SPINLOCK(vpid_lock);

int vmx_vpid_get(void)
{
    uint16_t vpid;

    spin_lock(&vpid_lock);
    vpid = vpid_alloc(&vpids);
    spin_unlock(&vpid_lock);
    return vpid;
}

void vmx_vpid_put(uint16_t vpid)
{
    spin_lock(&vpid_lock);
    vpid_free(&vpids, vpid);
    spin_unlock(&vpid_lock);
}

static void flush_ipi(void *unused)
{
    (void)unused;   /* the interrupt itself forced the VM exit */
}

void vmx_flush_guest_tlbs(struct domain *d)
{
    unsigned int self = smp_processor_id(), cpu;
    cpumask_t running;

    cpumask_clear(&running);
    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *v = d->vcpu ? d->vcpu[i] : NULL;

        if (!v || !v->arch.vendor)
            continue;
        __atomic_store_n(&to_vmx(v)->flush_tlb, true, __ATOMIC_SEQ_CST);
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

static void tlb_prepare(struct vcpu *v, unsigned int cpu)
{
    struct vmx_vcpu *s = to_vmx(v);

    if (s->last_cpu == (int)cpu && !__atomic_exchange_n(&s->flush_tlb, false, __ATOMIC_ACQ_REL))
        return;
    __atomic_store_n(&s->flush_tlb, false, __ATOMIC_RELEASE);
    invept_single(vmx_eptp(p2m_root_maddr(v->domain)));
    invvpid_single(s->vpid);
    s->last_cpu = cpu;
}

static uint32_t intr_info(unsigned int vector, unsigned int type, bool has_ec)
{
    return vector | (type << INTR_INFO_TYPE_SHIFT) | INTR_INFO_VALID |
           (has_ec ? INTR_INFO_DELIVER_EC : 0);
}

void vmx_inject_exception(struct vcpu *v, uint8_t vector, bool has_ec, uint32_t ec)
{
    struct vmx_vcpu *s = to_vmx(v);

    s->inject = intr_info(vector, X86_EVENTTYPE_HW_EXCEPTION, has_ec);
    s->inject_ec = ec;
}

static void set_intr_window(struct vmx_vcpu *s, bool on)
{
    uint32_t ctls = on ? s->proc_ctls | PROC_INTR_WINDOW : s->proc_ctls & ~PROC_INTR_WINDOW;

    if (ctls != s->proc_ctls) {
        s->proc_ctls = ctls;
        vmwrite(VMCS_PROC_CTLS, ctls);
    }
}

static bool guest_can_take(const struct vmx_vcpu *s, const struct vcpu *v, int vector)
{
    return (v->arch.regs.rflags & RFLAGS_IF) &&
           !(vmread(VMCS_GUEST_INTERRUPTIBILITY) & (INTR_BLOCK_STI | INTR_BLOCK_MOV_SS)) &&
           ((unsigned int)vector >> 4) > s->cr8;
}

static void write_event(uint32_t info, uint32_t ec, uint32_t len)
{
    vmwrite(VMCS_ENTRY_INTR_INFO, info);
    if (info & INTR_INFO_DELIVER_EC)
        vmwrite(VMCS_ENTRY_EXCEPTION_EC, ec);
    vmwrite(VMCS_ENTRY_INSN_LEN, len);
}

static void inject_pending(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);
    int vector;

    set_intr_window(s, false);
    if (s->inject & INTR_INFO_VALID) {
        write_event(s->inject, s->inject_ec, 0);
        s->inject = 0;
        return;
    }
    if (s->reinject & INTR_INFO_VALID) {
        write_event(s->reinject, s->reinject_ec, s->reinject_len);
        s->reinject = 0;
        return;
    }
    vector = hvm_pending_interrupt(v);
    if (vector < 16 || vector > 255)
        return;
    if (!guest_can_take(s, v, vector)) {
        set_intr_window(s, true);
        return;
    }
    write_event(intr_info(vector, X86_EVENTTYPE_EXT_INTR, false), 0, 0);
    hvm_interrupt_injected(v, vector);
}

/* VMLAUNCH/VMRESUME itself failed: the VMCS (not the guest state) is bad. */
static void entry_insn_failed(struct vcpu *v, int rc)
{
    uint64_t err = rc == 2 ? vmread(VMCS_INSN_ERROR) : 0;

    domain_crash(v->domain, "VM entry failed: %s%s (VM-instruction error %lu)",
                 to_vmx(v)->launched ? "VMRESUME" : "VMLAUNCH",
                 rc == 2 ? " VMfailValid" : " VMfailInvalid", err);
}

void vmx_run_once(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);
    unsigned int cpu = smp_processor_id();
    uint32_t reason, idt;
    int rc;

    if (v->domain->is_shutting_down)
        return;
    hvm_fpu_pull(v, cpu);
    vmx_vmcs_enter(v, cpu);             /* interrupts off from here */
    if (softirq_pending(cpu)) {
        local_irq_enable();
        return;
    }
    tlb_prepare(v, cpu);
    hvm_fpu_switch_in(v, cpu);
    vmx_syscall_msrs_load(s, cpu);
    vmwrite(VMCS_GUEST_RIP, v->arch.regs.rip);
    vmwrite(VMCS_GUEST_RSP, v->arch.regs.rsp);
    vmwrite(VMCS_GUEST_RFLAGS, v->arch.regs.rflags);
    inject_pending(v);
    if ((int)v->domain->domain_id == opt_bad_entry && !s->launched)
        vmwrite(VMCS_LINK_POINTER, 1);

    rc = vmx_enter(&v->arch.regs, s->launched);

    if (rc) {
        local_irq_enable();
        entry_insn_failed(v, rc);
        return;
    }
    s->launched = true;
    vmx_syscall_msrs_save(s);
    v->arch.regs.rip = vmread(VMCS_GUEST_RIP);
    v->arch.regs.rsp = vmread(VMCS_GUEST_RSP);
    v->arch.regs.rflags = vmread(VMCS_GUEST_RFLAGS);
    vmwrite(VMCS_ENTRY_INTR_INFO, 0);   /* delivered, or reported as IDT vectoring */
    reason = vmread(VMCS_EXIT_REASON);
    idt = vmread(VMCS_IDT_VECTORING_INFO);
    if (idt & INTR_INFO_VALID) {
        s->reinject = idt;
        s->reinject_ec = vmread(VMCS_IDT_VECTORING_EC);
        s->reinject_len = vmread(VMCS_EXIT_INSN_LEN);
    }
    vmx_update_paging_copy(v);
    local_irq_enable();
    vmx_handle_exit(v, reason);
}
