/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest register state on VMX: the architectural start states (PVH entry
 * in 32-bit flat protected mode without paging -- an unrestricted guest --,
 * INIT/SIPI real mode, VCPUOP_initialise), CR0/CR4 with the bits VMX
 * operation forces (NE, VMXE: owned by us through the guest/host masks,
 * the guest sees its own values in the read shadows), EFER with the
 * "IA-32e mode guest" entry control following LMA, and the paging view the
 * common code walks guest page tables with.
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include <asm/processor.h>
#include <asm/hvm_checks.h>
#include "vmx.h"

#define CR0_PE      (1ull << 0)
#define CR0_ET      (1ull << 4)
#define CR0_PG      (1ull << 31)
#define PAT_RESET   0x0007040600070406ull
#define DR7_RESET   0x400ull

/* Fixed CR0 bits the guest may still clear (unrestricted guest): PE and PG. */
uint64_t vmx_cr0_host_owned(void)
{
    return ((vmx_caps.cr0_fixed0 & ~(CR0_PE | CR0_PG)) | ~vmx_caps.cr0_fixed1) & 0xffffffffull;
}

uint64_t vmx_cr4_host_owned(void)
{
    return (vmx_caps.cr4_fixed0 | ~vmx_caps.cr4_fixed1) & 0xffffffffull;
}

static uint64_t cr0_actual(uint64_t guest)
{
    return vmx_fix_cr(guest, vmx_caps.cr0_fixed0 & ~(CR0_PE | CR0_PG), vmx_caps.cr0_fixed1);
}

static uint64_t cr4_actual(uint64_t guest)
{
    return vmx_fix_cr(guest, vmx_caps.cr4_fixed0, vmx_caps.cr4_fixed1);
}

/* The guest's view of CR0/CR4 (VMCS current). */
uint64_t vmx_get_cr0(void)
{
    uint64_t mask = vmread(VMCS_CR0_MASK);

    return (vmread(VMCS_GUEST_CR0) & ~mask) | (vmread(VMCS_CR0_SHADOW) & mask);
}

uint64_t vmx_get_cr4(void)
{
    uint64_t mask = vmread(VMCS_CR4_MASK);

    return (vmread(VMCS_GUEST_CR4) & ~mask) | (vmread(VMCS_CR4_SHADOW) & mask);
}

void vmx_set_cr0(uint64_t val)
{
    vmwrite(VMCS_GUEST_CR0, cr0_actual(val));
    vmwrite(VMCS_CR0_SHADOW, val);
}

void vmx_set_cr4(uint64_t val)
{
    vmwrite(VMCS_GUEST_CR4, cr4_actual(val));
    vmwrite(VMCS_CR4_SHADOW, val);
}

/* EFER and the entry control that must agree with EFER.LMA (VMCS current). */
void vmx_set_efer(struct vcpu *v, uint64_t efer)
{
    struct vmx_vcpu *s = to_vmx(v);

    s->entry_ctls = (s->entry_ctls & ~ENTRY_IA32E_GUEST) |
                    ((efer & EFER_LMA_BIT) ? ENTRY_IA32E_GUEST : 0);
    vmwrite(VMCS_ENTRY_CTLS, s->entry_ctls);
    vmwrite(VMCS_GUEST_EFER, efer);
    v->arch.msr_efer = efer;
}

static void set_seg(struct hvm_seg *seg, uint16_t sel, uint16_t attr, uint32_t limit, uint64_t base)
{
    *seg = (struct hvm_seg){ .sel = sel, .attr = attr, .limit = limit, .base = base };
}

/* Registers and pending state common to every reset. */
static void reset_common(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);
    struct vmx_pending_state *p = &s->pending;

    memset(&v->arch.regs, 0, sizeof(v->arch.regs));
    v->arch.regs.rflags = 0x2;
    memset(p, 0, sizeof(*p));
    s->reinject = s->inject = 0;
    s->cr8 = 0;
    s->star = s->lstar = s->cstar = s->sfmask = s->kernel_gs_base = 0;
    s->entry_ctls = vmx_caps.entry;
    v->arch.fpu.xcr0 = XSTATE_X87;
    v->arch.msr_efer = 0;
    v->arch.msr_pat = PAT_RESET;
}

/* The pending state is complete: load it before the next entry, with a clean TLB. */
static void state_ready(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);
    struct vmx_pending_state *p = &s->pending;

    s->paging = (struct guest_paging){
        .cr0 = p->cr0, .cr3 = p->cr3, .cr4 = p->cr4, .efer = p->efer,
        .cs_base = p->seg[SEG_CS].base, .cs_long = p->seg[SEG_CS].attr & 0x200,
        .cs_32 = p->seg[SEG_CS].attr & 0x400, .cpl = (p->seg[SEG_SS].attr >> 5) & 3,
    };
    s->entry_ctls = (s->entry_ctls & ~ENTRY_IA32E_GUEST) |
                    ((p->efer & EFER_LMA_BIT) ? ENTRY_IA32E_GUEST : 0);
    __atomic_store_n(&s->load_state, true, __ATOMIC_RELEASE);
    __atomic_store_n(&s->flush_tlb, true, __ATOMIC_RELEASE);
}

/* PVH entry (docs/misc/pvh.pandoc): 32-bit flat protected mode, paging off. */
void vmx_set_pvh_entry_state(struct vcpu *v, uint32_t eip, uint32_t ebx)
{
    struct vmx_pending_state *p = &to_vmx(v)->pending;

    reset_common(v);
    set_seg(&p->seg[SEG_CS], 0x08, 0xc9b, 0xffffffff, 0);
    set_seg(&p->seg[SEG_DS], 0x10, 0xc93, 0xffffffff, 0);
    p->seg[SEG_ES] = p->seg[SEG_SS] = p->seg[SEG_FS] = p->seg[SEG_GS] = p->seg[SEG_DS];
    set_seg(&p->seg[SEG_TR], 0x18, 0x8b, 0x67, 0);
    set_seg(&p->seg[SEG_LDTR], 0, 0x82, 0, 0);
    p->cr0 = CR0_PE | CR0_ET;
    v->arch.regs.rip = eip;
    v->arch.regs.rbx = ebx;
    state_ready(v);
}

/* INIT + SIPI: real mode at @vector << 12 (CS = vector << 8, IP = 0). */
void vmx_set_sipi_state(struct vcpu *v, uint8_t vector)
{
    struct vmx_pending_state *p = &to_vmx(v)->pending;

    reset_common(v);
    set_seg(&p->seg[SEG_CS], (uint16_t)vector << 8, 0x9b, 0xffff, (uint64_t)vector << 12);
    set_seg(&p->seg[SEG_DS], 0, 0x93, 0xffff, 0);
    p->seg[SEG_ES] = p->seg[SEG_SS] = p->seg[SEG_FS] = p->seg[SEG_GS] = p->seg[SEG_DS];
    set_seg(&p->seg[SEG_TR], 0, 0x8b, 0xffff, 0);
    set_seg(&p->seg[SEG_LDTR], 0, 0x82, 0xffff, 0);
    set_seg(&p->gdtr, 0, 0, 0xffff, 0);
    set_seg(&p->idtr, 0, 0, 0xffff, 0);
    p->cr0 = CR0_ET;
    state_ready(v);
}

/* VCPUOP_initialise: @st was checked by hvm_vcpu_context_check. */
void vmx_set_vcpu_state(struct vcpu *v, const struct hvm_vcpu_state *st)
{
    struct vmx_pending_state *p = &to_vmx(v)->pending;

    reset_common(v);
    set_seg(&p->seg[SEG_FS], 0, 0x93, 0xffff, 0);
    p->seg[SEG_GS] = p->seg[SEG_FS];
    set_seg(&p->seg[SEG_LDTR], 0, 0x82, 0xffff, 0);
    set_seg(&p->gdtr, 0, 0, 0xffff, 0);
    set_seg(&p->idtr, 0, 0, 0xffff, 0);
    p->seg[SEG_CS] = st->cs;
    p->seg[SEG_DS] = st->ds;
    p->seg[SEG_SS] = st->ss;
    p->seg[SEG_ES] = st->es;
    p->seg[SEG_TR] = st->tr;
    p->cr0 = st->cr0;
    p->cr3 = st->cr3;
    p->cr4 = st->cr4;
    p->efer = st->efer;
    v->arch.msr_efer = st->efer;
    v->arch.regs = st->regs;
    state_ready(v);
}

/* Write the pending state into the (current) VMCS. */
void vmx_write_pending_state(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);
    const struct vmx_pending_state *p = &s->pending;

    for (unsigned int i = 0; i < NR_VMX_SEGS; i++) {
        vmwrite(VMCS_GUEST_SEL(i), p->seg[i].sel);
        vmwrite(VMCS_GUEST_LIMIT(i), p->seg[i].limit);
        vmwrite(VMCS_GUEST_AR(i), vmx_ar_from_attr(p->seg[i].attr));
        vmwrite(VMCS_GUEST_BASE(i), p->seg[i].base);
    }
    vmwrite(VMCS_GUEST_GDTR_BASE, p->gdtr.base);
    vmwrite(VMCS_GUEST_GDTR_LIMIT, p->gdtr.limit);
    vmwrite(VMCS_GUEST_IDTR_BASE, p->idtr.base);
    vmwrite(VMCS_GUEST_IDTR_LIMIT, p->idtr.limit);
    vmx_set_cr0(p->cr0);
    vmx_set_cr4(p->cr4);
    vmwrite(VMCS_GUEST_CR3, p->cr3);
    vmx_set_efer(v, p->efer);
    vmwrite(VMCS_GUEST_PAT, PAT_RESET);
    vmwrite(VMCS_GUEST_DR7, DR7_RESET);
    vmwrite(VMCS_GUEST_INTERRUPTIBILITY, 0);
    vmwrite(VMCS_GUEST_ACTIVITY, 0);
    vmwrite(VMCS_ENTRY_INTR_INFO, 0);
    s->load_state = false;
}

/* After an exit (VMCS current): the copy get_paging hands out elsewhere. */
void vmx_update_paging_copy(struct vcpu *v)
{
    struct guest_paging *pg = &to_vmx(v)->paging;
    uint32_t cs_ar = vmread(VMCS_GUEST_AR(SEG_CS));

    pg->cr0 = vmx_get_cr0();
    pg->cr3 = vmread(VMCS_GUEST_CR3);
    pg->cr4 = vmx_get_cr4();
    pg->efer = vmread(VMCS_GUEST_EFER);
    pg->cs_base = vmread(VMCS_GUEST_BASE(SEG_CS));
    pg->cs_long = cs_ar & (1u << 13);
    pg->cs_32 = cs_ar & (1u << 14);
    pg->cpl = (vmread(VMCS_GUEST_AR(SEG_SS)) >> 5) & 3;
}

void vmx_get_paging(struct vcpu *v, struct guest_paging *pg)
{
    struct vmx_vcpu *s = to_vmx(v);
    unsigned long flags = local_irq_save();
    unsigned int cpu = smp_processor_id();

    if (vmx_cpus[cpu].current == s && s->vmcs_cpu == (int)cpu && !s->load_state)
        vmx_update_paging_copy(v);
    *pg = s->paging;
    local_irq_restore(flags);
}
