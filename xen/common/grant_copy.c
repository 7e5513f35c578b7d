/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * GNTTABOP_copy (one entry), swap_grant_ref and cache_flush, as Xen 4.17.
 *
 * Copy: each side is a grant of its domain (GNTCOPY_*_gref; the source
 * pinned read-only, the destination writable, for the copier) or a GFN of
 * the caller itself, named DOMID_SELF (any other domain ID with a GFN is
 * GNTST_permission_denied).  The order of checks is Xen's: domains, source,
 * destination, then ranges: an offset + length beyond the page is
 * GNTST_bad_copy_arg, outside a sub-page grant GNTST_general_error.
 * A v2 transitive grant is followed one step (its target pinned for the
 * granter, the copier's pin on the first entry held meanwhile): the
 * target may not be transitive, nor name the granter itself.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/page_ref.h>
#include <xen/sched.h>
#include <xen/string.h>

struct copy_side {
    struct domain *d;
    bool gref, readonly, claimed;
    grant_ref_t ref;
    struct domain *td;              /* transitive: the target's domain (held) */
    grant_ref_t tref;
    unsigned long mfn;
    uint16_t start, len;
};

static int lock_side(struct domain *ld, const struct gnttab_copy_ptr *p, bool gref,
                     struct copy_side *s)
{
    s->gref = gref;
    if (!gref && p->domid != DOMID_SELF)
        return GNTST_permission_denied;
    s->d = gnttab_get_domain(ld, p->domid);
    return s->d ? GNTST_okay : GNTST_bad_domain;
}

static void unpin_entry(struct domain *d, grant_ref_t ref, bool readonly)
{
    spin_lock(&d->grant_table->lock);
    gnttab_unpin(d->grant_table, ref, readonly);
    spin_unlock(&d->grant_table->lock);
}

/* The second step of a transitive grant: @s's entry is pinned already. */
static int claim_target(struct copy_side *s, const struct gnttab_trans *t)
{
    struct domain *td = t->domid == s->d->domain_id || t->domid >= DOMID_FIRST_RESERVED
                        ? NULL : domain_get(t->domid);
    int rc;

    if (!td || !td->grant_table) {
        if (td)
            domain_put(td);
        unpin_entry(s->d, s->ref, s->readonly);
        return GNTST_general_error;
    }
    spin_lock(&td->grant_table->lock);
    rc = gnttab_pin(td, t->gref, s->d->domain_id, s->readonly, false, &s->mfn,
                    &s->start, &s->len);
    spin_unlock(&td->grant_table->lock);
    if (rc != GNTST_okay) {
        domain_put(td);
        unpin_entry(s->d, s->ref, s->readonly);
        return rc;
    }
    s->td = td;
    s->tref = t->gref;
    return GNTST_okay;
}

static int claim_side(struct domain *ld, const struct gnttab_copy_ptr *p, struct copy_side *s)
{
    struct gnttab_trans t = { 0 };
    int rc;

    if (s->gref) {
        struct grant_table *gt = s->d->grant_table;

        s->ref = p->u.ref;
        spin_lock(&gt->lock);
        rc = gnttab_pin_copy(s->d, s->ref, ld->domain_id, s->readonly, &s->mfn,
                             &s->start, &s->len, &t);
        spin_unlock(&gt->lock);
        if (rc == GNTST_okay && t.transitive)
            rc = claim_target(s, &t);
    } else {
        rc = gnttab_get_frame(s->d, p->u.gmfn, s->readonly, &s->mfn);
        s->start = 0;
        s->len = PAGE_SIZE;
    }
    s->claimed = rc == GNTST_okay;
    return rc;
}

static void release_side(struct domain *ld, struct copy_side *s)
{
    if (s->claimed && s->td) {
        unpin_entry(s->td, s->tref, s->readonly);
        domain_put(s->td);
        s->td = NULL;
    }
    if (s->claimed && s->gref)
        unpin_entry(s->d, s->ref, s->readonly);
    if (s->claimed)
        put_page(mfn_to_page(s->mfn));
    s->claimed = false;
    gnttab_put_domain(ld, s->d);
    s->d = NULL;
}

static bool in_range(unsigned int off, unsigned int len, const struct copy_side *s)
{
    return off >= s->start && off + len <= (unsigned int)s->start + s->len;
}

static int copy_bytes(const struct gnttab_copy *op, struct copy_side *src,
                      struct copy_side *dst)
{
    if (op->source.offset + op->len > PAGE_SIZE || op->dest.offset + op->len > PAGE_SIZE)
        return GNTST_bad_copy_arg;
    if (!in_range(op->source.offset, op->len, src) || !in_range(op->dest.offset, op->len, dst))
        return GNTST_general_error;
    memmove((char *)arch_mfn_to_virt(dst->mfn) + op->dest.offset,
            (char *)arch_mfn_to_virt(src->mfn) + op->source.offset, op->len);
    return GNTST_okay;
}

int16_t gnttab_copy_one(struct domain *ld, const struct gnttab_copy *op)
{
    struct copy_side src = { .readonly = true }, dst = { .readonly = false };
    int rc = lock_side(ld, &op->source, op->flags & GNTCOPY_source_gref, &src);

    if (rc == GNTST_okay)
        rc = lock_side(ld, &op->dest, op->flags & GNTCOPY_dest_gref, &dst);
    if (rc == GNTST_okay)
        rc = claim_side(ld, &op->source, &src);
    if (rc == GNTST_okay)
        rc = claim_side(ld, &op->dest, &dst);
    if (rc == GNTST_okay)
        rc = copy_bytes(op, &src, &dst);
    release_side(ld, &dst);
    release_side(ld, &src);
    return (int16_t)rc;
}

/* ---- swap_grant_ref ---------------------------------------------------- */

static bool pinned(struct grant_table *gt, grant_ref_t ref)
{
    const struct active_grant *a = gnttab_active(gt, ref);

    return a->rd_pins || a->wr_pins;
}

static void swap_entries(struct grant_table *gt, grant_ref_t a, grant_ref_t b)
{
    if (gt->version == 1) {
        struct grant_entry_v1 *ea = (void *)gnttab_shared_header(gt, a);
        struct grant_entry_v1 *eb = (void *)gnttab_shared_header(gt, b);
        struct grant_entry_v1 t = *ea;

        *ea = *eb, *eb = t;
    } else {
        union grant_entry_v2 *ea = (void *)gnttab_shared_header(gt, a);
        union grant_entry_v2 *eb = (void *)gnttab_shared_header(gt, b);
        union grant_entry_v2 t = *ea;
        uint16_t *sa = &gt->status[a / GNTTAB_STATUS_PER_FRAME][a % GNTTAB_STATUS_PER_FRAME];
        uint16_t *sb = &gt->status[b / GNTTAB_STATUS_PER_FRAME][b % GNTTAB_STATUS_PER_FRAME];
        uint16_t ts = *sa;

        *ea = *eb, *eb = t;
        *sa = *sb, *sb = ts;
    }
}

int gnttab_swap(struct domain *d, grant_ref_t a, grant_ref_t b)
{
    struct grant_table *gt = d->grant_table;
    int rc = GNTST_okay;

    spin_lock(&gt->lock);
    if (a >= gnttab_nr_entries(gt) || b >= gnttab_nr_entries(gt))
        rc = GNTST_bad_gntref;
    else if (a != b && (pinned(gt, a) || pinned(gt, b)))
        rc = GNTST_eagain;
    else if (a != b)
        swap_entries(gt, a, b);
    spin_unlock(&gt->lock);
    return rc;
}

/* ---- cache_flush --------------------------------------------------------- */

/* Does @ld map frame @mfn through a grant (its maptrack)? */
static bool maps_frame(struct domain *ld, unsigned long mfn)
{
    struct grant_table *gt = ld->grant_table;
    bool found = false;

    spin_lock(&gt->maptrack_lock);
    for (unsigned int c = 0; c < gt->maptrack_frames && !found; c++)
        for (unsigned int i = 0; i < GNTTAB_MAPTRACK_PER_FRAME && !found; i++)
            found = gt->maptrack[c][i].state == MT_MAPPED && gt->maptrack[c][i].mfn == mfn;
    spin_unlock(&gt->maptrack_lock);
    return found;
}

static void flush_lines(const char *p, unsigned int len)
{
    for (unsigned int i = 0; i < len; i += 64)
        asm volatile("clflush %0" :: "m"(p[i]));
    asm volatile("mfence" ::: "memory");
}

int gnttab_cache_flush_one(struct domain *ld, const struct gnttab_cache_flush *op,
                           uint32_t *cur)
{
    unsigned long mfn = op->a.dev_bus_addr >> PAGE_SHIFT;
    struct page_info *pg;

    if (op->offset >= PAGE_SIZE || op->length > PAGE_SIZE ||
        op->offset + op->length > PAGE_SIZE || (op->op & ~(GNTTAB_CACHE_INVAL | GNTTAB_CACHE_CLEAN)))
        return -EINVAL;
    if (!op->length || !op->op)
        return *cur ? -EILSEQ : 0;
    if (!mfn_valid(mfn))
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if (!get_page(pg, ld) && !(maps_frame(ld, mfn) && get_page_again(pg)))
        return (pg->state & PGS_MASK) == PGS_INUSE && pg->owner ? -EINVAL : -EPERM;
    if (op->op != GNTTAB_CACHE_INVAL)           /* x86 Xen: invalidate alone unsupported */
        flush_lines((const char *)arch_mfn_to_virt(mfn) + op->offset, op->length);
    put_page(pg);
    if (op->op == GNTTAB_CACHE_INVAL)
        return -EOPNOTSUPP;
    return 0;
}
