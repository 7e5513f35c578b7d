/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Extra page references and orphaned frames (see xen/page_ref.h).  A frame
 * in use by a grant mapping stays allocated after its domain lets go of it;
 * the last put_page() returns it to the heap, so the free-page count at
 * "All domains ended" stays exact.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/page_ref.h>
#include <xen/spinlock.h>

static DEFINE_SPINLOCK(page_ref_lock);
static unsigned long nr_orphans;            /* page_ref_lock */

static bool allocated(const struct page_info *pg)
{
    return (pg->state & PGS_MASK) == PGS_INUSE;
}

bool get_page(struct page_info *pg, const struct domain *d)
{
    unsigned long flags;
    bool ok;

    spin_lock_irqsave(&page_ref_lock, flags);
    ok = d && allocated(pg) && pg->owner == (uintptr_t)d &&
         !(pg->ref_flags & PGR_ORPHAN) && pg->refs < PAGE_REF_MAX;
    if (ok)
        pg->refs++;
    spin_unlock_irqrestore(&page_ref_lock, flags);
    return ok;
}

bool get_page_again(struct page_info *pg)
{
    unsigned long flags;
    bool ok;

    spin_lock_irqsave(&page_ref_lock, flags);
    ok = pg->refs && pg->refs < PAGE_REF_MAX;
    if (ok)
        pg->refs++;
    spin_unlock_irqrestore(&page_ref_lock, flags);
    return ok;
}

void put_page(struct page_info *pg)
{
    unsigned long flags;
    bool release;

    spin_lock_irqsave(&page_ref_lock, flags);
    if (!pg->refs) {
        spin_unlock_irqrestore(&page_ref_lock, flags);
        BUG();                              /* more puts than gets */
    }
    release = --pg->refs == 0 && (pg->ref_flags & PGR_ORPHAN);
    if (release) {
        pg->ref_flags = 0;
        nr_orphans--;
    }
    spin_unlock_irqrestore(&page_ref_lock, flags);
    if (release)
        free_pages(pg, 0);
}

bool page_ref_leave(struct page_info *pg)
{
    unsigned long flags;
    bool keep;

    spin_lock_irqsave(&page_ref_lock, flags);
    keep = pg->refs != 0;
    pg->owner = 0;
    if (keep) {
        pg->ref_flags |= PGR_ORPHAN;
        nr_orphans++;
    }
    spin_unlock_irqrestore(&page_ref_lock, flags);
    return keep;
}

bool page_ref_claim_free(struct page_info *pg, unsigned int order)
{
    unsigned long flags;
    bool any = false;

    spin_lock_irqsave(&page_ref_lock, flags);
    for (unsigned long i = 0; i < (1UL << order) && !any; i++)
        any = pg[i].refs != 0;
    /* Disown them in the same critical section: get_page() on another CPU
     * cannot take a reference between this check and the free. */
    for (unsigned long i = 0; i < (1UL << order) && !any; i++)
        pg[i].owner = 0;
    spin_unlock_irqrestore(&page_ref_lock, flags);
    return !any;
}

unsigned long page_ref_orphans(void)
{
    return READ_ONCE(nr_orphans);
}
