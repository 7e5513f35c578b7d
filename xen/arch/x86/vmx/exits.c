/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * VM-exit dispatch, mirroring svm/exits.c: one table row per basic exit
 * reason we handle (handler and name), per-vCPU counters per reason, and
 * anything without a row crashes the domain -- never the hypervisor.  A
 * failed VM entry (exit reason bit 31: invalid guest state, MSR loading,
 * machine check) is reported with reason and qualification and crashes
 * only that domain.  VMX gives the instruction length of every
 * instruction exit, so no decoding is needed to step over one.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/traps.h>
#include <asm/p2m.h>
#include "vmx.h"

typedef void (*exit_fn)(struct vcpu *v, uint64_t qual);

/* An instruction completed (RIP already past it): STI/MOV SS blocking ends. */
static void end_intr_shadow(void)
{
    uint64_t intr = vmread(VMCS_GUEST_INTERRUPTIBILITY);

    if (intr & (INTR_BLOCK_STI | INTR_BLOCK_MOV_SS))
        vmwrite(VMCS_GUEST_INTERRUPTIBILITY, intr & ~(uint64_t)(INTR_BLOCK_STI | INTR_BLOCK_MOV_SS));
}

/* An instruction that caused the exit is done: step over it, end STI/MOV SS blocking. */
void vmx_skip_insn(struct vcpu *v)
{
    v->arch.regs.rip += vmread(VMCS_EXIT_INSN_LEN);
    end_intr_shadow();
}

static void hypercall(struct vcpu *v, unsigned int len)
{
    hvm_hypercall(v);
    if (v->arch.hcall_preempted)
        v->arch.regs.rip -= len;
}

static void exit_nothing(struct vcpu *v, uint64_t qual)
{
    /* External interrupt: the host took it when interrupts came back on.
     * Interrupt window: run.c re-evaluates. */
    (void)v; (void)qual;
}

/* #UD: a guest written for AMD uses VMMCALL; anything else gets its #UD. NMIs go to the host. */
static void exit_exception(struct vcpu *v, uint64_t qual)
{
    uint32_t info = vmread(VMCS_EXIT_INTR_INFO);
    unsigned int type = (info & INTR_INFO_TYPE_MASK) >> INTR_INFO_TYPE_SHIFT;
    int len;

    (void)qual;
    if (type == X86_EVENTTYPE_NMI) {
        __asm__ volatile("int $2");     /* NMI exiting consumed it: deliver it to us */
        return;
    }
    if ((info & INTR_INFO_VECTOR_MASK) != TRAP_invalid_op) {
        domain_crash(v->domain, "unexpected exception exit (info %#x)", info);
        return;
    }
    len = hvm_insn_length(v, HVM_INSN_VMMCALL);
    if (len > 0) {
        v->arch.regs.rip += len;
        hypercall(v, len);
        return;
    }
    vmx_inject_exception(v, TRAP_invalid_op, false, 0);
}

static void exit_triple_fault(struct vcpu *v, uint64_t qual)
{
    (void)qual;
    domain_crash(v->domain, "triple fault at %04lx:%#lx",
                 vmread(VMCS_GUEST_SEL(SEG_CS)), v->arch.regs.rip);
}

static void exit_cpuid(struct vcpu *v, uint64_t qual)
{
    (void)qual;
    vmx_skip_insn(v);
    hvm_cpuid(v);
}

static void exit_hlt(struct vcpu *v, uint64_t qual)
{
    (void)qual;
    vmx_skip_insn(v);
    hvm_hlt(v);
}

static void exit_vmcall(struct vcpu *v, uint64_t qual)
{
    unsigned int len = vmread(VMCS_EXIT_INSN_LEN);

    (void)qual;
    vmx_skip_insn(v);
    hypercall(v, len);
}

/* VMX instructions, GETSEC, MONITOR/MWAIT, INVPCID without CPUID: not offered to guests. */
static void exit_inject_ud(struct vcpu *v, uint64_t qual)
{
    (void)qual;
    vmx_inject_exception(v, TRAP_invalid_op, false, 0);
}

static void exit_skip(struct vcpu *v, uint64_t qual)
{
    /* INVD/WBINVD: no device is passed through, caches need no flushing. */
    (void)qual;
    vmx_skip_insn(v);
}

static void exit_msr(struct vcpu *v, bool write)
{
    struct guest_regs *r = &v->arch.regs;
    uint32_t msr = r->rcx;
    uint64_t val = (r->rdx << 32) | (uint32_t)r->rax;
    int rc = write ? hvm_msr_write(v, msr, val) : hvm_msr_read(v, msr, &val);

    if (rc) {
        vmx_inject_exception(v, TRAP_gp_fault, true, 0);
        return;
    }
    vmx_skip_insn(v);
    if (!write) {
        r->rax = (uint32_t)val;
        r->rdx = val >> 32;
    }
}

static void exit_rdmsr(struct vcpu *v, uint64_t qual) { (void)qual; exit_msr(v, false); }
static void exit_wrmsr(struct vcpu *v, uint64_t qual) { (void)qual; exit_msr(v, true); }

static void exit_io(struct vcpu *v, uint64_t qual)
{
    struct guest_regs *r = &v->arch.regs;
    unsigned int size = (qual & IO_QUAL_SIZE_MASK) + 1;
    uint16_t port = qual >> IO_QUAL_PORT_SHIFT;
    bool in = qual & IO_QUAL_IN;
    uint32_t val = r->rax;

    if ((qual & IO_QUAL_STRING) || (size != 1 && size != 2 && size != 4)) {
        domain_crash(v->domain, "string I/O on port %#x is not supported", port);
        return;
    }
    hvm_io(v, port, size, in, &val);
    if (in) {
        if (size == 4)
            r->rax = val;
        else {
            uint64_t mask = size == 1 ? 0xff : 0xffff;

            r->rax = (r->rax & ~mask) | (val & mask);
        }
    }
    vmx_skip_insn(v);
}

static void exit_xsetbv(struct vcpu *v, uint64_t qual)
{
    struct guest_regs *r = &v->arch.regs;
    unsigned int cpl = (vmread(VMCS_GUEST_AR(SEG_SS)) >> 5) & 3;

    (void)qual;
    if (cpl || hvm_fpu_xsetbv(v, r->rcx, (r->rdx << 32) | (uint32_t)r->rax)) {
        vmx_inject_exception(v, TRAP_gp_fault, true, 0);
        return;
    }
    vmx_skip_insn(v);
}

static void exit_ept_violation(struct vcpu *v, uint64_t qual)
{
    uint64_t rip = v->arch.regs.rip;

    hvm_nested_page_fault(v, vmread(VMCS_GUEST_PHYS_ADDR), vmx_ept_qual_to_npf(qual),
                          vmread(VMCS_IDT_VECTORING_INFO) & INTR_INFO_VALID);
    if (v->arch.regs.rip != rip)
        end_intr_shadow();              /* a discarded store was stepped over */
}

static void exit_ept_misconfig(struct vcpu *v, uint64_t qual)
{
    (void)qual;
    domain_crash(v->domain, "EPT misconfiguration at gpa %#lx", vmread(VMCS_GUEST_PHYS_ADDR));
}

struct exit_entry {
    exit_fn fn;
    const char *name;
};

#define EXIT(code, f, n) [code] = { f, n }
static const struct exit_entry exit_table[VMX_NR_EXIT_REASONS] = {
    EXIT(VMX_EXIT_EXCEPTION_NMI,  exit_exception,     "EXCEPTION_NMI"),
    EXIT(VMX_EXIT_EXT_INTR,       exit_nothing,       "EXT_INTR"),
    EXIT(VMX_EXIT_TRIPLE_FAULT,   exit_triple_fault,  "TRIPLE_FAULT"),
    EXIT(VMX_EXIT_INIT,           NULL,               "INIT"),
    EXIT(VMX_EXIT_SIPI,           NULL,               "SIPI"),
    EXIT(VMX_EXIT_INTR_WINDOW,    exit_nothing,       "INTR_WINDOW"),
    EXIT(VMX_EXIT_TASK_SWITCH,    NULL,               "TASK_SWITCH"),
    EXIT(VMX_EXIT_CPUID,          exit_cpuid,         "CPUID"),
    EXIT(VMX_EXIT_GETSEC,         exit_inject_ud,     "GETSEC"),
    EXIT(VMX_EXIT_HLT,            exit_hlt,           "HLT"),
    EXIT(VMX_EXIT_INVD,           exit_skip,          "INVD"),
    EXIT(VMX_EXIT_VMCALL,         exit_vmcall,        "VMCALL"),
    EXIT(VMX_EXIT_VMCLEAR,        exit_inject_ud,     "VMCLEAR"),
    EXIT(VMX_EXIT_VMLAUNCH,       exit_inject_ud,     "VMLAUNCH"),
    EXIT(VMX_EXIT_VMPTRLD,        exit_inject_ud,     "VMPTRLD"),
    EXIT(VMX_EXIT_VMPTRST,        exit_inject_ud,     "VMPTRST"),
    EXIT(VMX_EXIT_VMREAD,         exit_inject_ud,     "VMREAD"),
    EXIT(VMX_EXIT_VMRESUME,       exit_inject_ud,     "VMRESUME"),
    EXIT(VMX_EXIT_VMWRITE,        exit_inject_ud,     "VMWRITE"),
    EXIT(VMX_EXIT_VMXOFF,         exit_inject_ud,     "VMXOFF"),
    EXIT(VMX_EXIT_VMXON,          exit_inject_ud,     "VMXON"),
    EXIT(VMX_EXIT_CR_ACCESS,      vmx_exit_cr_access, "CR_ACCESS"),
    EXIT(VMX_EXIT_IO,             exit_io,            "IO"),
    EXIT(VMX_EXIT_RDMSR,          exit_rdmsr,         "RDMSR"),
    EXIT(VMX_EXIT_WRMSR,          exit_wrmsr,         "WRMSR"),
    EXIT(VMX_EXIT_INVALID_STATE,  NULL,               "INVALID_GUEST_STATE"),
    EXIT(VMX_EXIT_MSR_LOADING,    NULL,               "MSR_LOADING"),
    EXIT(VMX_EXIT_MWAIT,          exit_inject_ud,     "MWAIT"),
    EXIT(VMX_EXIT_MONITOR,        exit_inject_ud,     "MONITOR"),
    EXIT(VMX_EXIT_MACHINE_CHECK,  NULL,               "MACHINE_CHECK"),
    EXIT(VMX_EXIT_EPT_VIOLATION,  exit_ept_violation, "EPT_VIOLATION"),
    EXIT(VMX_EXIT_EPT_MISCONFIG,  exit_ept_misconfig, "EPT_MISCONFIG"),
    EXIT(VMX_EXIT_INVEPT,         exit_inject_ud,     "INVEPT"),
    EXIT(VMX_EXIT_INVVPID,        exit_inject_ud,     "INVVPID"),
    EXIT(VMX_EXIT_WBINVD,         exit_skip,          "WBINVD"),
    EXIT(VMX_EXIT_XSETBV,         exit_xsetbv,        "XSETBV"),
    EXIT(VMX_EXIT_VMFUNC,         exit_inject_ud,     "VMFUNC"),
    EXIT(VMX_EXIT_ENCLS,          exit_inject_ud,     "ENCLS"),
};

const char *vmx_exit_name(unsigned int slot)
{
    return slot < VMX_NR_EXIT_REASONS ? exit_table[slot].name : NULL;
}

void vmx_handle_exit(struct vcpu *v, uint32_t reason)
{
    unsigned int basic = reason & 0xffff;
    const struct exit_entry *e = basic < VMX_NR_EXIT_REASONS ? &exit_table[basic] : NULL;
    uint64_t qual = vmread(VMCS_EXIT_QUALIFICATION);

    v->arch.exit_count[basic < NR_EXIT_COUNTERS ? basic : NR_EXIT_COUNTERS - 1]++;
    if (reason & EXIT_REASON_ENTRY_FAILED) {
        domain_crash(v->domain, "VM entry failed: exit reason %u (%s), qualification %#lx",
                     basic, e && e->name ? e->name : "unknown", qual);
        return;
    }
    if (!e || !e->fn) {
        domain_crash(v->domain, "unhandled exit %u (%s), qualification %#lx", basic,
                     e && e->name ? e->name : "unknown", qual);
        return;
    }
    e->fn(v, qual);
}
