/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Grant tables for the gt-* test guests, over include/public/grant_table.h.
 *
 * Guest-physical space from 4 GiB (GFN 0x100000, never RAM for the small
 * domains these guests run in, nor for Xen's 16 MiB dom0) is the "free GFN"
 * window, identity-mapped by gt_window_init() with 2 MiB pages:
 *   GT_GFN_BASE + 0..63     the shared frames (add_to_physmap grant_table)
 *   GT_GFN_BASE + 64..127   v2 status frames (XENMAPIDX_grant_table_status)
 *   gt_free_gfn(i)          places to map other domains' grants (GNTMAP_host_map)
 * gt_setup() picks the version and maps the frames there; the gt_* entry
 * helpers then fill and revoke entries the way Linux does (flags written
 * last; v1 revoke = cmpxchg of the flags unless GTF_reading/GTF_writing;
 * v2 revoke = clear the flags, then check the status frame).
 */
#ifndef GUEST_GNTTAB_H
#define GUEST_GNTTAB_H

#include "hctest.h"
#include <public/grant_table.h>

#define GT_GFN_BASE         0x100000ull         /* 4 GiB */
#define GT_STATUS_GFN       (GT_GFN_BASE + 64)
#define GT_FREE_GFN         (GT_GFN_BASE + 256)
#define GT_NR_FREE_GFNS     (512 * 512 - 256)   /* the window is 1 GiB */
#define GT_FIRST_REF        GNTTAB_NR_RESERVED_ENTRIES
#define GT_BAD_HC           ((int16_t)-1000)    /* the hypercall itself failed */

static inline void *gfn_va(uint64_t gfn) { return (void *)(uintptr_t)(gfn << 12); }
static inline uint64_t gt_free_gfn(unsigned int i) { return GT_FREE_GFN + i; }
static inline void gt_mb(void) { asm volatile ("mfence" ::: "memory"); }

static inline long HYPERVISOR_grant_table_op(unsigned long cmd, void *uop, unsigned long count)
{
    return hypercall5(__HYPERVISOR_grant_table_op, cmd, (unsigned long)uop, count, 0, 0);
}

/* Map the free-GFN window into the guest's page tables (idempotent). */
void gt_window_init(void);

/* ---- table setup (gnttab.c) ---- */
extern unsigned int gt_version;         /* in use after gt_setup() */
extern unsigned int gt_nr_frames;       /* shared frames mapped */
/* set_version(@version) and map @nr_frames shared (+ v2 status) frames;
 * reports each step as a check; returns false if the table is unusable. */
bool gt_setup(unsigned int version, unsigned int nr_frames);
unsigned int gt_nr_entries(void);       /* entries in the mapped frames */
long gt_query_size(domid_t dom, uint32_t *nr, uint32_t *max, int16_t *status);
long gt_set_version(uint32_t version, uint32_t *now);
long gt_get_version(domid_t dom, uint32_t *version);
long gt_add_frame(uint32_t idx, uint64_t gfn);   /* XENMEM_add_to_physmap grant_table */
long gt_remove_gfn(uint64_t gfn);                 /* XENMEM_remove_from_physmap */

/* ---- entries of our own table ---- */
void gt_grant(grant_ref_t ref, domid_t dom, uint64_t gfn, bool readonly);
/* v2 only: [page_off, page_off+len) of @gfn, or @trans_ref of @trans_dom. */
void gt_grant_subpage(grant_ref_t ref, domid_t dom, uint64_t gfn, uint16_t page_off,
                      uint16_t len, bool readonly);
void gt_grant_transitive(grant_ref_t ref, domid_t dom, domid_t trans_dom, grant_ref_t trans_ref);
/* Revoke as Linux does; true if revoked, false if still in use. */
bool gt_revoke(grant_ref_t ref);
/* GTF_reading|GTF_writing as the hypervisor set them (v1 flags, v2 status). */
uint16_t gt_busy(grant_ref_t ref);
uint16_t gt_flags(grant_ref_t ref);     /* the entry's flags word */
void gt_clear(grant_ref_t ref);         /* zero the entry (v2: and not the status) */

/* ---- operations on (possibly) other domains' grants; GNTST_* or GT_BAD_HC ---- */
int16_t gt_map(domid_t dom, grant_ref_t ref, uint64_t gfn, uint32_t flags,
               grant_handle_t *handle);
extern uint64_t gt_last_dev_bus_addr;   /* what the last gt_map() returned there */
int16_t gt_unmap(grant_handle_t handle, uint64_t gfn);
int16_t gt_unmap_and_replace(grant_handle_t handle, uint64_t gfn, uint64_t new_gfn);
/* One GNTTABOP_copy; a side is a gref when its *_gref flag is set, else a GFN. */
struct gt_ptr {
    bool gref;
    domid_t dom;
    uint64_t ref_or_gfn;
    uint16_t offset;
};
int16_t gt_copy(struct gt_ptr src, struct gt_ptr dst, uint16_t len);
#define GREF(d, r, off)     ((struct gt_ptr){ true, (d), (r), (off) })
#define GFNP(g, off)        ((struct gt_ptr){ false, DOMID_SELF, (g), (off) })

const char *gntst_name(int16_t st);
/* "  [ ok ] what: GNTST_x" / "  [FAIL] what: GNTST_y, expected GNTST_x". */
bool expect_st(int16_t got, int16_t want, const char *fmt, ...) __printf(3, 4);

/* Write @val at @p, catching a fault; 0 or the vector (error code in last_fault). */
static inline unsigned int write_u32_safe(volatile uint32_t *p, uint32_t val)
{
    unsigned long fault = 0;

    asm volatile ("1: movl %k2, %1\n2:\n" EXTABLE(1b, 2b)
                  : "+S" (fault), "=m" (*p) : "r" (val) : "memory");
    return fault;
}

/* Fill / check a page with a pattern derived from @seed. */
void gt_fill(void *page, uint32_t seed);
bool gt_check(const void *page, uint32_t seed);
uint32_t gt_word(uint32_t seed, unsigned int i);

/* ---- two domains: a mailbox in a granted page ---- */
/*
 * d0 (the granter of the mailbox) grants one of its own pages as ref
 * GT_FIRST_REF to @peer; the peer maps it (retrying while d0 is not there
 * yet) at gt_free_gfn(0).  Each side then posts numbered steps and waits
 * for the other's; words[] carry arguments.
 */
struct gt_mbox {
    volatile uint32_t seq[2];           /* last step each side finished */
    volatile uint32_t words[2][64];     /* per side: arguments of its step */
    volatile uint32_t gave_up[2];       /* a side failed: the other stops waiting */
};
extern volatile struct gt_mbox *mbox;
extern unsigned int mb_me;              /* 0: the mailbox's owner, 1: the mapper */
void mb_connect(unsigned int me, domid_t peer);
void mb_post(uint32_t step);            /* publish our words, then our seq */
void mb_wait(uint32_t step);            /* the peer reached @step (fails on timeout) */
void mb_disconnect(void);               /* mapper unmaps; owner waits, then revokes */
/* Fail this side's test and tell the peer, so that it does not wait out its timeout. */
noreturn void mb_fail(const char *fmt, ...) __printf(1, 2);
#define MB_MAP_GFN  gt_free_gfn(0)
void gt_yield(void);

/* Control domain: XENMEM_current_reservation of @dom, and waiting until it
 * is no longer @before (the domain is dying or gone; fails on timeout). */
long gt_reservation(domid_t dom);
long gt_wait_changed(domid_t dom, long before);

#endif
