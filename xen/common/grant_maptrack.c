/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The maptrack: the mappings a domain made of others' grants, one entry
 * per handle, in chunks of GNTTAB_MAPTRACK_PER_FRAME allocated on demand
 * up to max_maptrack_frames chunks.  A handle is free, busy (reserved by a
 * map in progress or claimed by an unmap in progress: nobody else can use
 * it) or mapped.  Claiming under maptrack_lock is what makes two racing
 * unmaps of one handle safe: only one of them gets it.
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
    for (unsigned int i = GNTTAB_MAPTRACK_PER_FRAME; i-- > 0;) {
        m[i].state = MT_FREE;
        m[i].next_free = gt->maptrack_free;
        gt->maptrack_free = c * GNTTAB_MAPTRACK_PER_FRAME + i;
    }
    gt->maptrack_frames = c + 1;
    return true;
}

uint32_t maptrack_get(struct grant_table *gt)
{
    uint32_t h = MAPTRACK_NONE;

    spin_lock(&gt->maptrack_lock);
    if (gt->maptrack_free != MAPTRACK_NONE || add_chunk(gt)) {
        h = gt->maptrack_free;
        gt->maptrack_free = entry(gt, h)->next_free;
        entry(gt, h)->state = MT_BUSY;
        gt->maptrack_used++;
    }
    spin_unlock(&gt->maptrack_lock);
    return h;
}

void maptrack_put(struct grant_table *gt, uint32_t h)
{
    struct grant_mapping *m;

    spin_lock(&gt->maptrack_lock);
    BUG_ON(!valid_handle(gt, h));
    m = entry(gt, h);
    BUG_ON(m->state == MT_FREE);
    m->state = MT_FREE;
    m->flags = 0;
    m->next_free = gt->maptrack_free;
    gt->maptrack_free = h;
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
    gt->maptrack_used = 0;
}
