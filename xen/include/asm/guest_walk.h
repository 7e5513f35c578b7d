/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Walking a guest's own page tables (xen/arch/x86/guest_walk.c): paging
 * off, 32-bit 2-level (4 MiB pages with CR4.PSE, PSE-36 address bits),
 * PAE (PDPTEs read at walk time) and 4-level long mode (2 MiB / 1 GiB
 * pages).  Table reads go through a callback, so the walker is host-tested;
 * in the hypervisor it reads guest-physical memory through the p2m.
 *
 * Checks: present, reserved bits, canonical addresses (long mode), and the
 * access in @pfec: user (U/S at every level), write (R/W at every level,
 * for supervisor writes only with CR0.WP), instruction fetch (NX with
 * EFER.NXE; SMEP for supervisor fetches from user pages).  Not done: SMAP
 * (needs RFLAGS.AC), protection keys, 5-level paging (refused), setting
 * the guest's accessed/dirty bits.
 */
#ifndef ASM_GUEST_WALK_H
#define ASM_GUEST_WALK_H

#include <xen/types.h>
#include <asm/hvm.h>
#include <asm/p2m.h>

#define GUEST_CR0_PG    (1ULL << 31)
#define GUEST_CR0_WP    (1ULL << 16)
#define GUEST_CR4_PSE   (1ULL << 4)
#define GUEST_CR4_PAE   (1ULL << 5)
#define GUEST_CR4_LA57  (1ULL << 12)
#define GUEST_CR4_SMEP  (1ULL << 20)
#define GUEST_EFER_LMA  (1ULL << 10)
#define GUEST_EFER_NXE  (1ULL << 11)

/* Read @size (4 or 8) bytes of guest-physical memory at @gpa; 0 or -EFAULT. */
typedef int (*guest_read_fn)(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val);

/*
 * Translate @va for an access described by @pfec (PFEC_write, PFEC_user,
 * PFEC_insn_fetch): 0 and *gpa, or -EFAULT (not mapped, reserved bits,
 * not permitted, non-canonical, or a table that cannot be read).
 */
int guest_walk(const struct guest_paging *pg, uint64_t va, uint32_t pfec,
               guest_read_fn read, void *ctx, uint64_t *gpa);

#endif
