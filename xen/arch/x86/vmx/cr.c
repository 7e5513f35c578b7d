/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Control-register exits: MOV to CR0/CR4 that changes a bit we own (the
 * fixed bits VMX operation needs), MOV to/from CR8 (kept per vCPU as the
 * interrupt priority threshold, as SVM's V_TPR), MOV to/from CR3 (only if
 * the CPU forces CR3 exiting), CLTS and LMSW.  Bad values get #GP.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/traps.h>
#include <asm/hvm_checks.h>
#include "vmx.h"

#define CR0_PE      (1ull << 0)
#define CR0_TS      (1ull << 3)
#define CR0_PG      (1ull << 31)
#define CR4_PAE     (1ull << 5)

/* Exit-qualification GPR number -> struct guest_regs field. */
static uint64_t *gpr(struct vcpu *v, unsigned int n)
{
    struct guest_regs *r = &v->arch.regs;
    uint64_t *const map[16] = {
        &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp, &r->rsi, &r->rdi,
        &r->r8, &r->r9, &r->r10, &r->r11, &r->r12, &r->r13, &r->r14, &r->r15,
    };

    return map[n & 15];
}

/* CR0 write with the long-mode transition VMX leaves to us when it exits. */
static bool guest_write_cr0(struct vcpu *v, uint64_t val)
{
    uint64_t old = vmx_get_cr0(), efer = vmread(VMCS_GUEST_EFER);

    if ((val >> 32) || ((val & CR0_PG) && !(val & CR0_PE)))
        return false;
    if ((val & CR0_PG) && !(old & CR0_PG) && (efer & EFER_LME_BIT)) {
        if (!(vmx_get_cr4() & CR4_PAE))
            return false;
        vmx_set_efer(v, efer | EFER_LMA_BIT);
    } else if (!(val & CR0_PG) && (old & CR0_PG) && (efer & EFER_LMA_BIT)) {
        vmx_set_efer(v, efer & ~EFER_LMA_BIT);
    }
    vmx_set_cr0(val);
    return true;
}

static bool guest_write_cr4(struct vcpu *v, uint64_t val)
{
    if (val & ~hvm_cr4_valid_bits(v->domain->arch.cpuid))
        return false;
    vmx_set_cr4(val);
    return true;
}

static bool mov_to_cr(struct vcpu *v, unsigned int cr, uint64_t val)
{
    switch (cr) {
    case 0: return guest_write_cr0(v, val);
    case 3: vmwrite(VMCS_GUEST_CR3, val); return true;
    case 4: return guest_write_cr4(v, val);
    case 8:
        if (val > 15)
            return false;
        to_vmx(v)->cr8 = val;
        return true;
    }
    return false;
}

void vmx_exit_cr_access(struct vcpu *v, uint64_t qual)
{
    unsigned int cr = CR_QUAL_NR(qual);
    uint64_t *reg = gpr(v, CR_QUAL_GPR(qual));
    bool ok = true;

    switch (CR_QUAL_TYPE(qual)) {
    case 0:
        ok = mov_to_cr(v, cr, *reg);
        break;
    case 1:
        if (cr == 3)
            *reg = vmread(VMCS_GUEST_CR3);
        else if (cr == 8)
            *reg = to_vmx(v)->cr8;
        else
            ok = false;
        break;
    case 2:
        ok = guest_write_cr0(v, vmx_get_cr0() & ~CR0_TS);
        break;
    case 3:     /* LMSW: bits 0-3, and PE cannot be cleared */
        ok = guest_write_cr0(v, (vmx_get_cr0() & ~0xeull) | ((qual >> 16) & 0xf));
        break;
    }
    if (!ok) {
        vmx_inject_exception(v, TRAP_gp_fault, true, 0);
        return;
    }
    vmx_skip_insn(v);
}
