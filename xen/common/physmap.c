/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest-requested physmap changes (see xen/physmap.h).  The p2m maps 4 KiB
 * or 2 MiB entries; domain memory comes in blocks that free_domheap_frame()
 * splits when a single frame goes back.  Lock order: d->physmap_lock, then
 * the p2m lock, then d->lock, then the heap lock.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/physmap.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/p2m.h>
#include <asm/p2m_pt.h>
#include <public/memory.h>

#define SUPERPAGE_ORDER 9
#define SUPERPAGE_PAGES (1UL << SUPERPAGE_ORDER)

static bool owned_by(const struct domain *d, unsigned long mfn)
{
    return mfn_valid(mfn) && mfn_to_page(mfn)->owner == (uintptr_t)d;
}

/* Frames that may not be replaced or released by physmap changes. */
static bool is_foreign_type(p2m_type_t t)
{
    return t == p2m_mmio_direct || t == p2m_grant_map_rw || t == p2m_grant_map_ro ||
           t == p2m_foreign;
}

/* physmap_release() with physmap_lock held. */
static int release_locked(struct domain *d, uint64_t gfn)
{
    p2m_type_t t;
    unsigned long mfn = p2m_get_entry(d, gfn, &t, NULL);
    int rc;

    if (t == p2m_invalid || mfn == INVALID_MFN)
        return -EINVAL;
    if (t == p2m_mmio_direct)
        return -EPERM;
    if (is_shared_info_frame(d, mfn)) {
        rc = p2m_remove(d, gfn, 0);
        if (!rc)
            d->shared_info_gfn = GFN_NONE;
        return rc;
    }
    if (!owned_by(d, mfn))
        return -ENXIO;
    rc = p2m_remove(d, gfn, 0);
    if (rc)
        return rc;
    if (!vcpu_info_frame_pinned(d, mfn) && !evtchn_fifo_frame_pinned(d, mfn) &&
        !free_domheap_frame(d, mfn))
        BUG();                              /* owned, yet not in one of its blocks */
    return 0;
}

int physmap_release(struct domain *d, uint64_t gfn)
{
    int rc;

    spin_lock(&d->physmap_lock);
    rc = release_locked(d, gfn);
    spin_unlock(&d->physmap_lock);
    return rc;
}

/* The order of the next chunk of a mapping: 2 MiB where both are aligned. */
static unsigned int chunk_order(uint64_t gfn, unsigned long mfn, unsigned long n)
{
    bool big = n >= SUPERPAGE_PAGES && !(gfn & (SUPERPAGE_PAGES - 1)) &&
               !(mfn & (SUPERPAGE_PAGES - 1));

    return big ? SUPERPAGE_ORDER : 0;
}

/* Map [mfn, mfn + n) at gfn; t == p2m_invalid unmaps the same chunks. */
static int map_range(struct domain *d, uint64_t gfn, unsigned long mfn,
                     unsigned long n, p2m_type_t t)
{
    while (n) {
        unsigned int order = chunk_order(gfn, mfn, n);
        int rc = t == p2m_invalid ? p2m_remove(d, gfn, order)
                                  : p2m_set_entry(d, gfn, mfn, order, t);

        if (rc)
            return rc;
        gfn += 1UL << order;
        mfn += 1UL << order;
        n -= 1UL << order;
    }
    return 0;
}

/* -EPERM if [gfn, gfn + n) holds a frame populate may not replace. */
static int check_replaceable(struct domain *d, uint64_t gfn, unsigned long n)
{
    for (unsigned long i = 0; i < n; i++) {
        p2m_type_t t;

        p2m_get_entry(d, gfn + i, &t, NULL);
        if (is_foreign_type(t))
            return -EPERM;
    }
    return 0;
}

static void release_range(struct domain *d, uint64_t gfn, unsigned long n)
{
    for (unsigned long i = 0; i < n; i++)
        release_locked(d, gfn + i);         /* -EINVAL (nothing there) is fine */
}

static bool below_address_bits(const struct page_info *pg, unsigned int order,
                               unsigned int bits)
{
    return !bits || bits >= 64 ||
           page_to_maddr(pg) + ((paddr_t)PAGE_SIZE << order) <= (1ULL << bits);
}

int physmap_populate(struct domain *d, uint64_t gfn, unsigned int order,
                     unsigned int address_bits)
{
    unsigned long n = 1UL << order;
    struct page_info *pg;
    int rc;

    if (order > MAX_ORDER || gfn + n < gfn)
        return -EINVAL;
    spin_lock(&d->physmap_lock);
    rc = check_replaceable(d, gfn, n);
    if (rc) {
        spin_unlock(&d->physmap_lock);
        domain_crash(d, "populate_physmap over a foreign or MMIO frame at GFN %#lx",
                     (unsigned long)gfn);
        return rc;
    }
    pg = alloc_domheap_pages(d, order);
    if (pg && !below_address_bits(pg, order, address_bits)) {
        free_domheap_pages(pg, order);
        pg = NULL;
    }
    rc = -ENOMEM;
    if (pg) {
        release_range(d, gfn, n);
        rc = map_range(d, gfn, page_to_mfn(pg), n, p2m_ram_rw);
        if (rc) {
            /* Undo what went in (same chunks: no split needed), then free. */
            map_range(d, gfn, page_to_mfn(pg), n, p2m_invalid);
            free_domheap_pages(pg, order);
        }
    }
    spin_unlock(&d->physmap_lock);
    return rc;
}

int physmap_increase(struct domain *d, unsigned int order)
{
    return alloc_domheap_pages(d, order) ? 0 : -ENOMEM;
}

/* The frame index @idx of @space stands for, or a negative errno. */
static int resolve_space(struct domain *d, unsigned int space, uint64_t idx,
                         unsigned long *mfn, p2m_type_t *t, uint64_t *from)
{
    p2m_type_t ot;

    switch (space) {
    case XENMAPSPACE_shared_info:
        if (idx != 0)
            return -EINVAL;
        *mfn = arch_virt_to_mfn(d->shared_info);
        *t = p2m_special;
        return 0;
    case XENMAPSPACE_gmfn:
        *mfn = p2m_get_entry(d, idx, &ot, NULL);
        if (*mfn == INVALID_MFN || ot != p2m_ram_rw || !owned_by(d, *mfn))
            return -EINVAL;
        *t = p2m_ram_rw;
        return 0;
    case XENMAPSPACE_grant_table:   /* shared or status frame: hypervisor pages */
        *t = p2m_special;
        return gnttab_resolve_frame(d, idx, mfn, from);
    default:
        return -EINVAL;
    }
}

/* Old GFN of the page being added (grant frames: resolve_space's), or GFN_NONE. */
static uint64_t old_gfn(const struct domain *d, unsigned int space, uint64_t idx,
                        uint64_t from)
{
    if (space == XENMAPSPACE_grant_table)
        return from;
    return space == XENMAPSPACE_shared_info ? d->shared_info_gfn : idx;
}

/* Unmap @from unless something else than @mfn is there now (stale record). */
static int remove_old(struct domain *d, unsigned int space, uint64_t from, unsigned long mfn)
{
    p2m_type_t t;

    if (space == XENMAPSPACE_grant_table && p2m_get_entry(d, from, &t, NULL) != mfn)
        return 0;
    return p2m_remove(d, from, 0);
}

/*
 * Empty @gfn, which holds @prev, for a new entry (physmap_lock held).  A
 * grant-table frame is only unhooked, and its record forgotten only once
 * the p2m no longer has it: if the new entry then fails, the frame is left
 * unmapped and unrecorded, never still mapped but unrecorded.
 */
static int clear_slot(struct domain *d, uint64_t gfn, unsigned long prev)
{
    int rc;

    if (!gnttab_is_frame(d, prev))
        return release_locked(d, gfn);      /* shared_info: just unhooked */
    rc = p2m_remove(d, gfn, 0);
    if (!rc)
        gnttab_frame_unmapped(d, prev);
    return rc;
}

/*
 * As Xen: what was at @gfn and the page's old GFN are unmapped first, then
 * the page goes in; on failure both stay unmapped.  The record (shared_info
 * or grant frame GFN) is written last, from the p2m: @gfn if the page is
 * there (a failed p2m_set_entry leaves the entry as it was), else nowhere.
 */
static int add_locked(struct domain *d, unsigned int space, uint64_t idx, uint64_t gfn)
{
    unsigned long mfn, prev;
    p2m_type_t t, pt;
    uint64_t from = GFN_NONE;
    int rc = resolve_space(d, space, idx, &mfn, &t, &from);

    if (rc)
        return rc;
    if (gfn > P2M_MAX_GFN)
        return -ENOENT;                     /* Xen: no p2m entry can hold it */
    prev = p2m_get_entry(d, gfn, &pt, NULL);
    if (pt == p2m_mmio_direct)
        return -EPERM;
    if (pt != p2m_invalid && prev != mfn && (rc = clear_slot(d, gfn, prev)))
        return rc;
    from = old_gfn(d, space, idx, from);
    if (from != GFN_NONE && from != gfn && (rc = remove_old(d, space, from, mfn)))
        return rc;
    rc = p2m_set_entry(d, gfn, mfn, 0, t);
    if (rc && p2m_get_entry(d, gfn, &pt, NULL) != mfn)
        gfn = GFN_NONE;
    if (space == XENMAPSPACE_shared_info)
        d->shared_info_gfn = gfn;
    if (space == XENMAPSPACE_grant_table)
        gnttab_frame_mapped(d, idx, gfn);
    return rc;
}

int physmap_add(struct domain *d, unsigned int space, uint64_t idx, uint64_t gfn)
{
    int rc;

    if (gfn == GFN_NONE)
        return -EINVAL;
    spin_lock(&d->physmap_lock);
    rc = add_locked(d, space, idx, gfn);
    if (!rc && space == XENMAPSPACE_shared_info)
        shared_info_mapped(d, current_vcpu());
    spin_unlock(&d->physmap_lock);
    return rc;
}

int physmap_remove(struct domain *d, uint64_t gfn)
{
    p2m_type_t t;
    unsigned long mfn;
    int rc;

    spin_lock(&d->physmap_lock);
    mfn = p2m_get_entry(d, gfn, &t, NULL);
    /* A grant mapping goes only through GNTTABOP_unmap_grant_ref, as in Xen. */
    if (mfn == INVALID_MFN || t == p2m_invalid || t == p2m_mmio_direct ||
        t == p2m_grant_map_rw || t == p2m_grant_map_ro)
        rc = -ENOENT;
    else if (is_shared_info_frame(d, mfn) || owned_by(d, mfn))
        rc = release_locked(d, gfn);
    else if (!(rc = p2m_remove(d, gfn, 0)))     /* not ours: the mapping only */
        gnttab_frame_unmapped(d, mfn);
    spin_unlock(&d->physmap_lock);
    return rc;
}

int physmap_add_grant(struct domain *d, uint64_t gfn, unsigned long mfn, int t)
{
    p2m_type_t pt;
    unsigned long prev;
    int rc = 0;

    if (gfn > P2M_MAX_GFN)
        return -EINVAL;
    spin_lock(&d->physmap_lock);
    prev = p2m_get_entry(d, gfn, &pt, NULL);
    if (is_foreign_type(pt))
        rc = -EPERM;
    else if (pt != p2m_invalid)
        rc = clear_slot(d, gfn, prev);
    if (!rc)
        rc = p2m_set_entry(d, gfn, mfn, 0, (p2m_type_t)t);
    spin_unlock(&d->physmap_lock);
    if (rc == -EPERM)
        domain_crash(d, "grant mapping over a foreign or MMIO frame at GFN %#lx",
                     (unsigned long)gfn);
    return rc;
}

int physmap_remove_grant(struct domain *d, uint64_t gfn, unsigned long mfn)
{
    p2m_type_t t;
    int rc = -EINVAL;

    spin_lock(&d->physmap_lock);
    if (p2m_get_entry(d, gfn, &t, NULL) == mfn &&
        (t == p2m_grant_map_rw || t == p2m_grant_map_ro))
        rc = p2m_remove(d, gfn, 0);
    spin_unlock(&d->physmap_lock);
    return rc;
}

int domain_set_memory_map(struct domain *d, const struct e820entry *map, unsigned int nr)
{
    struct e820entry *copy = nr ? xmalloc_array(struct e820entry, nr) : NULL;

    if (nr && !copy)
        return -ENOMEM;
    if (nr)
        memcpy(copy, map, nr * sizeof(*copy));
    xfree(d->e820);
    d->e820 = copy;
    d->nr_e820 = nr;
    return 0;
}
