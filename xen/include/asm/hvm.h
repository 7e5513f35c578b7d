/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hardware-virtualization layer: one vendor ops struct (SVM or VMX)
 * chosen at boot, and the common exit handlers every vendor's exit
 * table calls.  Vendor files never call each other; common code never names
 * a vendor.
 */
#ifndef ASM_HVM_H
#define ASM_HVM_H

#include <xen/types.h>
#include <asm/domain.h>

struct vcpu;
struct domain;
struct cpuid_policy;
struct vcpu_hvm_context;

/* A segment register; attr in the packed SVM layout (public/hvm/hvm_vcpu.h VCPU_HVM_AR_*). */
struct hvm_seg {
    uint16_t sel, attr;
    uint32_t limit;
    uint64_t base;
};

/*
 * A vCPU start state from VCPUOP_initialise, checked and normalised by
 * hvm_vcpu_context_check() (EFER.LMA = LME && CR0.PG, RFLAGS bit 1 set).
 * The vendor applies it on top of a reset (FS, GS, LDTR, GDTR, IDTR as
 * after INIT; other registers zero).
 */
struct hvm_vcpu_state {
    struct guest_regs regs;         /* GPRs, RIP, RFLAGS */
    uint64_t cr0, cr3, cr4, efer;
    struct hvm_seg cs, ds, ss, es, tr;
};

/* Guest paging state, for walking the guest's page tables. */
struct guest_paging {
    uint64_t cr0, cr3, cr4, efer;
    uint64_t cs_base;
    bool cs_long;           /* CS.L in long mode: 64-bit code */
    bool cs_32;             /* CS.D: 32-bit default operand size */
    unsigned int cpl;
};

/* Event types, numbered as SVM EVENTINJ / VMX interruption types. */
#define X86_EVENTTYPE_EXT_INTR  0
#define X86_EVENTTYPE_NMI       2
#define X86_EVENTTYPE_HW_EXCEPTION 3
#define X86_EVENTTYPE_SW_INTERRUPT 4

struct p2m_pt_format;

struct hvm_vendor_ops {
    const char *name;
    const struct p2m_pt_format *p2m_format;    /* nested page table entries; NULL: NPT */
    int (*cpu_up)(void);                    /* enable on this pCPU; 0 or -errno */
    int (*vcpu_init)(struct vcpu *v);       /* allocate VMCB/VMCS, reset state */
    void (*vcpu_destroy)(struct vcpu *v);   /* free all of it */
    /* PVH entry state: 32-bit flat protected mode, paging off, EBX = @ebx, EIP = @eip. */
    void (*set_pvh_entry_state)(struct vcpu *v, uint32_t eip, uint32_t ebx);
    /*
     * Enter the guest once and return after the next exit, having handled
     * it (through the vendor's exit table).  Called with interrupts enabled;
     * injects a pending interrupt first when the guest can take it.
     */
    void (*run_once)(struct vcpu *v);
    void (*inject_exception)(struct vcpu *v, uint8_t vector, bool has_ec, uint32_t ec);
    void (*get_paging)(struct vcpu *v, struct guest_paging *pg);
    void (*flush_guest_tlbs)(struct domain *d);  /* after p2m changes */
    /*
     * MSRs whose state the vendor holds (EFER, PAT, and whatever lives in
     * the VMCB/VMCS): 0 if handled, -ENOENT if not the vendor's (common code
     * then decides), -EPERM for #GP.  Called by hvm_msr_read/write first.
     */
    int (*msr_read)(struct vcpu *v, uint32_t msr, uint64_t *val);
    int (*msr_write)(struct vcpu *v, uint32_t msr, uint64_t val);
    /* INIT/SIPI from the emulated APIC: reset @v and start it in real mode at vector << 12. */
    void (*set_sipi_state)(struct vcpu *v, uint8_t vector);
    /* VCPUOP_initialise: load a checked start state into @v (down, not running). */
    void (*set_vcpu_state)(struct vcpu *v, const struct hvm_vcpu_state *s);
    void (*dump_vcpu)(struct vcpu *v);           /* 'd' debug key */
    /* Name of the exit counted in v->arch.exit_count[@slot], or NULL (for 'q'). */
    const char *(*exit_name)(unsigned int slot);
};

extern const struct hvm_vendor_ops *hvm_ops;   /* NULL: no HVM support */

/*
 * Lifecycle, called by the domain code (xen/arch/x86/hvm/hvm.c):
 *   hvm_domain_init: p2m_init + cpuid_policy_init + hvm_params_init; hvm_domain_destroy: the reverse.
 *   hvm_vcpu_init: vendor vcpu_init + vlapic_init; hvm_vcpu_destroy: the reverse.
 * Each returns 0 or -errno and undoes its own partial work on failure.
 */
int hvm_domain_init(struct domain *d);
void hvm_domain_destroy(struct domain *d);
int hvm_vcpu_init(struct vcpu *v);
void hvm_vcpu_destroy(struct vcpu *v);

/* Emulated local APIC (xen/arch/x86/hvm/vlapic.c). */
int vlapic_init(struct vcpu *v);
void vlapic_destroy(struct vcpu *v);
/* Per-domain CPUID policy (xen/arch/x86/hvm/cpuid.c). */
int cpuid_policy_init(struct domain *d);
void cpuid_policy_destroy(struct domain *d);

/* x2APIC ID of vCPU @vcpu_id, as in Xen (CPUID, APIC ID register and MADT agree). */
static inline uint32_t vcpu_apic_id(unsigned int vcpu_id) { return vcpu_id * 2; }

/*
 * ACPI sleep registers of the hardware-reduced FADT we give PVH guests
 * (I/O space, 8 bits).  Writing SLP_EN (bit 5) with SLP_TYP (bits 2-4) = 5
 * (S5, as in the DSDT's _S5 package) to the control port powers the domain off.
 */
#define PVH_ACPI_SLEEP_CONTROL_PORT 0x4000
#define PVH_ACPI_SLEEP_STATUS_PORT  0x4001
#define PVH_ACPI_SLP_TYP_S5         5

/*
 * Check a guest's struct vcpu_hvm_context as Xen's arch_set_info_hvm_guest
 * does (segments, CR4 bits the domain's CPUID offers, EFER, 32/64-bit mode
 * rules) plus what VMRUN would refuse; fill @out.  0 or -EINVAL, with *why
 * naming the first problem.  Pure: host-tested (hvm/vcpu_context.c).
 */
int hvm_vcpu_context_check(const struct vcpu_hvm_context *ctx, const struct cpuid_policy *p,
                           struct hvm_vcpu_state *out, const char **why);
/*
 * VCPUOP_initialise: check @ctx and load it into @v through the vendor.
 * 0, -EEXIST (already initialised), -EINVAL (bad context), -ENOSYS.
 */
int hvm_vcpu_initialise(struct vcpu *v, const struct vcpu_hvm_context *ctx);
/* CR4 bits a guest with CPUID policy @p may set (Xen's hvm_cr4_guest_valid_bits). */
uint64_t hvm_cr4_valid_bits(const struct cpuid_policy *p);

/* Vendor probes (hvm.c tries them in turn): the ops if usable, else NULL (prints why). */
const struct hvm_vendor_ops *svm_probe(void);
const struct hvm_vendor_ops *vmx_probe(void);

/* Pick the vendor from CPUID and enable it on the boot CPU (prints what it found). */
int hvm_init(void);
/* Enable on an AP (called from start_secondary). */
int hvm_cpu_up(void);

/*
 * Common exit handlers, called from the vendor's exit table with v->arch.regs
 * up to date.  They update regs (and RIP where they say so); the vendor
 * writes regs back before re-entering.
 */
/* CPUID: fills rax..rdx from the domain's policy (RIP not advanced). */
void hvm_cpuid(struct vcpu *v);
/* MSR access: 0 on success, -EPERM when the guest must get #GP. */
int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
/* Port I/O of @size bytes (1/2/4); for IN, *val receives the result. */
void hvm_io(struct vcpu *v, uint16_t port, unsigned int size, bool in, uint32_t *val);
/* HLT: block until an interrupt is pending for the vCPU (RIP already advanced). */
void hvm_hlt(struct vcpu *v);
/*
 * Hypercall from VMMCALL/VMCALL: decodes regs, sets rax (RIP not advanced).
 * If it sets v->arch.hcall_preempted (a continuation: the argument
 * registers now describe the remaining work), the vendor must put RIP back
 * on the VMMCALL/VMCALL (undo its advance) so the guest executes it again.
 */
void hvm_hypercall(struct vcpu *v);
/*
 * Nested page fault at @gpa: fix it or crash the domain.  @delivering: the
 * exit interrupted an event delivery (EXITINTINFO / IDT-vectoring info
 * valid), so the faulting access was the delivery's, not the instruction's.
 */
void hvm_nested_page_fault(struct vcpu *v, uint64_t gpa, uint64_t error_code, bool delivering);

/* Interrupt delivery from the emulated local APIC (and, later, event channels). */
/* Highest-priority deliverable vector, or -1. */
int hvm_pending_interrupt(struct vcpu *v);
/* The 'd' key: the vCPU's emulated APIC and HLT state (vlapic.c). */
void vlapic_dump(struct vcpu *v);
/* The vendor has injected @vector: move it from IRR to ISR. */
void hvm_interrupt_injected(struct vcpu *v, int vector);

/*
 * Instruction length at the guest's RIP, for exits without a next-RIP
 * (QEMU's SVM has no NRIPS): fetches through the guest's page tables and
 * checks that the instruction is the expected one.  Returns the length or
 * -errno (the caller crashes the domain or injects #GP as appropriate).
 */
enum hvm_insn { HVM_INSN_CPUID, HVM_INSN_RDMSR, HVM_INSN_WRMSR, HVM_INSN_HLT,
                HVM_INSN_VMMCALL, HVM_INSN_VMCALL, HVM_INSN_PAUSE, HVM_INSN_INVD,
                HVM_INSN_WBINVD, HVM_INSN_MONITOR, HVM_INSN_MWAIT };
int hvm_insn_length(struct vcpu *v, enum hvm_insn expected);
/* Length of the MOV store at the guest's RIP (write discard), or -errno. */
int hvm_store_length(struct vcpu *v);

#endif
