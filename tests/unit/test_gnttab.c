/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The grant entry and maptrack state machines (xen/common/grant_entry.c,
 * grant_maptrack.c, grant_table.c) over the real allocator and p2m: pin
 * checks and GNTST codes, busy bits in v1 flags and v2 status frames, pin
 * counts and their overflow, sub-page grants, a guest rewriting its entry
 * from another thread while the hypervisor pins it, maptrack limits, reuse
 * order and claims, version changes, table frames in the physmap, and
 * page references (a pinned frame outlives its release).
 */
#include <pthread.h>
#include "gnttab_fixture.h"

#define GVA_BASE 0x10000ULL
#define GVA_SIZE 0x1000ULL
#include "fake_guest_virt.h"

TEST(pin_checks_v1)
{
    struct domain *a;
    unsigned long mfn;

    setup();
    a = &doms[A_ID];
    CHECK_EQ(gnttab_nr_entries(a->grant_table), 512);
    CHECK_EQ(pin(a, 512, B_ID, false, true, NULL), GNTST_bad_gntref);
    CHECK_EQ(pin(a, 0xffffffffu, B_ID, false, true, NULL), GNTST_bad_gntref);
    CHECK_EQ(pin(a, 9, B_ID, false, true, NULL), GNTST_general_error);    /* not granted */
    grant(a, 9, 7, 3, GTF_permit_access);
    CHECK_EQ(pin(a, 9, B_ID, false, true, NULL), GNTST_general_error);    /* someone else's */
    grant(a, 9, B_ID, 3, GTF_accept_transfer);
    CHECK_EQ(pin(a, 9, B_ID, false, true, NULL), GNTST_general_error);    /* wrong type */
    grant(a, 9, B_ID, 0x5000, GTF_permit_access);
    CHECK_EQ(pin(a, 9, B_ID, false, true, NULL), GNTST_bad_page);         /* a hole */
    CHECK_EQ(busy(a, 9), 0);
    grant(a, 9, B_ID, 3, GTF_permit_access | GTF_readonly);
    CHECK_EQ(pin(a, 9, B_ID, false, true, NULL), GNTST_general_error);    /* rw of ro */
    CHECK_EQ(busy(a, 9), 0);
    CHECK_EQ(pin(a, 9, B_ID, true, true, &mfn), GNTST_okay);
    CHECK_EQ(mfn, mfn_of(a, 3, NULL));
    CHECK_EQ(busy(a, 9), GTF_reading);
    CHECK_EQ(pin(a, 9, 7, true, true, NULL), GNTST_general_error);        /* pinned by B */
    unpin(a, 9, true, mfn);
    CHECK_EQ(busy(a, 9), 0);
    grant(a, 10, B_ID, 4, GTF_permit_access);
    CHECK_EQ(pin(a, 10, B_ID, true, true, &mfn), GNTST_okay);
    CHECK_EQ(busy(a, 10), GTF_reading);
    CHECK_EQ(pin(a, 10, B_ID, false, true, &mfn), GNTST_okay);            /* adds writing */
    CHECK_EQ(busy(a, 10), GTF_reading | GTF_writing);
    unpin(a, 10, false, mfn);
    CHECK_EQ(busy(a, 10), GTF_reading);
    unpin(a, 10, true, mfn);
    CHECK_EQ(busy(a, 10), 0);
    teardown();
}

TEST(pin_count_overflow_and_sub_page_flag)
{
    struct domain *a;
    unsigned long mfn;

    setup();
    a = &doms[A_ID];
    grant(a, 9, B_ID, 5, GTF_permit_access);
    for (unsigned int i = 0; i < GNTTAB_PIN_MAX; i++)
        CHECK_EQ(pin(a, 9, B_ID, true, false, &mfn), GNTST_okay);
    CHECK_EQ(pin(a, 9, B_ID, true, false, NULL), GNTST_general_error);   /* would overflow */
    CHECK_EQ(pin(a, 9, B_ID, false, false, NULL), GNTST_okay);            /* other counter */
    unpin(a, 9, false, mfn);
    for (unsigned int i = 0; i < GNTTAB_PIN_MAX; i++)
        unpin(a, 9, true, mfn);
    CHECK_EQ(busy(a, 9), 0);
    CHECK_EQ(mfn_to_page(mfn)->refs, 0);
    /* A v1 entry with the sub-page bit: not mappable (Xen's mask), copyable. */
    grant(a, 11, B_ID, 5, GTF_permit_access | GTF_sub_page);
    CHECK_EQ(pin(a, 11, B_ID, false, true, NULL), GNTST_general_error);
    CHECK_EQ(pin(a, 11, B_ID, false, false, &mfn), GNTST_okay);
    unpin(a, 11, false, mfn);
    teardown();
}

TEST(pin_checks_v2_status_frames_and_sub_pages)
{
    struct domain *a;
    unsigned long mfn;
    union grant_entry_v2 *e;
    uint16_t start, len;

    setup();
    a = &doms[A_ID];
    CHECK_EQ(gnttab_set_version(a, 2), 0);
    CHECK_EQ(a->grant_table->nr_status, 1);
    CHECK_EQ(gnttab_nr_entries(a->grant_table), 256);
    CHECK_EQ(pin(a, 256, B_ID, true, true, NULL), GNTST_bad_gntref);
    grant(a, 9, B_ID, 6, GTF_permit_access);
    CHECK_EQ(pin(a, 9, B_ID, false, true, &mfn), GNTST_okay);
    CHECK_EQ(busy(a, 9), GTF_reading | GTF_writing);
    CHECK_EQ(gnttab_shared_header(a->grant_table, 9)->flags, GTF_permit_access); /* untouched */
    unpin(a, 9, false, mfn);
    CHECK_EQ(busy(a, 9), 0);
    /* Sub-page: copy within [100, 300), never a mapping; a bad range refused. */
    e = (void *)gnttab_shared_header(a->grant_table, 12);
    e->sub_page.page_off = 100;
    e->sub_page.length = 200;
    e->sub_page.frame = 6;
    e->hdr.domid = B_ID;
    e->hdr.flags = GTF_permit_access | GTF_sub_page;
    CHECK_EQ(pin(a, 12, B_ID, true, true, NULL), GNTST_general_error);
    spin_lock(&a->grant_table->lock);
    CHECK_EQ(gnttab_pin(a, 12, B_ID, true, false, &mfn, &start, &len), GNTST_okay);
    spin_unlock(&a->grant_table->lock);
    CHECK_EQ(start, 100);
    CHECK_EQ(len, 200);
    unpin(a, 12, true, mfn);
    e->sub_page.page_off = 4000;
    CHECK_EQ(pin(a, 12, B_ID, true, false, NULL), GNTST_general_error);
    CHECK_EQ(busy(a, 12), 0);
    teardown();
}

/* A hostile guest flips the entry's domid and readonly bit as fast as it can. */
static volatile bool stop_flipping;
static void *flipper(void *arg)
{
    uint32_t *word = arg;

    while (!stop_flipping)
        __atomic_fetch_xor(word, (uint32_t)GTF_readonly | ((uint32_t)(B_ID ^ 3) << 16),
                           __ATOMIC_SEQ_CST);
    return NULL;
}

TEST(guest_rewrites_entry_while_pinning)
{
    struct domain *a;
    pthread_t t;
    unsigned int ok = 0, refused = 0;

    setup();
    a = &doms[A_ID];
    grant(a, 9, B_ID, 7, GTF_permit_access);
    stop_flipping = false;
    CHECK_EQ(pthread_create(&t, NULL, flipper, gnttab_shared_header(a->grant_table, 9)), 0);
    for (unsigned int i = 0; i < 20000; i++) {
        unsigned long mfn;
        bool ro = i & 1;
        int rc = pin(a, 9, B_ID, ro, true, &mfn);

        CHECK(rc == GNTST_okay || rc == GNTST_general_error);
        if (rc == GNTST_okay) {
            CHECK_EQ(mfn, mfn_of(a, 7, NULL));
            unpin(a, 9, ro, mfn);
            ok++;
        } else {
            refused++;
        }
    }
    stop_flipping = true;
    pthread_join(t, NULL);
    CHECK(ok + refused == 20000);
    CHECK_EQ(busy(a, 9), 0);                    /* every busy bit we set, cleared */
    CHECK_EQ(gnttab_active(a->grant_table, 9)->rd_pins, 0);
    CHECK_EQ(mfn_to_page(mfn_of(a, 7, NULL))->refs, 0);
    teardown();
}

TEST(maptrack_limit_order_and_claims)
{
    struct grant_table *gt;
    struct grant_mapping m = { .flags = GNTMAP_host_map, .mfn = 1 }, out;

    setup();
    gt = doms[B_ID].grant_table;
    CHECK_EQ(gnttab_set_limits(&doms[B_ID], 0, 1), 0);
    for (uint32_t i = 0; i < GNTTAB_MAPTRACK_PER_FRAME - 1; i++)
        CHECK_EQ(maptrack_get(gt), i);                      /* counting up from 0 */
    CHECK_EQ(maptrack_get(gt), MAPTRACK_NONE);              /* Xen: N * 256 - 1 */
    CHECK_EQ(gt->maptrack_used, 255);
    maptrack_put(gt, 5);
    maptrack_put(gt, 7);
    CHECK_EQ(maptrack_get(gt), 255);                        /* the oldest free first */
    CHECK_EQ(maptrack_get(gt), 5);
    CHECK_EQ(maptrack_get(gt), MAPTRACK_NONE);
    /* Claims: only mapped handles, once. */
    CHECK(!maptrack_claim(gt, 5, &out));                    /* busy, not mapped */
    CHECK(!maptrack_claim(gt, 7, &out));                    /* free */
    CHECK(!maptrack_claim(gt, 256, &out));                  /* beyond */
    CHECK(!maptrack_claim(gt, 0xffffffffu, &out));
    maptrack_publish(gt, 5, &m);
    CHECK(maptrack_claim(gt, 5, &out));
    CHECK_EQ(out.mfn, 1);
    CHECK(!maptrack_claim(gt, 5, &out));                    /* racing unmap loses */
    maptrack_unclaim(gt, 5);
    CHECK(maptrack_claim(gt, 5, &out));
    maptrack_put(gt, 5);
    EXPECT_BUG(maptrack_put(gt, 5));                        /* double free */
    EXPECT_BUG(maptrack_put(gt, 300));
    for (uint32_t i = 0; i < 255; i++)
        if (i != 5 && i != 7)
            maptrack_put(gt, i);
    maptrack_put(gt, 255);
    CHECK_EQ(gt->maptrack_used, 0);
    /* No maptrack at all: nothing to hand out. */
    CHECK_EQ(gnttab_set_limits(&doms[B_ID], 0, 0), 0);
    gt->max_maptrack = 0;
    CHECK_EQ(maptrack_get(gt), MAPTRACK_NONE);
    teardown();
}

TEST(limits_and_growth)
{
    struct domain *a;
    struct grant_table *gt;

    setup();
    a = &doms[A_ID];
    gt = a->grant_table;
    CHECK_EQ(gt->nr_frames, GNTTAB_INITIAL_FRAMES);
    CHECK_EQ(gt->max_frames, GNTTAB_DEFAULT_MAX_FRAMES);
    CHECK_EQ(gnttab_set_limits(a, 4, 2), 0);
    CHECK_EQ(gt->max_frames, 4);
    CHECK_EQ(gt->max_maptrack, 2);
    CHECK_EQ(gnttab_set_limits(a, GNTTAB_LIMIT_FRAMES + 1, 0), -EINVAL);
    CHECK_EQ(gnttab_set_limits(a, 4, GNTTAB_LIMIT_FRAMES + 1), -EINVAL);
    spin_lock(&gt->lock);
    CHECK_EQ(gnttab_grow(gt, 5), -EINVAL);
    CHECK_EQ(gnttab_grow(gt, 3), 0);
    spin_unlock(&gt->lock);
    CHECK_EQ(gnttab_nr_entries(gt), 3 * 512);
    CHECK_EQ(pin(a, 3 * 512 - 1, B_ID, true, true, NULL), GNTST_general_error);
    CHECK_EQ(gnttab_status_frames(1), 1);
    CHECK_EQ(gnttab_status_frames(8), 1);
    CHECK_EQ(gnttab_status_frames(9), 2);
    teardown();
}

TEST(version_changes)
{
    struct domain *a;
    struct grant_table *gt;
    unsigned long mfn;

    setup();
    a = &doms[A_ID];
    gt = a->grant_table;
    CHECK_EQ(gnttab_set_version(a, 0), -EINVAL);
    CHECK_EQ(gnttab_set_version(a, 3), -EINVAL);
    CHECK_EQ(gnttab_set_version(a, 1), 0);                  /* already */
    grant(a, 1, B_ID, 8, GTF_permit_access | GTF_readonly); /* reserved: kept */
    grant(a, 20, B_ID, 8, GTF_permit_access);
    CHECK_EQ(pin(a, 20, B_ID, true, true, &mfn), GNTST_okay);
    CHECK_EQ(gnttab_set_version(a, 2), -EBUSY);             /* entry 20 in use */
    unpin(a, 20, true, mfn);
    CHECK_EQ(pin(a, 1, B_ID, true, true, &mfn), GNTST_okay); /* reserved may stay in use */
    CHECK_EQ(gnttab_set_version(a, 2), 0);
    CHECK_EQ(gt->version, 2);
    {
        union grant_entry_v2 *e = (void *)gnttab_shared_header(gt, 1);

        CHECK_EQ(e->hdr.flags, GTF_permit_access | GTF_readonly);
        CHECK_EQ(e->hdr.domid, B_ID);
        CHECK_EQ(e->full_page.frame, 8);
        CHECK_EQ(busy(a, 1), GTF_reading);                  /* moved to the status frame */
        CHECK_EQ(gnttab_shared_header(gt, 20)->flags, 0);   /* the rest cleared */
    }
    unpin(a, 1, true, mfn);
    /* v2 -> v1 with a reserved frame beyond 32 bits: -ERANGE. */
    ((union grant_entry_v2 *)gnttab_shared_header(gt, 2))->full_page.frame = 1ULL << 32;
    ((union grant_entry_v2 *)gnttab_shared_header(gt, 2))->hdr.flags = GTF_permit_access;
    CHECK_EQ(gnttab_set_version(a, 1), -ERANGE);
    ((union grant_entry_v2 *)gnttab_shared_header(gt, 2))->hdr.flags = 0;
    CHECK_EQ(gnttab_set_version(a, 1), 0);
    CHECK_EQ(gt->nr_status, 0);
    CHECK_EQ(((struct grant_entry_v1 *)gnttab_shared_header(gt, 1))->frame, 8);
    teardown();
}

TEST(table_frames_in_the_physmap)
{
    struct domain *a;
    struct grant_table *gt;
    unsigned long free0;
    p2m_type_t t;

    setup();
    a = &doms[A_ID];
    gt = a->grant_table;
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 0, 0x8000), 0);
    CHECK_EQ(mfn_of(a, 0x8000, &t), arch_virt_to_mfn(gt->shared[0]));
    CHECK_EQ(t, p2m_special);
    CHECK_EQ(gnttab_frame_gfn(gt, false, 0), 0x8000);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 3, 0x8003), 0);    /* grows to 4 */
    CHECK_EQ(gt->nr_frames, 4);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 64, 0x8040), -EINVAL);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 1ULL << 32, 0x8040), -EINVAL);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, 0x9000),
             -EINVAL);                                                  /* v1 */
    /* Move frame 0; the old GFN is unmapped. */
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 0, 0x8010), 0);
    CHECK_EQ(mfn_of(a, 0x8000, NULL), INVALID_MFN);
    /* A stale record never unmaps what is there now. */
    CHECK_EQ(physmap_remove(a, 0x8010), 0);
    CHECK_EQ(gnttab_frame_gfn(gt, false, 0), GFN_NONE);
    /* Over RAM: the RAM page is released. */
    free0 = a->tot_pages;
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 0, 5), 0);
    CHECK_EQ(a->tot_pages, free0 - 1);
    /* v2: status frame 1 grows the table to 16 frames; back to v1 unmaps them. */
    CHECK_EQ(gnttab_set_version(a, 2), 0);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status | 1, 0x9001), 0);
    CHECK_EQ(gt->nr_frames, 16);
    CHECK_EQ(gt->nr_status, 2);
    CHECK_EQ(mfn_of(a, 0x9001, NULL), arch_virt_to_mfn(gt->status[1]));
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status | 8, 0x9008),
             -EINVAL);                                                  /* 64 frames: 8 */
    CHECK_EQ(gnttab_set_version(a, 1), 0);
    CHECK_EQ(mfn_of(a, 0x9001, NULL), INVALID_MFN);
    teardown();
}

/*
 * p2m_set_entry() failing on demand (-Wl,--wrap in test_gnttab.mk): the p2m
 * may fail any insertion.  Today's tables need nothing new to replace a
 * present 4 KiB entry, but physmap must not depend on that.
 */
int __real_p2m_set_entry(struct domain *d, uint64_t gfn, unsigned long mfn,
                         unsigned int order, p2m_type_t t);
int __wrap_p2m_set_entry(struct domain *d, uint64_t gfn, unsigned long mfn,
                         unsigned int order, p2m_type_t t);
static bool fail_next_set;

int __wrap_p2m_set_entry(struct domain *d, uint64_t gfn, unsigned long mfn,
                         unsigned int order, p2m_type_t t)
{
    if (fail_next_set) {
        fail_next_set = false;
        return -ENOMEM;
    }
    return __real_p2m_set_entry(d, gfn, mfn, order, t);
}

/* A failed mapping leaves each table frame's record saying where it is mapped. */
TEST(table_frame_records_survive_failed_mappings)
{
    struct domain *a, *b;
    struct grant_table *gt;
    uint32_t h;

    setup();
    a = &doms[A_ID];
    b = &doms[B_ID];
    gt = a->grant_table;
    CHECK_EQ(gnttab_set_version(a, 2), 0);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 0, 0x8000), 0);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, 0x9000), 0);
    /* Again at the same GFN: the entry stays, and so does the record. */
    fail_next_set = true;
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 0, 0x8000), -ENOMEM);
    CHECK_EQ(mfn_of(a, 0x8000, NULL), arch_virt_to_mfn(gt->shared[0]));
    CHECK_EQ(gnttab_frame_gfn(gt, false, 0), 0x8000);
    /* Shared frame 0 over status frame 0: as Xen, both unmapped first. */
    fail_next_set = true;
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, 0, 0x9000), -ENOMEM);
    CHECK(!fail_next_set);
    CHECK_EQ(mfn_of(a, 0x9000, NULL), INVALID_MFN);
    CHECK_EQ(mfn_of(a, 0x8000, NULL), INVALID_MFN);
    CHECK_EQ(gnttab_frame_gfn(gt, true, 0), GFN_NONE);
    CHECK_EQ(gnttab_frame_gfn(gt, false, 0), GFN_NONE);
    /* A grant mapping over B's status frame: unhooked even though it fails. */
    CHECK_EQ(gnttab_set_version(b, 2), 0);
    CHECK_EQ(physmap_add(b, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, MAP_GFN), 0);
    grant(a, 9, B_ID, 3, GTF_permit_access);
    fail_next_set = true;
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, &h), GNTST_general_error);
    CHECK(!fail_next_set);
    CHECK_EQ(mfn_of(b, MAP_GFN, NULL), INVALID_MFN);
    CHECK_EQ(gnttab_frame_gfn(b->grant_table, true, 0), GFN_NONE);
    CHECK_EQ(busy(a, 9), 0);
    CHECK_EQ(gnttab_set_version(b, 1), 0);
    CHECK_EQ(gnttab_set_version(a, 1), 0);
    teardown();
}

/* Real -ENOMEM (new p2m tables) moving a status frame; then back to v1. */
TEST(table_frame_move_out_of_memory)
{
    static void *hold[FRAMES];
    struct domain *a;
    struct grant_table *gt;
    unsigned long n = 0;

    setup();
    a = &doms[A_ID];
    gt = a->grant_table;
    CHECK_EQ(gnttab_set_version(a, 2), 0);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, 0x9000), 0);
    while ((hold[n] = alloc_xenheap_pages(0, 0)) != NULL)
        n++;
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, 0x40000),
             -ENOMEM);
    CHECK_EQ(mfn_of(a, 0x9000, NULL), INVALID_MFN);        /* the old GFN went first */
    CHECK_EQ(mfn_of(a, 0x40000, NULL), INVALID_MFN);
    CHECK_EQ(gnttab_frame_gfn(gt, true, 0), GFN_NONE);
    while (n--)
        free_xenheap_pages(hold[n], 0);
    CHECK_EQ(physmap_add(a, XENMAPSPACE_grant_table, XENMAPIDX_grant_table_status, 0x40000), 0);
    CHECK_EQ(gnttab_set_version(a, 1), 0);
    CHECK_EQ(mfn_of(a, 0x40000, NULL), INVALID_MFN);
    teardown();
}

TEST(page_refs_keep_released_frames)
{
    struct domain *a;
    struct page_info *pg;
    unsigned long free0, mfn;

    setup();
    a = &doms[A_ID];
    mfn = mfn_of(a, 9, NULL);
    pg = mfn_to_page(mfn);
    CHECK(get_page(pg, a));
    CHECK(!get_page(pg, &doms[B_ID]));                      /* not B's */
    CHECK(get_page_again(pg));
    free0 = total_free_pages();
    CHECK_EQ(physmap_release(a, 9), 0);                     /* A lets go */
    CHECK_EQ(page_ref_orphans(), 1);
    CHECK(!get_page(pg, a));                                /* no longer A's */
    CHECK(total_free_pages() < free0 + 1);
    put_page(pg);
    CHECK_EQ(page_ref_orphans(), 1);
    put_page(pg);                                           /* the last: freed */
    CHECK_EQ(page_ref_orphans(), 0);
    CHECK(!get_page_again(pg));
    EXPECT_BUG(put_page(pg));
    teardown();
}

TEST_MAIN();
