/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Vendor-neutral checks on guest-written EFER, PAT and XCR0 values
 * (xen/arch/x86/hvm/reg_checks.c), used by the SVM and VMX MSR and XSETBV
 * handlers.  Pure, host-tested.
 */
#ifndef ASM_HVM_CHECKS_H
#define ASM_HVM_CHECKS_H

#include <xen/types.h>

/* EFER bits the guest may have (guest view: SVME is never visible). */
#define EFER_GUEST_BITS     ((1ull << 0) | (1ull << 8) | (1ull << 10) | (1ull << 11))
#define EFER_LMA_BIT        (1ull << 10)
#define EFER_LME_BIT        (1ull << 8)
#define CR0_PG_BIT          (1ull << 31)
/*
 * May the guest write @new over @old (both guest views) with @cr0 loaded?
 * @allowed: the bits this CPU supports (SCE, LME, LMA, NXE subset).  LMA is
 * read-only and keeps its old value; LME may not change while paging is on.
 */
bool efer_write_valid(uint64_t old, uint64_t new, uint64_t cr0, uint64_t allowed);
/* The value EFER takes after a valid write (LMA preserved). */
uint64_t efer_after_write(uint64_t old, uint64_t new);

/* Every byte of a PAT value is a valid memory type (0, 1, 4, 5, 6, 7). */
bool pat_valid(uint64_t pat);

/* XCR0 bits */
#define XSTATE_X87      (1ull << 0)
#define XSTATE_SSE      (1ull << 1)
#define XSTATE_YMM      (1ull << 2)
#define XSTATE_OPMASK   (1ull << 5)
#define XSTATE_ZMM_HI256 (1ull << 6)
#define XSTATE_HI16_ZMM (1ull << 7)
#define XSTATE_AVX512   (XSTATE_OPMASK | XSTATE_ZMM_HI256 | XSTATE_HI16_ZMM)
/* What we switch and let guests enable (at most). */
#define XSTATE_SUPPORTED (XSTATE_X87 | XSTATE_SSE | XSTATE_YMM | XSTATE_AVX512)
/* Architectural rules for XCR0 plus "only bits in @allowed". */
bool xcr0_valid(uint64_t xcr0, uint64_t allowed);

/*
 * Is the x87 part of this 512-byte FXSAVE image in its initial
 * configuration (the XSAVE definition: what FNINIT leaves, with every ST
 * register zero -- FCW 0x37f; FSW, abridged FTW, FOP, FIP, FDP and ST0-7
 * zero)?  MXCSR and the XMM registers do not count.
 */
bool fxsave_x87_initial(const void *fxsave_area);

#endif
