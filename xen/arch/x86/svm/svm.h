/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Private interface of the SVM (AMD-V) vendor code: per-vCPU and per-pCPU
 * state and the functions the files of xen/arch/x86/svm/ share.  Nothing
 * outside this directory includes it; the rest of the hypervisor sees SVM
 * only through struct hvm_vendor_ops (asm/hvm.h).
 */
#ifndef SVM_SVM_H
#define SVM_SVM_H

#include <xen/types.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/processor.h>
#include <asm/hvm_fpu.h>
#include "vmcb.h"
#include "checks.h"

struct vcpu;
struct domain;

#define MSR_VM_CR       0xc0010114
#define VM_CR_SVMDIS    (1u << 4)
#define MSR_VM_HSAVE_PA 0xc0010117

/* Per-vCPU SVM state, behind v->arch.vendor. */
struct svm_vcpu {
    struct vmcb *vmcb;
    uint64_t vmcb_pa;
    /* ASID (asid.c): valid on asid_cpu while asid_gen matches that CPU's. */
    uint32_t asid;
    int asid_cpu;                   /* -1: none yet */
    uint64_t asid_gen;              /* 0: invalid, take a new one (atomic) */
    /* An event whose delivery an exit interrupted (EXITINTINFO), redelivered first. */
    uint64_t reinject;
    /* For the crash dump: the event injected by the last VMRUN, the exit before the last. */
    uint64_t last_inj, prev_exit, prev_rip, prev_info1, prev_info2, prev_intinfo;
};

/* Per-pCPU SVM state. */
struct svm_cpu {
    bool up;
    void *hsave;                    /* VM_HSAVE_PA page */
    struct vmcb *host_vmcb;         /* VMSAVE/VMLOAD of the host's FS/GS/TR/... */
    uint64_t host_vmcb_pa;
    struct asid_pool asids;
};

extern struct svm_cpu svm_cpus[];
extern bool svm_nrips;              /* next-RIP saved on intercepts */
extern uint32_t svm_nr_asids;       /* ASIDs including the host's 0 */
extern uint64_t svm_msrpm_pa, svm_iopm_pa;

static inline struct svm_vcpu *to_svm(struct vcpu *v) { return v->arch.vendor; }

/* entry.S: load guest GPRs, VMLOAD/VMRUN/VMSAVE, store them back. */
void svm_vmrun(struct guest_regs *regs, uint64_t vmcb_pa, uint64_t host_vmcb_pa);

static inline void svm_clgi(void) { __asm__ volatile("clgi" ::: "memory"); }
static inline void svm_stgi(void) { __asm__ volatile("stgi" ::: "memory"); }

/* maps.c: the shared MSR and I/O permission maps. */
int svm_maps_init(void);

/* asid.c */
/* Before VMRUN on this CPU (GIF=0): keep or renew v's ASID, set the TLB control. */
void svm_asid_prepare(struct vcpu *v, struct vmcb *vmcb, unsigned int cpu);
void svm_asid_cpu_init(unsigned int cpu);
void svm_flush_guest_tlbs(struct domain *d);

/* vmcb.c */
int svm_vcpu_init(struct vcpu *v);
void svm_vcpu_destroy(struct vcpu *v);
void svm_set_pvh_entry_state(struct vcpu *v, uint32_t eip, uint32_t ebx);
void svm_set_sipi_state(struct vcpu *v, uint8_t vector);
void svm_set_vcpu_state(struct vcpu *v, const struct hvm_vcpu_state *st);
void svm_get_paging(struct vcpu *v, struct guest_paging *pg);

/* msr.c */
int svm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int svm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

/* run.c */
void svm_run_once(struct vcpu *v);
void svm_inject_exception(struct vcpu *v, uint8_t vector, bool has_ec, uint32_t ec);

/* exits.c */
const char *svm_exit_name(unsigned int slot);
void svm_handle_exit(struct vcpu *v, struct vmcb *vmcb);

/* dump.c */
void svm_dump_vcpu(struct vcpu *v);

#endif
