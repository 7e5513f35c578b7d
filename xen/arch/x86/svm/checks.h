/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Pure SVM logic with no hardware access, shared by the hypervisor and the
 * host unit tests (tests/unit/test_svm.c): MSR permission map positions,
 * ASID pools and exit-counter folding.
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

#include <asm/hvm_checks.h>   /* EFER, PAT and XCR0 checks (shared with VMX) */

#endif
