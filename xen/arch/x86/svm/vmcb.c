/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * One VMCB per vCPU: allocation, the intercepts every guest gets, and the
 * architectural start states (PVH entry, INIT/SIPI, VCPUOP_initialise).  The guest's RAX, RSP,
 * RIP and RFLAGS live in the VMCB; run.c copies them to and from
 * v->arch.regs around VMRUN, so the state setters write both.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/errno.h>
#include <xen/bootinfo.h>
#include <asm/config.h>
#include <xen/xmalloc.h>
#include <asm/p2m.h>
#include <asm/traps.h>
#include "svm.h"

#define CR0_PE      (1ull << 0)
#define CR0_ET      (1ull << 4)
#define PAT_RESET   0x0007040600070406ull
#define DR6_RESET   0xffff0ff0ull
#define DR7_RESET   0x400ull

static void set_intercepts(struct vmcb *vmcb)
{
    vmcb->exception_intercepts = 1u << TRAP_invalid_op;    /* VMCALL on AMD */
    /*
     * SMI too, as Xen does: an SMI that arrives in guest mode makes a
     * #VMEXIT and is taken in host context after STGI, instead of entering
     * SMM from the guest.  (Tried against the rare fuzz-run triple faults:
     * not their cause.)
     */
    vmcb->intercepts1 = INTERCEPT1_INTR | INTERCEPT1_NMI | INTERCEPT1_SMI | INTERCEPT1_CPUID |
                        INTERCEPT1_INVD | INTERCEPT1_HLT | INTERCEPT1_INVLPGA |
                        INTERCEPT1_IOIO | INTERCEPT1_MSR | INTERCEPT1_TASK_SWITCH |
                        INTERCEPT1_SHUTDOWN;
    vmcb->intercepts2 = INTERCEPT2_VMRUN | INTERCEPT2_VMMCALL | INTERCEPT2_VMLOAD |
                        INTERCEPT2_VMSAVE | INTERCEPT2_STGI | INTERCEPT2_CLGI |
                        INTERCEPT2_SKINIT | INTERCEPT2_WBINVD | INTERCEPT2_MONITOR |
                        INTERCEPT2_MWAIT | INTERCEPT2_MWAIT_COND | INTERCEPT2_XSETBV;
    vmcb->iopm_base_pa = svm_iopm_pa;
    vmcb->msrpm_base_pa = svm_msrpm_pa;
    vmcb->vintr = VINTR_MASKING;    /* physical interrupts stay with the host */
    vmcb->np_enable = 1;
}

int svm_vcpu_init(struct vcpu *v)
{
    struct svm_vcpu *s = xzalloc(sizeof(*s));
    int rc;

    if (!s)
        return -ENOMEM;
    s->vmcb = alloc_xenheap_pages(0, MEMF_zero);
    if (!s->vmcb) {
        xfree(s);
        return -ENOMEM;
    }
    s->vmcb_pa = __pa(s->vmcb);
    s->asid_cpu = -1;
    v->arch.vendor = s;
    rc = hvm_fpu_vcpu_init(v);
    if (rc) {
        svm_vcpu_destroy(v);
        return rc;
    }
    set_intercepts(s->vmcb);
    s->vmcb->n_cr3 = p2m_root_maddr(v->domain);
    svm_set_sipi_state(v, 0);       /* something valid until the builder sets it */
    return 0;
}

void svm_vcpu_destroy(struct vcpu *v)
{
    struct svm_vcpu *s = to_svm(v);

    if (!s)
        return;
    hvm_fpu_vcpu_destroy(v);
    free_xenheap_pages(s->vmcb, 0);
    xfree(s);
    v->arch.vendor = NULL;
}

static void set_seg(struct vmcb_seg *seg, uint16_t sel, uint16_t attr,
                    uint32_t limit, uint64_t base)
{
    *seg = (struct vmcb_seg){ .sel = sel, .attr = attr, .limit = limit, .base = base };
}

/* Registers and VMCB state common to every reset. */
static void reset_common(struct vcpu *v, struct vmcb *vmcb)
{
    struct svm_vcpu *s = to_svm(v);

    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.rflags = 0x2;
    vmcb->rflags = 0x2;
    vmcb->rsp = 0;
    vmcb->rax = 0;
    vmcb->efer = EFER_SVME;         /* VMRUN needs it; the guest never sees it */
    vmcb->cr4 = 0;
    vmcb->cr3 = 0;
    vmcb->cr2 = 0;
    vmcb->dr6 = DR6_RESET;
    vmcb->dr7 = DR7_RESET;
    vmcb->g_pat = PAT_RESET;
    vmcb->cpl = 0;
    vmcb->int_state = 0;
    vmcb->eventinj = 0;
    vmcb->vintr = VINTR_MASKING;
    vmcb->intercepts1 &= ~INTERCEPT1_VINTR;
    vmcb->star = vmcb->lstar = vmcb->cstar = vmcb->sfmask = 0;
    vmcb->kernel_gs_base = 0;
    vmcb->sysenter_cs = vmcb->sysenter_esp = vmcb->sysenter_eip = 0;
    s->reinject = 0;
    v->arch.fpu.xcr0 = XSTATE_X87;
    v->arch.msr_efer = 0;
    v->arch.msr_pat = PAT_RESET;
}

/* PVH entry (docs/misc/pvh.pandoc): 32-bit flat protected mode, paging off. */
void svm_set_pvh_entry_state(struct vcpu *v, uint32_t eip, uint32_t ebx)
{
    struct vmcb *vmcb = to_svm(v)->vmcb;
    const uint16_t code = 0xc9b, data = 0xc93;  /* G, D/B, P, S, type */

    reset_common(v, vmcb);
    set_seg(&vmcb->cs, 0x08, code, 0xffffffff, 0);
    set_seg(&vmcb->ds, 0x10, data, 0xffffffff, 0);
    vmcb->es = vmcb->ss = vmcb->fs = vmcb->gs = vmcb->ds;
    set_seg(&vmcb->tr, 0x18, 0x8b, 0x67, 0);    /* busy 32-bit TSS */
    set_seg(&vmcb->ldtr, 0, 0x82, 0, 0);
    set_seg(&vmcb->gdtr, 0, 0, 0, 0);
    set_seg(&vmcb->idtr, 0, 0, 0, 0);
    vmcb->cr0 = CR0_PE | CR0_ET;
    vmcb->rip = eip;
    v->arch.regs.rip = eip;
    v->arch.regs.rbx = ebx;
}

/* INIT + SIPI: real mode at @vector << 12 (CS = vector << 8, IP = 0). */
void svm_set_sipi_state(struct vcpu *v, uint8_t vector)
{
    struct vmcb *vmcb = to_svm(v)->vmcb;

    reset_common(v, vmcb);
    set_seg(&vmcb->cs, (uint16_t)vector << 8, 0x9b, 0xffff, (uint64_t)vector << 12);
    set_seg(&vmcb->ds, 0, 0x93, 0xffff, 0);
    vmcb->es = vmcb->ss = vmcb->fs = vmcb->gs = vmcb->ds;
    set_seg(&vmcb->tr, 0, 0x8b, 0xffff, 0);
    set_seg(&vmcb->ldtr, 0, 0x82, 0xffff, 0);
    set_seg(&vmcb->gdtr, 0, 0, 0xffff, 0);
    set_seg(&vmcb->idtr, 0, 0, 0xffff, 0);
    vmcb->cr0 = CR0_ET;
    vmcb->rip = 0;
    v->arch.regs.rip = 0;
}

/* Segments VCPUOP_initialise does not set: as after INIT. */
static void reset_other_segs(struct vmcb *vmcb)
{
    set_seg(&vmcb->fs, 0, 0x93, 0xffff, 0);
    vmcb->gs = vmcb->fs;
    set_seg(&vmcb->ldtr, 0, 0x82, 0xffff, 0);
    set_seg(&vmcb->gdtr, 0, 0, 0xffff, 0);
    set_seg(&vmcb->idtr, 0, 0, 0xffff, 0);
}

static void load_seg(struct vmcb_seg *seg, const struct hvm_seg *s)
{
    set_seg(seg, s->sel, s->attr, s->limit, s->base);
}

/*
 * VCPUOP_initialise: @st was checked by hvm_vcpu_context_check (VMRUN's
 * consistency rules included).  The vCPU gets a fresh ASID, so nothing
 * from an earlier life stays in its TLB.
 */
void svm_set_vcpu_state(struct vcpu *v, const struct hvm_vcpu_state *st)
{
    struct vmcb *vmcb = to_svm(v)->vmcb;

    reset_common(v, vmcb);
    reset_other_segs(vmcb);
    load_seg(&vmcb->cs, &st->cs);
    load_seg(&vmcb->ds, &st->ds);
    load_seg(&vmcb->ss, &st->ss);
    load_seg(&vmcb->es, &st->es);
    load_seg(&vmcb->tr, &st->tr);
    vmcb->cpl = (st->ss.attr >> 5) & 3;
    vmcb->cr0 = st->cr0;
    vmcb->cr3 = st->cr3;
    vmcb->cr4 = st->cr4;
    v->arch.msr_efer = st->efer;
    vmcb->efer = st->efer | EFER_SVME;
    v->arch.regs = st->regs;
    vmcb->rip = st->regs.rip;
    vmcb->rsp = st->regs.rsp;
    vmcb->rax = st->regs.rax;
    vmcb->rflags = st->regs.rflags;
    __atomic_store_n(&to_svm(v)->asid_gen, 0, __ATOMIC_SEQ_CST);
}

void svm_get_paging(struct vcpu *v, struct guest_paging *pg)
{
    const struct vmcb *vmcb = to_svm(v)->vmcb;

    pg->cr0 = vmcb->cr0;
    pg->cr3 = vmcb->cr3;
    pg->cr4 = vmcb->cr4;
    pg->efer = vmcb->efer & ~(uint64_t)EFER_SVME;
    pg->cs_base = vmcb->cs.base;
    pg->cs_long = vmcb->cs.attr & SEG_ATTR_L;
    pg->cs_32 = vmcb->cs.attr & SEG_ATTR_DB;
    pg->cpl = vmcb->cpl;
}
