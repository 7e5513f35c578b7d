/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The table logic under the p2m (xen/arch/x86/p2m_pt.c): AMD NPT format,
 * i.e. ordinary x86-64 4-level page tables whose "linear" addresses are
 * guest-physical.  No locking, no TLB flushing: p2m.c does both.  Table
 * pages come from the alloc_table/free_table hooks and are all counted in
 * nr_tables, so teardown can prove that it freed every one.  Host-tested.
 *
 * Entry format (struct p2m_pt_format; NPT unless pt->fmt says otherwise,
 * e.g. p2m_pt_ept from xen/arch/x86/vmx/ept_format.c):
 *   non-leaf  P | RW | US | A  (nested walks are user accesses: every level
 *             needs US, and RW so that the leaf alone decides writability)
 *   leaf      P | US | A, plus RW/D for writable types, PCD|PWT and NX for
 *             MMIO, PSE for 2 MiB; the p2m type in bits 52-58 (software
 *             available; bits 59-62 are left alone for protection keys).
 */
#ifndef ASM_P2M_PT_H
#define ASM_P2M_PT_H

#include <xen/types.h>
#include <asm/p2m.h>

#define P2M_GFN_BITS    36                      /* 48-bit guest-physical */
#define P2M_MAX_GFN     ((1ULL << P2M_GFN_BITS) - 1)
#define P2M_MAX_MFN     ((1UL << 40) - 1)      /* 52-bit machine addresses */
#define P2M_ORDER_2M    9

#define P2M_TYPE_SHIFT  52
#define P2M_TYPE_MASK   (0x7fULL << P2M_TYPE_SHIFT)

/*
 * The vendor's entry bits; the table walk, splitting and accounting are
 * shared.  Both formats keep the frame in bits 12-51 and the p2m type in
 * P2M_TYPE_MASK, and mark a 2 MiB leaf with one bit at level 2.
 */
struct p2m_pt_format {
    const char *name;
    uint64_t present;       /* an entry with any of these bits is present */
    uint64_t table;         /* bits of a non-leaf entry */
    uint64_t large;         /* the 2 MiB leaf bit (level 2) */
    /* Leaf permission/cache bits for type @t, 0 for a type we do not map. */
    uint64_t (*leaf)(p2m_type_t t, bool use_nx);
};
extern const struct p2m_pt_format p2m_pt_npt;

struct p2m_pt {
    const struct p2m_pt_format *fmt;    /* NULL: p2m_pt_npt */
    unsigned long root_mfn;         /* the L4 table (INVALID_MFN before init) */
    unsigned long nr_tables;        /* table pages allocated, root included */
    bool use_nx;                    /* EFER.NXE on the host: NX may be used */
    /* A zeroed page for a table: its mfn, or INVALID_MFN when out of memory. */
    unsigned long (*alloc_table)(struct p2m_pt *pt);
    void (*free_table)(struct p2m_pt *pt, unsigned long mfn);
};

/* What an update did, for the caller's TLB flush and deferred free. */
struct p2m_pt_update {
    bool flush;                     /* a present entry changed or went away */
    unsigned long freed_table;      /* a table unlinked (free after the flush), or INVALID_MFN */
};

/* Allocate the root; 0 or -ENOMEM.  The hooks and use_nx must be set. */
int p2m_pt_init(struct p2m_pt *pt);
/* Free every table page (BUG if the count does not come back to zero). */
void p2m_pt_destroy(struct p2m_pt *pt);
/*
 * Map 2^order frames at @gfn (t != p2m_invalid) or unmap them (t ==
 * p2m_invalid, mfn ignored).  0, -EINVAL or -ENOMEM (nothing changed then,
 * except possibly new empty intermediate tables, which stay counted).
 */
int p2m_pt_set(struct p2m_pt *pt, uint64_t gfn, unsigned long mfn,
               unsigned int order, p2m_type_t t, struct p2m_pt_update *u);
/* Free the table an update unlinked (call after the TLB flush). */
void p2m_pt_release(struct p2m_pt *pt, const struct p2m_pt_update *u);
/* Lookup: mfn (INVALID_MFN if none), type and order if asked. */
unsigned long p2m_pt_get(const struct p2m_pt *pt, uint64_t gfn, p2m_type_t *t,
                         unsigned int *order);
/* The leaf entry bits for type @t at @order (0 for p2m_invalid or a bad type). */
uint64_t p2m_pt_leaf_flags(const struct p2m_pt *pt, p2m_type_t t, unsigned int order);

#endif
