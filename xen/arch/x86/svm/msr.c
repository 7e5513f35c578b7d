/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * MSRs whose state lives in the VMCB: EFER and PAT (the common MSR code in
 * hvm/msr.c asks us first).  The VMCB's EFER always has SVME set, which
 * VMRUN requires; the guest neither sees nor sets it.  Everything the
 * guest writes is checked (checks.c); a bad value is #GP.
 */
#include <xen/errno.h>
#include <asm/processor.h>
#include "svm.h"

#define MSR_PAT         0x00000277
#define CPUID_EXT1_EDX_NX (1u << 20)

static uint64_t efer_allowed(void)
{
    uint64_t bits = EFER_SCE | EFER_LME | EFER_LMA_BIT;

    if (cpuid(0x80000001).edx & CPUID_EXT1_EDX_NX)
        bits |= EFER_NXE;
    return bits;
}

int svm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    const struct vmcb *vmcb = to_svm(v)->vmcb;

    switch (msr) {
    case MSR_EFER:
        *val = vmcb->efer & ~(uint64_t)EFER_SVME;
        return 0;
    case MSR_PAT:
        *val = vmcb->g_pat;
        return 0;
    }
    return -ENOENT;
}

int svm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct vmcb *vmcb = to_svm(v)->vmcb;
    uint64_t old = vmcb->efer & ~(uint64_t)EFER_SVME;

    switch (msr) {
    case MSR_EFER:
        if (!efer_write_valid(old, val, vmcb->cr0, efer_allowed()))
            return -EPERM;
        v->arch.msr_efer = efer_after_write(old, val);
        vmcb->efer = v->arch.msr_efer | EFER_SVME;
        return 0;
    case MSR_PAT:
        if (!pat_valid(val))
            return -EPERM;
        vmcb->g_pat = val;
        v->arch.msr_pat = val;
        return 0;
    }
    return -ENOENT;
}
