/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The maptrack: the mappings a domain made of others' grants, one entry
 * per handle, in chunks of GNTTAB_MAPTRACK_PER_FRAME allocated on demand
 * up to max_maptrack_frames chunks.  A handle is free, busy (reserved by a
 * map in progress or claimed by an unmap in progress: nobody else can use
 * it) or mapped.  Claiming under maptrack_lock is what makes two racing
 * unmaps of one handle safe: only one of them gets it.
 *
 * As Xen 4.17 for a one-vCPU mapper: handles count up from 0, freed ones
 * are reused oldest first (the free list is a queue), and the last free
 * entry is never handed out (Xen keeps it as the list's tail sentinel), so
 * N maptrack frames give N * 256 - 1 mappings.
 */
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/xmalloc.h>

static struct grant_mapping *entry(struct grant_table *gt, uint32_t h)
{
    return &gt->maptrack[h / GNTTAB_MAPTRACK_PER_FRAME][h % GNTTAB_MAPTRACK_PER_FRAME];
}

static bool valid_handle(const struct grant_table *gt, uint32_t h)
{
    return h < gt->maptrack_frames * GNTTAB_MAPTRACK_PER_FRAME;
}

/* Append handle @h to the free queue (maptrack_lock held). */
static void enqueue(struct grant_table *gt, uint32_t h)
{
    struct grant_mapping *m = entry(gt, h);

    m->state = MT_FREE;
    m->flags = 0;
    m->next_free = MAPTRACK_NONE;
    if (gt->maptrack_free == MAPTRACK_NONE)
        gt->maptrack_free = h;
    else
        entry(gt, gt->maptrack_tail)->next_free = h;
    gt->maptrack_tail = h;
    gt->maptrack_nfree++;
}

/* Add a chunk to the free list (maptrack_lock held); false at the limit. */
static bool add_chunk(struct grant_table *gt)
{
    unsigned int c = gt->maptrack_frames;
    struct grant_mapping *m;

    if (c >= gt->max_maptrack)
        return false;
    m = xzalloc_array(struct grant_mapping, GNTTAB_MAPTRACK_PER_FRAME);
    if (!m)
        return false;
    gt->maptrack[c] = m;
    gt->maptrack_frames = c + 1;
    for (unsigned int i = 0; i < GNTTAB_MAPTRACK_PER_FRAME; i++)
        enqueue(gt, c * GNTTAB_MAPTRACK_PER_FRAME + i);
    return true;
}

uint32_t maptrack_get(struct grant_table *gt)
{
    uint32_t h = MAPTRACK_NONE;

    spin_lock(&gt->maptrack_lock);
    if (gt->maptrack_nfree > 1 || (add_chunk(gt) && gt->maptrack_nfree > 1)) {
        h = gt->maptrack_free;
        gt->maptrack_free = entry(gt, h)->next_free;
        entry(gt, h)->state = MT_BUSY;
        gt->maptrack_nfree--;
        gt->maptrack_used++;
    }
    spin_unlock(&gt->maptrack_lock);
    return h;
}

void maptrack_put(struct grant_table *gt, uint32_t h)
{
    struct grant_mapping *m;

    spin_lock(&gt->maptrack_lock);
    m = valid_handle(gt, h) ? entry(gt, h) : NULL;
    if (!m || m->state == MT_FREE) {
        spin_unlock(&gt->maptrack_lock);
        BUG();                              /* not a handle we gave out */
    }
    enqueue(gt, h);
    gt->maptrack_used--;
    spin_unlock(&gt->maptrack_lock);
}

void maptrack_publish(struct grant_table *gt, uint32_t h, const struct grant_mapping *src)
{
    struct grant_mapping *m;

    spin_lock(&gt->maptrack_lock);
    m = entry(gt, h);
    BUG_ON(m->state != MT_BUSY);
    *m = *src;
    m->state = MT_MAPPED;
    spin_unlock(&gt->maptrack_lock);
}

bool maptrack_claim(struct grant_table *gt, uint32_t h, struct grant_mapping *out)
{
    bool ok;

    spin_lock(&gt->maptrack_lock);
    ok = valid_handle(gt, h) && entry(gt, h)->state == MT_MAPPED;
    if (ok) {
        entry(gt, h)->state = MT_BUSY;
        *out = *entry(gt, h);
    }
    spin_unlock(&gt->maptrack_lock);
    return ok;
}

void maptrack_unclaim(struct grant_table *gt, uint32_t h)
{
    spin_lock(&gt->maptrack_lock);
    BUG_ON(entry(gt, h)->state != MT_BUSY);
    entry(gt, h)->state = MT_MAPPED;
    spin_unlock(&gt->maptrack_lock);
}

void maptrack_destroy(struct grant_table *gt)
{
    for (unsigned int c = 0; c < gt->maptrack_frames; c++)
        xfree(gt->maptrack[c]);
    xfree(gt->maptrack);
    gt->maptrack = NULL;
    gt->maptrack_frames = 0;
    gt->max_maptrack = 0;
    gt->maptrack_free = MAPTRACK_NONE;
    gt->maptrack_nfree = 0;
    gt->maptrack_used = 0;
}
