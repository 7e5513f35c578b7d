/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Grant tables (xen/common/grant_*.c): a domain (the granter) lists in its
 * shared table which of its frames another domain may use; that domain
 * (the mapper) maps them into its p2m or copies through them.  Xen's ABI
 * (public/grant_table.h): versions 1 and 2, GNTST_* per-entry codes.
 *
 * Per domain, struct grant_table holds both roles:
 *   granter: the shared frames (hypervisor pages the guest maps with
 *            XENMEM_add_to_physmap), v2 status frames, and one active
 *            entry per grant in use (pin counts, the frame, the user);
 *   mapper:  the maptrack, one entry per mapping it made (the handle the
 *            guest unmaps with), limited to max_maptrack_frames * 256.
 *
 * The guest may change its shared entries at any time: the hypervisor
 * reads an entry once, and sets GTF_reading/GTF_writing with a bounded
 * cmpxchg on the entry's flags+domid word (v1) or in the status frame (v2).
 * Every pin holds a page reference (xen/page_ref.h), so a granted frame in
 * use outlives the granter's release of it and the granter itself.
 *
 * Locking: gt->lock (granter side: frames, version, active entries) is
 * taken before the granter's p2m lock; gt->maptrack_lock (mapper side)
 * nests inside nothing else of ours.  The GFN records of the frames change
 * under the domain's physmap_lock and gt->lock (physmap_lock first).
 */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <public/grant_table.h>

struct domain;

#define GNTTAB_DEFAULT_MAX_FRAMES       64      /* Xen's gnttab_max_frames */
#define GNTTAB_DEFAULT_MAX_MAPTRACK     1024    /* Xen's gnttab_max_maptrack_frames */
#define GNTTAB_LIMIT_FRAMES             4096    /* our cap on either option */
#define GNTTAB_INITIAL_FRAMES           1       /* Xen x86 INITIAL_NR_GRANT_FRAMES */
#define GNTTAB_MAPTRACK_PER_FRAME       256     /* Xen: 4 KiB of 16-byte entries */
#define GNTTAB_V1_PER_FRAME             512
#define GNTTAB_V2_PER_FRAME             256
#define GNTTAB_STATUS_PER_FRAME         2048
#define GNTTAB_PIN_MAX                  0xff    /* Xen's 8-bit pin counters */
#define GNTTAB_CAS_RETRIES              5       /* then the entry is "unstable" */

/* Options (gnttab_max_frames=, gnttab_max_maptrack_frames=). */
extern unsigned int opt_gnttab_max_frames, opt_gnttab_max_maptrack_frames;

/* Granter side: one per grant entry. */
struct active_grant {
    uint16_t rd_pins, wr_pins;  /* read-only / writable uses (maps and copies) */
    domid_t domid;              /* the user while pinned */
    uint16_t start, length;     /* the part of the frame that may be used */
    bool sub_page;              /* v2 sub-page or transitive grant (copy only) */
    bool transitive;            /* v2 GTF_transitive: the frame is trans_domid's */
    domid_t trans_domid;
    grant_ref_t trans_gref;
    unsigned long mfn;          /* the frame while pinned (INVALID_MFN: transitive) */
};

/* Where a transitive grant points (gnttab_pin_copy). */
struct gnttab_trans {
    bool transitive;
    domid_t domid;
    grant_ref_t gref;
};

/* Mapper side: one per handle. */
enum { MT_FREE, MT_BUSY, MT_MAPPED };
struct grant_mapping {
    uint8_t state;              /* MT_* (maptrack_lock) */
    uint32_t flags;             /* GNTMAP_host_map [| GNTMAP_readonly] */
    grant_ref_t ref;
    domid_t domid;              /* the granter */
    uint64_t serial;            /* the granter's table (domain IDs are reused) */
    unsigned long mfn;
    uint64_t gfn;               /* where it is mapped in our p2m */
    uint32_t next_free;
};

struct grant_table {
    struct domain *domain;
    uint64_t serial;                /* unique per table */
    spinlock_t lock;
    unsigned int version;           /* 1 or 2 */
    unsigned int nr_frames, max_frames;
    void **shared;                  /* [max_frames] hypervisor pages */
    uint64_t *shared_gfn;           /* [max_frames] where mapped, or GFN_NONE */
    unsigned int nr_status;         /* v2 status frames */
    uint16_t **status;              /* [status_frames(max_frames)] */
    uint64_t *status_gfn;
    struct active_grant **active;   /* [max_frames] arrays of 512 */
    spinlock_t maptrack_lock;
    struct grant_mapping **maptrack; /* [max_maptrack] arrays of 256 */
    unsigned int maptrack_frames, max_maptrack;
    uint32_t maptrack_free;         /* free list head (oldest), MAPTRACK_NONE if empty */
    uint32_t maptrack_tail;         /* free list tail (most recently freed) */
    unsigned int maptrack_nfree;
    unsigned int maptrack_used;
};

#define MAPTRACK_NONE   (~0u)

/* ---- table lifecycle (grant_table.c) ---- */
int gnttab_domain_init(struct domain *d);
/* Per-domain limits (0: the option); before the domain runs.  0 or -EINVAL/-ENOMEM. */
int gnttab_set_limits(struct domain *d, unsigned int max_frames, unsigned int max_maptrack);
/* Release every mapping @d made, then free its table (domain destruction). */
void gnttab_domain_destroy(struct domain *d);
unsigned int gnttab_nr_entries(const struct grant_table *gt);
unsigned int gnttab_status_frames(unsigned int grant_frames);
/* Grow to @nr frames (gt->lock held); 0, -EINVAL over the limit, -ENOMEM. */
int gnttab_grow(struct grant_table *gt, unsigned int nr);
/* GNTTABOP_set_version on @d's table; -EINVAL/-EBUSY/-ERANGE/-ENOMEM. */
int gnttab_set_version(struct domain *d, unsigned int version);
/*
 * XENMEM_add_to_physmap, XENMAPSPACE_grant_table (physmap_lock held): the
 * frame @idx stands for (XENMAPIDX_grant_table_status: a status frame),
 * growing the table as Xen does, and where it was mapped.  0 or -EINVAL.
 */
int gnttab_resolve_frame(struct domain *d, uint64_t idx, unsigned long *mfn, uint64_t *old_gfn);
/* Record that frame @idx is now at @gfn (physmap_lock held). */
void gnttab_frame_mapped(struct domain *d, uint64_t idx, uint64_t gfn);
/* Is @mfn one of @d's table frames (shared or status)? */
bool gnttab_is_frame(struct domain *d, unsigned long mfn);
/*
 * Forget the record of the table frame @mfn, if it is one: true.  Only
 * once the p2m no longer maps it (physmap_lock held): the record must say
 * where the frame is mapped, or set_version 2->1 frees a mapped frame.
 */
bool gnttab_frame_unmapped(struct domain *d, unsigned long mfn);
/* Where frame @i (status: status frame @i) is mapped, or ~0 (setup_table). */
uint64_t gnttab_frame_gfn(struct grant_table *gt, bool status, unsigned int i);

/* ---- entries (grant_entry.c; gt->lock held) ---- */
/* The guest-shared header of entry @ref (flags, domid), v1 or v2. */
struct grant_entry_header *gnttab_shared_header(struct grant_table *gt, grant_ref_t ref);
struct active_grant *gnttab_active(struct grant_table *gt, grant_ref_t ref);
/*
 * Pin entry @ref of @rd's table for @ldomid: check type, domain and
 * readonly, set the busy bits, look up the frame (first pin), take a page
 * reference.  @map: a mapping (sub-page grants refused).  GNTST_okay with
 * *@mfn, *@start, *@len, or a GNTST_* error with nothing changed.
 */
int gnttab_pin(struct domain *rd, grant_ref_t ref, domid_t ldomid, bool readonly,
               bool map, unsigned long *mfn, uint16_t *start, uint16_t *len);
/*
 * gnttab_pin() for a copy, which may also use a v2 GTF_transitive entry
 * (as Xen): then only the entry is pinned (no frame, no page reference)
 * and *@trans says which grant of which domain to pin next, for @rd.
 */
int gnttab_pin_copy(struct domain *rd, grant_ref_t ref, domid_t ldomid, bool readonly,
                    unsigned long *mfn, uint16_t *start, uint16_t *len,
                    struct gnttab_trans *trans);
/* Undo one pin (busy bits reduced, page reference dropped by the caller). */
void gnttab_unpin(struct grant_table *gt, grant_ref_t ref, bool readonly);
/* A frame of @d for a hypervisor access by GFN (copy): GNTST_okay + page ref, or bad_page. */
int gnttab_get_frame(struct domain *d, uint64_t gfn, bool readonly, unsigned long *mfn);

/* ---- maptrack (grant_maptrack.c) ---- */
/* Reserve a handle (MT_BUSY); MAPTRACK_NONE when the limit is reached. */
uint32_t maptrack_get(struct grant_table *gt);
/* Free a handle in any state. */
void maptrack_put(struct grant_table *gt, uint32_t handle);
/* MT_BUSY -> MT_MAPPED with @m's contents. */
void maptrack_publish(struct grant_table *gt, uint32_t handle, const struct grant_mapping *m);
/* Claim a mapped handle for unmapping (MT_MAPPED -> MT_BUSY, copy in *@m); false if none. */
bool maptrack_claim(struct grant_table *gt, uint32_t handle, struct grant_mapping *m);
/* Give back a claimed handle unchanged (MT_BUSY -> MT_MAPPED). */
void maptrack_unclaim(struct grant_table *gt, uint32_t handle);
void maptrack_destroy(struct grant_table *gt);

/* ---- operations (grant_map.c, grant_copy.c) ---- */
void gnttab_map_one(struct domain *ld, struct gnttab_map_grant_ref *op);
/* @new_addr: unmap_and_replace's (must be 0 for translated guests). */
int16_t gnttab_unmap_one(struct domain *ld, uint64_t host_addr, uint32_t handle,
                         uint64_t new_addr);
/* Release a mapping @ld holds, granter side and page reference. */
void gnttab_release_mapping(const struct grant_mapping *m);
int16_t gnttab_copy_one(struct domain *ld, const struct gnttab_copy *op);
int gnttab_swap(struct domain *d, grant_ref_t a, grant_ref_t b);
/* cache_flush for one entry from *@cur (a resume point); 0, 1 (preempted), -errno. */
int gnttab_cache_flush_one(struct domain *ld, const struct gnttab_cache_flush *op,
                           uint32_t *cur);
/* dump_table / the 'g' key. */
void gnttab_dump(struct domain *d);

/* The domain an op names (DOMID_SELF or an ID), held; NULL if none. */
struct domain *gnttab_get_domain(struct domain *ld, domid_t domid);
void gnttab_put_domain(struct domain *ld, struct domain *d);

#endif
