/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Buddy page allocator over the frame table.  One free list per order; a
 * free block of order k starts at an mfn aligned to 2^k and its buddy is at
 * mfn ^ 2^k.  Every managed frame carries PGS_FREE or PGS_INUSE, and block
 * heads carry PGF_HEAD and the order, so frees are fully checked.  Like
 * Xen, alloc and free touch every frame of the block (O(2^order)).
 * Arch independent: memory is reached only through arch_mfn_to_virt().
 */
#include <xen/mm.h>
#include <xen/lib.h>
#include <xen/spinlock.h>

struct page_info *frame_table;
unsigned long max_page;

static DEFINE_SPINLOCK(heap_lock);
/* All below are protected by heap_lock. */
static struct page_info *free_head[MAX_ORDER + 1];
static unsigned long free_count[MAX_ORDER + 1];     /* blocks per order */
static unsigned long free_pages_total, heap_pages_total;

static void list_push(unsigned int order, struct page_info *pg)
{
    pg->prev = NULL;
    pg->next = free_head[order];
    if (pg->next)
        pg->next->prev = pg;
    free_head[order] = pg;
    free_count[order]++;
}

static void list_del(unsigned int order, struct page_info *pg)
{
    if (pg->prev)
        pg->prev->next = pg->next;
    else
        free_head[order] = pg->next;
    if (pg->next)
        pg->next->prev = pg->prev;
    pg->next = pg->prev = NULL;
    free_count[order]--;
}

void page_alloc_init(struct page_info *table, unsigned long nr_frames)
{
    frame_table = table;
    max_page = nr_frames;
    for (unsigned int i = 0; i <= MAX_ORDER; i++) {
        free_head[i] = NULL;
        free_count[i] = 0;
    }
    free_pages_total = heap_pages_total = 0;
}

/* Mark [mfn, mfn + 2^order) free and merge it with free buddies. */
static void heap_insert(unsigned long mfn, unsigned int order)
{
    for (unsigned long i = 0; i < (1UL << order); i++) {
        frame_table[mfn + i].state = PGS_FREE;
        frame_table[mfn + i].owner = 0;
    }
    free_pages_total += 1UL << order;

    while (order < MAX_ORDER) {
        unsigned long buddy = mfn ^ (1UL << order);
        struct page_info *b = &frame_table[buddy];

        if (buddy >= max_page || b->state != (PGS_FREE | PGF_HEAD) || b->order != order)
            break;
        list_del(order, b);
        b->state = PGS_FREE;
        mfn &= ~(1UL << order);
        order++;
    }
    frame_table[mfn].state = PGS_FREE | PGF_HEAD;
    frame_table[mfn].order = order;
    list_push(order, &frame_table[mfn]);
}

/* Largest order a block at @mfn may have, given @nr frames left. */
static unsigned int fit_order(unsigned long mfn, unsigned long nr)
{
    unsigned int order = 0;

    while (order < MAX_ORDER && !(mfn & (1UL << order)) && (2UL << order) <= nr)
        order++;
    return order;
}

void init_heap_pages(unsigned long mfn, unsigned long nr)
{
    unsigned long flags;

    if (mfn < LOW_RESERVED_MFNS) {
        unsigned long skip = LOW_RESERVED_MFNS - mfn;
        nr = nr > skip ? nr - skip : 0;
        mfn = LOW_RESERVED_MFNS;
    }
    BUG_ON(mfn > max_page || nr > max_page - mfn);

    spin_lock_irqsave(&heap_lock, flags);
    for (unsigned long i = 0; i < nr; i++) {
        if (frame_table[mfn + i].state != PGS_UNUSED) {
            spin_unlock_irqrestore(&heap_lock, flags);
            panic("init_heap_pages: mfn %#lx given to the heap twice", mfn + i);
        }
    }
    heap_pages_total += nr;
    while (nr) {
        unsigned int order = fit_order(mfn, nr);
        heap_insert(mfn, order);
        mfn += 1UL << order;
        nr -= 1UL << order;
    }
    spin_unlock_irqrestore(&heap_lock, flags);
}

void init_heap_range(paddr_t start, paddr_t end,
                     const struct phys_range *resv, unsigned int nr_resv)
{
    unsigned long s = ROUNDUP(start, (paddr_t)PAGE_SIZE) >> PAGE_SHIFT;
    unsigned long e = ROUNDDOWN(end, (paddr_t)PAGE_SIZE) >> PAGE_SHIFT;

    while (s < e) {
        unsigned long cut = e;      /* first reserved frame at or after s */
        bool hit = false;

        for (unsigned int i = 0; i < nr_resv; i++) {
            unsigned long rs, re;
            if (resv[i].end <= resv[i].start)
                continue;
            rs = resv[i].start >> PAGE_SHIFT;
            re = ROUNDUP(resv[i].end, (paddr_t)PAGE_SIZE) >> PAGE_SHIFT;
            if (rs <= s && re > s) {        /* s itself is reserved: skip past */
                s = re;
                hit = true;
                break;
            }
            if (rs > s && rs < cut)
                cut = rs;
        }
        if (hit)
            continue;
        init_heap_pages(s, cut - s);
        s = cut;
    }
}

struct page_info *alloc_pages(unsigned int order)
{
    unsigned long flags, mfn;
    unsigned int j;
    struct page_info *pg;

    if (order > MAX_ORDER)
        return NULL;
    spin_lock_irqsave(&heap_lock, flags);
    for (j = order; j <= MAX_ORDER && !free_head[j]; j++)
        ;
    if (j > MAX_ORDER) {
        spin_unlock_irqrestore(&heap_lock, flags);
        return NULL;
    }
    pg = free_head[j];
    list_del(j, pg);
    mfn = page_to_mfn(pg);
    while (j > order) {             /* split: give back the upper halves */
        struct page_info *upper;
        j--;
        upper = &frame_table[mfn + (1UL << j)];
        upper->state = PGS_FREE | PGF_HEAD;
        upper->order = j;
        list_push(j, upper);
    }
    for (unsigned long i = 0; i < (1UL << order); i++) {
        pg[i].state = PGS_INUSE;
        pg[i].owner = 0;
    }
    pg->state = PGS_INUSE | PGF_HEAD;
    pg->order = order;
    free_pages_total -= 1UL << order;
    spin_unlock_irqrestore(&heap_lock, flags);
    return pg;
}

/*
 * Index of @pg in the frame table, or INVALID_MFN if @pg is not exactly an
 * entry (computed on integers: pointer subtraction would assume it is).
 */
static unsigned long frame_index(const struct page_info *pg)
{
    uintptr_t off = (uintptr_t)pg - (uintptr_t)frame_table;

    if ((uintptr_t)pg < (uintptr_t)frame_table || off % sizeof(*pg) ||
        off / sizeof(*pg) >= max_page)
        return INVALID_MFN;
    return off / sizeof(*pg);
}

/* Why freeing (@pg, @order) is wrong, or NULL if it is fine.  heap_lock held. */
static const char *bad_free(const struct page_info *pg, unsigned int order)
{
    unsigned long mfn = frame_index(pg);

    if (mfn == INVALID_MFN)
        return "frame out of range";
    if (order > MAX_ORDER || (1UL << order) > max_page - mfn)
        return "order out of range";
    switch (pg->state & PGS_MASK) {
    case PGS_FREE:
        return "double free";
    case PGS_UNUSED:
        return "frame not owned by the allocator";
    }
    if (!(pg->state & PGF_HEAD))
        return "frame is not the head of an allocated block";
    if (pg->order != order)
        return "wrong order";
    for (unsigned long i = 1; i < (1UL << order); i++)
        if (pg[i].state != PGS_INUSE)
            return "block corrupted (tail frame not in use)";
    return NULL;
}

void free_pages(struct page_info *pg, unsigned int order)
{
    unsigned long flags;
    const char *why;

    spin_lock_irqsave(&heap_lock, flags);
    why = bad_free(pg, order);
    if (why) {
        spin_unlock_irqrestore(&heap_lock, flags);
        panic("free_pages: %s (mfn %#lx, order %u)", why, frame_index(pg), order);
    }
    heap_insert(page_to_mfn(pg), order);
    spin_unlock_irqrestore(&heap_lock, flags);
}

struct page_info *page_block_head(unsigned long mfn)
{
    struct page_info *head = NULL;
    unsigned long flags;

    if (!mfn_valid(mfn))
        return NULL;
    spin_lock_irqsave(&heap_lock, flags);
    if ((frame_table[mfn].state & PGS_MASK) == PGS_INUSE) {
        /* Going down from @mfn by alignment, the first head is its block's. */
        for (unsigned int k = 0; k <= MAX_ORDER; k++) {
            struct page_info *pg = &frame_table[mfn & ~((1UL << k) - 1)];
            if (pg->state == (PGS_INUSE | PGF_HEAD)) {
                if (page_to_mfn(pg) + (1UL << pg->order) > mfn)
                    head = pg;
                break;
            }
        }
    }
    spin_unlock_irqrestore(&heap_lock, flags);
    return head;
}

struct page_info *split_pages(struct page_info *pg, unsigned int order)
{
    struct page_info *upper;
    unsigned long flags;
    const char *why;

    spin_lock_irqsave(&heap_lock, flags);
    why = order == 0 ? "order 0" : bad_free(pg, order);
    if (why) {
        spin_unlock_irqrestore(&heap_lock, flags);
        panic("split_pages: %s (mfn %#lx, order %u)", why, frame_index(pg), order);
    }
    upper = pg + (1UL << (order - 1));
    upper->state = PGS_INUSE | PGF_HEAD;
    upper->order = order - 1;
    pg->order = order - 1;
    spin_unlock_irqrestore(&heap_lock, flags);
    return upper;
}

struct page_info *virt_to_page(const void *va)
{
    unsigned long mfn = arch_virt_to_mfn(va);

    return mfn_valid(mfn) ? mfn_to_page(mfn) : NULL;
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = alloc_pages(order);
    void *va;

    if (!pg)
        return NULL;
    va = page_to_virt(pg);
    if (memflags & MEMF_zero)
        memset(va, 0, (size_t)PAGE_SIZE << order);
    return va;
}

void free_xenheap_pages(void *va, unsigned int order)
{
    struct page_info *pg;

    if (!va)
        return;
    pg = virt_to_page(va);
    if (!pg || ((uintptr_t)va & (PAGE_SIZE - 1)))
        panic("free_xenheap_pages: %p is not a heap page", va);
    free_pages(pg, order);
}

unsigned long total_free_pages(void) { return READ_ONCE(free_pages_total); }
unsigned long total_heap_pages(void) { return READ_ONCE(heap_pages_total); }

unsigned long free_blocks_of_order(unsigned int order)
{
    return order <= MAX_ORDER ? READ_ONCE(free_count[order]) : 0;
}

void dump_heap(void)
{
    for (unsigned int i = 0; i <= MAX_ORDER; i++)
        if (free_count[i])
            printk(" order %2u: %6lu free blocks (%lu pages)\n",
                   i, free_count[i], free_count[i] << i);
    printk(" heap: %lu of %lu pages free (%lu KiB free)\n",
           total_free_pages(), total_heap_pages(), total_free_pages() << (PAGE_SHIFT - 10));
}
