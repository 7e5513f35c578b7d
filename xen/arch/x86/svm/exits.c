/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * #VMEXIT dispatch: one table row per exit code we handle (handler and
 * name), per-vCPU counters per exit code (folded as checks.h says), and
 * anything without a row crashes the domain -- never the hypervisor.
 *
 * QEMU's SVM has no NRIPS: after an intercepted instruction the length
 * comes from hvm_insn_length(), which fetches and checks the instruction;
 * with NRIPS the VMCB's next RIP is used.  IOIO exits always carry the next
 * RIP in EXITINFO2.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/traps.h>
#include <asm/p2m.h>
#include "svm.h"

typedef void (*exit_fn)(struct vcpu *v, struct vmcb *vmcb);

/* Step over the intercepted instruction: its length, or 0 (domain crashed) if it cannot. */
static int skip_insn(struct vcpu *v, struct vmcb *vmcb, enum hvm_insn insn)
{
    int len;

    if (svm_nrips && vmcb->nrip > v->arch.regs.rip && vmcb->nrip - v->arch.regs.rip <= 15)
        len = vmcb->nrip - v->arch.regs.rip;
    else
        len = hvm_insn_length(v, insn);
    if (len <= 0) {
        domain_crash(v->domain, "cannot decode the instruction at %#lx (exit %#lx, %d)",
                     v->arch.regs.rip, vmcb->exitcode, len);
        return 0;
    }
    v->arch.regs.rip += len;
    vmcb->int_state &= ~INT_STATE_SHADOW;   /* a STI/MOV SS shadow ends here */
    return len;
}

/* After stepping over VMMCALL/VMCALL (@len bytes); a continuation re-executes it. */
static void hypercall(struct vcpu *v, int len)
{
    hvm_hypercall(v);
    if (v->arch.hcall_preempted)
        v->arch.regs.rip -= len;
}

static void exit_nothing(struct vcpu *v, struct vmcb *vmcb)
{
    /* INTR/NMI/SMI: the host took it at STGI.  VINTR: run.c re-evaluates. */
    (void)v; (void)vmcb;
}

static void exit_cpuid(struct vcpu *v, struct vmcb *vmcb)
{
    if (skip_insn(v, vmcb, HVM_INSN_CPUID))
        hvm_cpuid(v);
}

static void exit_msr(struct vcpu *v, struct vmcb *vmcb)
{
    struct guest_regs *r = &v->arch.regs;
    uint32_t msr = r->rcx;
    bool write = vmcb->exitinfo1 & 1;
    uint64_t val = (r->rdx << 32) | (uint32_t)r->rax;
    int rc;

    rc = write ? hvm_msr_write(v, msr, val) : hvm_msr_read(v, msr, &val);
    if (rc) {
        svm_inject_exception(v, TRAP_gp_fault, true, 0);
        return;
    }
    if (!skip_insn(v, vmcb, write ? HVM_INSN_WRMSR : HVM_INSN_RDMSR))
        return;
    if (!write) {
        r->rax = (uint32_t)val;
        r->rdx = val >> 32;
    }
}

static void exit_ioio(struct vcpu *v, struct vmcb *vmcb)
{
    struct guest_regs *r = &v->arch.regs;
    uint32_t info = vmcb->exitinfo1;
    unsigned int size = (info >> IOIO_SIZE_SHIFT) & 7;   /* 1, 2 or 4 */
    uint16_t port = info >> IOIO_PORT_SHIFT;
    bool in = info & IOIO_IN;
    uint32_t val = r->rax;

    if ((info & IOIO_STR) || (size != 1 && size != 2 && size != 4)) {
        domain_crash(v->domain, "string I/O on port %#x is not supported", port);
        return;
    }
    hvm_io(v, port, size, in, &val);
    if (in) {
        if (size == 4)
            r->rax = val;                       /* 32-bit writes zero-extend */
        else {
            uint64_t mask = size == 1 ? 0xff : 0xffff;

            r->rax = (r->rax & ~mask) | (val & mask);
        }
    }
    r->rip = vmcb->exitinfo2;
    vmcb->int_state &= ~INT_STATE_SHADOW;
}

static void exit_hlt(struct vcpu *v, struct vmcb *vmcb)
{
    if (skip_insn(v, vmcb, HVM_INSN_HLT))
        hvm_hlt(v);
}

static void exit_vmmcall(struct vcpu *v, struct vmcb *vmcb)
{
    int len = skip_insn(v, vmcb, HVM_INSN_VMMCALL);

    if (len)
        hypercall(v, len);
}

/* #UD: a guest written for Intel uses VMCALL; anything else gets its #UD. */
static void exit_ud(struct vcpu *v, struct vmcb *vmcb)
{
    int len = hvm_insn_length(v, HVM_INSN_VMCALL);

    if (len > 0) {
        v->arch.regs.rip += len;
        vmcb->int_state &= ~INT_STATE_SHADOW;
        hypercall(v, len);
        return;
    }
    svm_inject_exception(v, TRAP_invalid_op, false, 0);
}

/* SVM instructions, MONITOR/MWAIT: not offered to guests. */
static void exit_inject_ud(struct vcpu *v, struct vmcb *vmcb)
{
    (void)vmcb;
    svm_inject_exception(v, TRAP_invalid_op, false, 0);
}

static void exit_wbinvd(struct vcpu *v, struct vmcb *vmcb)
{
    /* No device is passed through: caches need no flushing for the guest. */
    skip_insn(v, vmcb, vmcb->exitcode == SVM_EXIT_INVD ? HVM_INSN_INVD : HVM_INSN_WBINVD);
}

static void exit_xsetbv(struct vcpu *v, struct vmcb *vmcb)
{
    struct guest_regs *r = &v->arch.regs;
    static const uint8_t xsetbv_bytes[3] = { 0x0f, 0x01, 0xd1 };
    uint8_t insn[3];

    /* No HVM_INSN_XSETBV: check the bytes at CS:RIP ourselves. */
    if (copy_from_guest_virt(v, insn, vmcb->cs.base + r->rip, 3) ||
        memcmp(insn, xsetbv_bytes, 3)) {
        domain_crash(v->domain, "XSETBV exit, but no XSETBV at %#lx", r->rip);
        return;
    }
    if (vmcb->cpl || hvm_fpu_xsetbv(v, r->rcx, (r->rdx << 32) | (uint32_t)r->rax)) {
        svm_inject_exception(v, TRAP_gp_fault, true, 0);
        return;
    }
    r->rip += 3;
    vmcb->int_state &= ~INT_STATE_SHADOW;
}

static void exit_npf(struct vcpu *v, struct vmcb *vmcb)
{
    uint64_t rip = v->arch.regs.rip;

    hvm_nested_page_fault(v, vmcb->exitinfo2, vmcb->exitinfo1,
                          vmcb->exitintinfo & EVENTINJ_VALID);
    if (v->arch.regs.rip != rip)
        vmcb->int_state &= ~INT_STATE_SHADOW;   /* a discarded store was stepped over */
    if (v->domain->is_shutting_down)
        svm_dump_vcpu(v);           /* it crashed the domain: say in what state */
}

/* For the triple-fault dump: can the guest still translate what delivery needs? */
static void walk_report(struct vcpu *v, const char *what, uint64_t va, uint32_t pfec)
{
    uint64_t gpa = 0;
    p2m_type_t t = 0;
    int rc = guest_virt_to_phys(v, va, pfec, &gpa);
    unsigned long mfn = rc ? ~0ul : p2m_get_entry(v->domain, gpa >> PAGE_SHIFT, &t, NULL);

    printk("    %s va %#lx: walk %d gpa %#lx mfn %#lx type %d\n", what, (unsigned long)va, rc,
           (unsigned long)gpa, (unsigned long)mfn, (int)t);
}

static void exit_shutdown(struct vcpu *v, struct vmcb *vmcb)
{
    svm_dump_vcpu(v);
    walk_report(v, "rip", v->arch.regs.rip, PFEC_insn_fetch);
    walk_report(v, "rsp", v->arch.regs.rsp - 8, PFEC_write);
    walk_report(v, "idt", vmcb->idtr.base, 0);
    domain_crash(v->domain, "triple fault at %04x:%#lx", vmcb->cs.sel, v->arch.regs.rip);
}

/* Slot SVM_SLOT_OTHER: VMEXIT_INVALID, or a code we have never heard of. */
static void exit_invalid(struct vcpu *v, struct vmcb *vmcb)
{
    if (vmcb->exitcode != SVM_EXIT_INVALID) {
        domain_crash(v->domain, "unhandled exit %#lx (unknown)", vmcb->exitcode);
        return;
    }
    svm_dump_vcpu(v);
    domain_crash(v->domain, "VMRUN refused the guest state");
}

struct exit_entry {
    exit_fn fn;
    const char *name;
};

#define EXIT(code, f, n) [code] = { f, n }
/* Exit codes below SVM_SLOT_HIGH, indexed by code. */
static const struct exit_entry exit_table[] = {
    EXIT(SVM_EXIT_EXCP_BASE + TRAP_invalid_op, exit_ud, "#UD"),
    EXIT(SVM_EXIT_INTR,         exit_nothing,   "INTR"),
    EXIT(SVM_EXIT_NMI,          exit_nothing,   "NMI"),
    EXIT(SVM_EXIT_SMI,          exit_nothing,   "SMI"),
    EXIT(SVM_EXIT_VINTR,        exit_nothing,   "VINTR"),
    EXIT(SVM_EXIT_CPUID,        exit_cpuid,     "CPUID"),
    EXIT(SVM_EXIT_INVD,         exit_wbinvd,    "INVD"),
    EXIT(SVM_EXIT_HLT,          exit_hlt,       "HLT"),
    EXIT(SVM_EXIT_INVLPGA,      exit_inject_ud, "INVLPGA"),
    EXIT(SVM_EXIT_IOIO,         exit_ioio,      "IOIO"),
    EXIT(SVM_EXIT_MSR,          exit_msr,       "MSR"),
    EXIT(SVM_EXIT_TASK_SWITCH,  NULL,           "TASK_SWITCH"),
    EXIT(SVM_EXIT_SHUTDOWN,     exit_shutdown,  "SHUTDOWN"),
    EXIT(SVM_EXIT_VMRUN,        exit_inject_ud, "VMRUN"),
    EXIT(SVM_EXIT_VMMCALL,      exit_vmmcall,   "VMMCALL"),
    EXIT(SVM_EXIT_VMLOAD,       exit_inject_ud, "VMLOAD"),
    EXIT(SVM_EXIT_VMSAVE,       exit_inject_ud, "VMSAVE"),
    EXIT(SVM_EXIT_STGI,         exit_inject_ud, "STGI"),
    EXIT(SVM_EXIT_CLGI,         exit_inject_ud, "CLGI"),
    EXIT(SVM_EXIT_SKINIT,       exit_inject_ud, "SKINIT"),
    EXIT(SVM_EXIT_WBINVD,       exit_wbinvd,    "WBINVD"),
    EXIT(SVM_EXIT_MONITOR,      exit_inject_ud, "MONITOR"),
    EXIT(SVM_EXIT_MWAIT,        exit_inject_ud, "MWAIT"),
    EXIT(SVM_EXIT_MWAIT_COND,   exit_inject_ud, "MWAIT_COND"),
    EXIT(SVM_EXIT_XSETBV,       exit_xsetbv,    "XSETBV"),
};
/* Folded slots SVM_SLOT_HIGH..SVM_SLOT_OTHER, indexed by slot - SVM_SLOT_HIGH. */
static const struct exit_entry high_table[SVM_SLOT_OTHER - SVM_SLOT_HIGH + 1] = {
    EXIT(SVM_EXIT_NPF - 0x400,  exit_npf,       "NPF"),
    EXIT(SVM_SLOT_OTHER - SVM_SLOT_HIGH, exit_invalid, "INVALID"),
};
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
_Static_assert(ARRAY_LEN(exit_table) <= SVM_SLOT_HIGH, "low exit table");

static const struct exit_entry *exit_lookup(unsigned int slot)
{
    if (slot < ARRAY_LEN(exit_table))
        return &exit_table[slot];
    if (slot >= SVM_SLOT_HIGH && slot <= SVM_SLOT_OTHER)
        return &high_table[slot - SVM_SLOT_HIGH];
    return NULL;
}

const char *svm_exit_name(unsigned int slot)
{
    const struct exit_entry *e = exit_lookup(slot);

    return e ? e->name : NULL;
}

/*
 * An exit between "sti" and "hlt" (a physical interrupt, typically: the
 * vCPU's own APIC timer, an event-check IPI) reports the STI shadow in
 * int_state with RIP at the HLT.  Hardware restores that shadow on VMRUN,
 * so the guest runs the HLT before any interrupt and wakes from it; QEMU's
 * VMRUN does not (helper_vmrun never reads int_state), so the interrupt
 * went in with RIP still at the HLT -- a VINTR exit at once, then the
 * injection -- its handler returned to the HLT and the vCPU slept with the
 * wake-up it had armed already consumed (the fuzz guest's and ev-ping's
 * hangs).  Do what the shadow guarantees here instead: the HLT is the
 * instruction that runs next, so step over it and halt as its intercept
 * would (hvm_hlt returns at once if an interrupt is pending, which is then
 * injected after the HLT, as on hardware).  Not while an event delivery is
 * pending: that comes first.
 */
static void finish_shadowed_hlt(struct vcpu *v, struct vmcb *vmcb)
{
    int len;

    if (!(vmcb->int_state & INT_STATE_SHADOW) || (vmcb->eventinj & EVENTINJ_VALID) ||
        (to_svm(v)->reinject & EVENTINJ_VALID))
        return;
    len = hvm_insn_length(v, HVM_INSN_HLT);
    if (len <= 0)
        return;                             /* not at a HLT: the shadow is harmless */
    v->arch.regs.rip += len;
    vmcb->int_state &= ~INT_STATE_SHADOW;
    hvm_hlt(v);
}

void svm_handle_exit(struct vcpu *v, struct vmcb *vmcb)
{
    struct svm_vcpu *s = to_svm(v);
    uint64_t code = vmcb->exitcode;
    unsigned int slot = svm_exit_slot(code);
    const struct exit_entry *e = exit_lookup(slot);

    v->arch.exit_count[slot]++;
    if (vmcb->exitintinfo & EVENTINJ_VALID)
        s->reinject = vmcb->exitintinfo;    /* an event was being delivered */
    if (!e || !e->fn) {
        domain_crash(v->domain, "unhandled exit %#lx (%s)", code,
                     e && e->name ? e->name : "unknown");
        return;
    }
    e->fn(v, vmcb);
    if (!v->domain->is_shutting_down)
        finish_shadowed_hlt(v, vmcb);
    s->prev_exit = code;
    s->prev_rip = v->arch.regs.rip;
    s->prev_info1 = vmcb->exitinfo1;
    s->prev_info2 = vmcb->exitinfo2;
    s->prev_intinfo = vmcb->exitintinfo;
}
