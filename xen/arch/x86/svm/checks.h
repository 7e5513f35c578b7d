/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Pure SVM logic with no hardware access, shared by the hypervisor and the
 * host unit tests (tests/unit/test_svm.c): MSR permission map positions,
 * ASID pools, exit-counter folding and the checks on guest-written EFER,
 * PAT and XCR0 values.
 */
#ifndef SVM_CHECKS_H
#define SVM_CHECKS_H

#include <xen/types.h>

/*
 * MSRPM: 2 bits per MSR (read intercept, then write intercept) in three
 * 2 KiB blocks for MSRs 0-0x1fff, 0xc0000000-0xc0001fff and
 * 0xc0010000-0xc0011fff.  Returns the bit index of @msr's read bit, or -1
 * for an MSR outside those ranges (always intercepted).
 */
long msrpm_bit(uint32_t msr);
#define MSRPM_SIZE      8192
#define IOPM_SIZE       12288

/*
 * A per-pCPU ASID pool: ASIDs 1..max in generations.  A vCPU's ASID is
 * good while its generation equals the pool's; running out starts a new
 * generation, which invalidates every vCPU's ASID on this CPU and needs a
 * full TLB flush.
 */
struct asid_pool { uint64_t gen; uint32_t next, max; };
void asid_pool_init(struct asid_pool *pool, uint32_t nr_asids);
/* Give a vCPU a fresh ASID; true if the whole TLB must be flushed first (needs nr_asids >= 2). */
bool asid_pool_take(struct asid_pool *pool, uint32_t *asid, uint64_t *gen);

/*
 * Exit-counter slots (NR_EXIT_COUNTERS of them): exit codes below 0x3f0 use
 * their own slot, 0x400-0x40e (NPF, AVIC, VMGEXIT) fold into 0x3f0-0x3fe,
 * anything else (VMEXIT_INVALID, unknown codes) counts in 0x3ff.
 */
#define SVM_SLOT_HIGH       0x3f0
#define SVM_SLOT_OTHER      0x3ff
unsigned int svm_exit_slot(uint64_t code);
/* The exit code a slot counts (SVM_SLOT_OTHER gives ~0). */
uint64_t svm_slot_code(unsigned int slot);

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

#endif
