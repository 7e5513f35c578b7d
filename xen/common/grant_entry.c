/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The grant entry state machine, granter side (gt->lock held throughout).
 *
 * An entry is idle (no pins) or pinned by one domain.  The first pin checks
 * the guest's entry (type GTF_permit_access, the user's domain ID, not
 * GTF_readonly for a writable use), sets GTF_reading (and GTF_writing) and
 * records the frame; later pins must come from the same domain and only
 * re-check the entry when a first writable use is added.  The last pin of
 * a kind clears its busy bit.  The guest can rewrite the entry at any
 * moment, so v1 updates flags+domid with a bounded cmpxchg on the one
 * 32-bit word (a guest that keeps changing it gets GNTST_general_error),
 * and v2 sets the status bits first and then re-reads the entry.
 *
 * v2 transitive entries (copy only, as Xen): the entry is pinned like any
 * other, its frame is whatever grant it names of another domain; the
 * caller pins that one next (with the granter as the user) and it may not
 * be transitive itself.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/page_ref.h>
#include <xen/sched.h>
#include <asm/p2m.h>

struct grant_entry_header *gnttab_shared_header(struct grant_table *gt, grant_ref_t ref)
{
    if (gt->version == 1)
        return (struct grant_entry_header *)
               ((struct grant_entry_v1 *)gt->shared[ref / GNTTAB_V1_PER_FRAME] +
                ref % GNTTAB_V1_PER_FRAME);
    return &((union grant_entry_v2 *)gt->shared[ref / GNTTAB_V2_PER_FRAME] +
             ref % GNTTAB_V2_PER_FRAME)->hdr;
}

struct active_grant *gnttab_active(struct grant_table *gt, grant_ref_t ref)
{
    return &gt->active[ref / GNTTAB_V1_PER_FRAME][ref % GNTTAB_V1_PER_FRAME];
}

static uint16_t *status_word(struct grant_table *gt, grant_ref_t ref)
{
    if (gt->version == 1)
        return &gnttab_shared_header(gt, ref)->flags;
    return &gt->status[ref / GNTTAB_STATUS_PER_FRAME][ref % GNTTAB_STATUS_PER_FRAME];
}

static void clear_bits(uint16_t *w, uint16_t bits)
{
    __atomic_fetch_and(w, (uint16_t)~bits, __ATOMIC_SEQ_CST);
}

/* Read flags and domid as the one word the guest writes them as. */
static uint32_t read_combo(const struct grant_entry_header *h)
{
    return __atomic_load_n((const uint32_t *)h, __ATOMIC_SEQ_CST);
}

static uint16_t combo_flags(uint32_t c) { return (uint16_t)c; }
static domid_t combo_domid(uint32_t c) { return (domid_t)(c >> 16); }

/* @trans_ok: a GTF_transitive entry will do too (v2 copies). */
static bool entry_usable(uint32_t c, uint16_t mask, domid_t ldomid, bool trans_ok)
{
    uint16_t type = combo_flags(c) & mask;

    return (type == GTF_permit_access || (trans_ok && type == GTF_transitive)) &&
           combo_domid(c) == ldomid;
}

/* v1: set the busy bits with a bounded cmpxchg; GNTST_*. */
static int set_status_v1(struct grant_entry_header *h, bool pinned, bool readonly,
                         uint16_t mask, domid_t ldomid)
{
    uint32_t old = read_combo(h);

    for (unsigned int tries = 0; tries < GNTTAB_CAS_RETRIES; tries++) {
        uint32_t new = old | GTF_reading | (readonly ? 0 : GTF_writing);

        if (!pinned && !entry_usable(old, mask, ldomid, false))
            return GNTST_general_error;
        if (!readonly && (combo_flags(old) & GTF_readonly))
            return GNTST_general_error;
        if (__atomic_compare_exchange_n((uint32_t *)h, &old, new, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            return GNTST_okay;
    }
    return GNTST_general_error;             /* the guest keeps changing it */
}

/* v2: status bits first, then check the entry did not change under us. */
static int set_status_v2(struct grant_entry_header *h, uint16_t *status, bool pinned,
                         bool readonly, uint16_t mask, domid_t ldomid, bool trans_ok)
{
    uint32_t c = read_combo(h);

    if (!pinned && !entry_usable(c, mask, ldomid, trans_ok))
        return GNTST_general_error;
    if (!readonly && (combo_flags(c) & GTF_readonly))
        return GNTST_general_error;
    __atomic_fetch_or(status, (uint16_t)(GTF_reading | (readonly ? 0 : GTF_writing)),
                      __ATOMIC_SEQ_CST);
    c = read_combo(h);
    if ((!pinned && !entry_usable(c, mask, ldomid, trans_ok)) ||
        (!readonly && (combo_flags(c) & GTF_readonly))) {
        clear_bits(status, (uint16_t)((pinned ? 0 : GTF_reading) | (readonly ? 0 : GTF_writing)));
        return GNTST_general_error;
    }
    return GNTST_okay;
}

int gnttab_get_frame(struct domain *d, uint64_t gfn, bool readonly, unsigned long *mfn)
{
    p2m_type_t t;
    unsigned long m = p2m_get_entry_hold(d, gfn, &t);
    bool ok = m != INVALID_MFN && mfn_valid(m) &&
              (t == p2m_ram_rw || (readonly && t == p2m_ram_ro)) &&
              get_page(mfn_to_page(m), d);

    p2m_put_entry(d);
    if (!ok)
        return GNTST_bad_page;
    *mfn = m;
    return GNTST_okay;
}

/* Drop the busy bits no pin needs any more. */
static void reduce_status(struct grant_table *gt, grant_ref_t ref, const struct active_grant *a)
{
    uint16_t bits = (a->rd_pins || a->wr_pins ? 0 : GTF_reading) | (a->wr_pins ? 0 : GTF_writing);

    clear_bits(status_word(gt, ref), bits);
}

/* The frame and range the guest's entry names (first pin). */
static int first_pin(struct domain *rd, struct grant_table *gt, grant_ref_t ref,
                     bool readonly, bool trans, struct active_grant *a)
{
    uint64_t gfn;

    a->start = 0;
    a->length = PAGE_SIZE;
    a->sub_page = a->transitive = false;
    if (gt->version == 2 && trans) {
        union grant_entry_v2 *e = (union grant_entry_v2 *)gnttab_shared_header(gt, ref);

        if ((READ_ONCE(e->hdr.flags) & GTF_type_mask) == GTF_transitive) {
            a->trans_domid = READ_ONCE(e->transitive.trans_domid);
            a->trans_gref = READ_ONCE(e->transitive.gref);
            if (a->trans_domid == rd->domain_id)
                return GNTST_general_error;     /* self-referential */
            a->transitive = a->sub_page = true; /* never mappable */
            a->mfn = INVALID_MFN;
            return GNTST_okay;
        }
    }
    if (gt->version == 1) {
        gfn = READ_ONCE(((struct grant_entry_v1 *)gnttab_shared_header(gt, ref))->frame);
    } else {
        union grant_entry_v2 *e = (union grant_entry_v2 *)gnttab_shared_header(gt, ref);
        uint16_t off = READ_ONCE(e->sub_page.page_off), len = READ_ONCE(e->sub_page.length);

        gfn = READ_ONCE(e->full_page.frame);
        if (READ_ONCE(e->hdr.flags) & GTF_sub_page) {
            if (off > PAGE_SIZE || len > PAGE_SIZE - off)
                return GNTST_general_error;
            a->start = off, a->length = len, a->sub_page = true;
        }
    }
    return gnttab_get_frame(rd, gfn, readonly, &a->mfn);
}

static int pin_common(struct domain *rd, grant_ref_t ref, domid_t ldomid, bool readonly,
                      bool map, unsigned long *mfn, uint16_t *start, uint16_t *len,
                      struct gnttab_trans *trans)
{
    struct grant_table *gt = rd->grant_table;
    uint16_t mask = GTF_type_mask | (map ? GTF_sub_page : 0);
    struct active_grant *a;
    bool pinned;
    int rc;

    if (ref >= gnttab_nr_entries(gt))
        return GNTST_bad_gntref;
    a = gnttab_active(gt, ref);
    pinned = a->rd_pins || a->wr_pins;
    if (pinned && (a->domid != ldomid || (map && a->sub_page) || (a->transitive && !trans) ||
                   (readonly ? a->rd_pins : a->wr_pins) >= GNTTAB_PIN_MAX))
        return GNTST_general_error;
    if (!pinned || (!readonly && !a->wr_pins)) {
        struct grant_entry_header *h = gnttab_shared_header(gt, ref);

        rc = gt->version == 1 ? set_status_v1(h, pinned, readonly, mask, ldomid)
                              : set_status_v2(h, status_word(gt, ref), pinned, readonly,
                                              mask, ldomid, trans != NULL);
        if (rc != GNTST_okay)
            return rc;
    }
    if (!pinned) {
        rc = first_pin(rd, gt, ref, readonly, trans != NULL, a);
        if (rc != GNTST_okay) {
            reduce_status(gt, ref, a);
            return rc;
        }
        a->domid = ldomid;
    } else if (!a->transitive && !get_page_again(mfn_to_page(a->mfn))) {
        reduce_status(gt, ref, a);
        return GNTST_general_error;
    }
    if (readonly)
        a->rd_pins++;
    else
        a->wr_pins++;
    *mfn = a->mfn;
    *start = a->start;
    *len = a->length;
    if (trans) {
        trans->transitive = a->transitive;
        trans->domid = a->trans_domid;
        trans->gref = a->trans_gref;
    }
    return GNTST_okay;
}

int gnttab_pin(struct domain *rd, grant_ref_t ref, domid_t ldomid, bool readonly,
               bool map, unsigned long *mfn, uint16_t *start, uint16_t *len)
{
    return pin_common(rd, ref, ldomid, readonly, map, mfn, start, len, NULL);
}

int gnttab_pin_copy(struct domain *rd, grant_ref_t ref, domid_t ldomid, bool readonly,
                    unsigned long *mfn, uint16_t *start, uint16_t *len,
                    struct gnttab_trans *trans)
{
    return pin_common(rd, ref, ldomid, readonly, false, mfn, start, len, trans);
}

void gnttab_unpin(struct grant_table *gt, grant_ref_t ref, bool readonly)
{
    struct active_grant *a;

    if (ref >= gnttab_nr_entries(gt))
        return;                             /* gone with a version change */
    a = gnttab_active(gt, ref);
    if (readonly) {
        BUG_ON(!a->rd_pins);
        a->rd_pins--;
    } else {
        BUG_ON(!a->wr_pins);
        a->wr_pins--;
    }
    reduce_status(gt, ref, a);
}
