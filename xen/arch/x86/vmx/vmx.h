/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Private interface of the VMX (Intel VT-x) vendor code: per-vCPU and
 * per-pCPU state, the VMX instructions, and the functions the files of
 * xen/arch/x86/vmx/ share.  The rest of the hypervisor sees VMX only
 * through struct hvm_vendor_ops (asm/hvm.h).
 *
 * A VMCS can only be read or written while it is current on the pCPU doing
 * it, so guest state set from elsewhere (the domain builder, INIT/SIPI from
 * another vCPU, VCPUOP_initialise) goes into a pending copy that run.c
 * loads into the VMCS before the next entry.
 */
#ifndef VMX_VMX_H
#define VMX_VMX_H

#include <xen/types.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/processor.h>
#include <asm/hvm_fpu.h>
#include "vmcs_defs.h"
#include "checks.h"

/* Guest state waiting to be written into the VMCS (see above). */
struct vmx_pending_state {
    struct hvm_seg seg[NR_VMX_SEGS];
    struct hvm_seg gdtr, idtr;
    uint64_t cr0, cr3, cr4, efer;
};

/* Per-vCPU VMX state, behind v->arch.vendor. */
struct vmx_vcpu {
    void *vmcs;
    uint64_t vmcs_pa;
    int vmcs_cpu;                   /* pCPU where the VMCS is active, -1: clear */
    bool launched;                  /* VMRESUME (else VMLAUNCH) */
    bool controls_written;          /* controls are in the VMCS */
    bool load_state;                /* pending state to write before entry */
    struct vmx_pending_state pending;
    uint16_t vpid;
    int last_cpu;                   /* pCPU of the last entry, -1: none */
    bool flush_tlb;                 /* INVEPT + INVVPID before the next entry (atomic) */
    uint32_t entry_ctls;            /* VM-entry controls as last written */
    uint32_t proc_ctls;             /* primary processor-based controls as last written */
    uint64_t cr0_shadow, cr4_shadow;/* the guest's view of the host-owned bits */
    uint8_t cr8;                    /* the guest's CR8 (TPR class), as SVM's V_TPR */
    /* An event whose delivery an exit interrupted (IDT-vectoring), redelivered first. */
    uint32_t reinject, reinject_ec, reinject_len;
    uint32_t inject, inject_ec;     /* an exception queued by inject_exception */
    /* Syscall MSRs the VMCS does not switch: the guest's values. */
    uint64_t star, lstar, cstar, sfmask, kernel_gs_base;
    /* Copies of the guest state for callers off the vCPU's pCPU (get_paging, dump). */
    struct guest_paging paging;
};

/* Per-pCPU VMX state. */
struct vmx_cpu {
    bool up;
    void *vmxon;                    /* VMXON region */
    struct vmx_vcpu *current;       /* whose VMCS is current here */
    struct vmx_vcpu *msr_owner;     /* whose syscall MSRs are loaded */
};

/* Capabilities found by vmx_probe(). */
struct vmx_caps {
    uint32_t revision;
    uint32_t pin, proc, proc2, exit, entry;     /* the controls we use */
    uint64_t cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
    uint64_t ept_vpid;
};

extern struct vmx_cpu vmx_cpus[];
extern struct vmx_caps vmx_caps;
extern uint64_t vmx_msr_bitmap_pa, vmx_io_bitmap_pa[2];

static inline struct vmx_vcpu *to_vmx(struct vcpu *v) { return v->arch.vendor; }

/* ---- VMX instructions ------------------------------------------------- */

static inline uint64_t vmread(uint32_t field)
{
    uint64_t val;

    __asm__ volatile("vmread %1, %0" : "=rm"(val) : "r"((uint64_t)field) : "cc");
    return val;
}

static inline void vmwrite(uint32_t field, uint64_t val)
{
    bool fail;

    __asm__ volatile("vmwrite %1, %2; setna %0" : "=qm"(fail)
                     : "rm"(val), "r"((uint64_t)field) : "cc", "memory");
    if (fail)
        printk(XENLOG_ERR "VMX: VMWRITE %#x = %#lx failed (error %lu)\n",
               field, val, vmread(VMCS_INSN_ERROR));
}

/* VMPTRLD/VMCLEAR/VMXON with a physical address: true on success. */
#define VMX_PA_INSN(name, insn)                                             \
    static inline bool name(uint64_t pa)                                    \
    {                                                                       \
        bool fail;                                                          \
        __asm__ volatile(insn " %1; setna %0" : "=qm"(fail) : "m"(pa)      \
                         : "cc", "memory");                                 \
        return !fail;                                                       \
    }
VMX_PA_INSN(vmptrld, "vmptrld")
VMX_PA_INSN(vmclear, "vmclear")
VMX_PA_INSN(vmxon, "vmxon")

static inline void invept_single(uint64_t eptp)
{
    struct { uint64_t eptp, zero; } desc = { eptp, 0 };

    __asm__ volatile("invept %0, %1" :: "m"(desc), "r"(1ull) : "cc", "memory");
}

static inline void invvpid_single(uint16_t vpid)
{
    struct { uint64_t vpid, gla; } desc = { vpid, 0 };

    __asm__ volatile("invvpid %0, %1" :: "m"(desc), "r"(1ull) : "cc", "memory");
}

/* ---- shared functions ------------------------------------------------- */

/* entry.S: VMLAUNCH (@launched false) or VMRESUME; 0 after a VM exit, 1/2 on VMfailInvalid/Valid. */
int vmx_enter(struct guest_regs *regs, bool launched);
void vmx_exit_stub(void);           /* HOST_RIP */

/* vmcs.c */
int vmx_vcpu_init(struct vcpu *v);
void vmx_vcpu_destroy(struct vcpu *v);
/* Make @v's VMCS current on this pCPU (interrupts on: may IPI its old pCPU). */
void vmx_vmcs_enter(struct vcpu *v, unsigned int cpu);
void vmx_write_pending_state(struct vcpu *v);
void vmx_update_paging_copy(struct vcpu *v);

/* state.c */
void vmx_set_pvh_entry_state(struct vcpu *v, uint32_t eip, uint32_t ebx);
void vmx_set_sipi_state(struct vcpu *v, uint8_t vector);
void vmx_set_vcpu_state(struct vcpu *v, const struct hvm_vcpu_state *st);
void vmx_get_paging(struct vcpu *v, struct guest_paging *pg);
void vmx_set_efer(struct vcpu *v, uint64_t efer);
uint64_t vmx_cr0_host_owned(void);
uint64_t vmx_cr4_host_owned(void);
/* The guest's view of CR0/CR4, and writing it (VMCS current). */
uint64_t vmx_get_cr0(void);
uint64_t vmx_get_cr4(void);
void vmx_set_cr0(uint64_t val);
void vmx_set_cr4(uint64_t val);

/* msr.c */
int vmx_maps_init(void);
int vmx_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vmx_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
void vmx_syscall_msrs_save(struct vmx_vcpu *s);
void vmx_syscall_msrs_load(struct vmx_vcpu *s, unsigned int cpu);

/* run.c */
void vmx_run_once(struct vcpu *v);
void vmx_inject_exception(struct vcpu *v, uint8_t vector, bool has_ec, uint32_t ec);
void vmx_flush_guest_tlbs(struct domain *d);
int vmx_vpid_get(void);
void vmx_vpid_put(uint16_t vpid);

/* cr.c */
void vmx_exit_cr_access(struct vcpu *v, uint64_t qual);

/* exits.c */
void vmx_skip_insn(struct vcpu *v);
const char *vmx_exit_name(unsigned int slot);
void vmx_handle_exit(struct vcpu *v, uint32_t reason);

/* dump.c */
void vmx_dump_vcpu(struct vcpu *v);

#endif
