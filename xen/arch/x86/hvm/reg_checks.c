/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Pure checks on guest-written EFER, PAT and XCR0 values and on saved FPU
 * images, shared by the SVM and VMX backends (see asm/hvm_checks.h);
 * host-tested in tests/unit/test_svm.c.  (Moved out of svm/checks.c for VMX.)
 */
#include <xen/lib.h>
#include <asm/hvm_checks.h>

bool efer_write_valid(uint64_t old, uint64_t new, uint64_t cr0, uint64_t allowed)
{
    if (new & ~(allowed & EFER_GUEST_BITS))
        return false;
    /* Toggling LME with paging on is #GP (APM vol. 2, 14.6.1). */
    if ((cr0 & CR0_PG_BIT) && ((old ^ new) & EFER_LME_BIT))
        return false;
    return true;
}

uint64_t efer_after_write(uint64_t old, uint64_t new)
{
    return (new & ~EFER_LMA_BIT) | (old & EFER_LMA_BIT);
}

bool pat_valid(uint64_t pat)
{
    for (unsigned int i = 0; i < 8; i++) {
        unsigned int type = (pat >> (8 * i)) & 0xff;

        if (type > 7 || type == 2 || type == 3)
            return false;
    }
    return true;
}

bool xcr0_valid(uint64_t xcr0, uint64_t allowed)
{
    if (!(xcr0 & XSTATE_X87) || (xcr0 & ~allowed))
        return false;
    if ((xcr0 & XSTATE_YMM) && !(xcr0 & XSTATE_SSE))
        return false;
    /* AVX-512: all three components or none, and only with AVX. */
    if (xcr0 & XSTATE_AVX512) {
        if ((xcr0 & XSTATE_AVX512) != XSTATE_AVX512 || !(xcr0 & XSTATE_YMM))
            return false;
    }
    return true;
}

bool fxsave_x87_initial(const void *fxsave_area)
{
    const uint64_t *w = fxsave_area;

    if (w[0] != 0x37f || w[1] || w[2])      /* FCW FSW FTW FOP; FIP; FDP */
        return false;
    for (unsigned int i = 4; i < 20; i++)   /* ST0-7: bytes 32..159 */
        if (w[i])
            return false;
    return true;
}
