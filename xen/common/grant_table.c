/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Grant tables: lifecycle, growth, version changes and the table frames a
 * guest maps with XENMEM_add_to_physmap (see xen/grant_table.h).  Shared
 * and status frames are hypervisor pages; the hypervisor always reaches
 * them through its own mapping, never through the guest's p2m.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/p2m.h>
#include <public/memory.h>

unsigned int opt_gnttab_max_frames = GNTTAB_DEFAULT_MAX_FRAMES;
integer_param("gnttab_max_frames", opt_gnttab_max_frames);
unsigned int opt_gnttab_max_maptrack_frames = GNTTAB_DEFAULT_MAX_MAPTRACK;
integer_param("gnttab_max_maptrack_frames", opt_gnttab_max_maptrack_frames);

static uint64_t next_serial = 1;

unsigned int gnttab_status_frames(unsigned int grant_frames)
{
    unsigned int entries = grant_frames * GNTTAB_V2_PER_FRAME;

    return (entries + GNTTAB_STATUS_PER_FRAME - 1) / GNTTAB_STATUS_PER_FRAME;
}

unsigned int gnttab_nr_entries(const struct grant_table *gt)
{
    return gt->nr_frames * (gt->version == 1 ? GNTTAB_V1_PER_FRAME : GNTTAB_V2_PER_FRAME);
}

static unsigned int clamp_opt(unsigned int v, unsigned int lo)
{
    return v < lo ? lo : v > GNTTAB_LIMIT_FRAMES ? GNTTAB_LIMIT_FRAMES : v;
}

/* The per-frame arrays, sized for @max_frames; -ENOMEM. */
static int alloc_arrays(struct grant_table *gt, unsigned int max_frames)
{
    unsigned int nst = gnttab_status_frames(max_frames);

    gt->shared = xzalloc_array(void *, max_frames);
    gt->shared_gfn = xmalloc_array(uint64_t, max_frames);
    gt->active = xzalloc_array(struct active_grant *, max_frames);
    gt->status = xzalloc_array(uint16_t *, nst);
    gt->status_gfn = xmalloc_array(uint64_t, nst);
    if (!gt->shared || !gt->shared_gfn || !gt->active || !gt->status || !gt->status_gfn)
        return -ENOMEM;
    for (unsigned int i = 0; i < max_frames; i++)
        gt->shared_gfn[i] = GFN_NONE;
    for (unsigned int i = 0; i < nst; i++)
        gt->status_gfn[i] = GFN_NONE;
    gt->max_frames = max_frames;
    return 0;
}

static void free_status(struct grant_table *gt)
{
    for (unsigned int i = 0; i < gt->nr_status; i++) {
        free_xenheap_pages(gt->status[i], 0);
        gt->status[i] = NULL;
        gt->status_gfn[i] = GFN_NONE;
    }
    gt->nr_status = 0;
}

static void free_frames(struct grant_table *gt)
{
    if (gt->status)
        free_status(gt);
    for (unsigned int i = 0; gt->shared && i < gt->nr_frames; i++) {
        free_xenheap_pages(gt->shared[i], 0);
        xfree(gt->active[i]);
    }
    gt->nr_frames = 0;
    xfree(gt->shared);
    xfree(gt->shared_gfn);
    xfree(gt->active);
    xfree(gt->status);
    xfree(gt->status_gfn);
    gt->shared = NULL, gt->shared_gfn = NULL, gt->active = NULL;
    gt->status = NULL, gt->status_gfn = NULL;
}

/* v2 status frames for @nr grant frames (gt->lock held); 0 or -ENOMEM. */
static int grow_status(struct grant_table *gt, unsigned int nr)
{
    unsigned int want = gnttab_status_frames(nr);

    for (; gt->nr_status < want; gt->nr_status++) {
        gt->status[gt->nr_status] = alloc_xenheap_pages(0, MEMF_zero);
        if (!gt->status[gt->nr_status])
            return -ENOMEM;
    }
    return 0;
}

int gnttab_grow(struct grant_table *gt, unsigned int nr)
{
    if (nr > gt->max_frames)
        return -EINVAL;
    for (; gt->nr_frames < nr; gt->nr_frames++) {
        unsigned int i = gt->nr_frames;

        gt->active[i] = xzalloc_array(struct active_grant, GNTTAB_V1_PER_FRAME);
        gt->shared[i] = gt->active[i] ? alloc_xenheap_pages(0, MEMF_zero) : NULL;
        if (!gt->shared[i]) {
            xfree(gt->active[i]);
            gt->active[i] = NULL;
            return -ENOMEM;
        }
    }
    return gt->version == 2 ? grow_status(gt, nr) : 0;
}

int gnttab_domain_init(struct domain *d)
{
    struct grant_table *gt = xzalloc(sizeof(*gt));

    if (!gt)
        return -ENOMEM;
    gt->domain = d;
    gt->serial = __atomic_fetch_add(&next_serial, 1, __ATOMIC_RELAXED);
    gt->version = 1;
    gt->maptrack_free = MAPTRACK_NONE;
    spin_lock_init(&gt->lock);
    spin_lock_init(&gt->maptrack_lock);
    d->grant_table = gt;
    return gnttab_set_limits(d, 0, 0);
}

int gnttab_set_limits(struct domain *d, unsigned int max_frames, unsigned int max_maptrack)
{
    struct grant_table *gt = d->grant_table;
    struct grant_mapping **mt;
    unsigned int mtmax;

    max_frames = max_frames ? max_frames : clamp_opt(opt_gnttab_max_frames, 1);
    mtmax = max_maptrack ? max_maptrack : clamp_opt(opt_gnttab_max_maptrack_frames, 0);
    if (max_frames < GNTTAB_INITIAL_FRAMES || max_frames > GNTTAB_LIMIT_FRAMES ||
        mtmax > GNTTAB_LIMIT_FRAMES || gt->maptrack_used)
        return -EINVAL;
    free_frames(gt);
    if (alloc_arrays(gt, max_frames) || gnttab_grow(gt, GNTTAB_INITIAL_FRAMES))
        return -ENOMEM;
    maptrack_destroy(gt);
    mt = mtmax ? xzalloc_array(struct grant_mapping *, mtmax) : NULL;
    if (mtmax && !mt)
        return -ENOMEM;
    gt->maptrack = mt;
    gt->max_maptrack = mtmax;
    return 0;
}

void gnttab_domain_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;

    if (!gt)
        return;
    for (uint32_t h = 0; h < gt->maptrack_frames * GNTTAB_MAPTRACK_PER_FRAME; h++) {
        struct grant_mapping m;

        if (maptrack_claim(gt, h, &m)) {
            gnttab_release_mapping(&m);
            maptrack_put(gt, h);
        }
    }
    maptrack_destroy(gt);
    free_frames(gt);
    d->grant_table = NULL;
    xfree(gt);
}

/* ---- version changes ---------------------------------------------------- */

/* No entry beyond the reserved ones may be in use; -EBUSY. */
static int check_idle(struct grant_table *gt)
{
    for (unsigned int i = GNTTAB_NR_RESERVED_ENTRIES; i < gnttab_nr_entries(gt); i++) {
        const struct active_grant *a = gnttab_active(gt, i);

        if (a->rd_pins || a->wr_pins)
            return -EBUSY;
    }
    return 0;
}

/* The reserved entries as v1 entries (busy bits folded in); -ERANGE. */
static int save_reserved(struct grant_table *gt, struct grant_entry_v1 *save)
{
    for (unsigned int i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++) {
        union grant_entry_v2 *e2 = (union grant_entry_v2 *)gt->shared[0] + i;
        unsigned int type = e2->hdr.flags & GTF_type_mask;

        if (gt->version == 1) {
            save[i] = ((struct grant_entry_v1 *)gt->shared[0])[i];
            continue;
        }
        if ((type == GTF_permit_access && (e2->full_page.frame >> 32)) ||
            type == GTF_transitive)
            return -ERANGE;
        memset(&save[i], 0, sizeof(save[i]));
        if (type == GTF_permit_access) {
            save[i].flags = e2->hdr.flags | gt->status[0][i];
            save[i].domid = e2->hdr.domid;
            save[i].frame = (uint32_t)e2->full_page.frame;
        }
    }
    return 0;
}

static void restore_reserved(struct grant_table *gt, const struct grant_entry_v1 *save)
{
    for (unsigned int i = 0; i < GNTTAB_NR_RESERVED_ENTRIES; i++) {
        union grant_entry_v2 *e2 = (union grant_entry_v2 *)gt->shared[0] + i;

        if (gt->version == 1) {
            ((struct grant_entry_v1 *)gt->shared[0])[i] = save[i];
            continue;
        }
        gt->status[0][i] = save[i].flags & (GTF_reading | GTF_writing);
        e2->hdr.flags = save[i].flags & ~(GTF_reading | GTF_writing);
        e2->hdr.domid = save[i].domid;
        e2->full_page.frame = save[i].frame;
    }
}

/*
 * Unmap the status frames from @d's p2m where they still are, clearing each
 * record as its entry goes (physmap_lock held).  The records are the only
 * way to find them: freeing one still mapped would hand the guest a page
 * the heap gives to someone else.  0, or the p2m's error (nothing freed).
 */
static int unmap_status(struct domain *d, struct grant_table *gt)
{
    for (unsigned int i = 0; i < gt->nr_status; i++) {
        uint64_t gfn = gt->status_gfn[i];
        p2m_type_t t;
        int rc = 0;

        if (gfn != GFN_NONE &&
            p2m_get_entry(d, gfn, &t, NULL) == arch_virt_to_mfn(gt->status[i]))
            rc = p2m_remove(d, gfn, 0);
        if (rc)
            return rc;
        gt->status_gfn[i] = GFN_NONE;
    }
    return 0;
}

static int change_version(struct domain *d, struct grant_table *gt, unsigned int version)
{
    struct grant_entry_v1 save[GNTTAB_NR_RESERVED_ENTRIES];
    int rc = check_idle(gt);

    if (!rc)
        rc = save_reserved(gt, save);
    if (!rc && version == 2)
        rc = grow_status(gt, gt->nr_frames);
    if (!rc && version == 1)
        rc = unmap_status(d, gt);       /* still v2 if this fails (Xen: crash) */
    if (rc)
        return rc;
    if (version == 1)
        free_status(gt);
    for (unsigned int i = 0; i < gt->nr_frames; i++)
        memset(gt->shared[i], 0, PAGE_SIZE);
    gt->version = version;
    restore_reserved(gt, save);
    return 0;
}

int gnttab_set_version(struct domain *d, unsigned int version)
{
    struct grant_table *gt = d->grant_table;
    int rc = 0;

    if (version != 1 && version != 2)
        return -EINVAL;
    spin_lock(&d->physmap_lock);
    spin_lock(&gt->lock);
    if (gt->version != version)
        rc = change_version(d, gt, version);
    spin_unlock(&gt->lock);
    spin_unlock(&d->physmap_lock);
    return rc;
}

/* ---- table frames in the guest's physmap --------------------------------- */

int gnttab_resolve_frame(struct domain *d, uint64_t idx, unsigned long *mfn, uint64_t *old_gfn)
{
    struct grant_table *gt = d->grant_table;
    bool status = idx & XENMAPIDX_grant_table_status;
    unsigned int i = (unsigned int)(idx & ~(uint64_t)XENMAPIDX_grant_table_status);
    int rc = 0;

    if (idx >> 32)
        return -EINVAL;
    spin_lock(&gt->lock);
    if (status && gt->version != 2)
        rc = -EINVAL;
    else if (!status && i >= gt->nr_frames)
        rc = i < gt->max_frames ? gnttab_grow(gt, i + 1) : -EINVAL;
    else if (status && i >= gt->nr_status)
        rc = i < gnttab_status_frames(gt->max_frames) ?
             gnttab_grow(gt, min((i + 1) * (GNTTAB_STATUS_PER_FRAME / GNTTAB_V2_PER_FRAME),
                                 gt->max_frames)) : -EINVAL;
    if (!rc) {
        *mfn = arch_virt_to_mfn(status ? (void *)gt->status[i] : gt->shared[i]);
        *old_gfn = status ? gt->status_gfn[i] : gt->shared_gfn[i];
    }
    spin_unlock(&gt->lock);
    return rc;
}

void gnttab_frame_mapped(struct domain *d, uint64_t idx, uint64_t gfn)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i = (unsigned int)(idx & ~(uint64_t)XENMAPIDX_grant_table_status);

    spin_lock(&gt->lock);
    if (idx & XENMAPIDX_grant_table_status) {
        if (i < gt->nr_status)
            gt->status_gfn[i] = gfn;
    } else if (i < gt->nr_frames) {
        gt->shared_gfn[i] = gfn;
    }
    spin_unlock(&gt->lock);
}

/* Where the record of the table frame @mfn is kept, or NULL (gt->lock held). */
static uint64_t *frame_record(struct grant_table *gt, unsigned long mfn)
{
    for (unsigned int i = 0; i < gt->nr_frames; i++)
        if (arch_virt_to_mfn(gt->shared[i]) == mfn)
            return &gt->shared_gfn[i];
    for (unsigned int i = 0; i < gt->nr_status; i++)
        if (arch_virt_to_mfn(gt->status[i]) == mfn)
            return &gt->status_gfn[i];
    return NULL;
}

bool gnttab_is_frame(struct domain *d, unsigned long mfn)
{
    struct grant_table *gt = d->grant_table;
    bool found;

    if (!gt)
        return false;
    spin_lock(&gt->lock);
    found = frame_record(gt, mfn) != NULL;
    spin_unlock(&gt->lock);
    return found;
}

bool gnttab_frame_unmapped(struct domain *d, unsigned long mfn)
{
    struct grant_table *gt = d->grant_table;
    uint64_t *gfn;

    if (!gt)
        return false;
    spin_lock(&gt->lock);
    gfn = frame_record(gt, mfn);
    if (gfn)
        *gfn = GFN_NONE;
    spin_unlock(&gt->lock);
    return gfn != NULL;
}

uint64_t gnttab_frame_gfn(struct grant_table *gt, bool status, unsigned int i)
{
    return status ? gt->status_gfn[i] : gt->shared_gfn[i];
}
