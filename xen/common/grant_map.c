/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * GNTTABOP_map_grant_ref / unmap_grant_ref / unmap_and_replace for
 * translated (PVH/HVM) mappers, as Xen 4.17: host_addr is a guest-physical
 * address in the mapper's p2m, where the granted frame appears as
 * p2m_grant_map_rw or p2m_grant_map_ro.  Only GNTMAP_host_map
 * [| GNTMAP_readonly] is accepted (device, application and PTE mappings
 * are PV-only: GNTST_general_error).
 *
 * A mapping holds: a maptrack handle of the mapper, a pin of the granter's
 * entry and one page reference.  Unmapping drops all three; when the
 * granter is gone (its table's serial no longer matches) only the page
 * reference is left to drop, and that frees the orphaned frame.
 */
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/page_ref.h>
#include <xen/physmap.h>
#include <xen/sched.h>
#include <asm/p2m.h>

/* By ID only (map_grant_ref: DOMID_SELF is not a domain there, as Xen). */
static struct domain *get_by_id(struct domain *ld, domid_t domid)
{
    if (domid == ld->domain_id)
        return ld;
    return domid >= DOMID_FIRST_RESERVED ? NULL : domain_get(domid);
}

struct domain *gnttab_get_domain(struct domain *ld, domid_t domid)
{
    return get_by_id(ld, domid == DOMID_SELF ? ld->domain_id : domid);
}

void gnttab_put_domain(struct domain *ld, struct domain *d)
{
    if (d && d != ld)
        domain_put(d);
}

void gnttab_release_mapping(const struct grant_mapping *m)
{
    struct domain *rd = domain_get(m->domid);   /* NULL once it is dying */
    struct grant_table *rgt = rd ? rd->grant_table : NULL;

    if (rgt && rgt->serial == m->serial) {
        spin_lock(&rgt->lock);
        gnttab_unpin(rgt, m->ref, m->flags & GNTMAP_readonly);
        spin_unlock(&rgt->lock);
    }
    if (rd)
        domain_put(rd);
    put_page(mfn_to_page(m->mfn));
}

/* Pin @op's grant for @ld; GNTST_*, with *m filled in on success. */
static int pin_for_map(struct domain *ld, struct domain *rd,
                       const struct gnttab_map_grant_ref *op, struct grant_mapping *m)
{
    struct grant_table *rgt = rd->grant_table;
    bool ro = op->flags & GNTMAP_readonly;
    uint16_t start, len, cache = 0;
    int rc;

    spin_lock(&rgt->lock);
    rc = gnttab_pin(rd, op->ref, ld->domain_id, ro, true, &m->mfn, &start, &len);
    if (rc == GNTST_okay)
        cache = READ_ONCE(gnttab_shared_header(rgt, op->ref)->flags) &
                (GTF_PAT | GTF_PWT | GTF_PCD);
    if (rc == GNTST_okay && cache) {            /* Xen: no cache attributes for HVM */
        gnttab_unpin(rgt, op->ref, ro);
        put_page(mfn_to_page(m->mfn));
        rc = GNTST_general_error;
    }
    spin_unlock(&rgt->lock);
    m->flags = op->flags & (GNTMAP_host_map | GNTMAP_readonly);
    m->ref = op->ref;
    m->domid = rd->domain_id;
    m->serial = rgt->serial;
    m->gfn = op->host_addr >> PAGE_SHIFT;
    return rc;
}

static int16_t map_checked(struct domain *ld, struct domain *rd,
                           struct gnttab_map_grant_ref *op)
{
    struct grant_mapping m;
    uint32_t h = maptrack_get(ld->grant_table);
    int rc;

    if (h == MAPTRACK_NONE)
        return GNTST_no_space;
    rc = pin_for_map(ld, rd, op, &m);
    if (rc != GNTST_okay) {
        maptrack_put(ld->grant_table, h);
        return rc;
    }
    if (physmap_add_grant(ld, m.gfn, m.mfn, (op->flags & GNTMAP_readonly) ?
                          p2m_grant_map_ro : p2m_grant_map_rw)) {
        gnttab_release_mapping(&m);
        maptrack_put(ld->grant_table, h);
        return GNTST_general_error;
    }
    maptrack_publish(ld->grant_table, h, &m);
    op->handle = h;
    op->dev_bus_addr = (uint64_t)m.mfn << PAGE_SHIFT;   /* as Xen */
    return GNTST_okay;
}

void gnttab_map_one(struct domain *ld, struct gnttab_map_grant_ref *op)
{
    struct domain *rd;

    if (!(op->flags & (GNTMAP_host_map | GNTMAP_device_map))) {
        op->status = GNTST_bad_gntref;
        return;
    }
    if (op->flags & (GNTMAP_device_map | GNTMAP_application_map | GNTMAP_contains_pte)) {
        op->status = GNTST_general_error;
        return;
    }
    rd = get_by_id(ld, op->dom);
    if (!rd) {
        op->status = GNTST_bad_domain;
        return;
    }
    op->status = map_checked(ld, rd, op);
    gnttab_put_domain(ld, rd);
}

int16_t gnttab_unmap_one(struct domain *ld, uint64_t host_addr, uint32_t handle,
                         uint64_t new_addr)
{
    struct grant_table *lgt = ld->grant_table;
    struct grant_mapping m;

    if (!maptrack_claim(lgt, handle, &m))
        return GNTST_bad_handle;
    if (!host_addr) {                       /* Xen: nothing to do, and okay */
        maptrack_unclaim(lgt, handle);
        return GNTST_okay;
    }
    if (new_addr || physmap_remove_grant(ld, host_addr >> PAGE_SHIFT, m.mfn)) {
        maptrack_unclaim(lgt, handle);
        return GNTST_general_error;
    }
    gnttab_release_mapping(&m);
    maptrack_put(lgt, handle);
    return GNTST_okay;
}
