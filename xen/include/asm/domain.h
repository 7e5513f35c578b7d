/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * x86 parts of struct domain and struct vcpu.  Vendor-neutral: the vendor
 * (SVM or VMX) keeps its own state behind arch_vcpu.vendor.
 */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <xen/types.h>
#include <xen/ratelimit.h>
#include <asm/hvm_params.h>

struct p2m_domain;
struct vlapic;
struct cpuid_policy;

/*
 * Guest general-purpose registers plus RIP/RSP/RFLAGS, as common exit code
 * sees them.  The vendor code keeps this in sync around every exit (on SVM,
 * RAX/RSP/RIP/RFLAGS live in the VMCB: copy them in after #VMEXIT and back
 * before VMRUN).
 */
struct guest_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags;
};

/* Guest FPU state (hvm/fpu.c, asm/hvm_fpu.h), for either vendor. */
struct hvm_fpu {
    void *area;                     /* FXSAVE/XSAVE area */
    unsigned int order;
    int cpu;                        /* pCPU whose registers hold the state, -1 none */
    uint64_t xcr0;                  /* the guest's XCR0 */
};

#define NR_EXIT_COUNTERS 1024   /* SVM exit codes 0..0x403 fold into this */

struct arch_vcpu {
    struct guest_regs regs;
    void *vendor;                   /* struct svm_vcpu / struct vmx_vcpu */
    struct vlapic *vlapic;          /* emulated x2APIC */
    struct hvm_fpu fpu;
    bool hlt_blocked;               /* blocked in HLT (wakes on an interrupt) */
    uint64_t exit_count[NR_EXIT_COUNTERS]; /* per exit code, for the 'q' key */
    uint64_t msr_efer, msr_pat, msr_tsc_aux, msr_apic_base;
    uint64_t hypercall_page_gfn;    /* last value written to the hypercall MSR */
    bool hcall_preempted;           /* hvm_hypercall: re-execute, do not advance RIP */
    bool hcall_64bit;               /* the current hypercall came from 64-bit code */
    uint64_t msr_mtrr_def_type;     /* MTRRdefType (hvm/msr.c; set by vlapic_init) */
    uint8_t evtchn_upcall_vector;   /* HVMOP_set_evtchn_upcall_vector, 0: none (atomic) */
};

struct arch_domain {
    struct p2m_domain *p2m;
    struct cpuid_policy *cpuid;
    bool debug_port_used;
    char debugcon_buf[128];         /* port 0xe9 line buffer, printed as "(d1) ..." */
    unsigned int debugcon_len;
    uint64_t ioport_logged[65536 / 64];   /* ports already logged once */
    /* Rate limits (set up on first use): guest console lines of unprivileged
     * domains (common/guest_console.c); unknown-MSR and unhandled-port
     * messages (hvm/msr.c, hvm/io.c). */
    struct ratelimit debugcon_rl;
    struct ratelimit log_rl;
    struct ratelimit deny_rl;       /* "denied:" lines (common/deny_log.c) */
    struct hvm_params hvm_params;   /* HVMOP_{set,get}_param (asm/hvm_params.h) */
};

#endif
