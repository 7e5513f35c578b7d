/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Domain memory: page blocks a domain owns, accounted against max_pages.
 * Every frame of a block records the owning domain in page_info.owner; the
 * block heads are linked on d->page_list (through page_info.next/prev,
 * which belong to the allocation's user while it is allocated), so
 * destruction can return every block.  Pages are zeroed before a guest
 * can see them.  A frame with extra references (xen/page_ref.h: a grant
 * mapping uses it) is not freed when it leaves the domain: its block is
 * split down to it, and it is freed on its last put_page().
 */
#include <xen/deny.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/page_ref.h>
#include <xen/sched.h>
#include <xen/string.h>

static void page_list_add(struct domain *d, struct page_info *pg)
{
    pg->prev = NULL;
    pg->next = d->page_list;
    if (d->page_list)
        d->page_list->prev = pg;
    d->page_list = pg;
}

static void page_list_del(struct domain *d, struct page_info *pg)
{
    if (pg->prev)
        pg->prev->next = pg->next;
    else
        d->page_list = pg->next;
    if (pg->next)
        pg->next->prev = pg->prev;
    pg->next = pg->prev = NULL;
}

/* Reserve 2^order pages of @d's allowance; false if over it or dying. */
static bool charge(struct domain *d, unsigned long n)
{
    unsigned long flags;
    bool ok, over;

    spin_lock_irqsave(&d->lock, flags);
    ok = !d->is_dying && d->tot_pages + n <= d->max_pages && d->tot_pages + n >= n;
    over = !ok && !d->is_dying;
    if (ok)
        d->tot_pages += n;
    spin_unlock_irqrestore(&d->lock, flags);
    if (over)
        log_denied(d, "memory limit: %lu + %lu pages > max_pages %lu", d->tot_pages, n,
                   d->max_pages);
    return ok;
}

static void uncharge(struct domain *d, unsigned long n)
{
    unsigned long flags;

    spin_lock_irqsave(&d->lock, flags);
    BUG_ON(d->tot_pages < n);
    d->tot_pages -= n;
    spin_unlock_irqrestore(&d->lock, flags);
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order)
{
    unsigned long n, flags;
    struct page_info *pg;

    if (!d || order > MAX_ORDER)
        return NULL;
    n = 1UL << order;
    if (!charge(d, n))
        return NULL;
    pg = alloc_pages(order);
    if (!pg) {
        uncharge(d, n);
        return NULL;
    }
    memset(page_to_virt(pg), 0, (size_t)PAGE_SIZE << order);
    for (unsigned long i = 0; i < n; i++)
        pg[i].owner = (uintptr_t)d;
    spin_lock_irqsave(&d->lock, flags);
    page_list_add(d, pg);
    spin_unlock_irqrestore(&d->lock, flags);
    return pg;
}

/*
 * Free the block [pg, pg + 2^order) that has left its domain, except the
 * frames with references (orphaned, freed on their last put); returns the
 * number of frames freed now.
 */
static unsigned long release_block(struct page_info *pg, unsigned int order)
{
    struct page_info *upper;

    if (page_ref_claim_free(pg, order)) {
        free_pages(pg, order);
        return 1UL << order;
    }
    if (!order)
        return page_ref_leave(pg) ? 0 : (free_pages(pg, 0), 1);
    upper = split_pages(pg, order);
    return release_block(pg, order - 1) + release_block(upper, order - 1);
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    struct domain *d;
    unsigned long flags;

    if (!pg)
        return;
    d = (struct domain *)pg->owner;
    BUG_ON(!d || pg->order != order);
    spin_lock_irqsave(&d->lock, flags);
    page_list_del(d, pg);
    BUG_ON(d->tot_pages < (1UL << order));
    d->tot_pages -= 1UL << order;
    spin_unlock_irqrestore(&d->lock, flags);
    release_block(pg, order);
}

bool free_domheap_frame(struct domain *d, unsigned long mfn)
{
    struct page_info *pg;
    unsigned long flags;

    spin_lock_irqsave(&d->lock, flags);
    pg = page_block_head(mfn);
    if (!pg || pg->owner != (uintptr_t)d) {
        spin_unlock_irqrestore(&d->lock, flags);
        return false;
    }
    /* Halve the block, keeping the half with @mfn, until it is one frame. */
    while (pg->order) {
        struct page_info *upper = split_pages(pg, pg->order);
        page_list_add(d, upper);
        if (mfn >= page_to_mfn(upper))
            pg = upper;
    }
    page_list_del(d, pg);
    BUG_ON(d->tot_pages < 1);
    d->tot_pages--;
    spin_unlock_irqrestore(&d->lock, flags);
    release_block(pg, 0);
    return true;
}

unsigned long domain_relinquish_pages(struct domain *d)
{
    unsigned long freed = 0, kept = 0, flags;

    for (;;) {
        struct page_info *pg;
        unsigned int order;
        unsigned long n;

        spin_lock_irqsave(&d->lock, flags);
        pg = d->page_list;
        if (pg) {
            order = pg->order;
            page_list_del(d, pg);
            d->tot_pages -= 1UL << order;
        }
        spin_unlock_irqrestore(&d->lock, flags);
        if (!pg)
            break;
        n = release_block(pg, order);
        freed += n;
        kept += (1UL << order) - n;
    }
    BUG_ON(d->tot_pages != 0);
    if (kept)
        printk("d%u: %lu pages still in use by grant mappings, freed when unmapped\n",
               d->domain_id, kept);
    return freed;
}
