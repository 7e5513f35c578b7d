/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Physical memory: the frame table (one struct page_info per machine frame)
 * and the buddy page allocator over it (common/page_alloc.c).
 *
 * Blocks of 2^order frames start at an mfn aligned to 2^order.  Every frame
 * the allocator manages is either free or allocated, and the frame table
 * knows which, so a bad free (double free, not a block head, wrong order,
 * out of range, a frame the allocator never owned) is caught and BUGs.
 * Frames below 1 MiB are never handed out (the AP trampoline lives there).
 *
 * Arch hook contract (the directmap): the arch, or a unit test, provides
 *   arch_mfn_to_virt(mfn)  the always-mapped virtual address of frame @mfn;
 *   arch_virt_to_mfn(va)   the inverse, or INVALID_MFN if @va is not in
 *                          the directmap (callers turn that into a BUG).
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/types.h>
#include <xen/compiler.h>

/* Same definitions as asm/config.h (identical redefinition is allowed). */
#define PAGE_SHIFT      12
#define PAGE_SIZE       (1 << PAGE_SHIFT)
#define MAX_ORDER       20                  /* largest block: 4 GiB */
#define LOW_RESERVED_MFNS 0x100             /* frames below 1 MiB: never allocated */
#define INVALID_MFN     (~0UL)

/* page_info.state: what the allocator knows about the frame. */
#define PGS_UNUSED      0u      /* not RAM, reserved, or not given to the heap */
#define PGS_FREE        1u      /* in a free block */
#define PGS_INUSE       2u      /* in an allocated block */
#define PGS_MASK        0xffu
#define PGF_HEAD        0x100u  /* first frame of its block; order is valid */

struct page_info {
    /*
     * Free list links while free (heap_lock).  While allocated they belong
     * to whoever allocated the block (e.g. a domain's page list).
     */
    struct page_info *next, *prev;
    uint32_t state;         /* PGS_* | PGF_HEAD (heap_lock) */
    uint32_t order;         /* block order, on a block head only (heap_lock) */
    uintptr_t owner;        /* the allocated block's user; zeroed on alloc/free */
    uint32_t refs;          /* extra references, e.g. grant mappings (xen/page_ref.h) */
    uint32_t ref_flags;     /* PGR_* (page_ref_lock) */
};

/* Physical range [start, end) in bytes. */
struct phys_range {
    paddr_t start, end;
};

extern struct page_info *frame_table;
extern unsigned long max_page;      /* frames covered by frame_table */

void *arch_mfn_to_virt(unsigned long mfn);
unsigned long arch_virt_to_mfn(const void *va);

static inline unsigned long page_to_mfn(const struct page_info *pg) { return pg - frame_table; }
static inline struct page_info *mfn_to_page(unsigned long mfn) { return frame_table + mfn; }
static inline void *page_to_virt(const struct page_info *pg) { return arch_mfn_to_virt(page_to_mfn(pg)); }
static inline bool mfn_valid(unsigned long mfn) { return mfn < max_page; }
static inline paddr_t page_to_maddr(const struct page_info *pg)
{
    return (paddr_t)page_to_mfn(pg) << PAGE_SHIFT;
}

/* The page_info of the frame holding @va, or NULL if it has none. */
struct page_info *virt_to_page(const void *va);

/*
 * Set up an empty heap over frames [0, nr_frames), with @table (zeroed by
 * the caller, nr_frames entries) as the frame table.  Nothing is free yet.
 */
void page_alloc_init(struct page_info *table, unsigned long nr_frames);

/* Give free frames [mfn, mfn + nr) to the heap (frames below 1 MiB are skipped). */
void init_heap_pages(unsigned long mfn, unsigned long nr);

/*
 * Give the RAM in [start, end) to the heap, except every frame that touches
 * one of the @nr_resv ranges in @resv.  Partial frames at the edges are dropped.
 */
void init_heap_range(paddr_t start, paddr_t end,
                     const struct phys_range *resv, unsigned int nr_resv);

/* A block of 2^order frames, or NULL if none is free (or order > MAX_ORDER). */
struct page_info *alloc_pages(unsigned int order);
/* Return a block; BUGs on a bad free (see above). */
void free_pages(struct page_info *pg, unsigned int order);
/*
 * Head of the allocated block that contains frame @mfn, or NULL if the
 * frame is not in an allocated block.
 */
struct page_info *page_block_head(unsigned long mfn);
/*
 * Split the allocated block (@pg, @order >= 1) into two allocated blocks
 * of order - 1 (owners unchanged), so either half can be freed on its own.
 * Returns the head of the upper half.  BUGs on a bad block, like free_pages.
 */
struct page_info *split_pages(struct page_info *pg, unsigned int order);

#define MEMF_zero   (1u << 0)       /* zero the memory before returning it */

/* alloc_pages() by directmap address; NULL when exhausted. */
void *alloc_xenheap_pages(unsigned int order, unsigned int memflags);
/* Free a block from alloc_xenheap_pages(); NULL is ignored. */
void free_xenheap_pages(void *va, unsigned int order);

unsigned long total_free_pages(void);
unsigned long total_heap_pages(void);   /* frames ever given to the heap */
/* Number of free blocks of each order, for dumps and tests. */
unsigned long free_blocks_of_order(unsigned int order);
/* Print free pages per order and totals. */
void dump_heap(void);

#endif
