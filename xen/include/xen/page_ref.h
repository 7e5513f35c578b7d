/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Extra references on a domain's frames (xen/common/page_ref.c), taken by
 * whoever uses a frame the domain may otherwise free: grant mappings and
 * grant copies.  A frame with references that leaves its domain (released
 * by the guest, or the domain is destroyed) is not freed: it becomes an
 * orphan, owned by nobody, and goes back to the heap on the last put.
 * All counts live under one global lock (page_ref_lock); lock order:
 * d->lock, then page_ref_lock, then the heap lock.
 */
#ifndef XEN_PAGE_REF_H
#define XEN_PAGE_REF_H

#include <xen/types.h>

struct page_info;
struct domain;

#define PGR_ORPHAN  (1u << 0)   /* left its domain; freed on the last put */
#define PAGE_REF_MAX 0x7fffffffu

/*
 * Take a reference on @pg if it is an allocated frame owned by @d (not an
 * orphan); false otherwise.  The caller must keep the frame from being
 * freed while it checks (e.g. hold the p2m entry that maps it).
 */
bool get_page(struct page_info *pg, const struct domain *d);
/* Another reference on a frame that already has one (owner not checked). */
bool get_page_again(struct page_info *pg);
/* Drop a reference; the last one frees an orphan. */
void put_page(struct page_info *pg);
/*
 * Frame @pg (order 0) leaves its domain (domheap.c, d->lock held): true if
 * references keep it alive (it is now an orphan, owner cleared), false if
 * the caller must free it now (owner cleared too, for the same reason as
 * page_ref_claim_free()).
 */
bool page_ref_leave(struct page_info *pg);
/*
 * May the block [pg, pg + 2^order) be freed now (no frame holds references)?
 * If so it is disowned at once, so no get_page() can slip in before the free.
 */
bool page_ref_claim_free(struct page_info *pg, unsigned int order);
/* Orphans not freed yet (for dumps and tests). */
unsigned long page_ref_orphans(void);

#endif
