/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * GNTTABOP_dump_table and debug key 'g': per domain, the table's version,
 * size and limits, every entry in use (user, pins, frame, the guest's
 * flags) and how many mappings the domain holds of others' grants.
 */
#include <xen/grant_table.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/page_ref.h>
#include <xen/sched.h>

static void dump_entry(struct grant_table *gt, grant_ref_t ref, const struct active_grant *a)
{
    const struct grant_entry_header *h = gnttab_shared_header(gt, ref);

    if (a->transitive)
        printk("    [%4u] d%u rd %u wr %u transitive -> d%u ref %u flags %#x\n", ref, a->domid,
               a->rd_pins, a->wr_pins, a->trans_domid, a->trans_gref, READ_ONCE(h->flags));
    else
        printk("    [%4u] d%u rd %u wr %u mfn %#lx off %u len %u flags %#x\n", ref, a->domid,
               a->rd_pins, a->wr_pins, a->mfn, a->start, a->length, READ_ONCE(h->flags));
}

void gnttab_dump(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int used = 0;

    if (!gt)
        return;
    spin_lock(&gt->lock);
    printk("  d%u: grant table v%u, %u of %u frames (%u status), %u entries\n",
           d->domain_id, gt->version, gt->nr_frames, gt->max_frames, gt->nr_status,
           gnttab_nr_entries(gt));
    for (grant_ref_t ref = 0; ref < gnttab_nr_entries(gt); ref++) {
        const struct active_grant *a = gnttab_active(gt, ref);

        if (!a->rd_pins && !a->wr_pins)
            continue;
        dump_entry(gt, ref, a);
        used++;
    }
    spin_unlock(&gt->lock);
    printk("  d%u: %u grants in use; maps %u of others' grants (limit %u)\n", d->domain_id,
           used, READ_ONCE(gt->maptrack_used),
           gt->max_maptrack ? gt->max_maptrack * GNTTAB_MAPTRACK_PER_FRAME - 1 : 0);
}

static void dump_grants(unsigned char key)
{
    (void)key;
    printk("'g' pressed -> dumping grant tables (%lu orphaned frames)\n", page_ref_orphans());
    for (domid_t id = 0; id < DOMID_FIRST_RESERVED; id++) {
        struct domain *d = domain_get(id);

        if (!d) {
            if (id > 64)
                break;
            continue;
        }
        gnttab_dump(d);
        domain_put(d);
    }
}
DEFINE_KEYHANDLER('g', dump_grants, "dump grant tables");
