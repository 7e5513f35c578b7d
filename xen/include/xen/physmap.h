/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Changes to a domain's guest-physical map on the guest's request
 * (xen/common/physmap.c), the mechanism behind memory_op.  Every change
 * runs under d->physmap_lock; a frame leaves the p2m before it is freed,
 * and p2m_get_entry_hold() keeps hypervisor copies safe meanwhile.
 *
 * What a GFN may hold, and what releasing it does:
 *   nothing                 -EINVAL (Xen: "-ENOENT", reported as -EINVAL)
 *   MMIO passed through     -EPERM
 *   the shared_info page    unmapped only (hypervisor memory)
 *   a frame the domain owns unmapped and freed (tot_pages drops), unless a
 *                           vCPU registered its vcpu_info there: then it
 *                           stays the domain's until destruction
 *   anything else           -ENXIO (another domain's frame)
 *
 * Differences from Xen 4.17 (guest-visible only in tot_pages): when
 * populate_physmap or add_to_physmap lands on a GFN that holds the domain's
 * RAM, and on remove_from_physmap, Xen unmaps the old frame but keeps it
 * allocated (counted in tot_pages) until the domain dies; we free it.
 */
#ifndef XEN_PHYSMAP_H
#define XEN_PHYSMAP_H

#include <xen/types.h>

struct domain;
struct e820entry;

/* Release the frame at @gfn (XENMEM_decrease_reservation, per page). */
int physmap_release(struct domain *d, uint64_t gfn);

/*
 * Give @d 2^@order new zeroed pages at [@gfn, @gfn + 2^order)
 * (XENMEM_populate_physmap, one extent).  What was mapped there is
 * released first.  @address_bits (0: any) limits the machine address.
 * 0; -ENOMEM (no memory, over max_pages, above @address_bits); -EINVAL
 * (GFN range wraps or is beyond the guest-physical width); -EPERM with the
 * domain crashed if the range holds MMIO or another domain's frame (Xen).
 */
int physmap_populate(struct domain *d, uint64_t gfn, unsigned int order,
                     unsigned int address_bits);

/*
 * Allocate 2^@order pages for @d without mapping them
 * (XENMEM_increase_reservation on a translated guest, as Xen: they only
 * count against max_pages until the domain dies).  0 or -ENOMEM.
 */
int physmap_increase(struct domain *d, unsigned int order);

/*
 * XENMEM_add_to_physmap for one page: map index @idx of @space
 * (XENMAPSPACE_*) at @gfn.  Whatever was at @gfn is released (the domain's
 * RAM is freed), and the page leaves its old GFN.
 *   shared_info  idx 0 only (-EINVAL); mapped p2m_special
 *   gmfn         move the domain's RAM page from GFN @idx (-EINVAL if none)
 *   grant_table  frame idx of the grant table (| XENMAPIDX_grant_table_status:
 *                a v2 status frame), growing the table up to its limit
 *                (-EINVAL beyond); mapped p2m_special, moved from its old GFN
 *   others       -EINVAL (gmfn_range is the caller's loop; gmfn_foreign
 *                and dev_mmio are refused by the caller)
 * -EINVAL for @gfn == ~0; -ENOENT for a GFN beyond the guest-physical
 * width (as Xen's NPT code); -EPERM if @gfn holds MMIO; release errors.
 * A failed call changes nothing (Xen may already have unmapped the page
 * from its old GFN when the new one turns out unmappable).
 */
int physmap_add(struct domain *d, unsigned int space, uint64_t idx, uint64_t gfn);

/*
 * XENMEM_remove_from_physmap: unmap @gfn; the domain's RAM is freed (see
 * above).  -ENOENT if nothing (or MMIO) is mapped there, as Xen.
 */
int physmap_remove(struct domain *d, uint64_t gfn);

/*
 * Grant mappings (xen/grant_table.h) in @d's p2m: map the granted frame
 * @mfn at @gfn as @t (p2m_grant_map_rw/ro).  The domain's RAM there is
 * released first; a foreign, grant or MMIO frame there crashes the domain
 * and gives -EPERM, as Xen 4.17; -EINVAL for a GFN beyond the p2m.
 */
int physmap_add_grant(struct domain *d, uint64_t gfn, unsigned long mfn, int t);
/* Unmap the grant mapping of @mfn at @gfn; -EINVAL if that is not what is there. */
int physmap_remove_grant(struct domain *d, uint64_t gfn, unsigned long mfn);

/* The loader records the guest's memory map for XENMEM_memory_map (0 or -ENOMEM). */
int domain_set_memory_map(struct domain *d, const struct e820entry *map, unsigned int nr);

#endif
