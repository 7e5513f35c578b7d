/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Grant operations between two domains (xen/common/grant_map.c,
 * grant_copy.c) and the hypercall layer (hypercalls/grant_table_op.c) on
 * the host: map/unmap through B's p2m with every refusal code, a granted
 * frame released by A or outliving A, B dying with mappings, copies both
 * ways with hostile offsets and domains, swap, cache_flush, and the
 * hypercall's count/cmd checks, per-entry status and continuations.
 */
#include "gnttab_fixture.h"

#define GVA_BASE 0x10000ULL
#define GVA_SIZE 0x4000ULL
#include "fake_guest_virt.h"
#include <xen/hypercall.h>

TEST(map_write_see_unmap)
{
    struct domain *a, *b;
    uint32_t h, h2;
    p2m_type_t t;

    setup();
    a = &doms[A_ID], b = &doms[B_ID];
    grant(a, 9, B_ID, 3, GTF_permit_access);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, &h), GNTST_okay);
    CHECK_EQ(mfn_of(b, MAP_GFN, &t), mfn_of(a, 3, NULL));
    CHECK_EQ(t, p2m_grant_map_rw);
    CHECK_EQ(busy(a, 9), GTF_reading | GTF_writing);
    CHECK_EQ(mfn_to_page(mfn_of(a, 3, NULL))->refs, 1);
    page_of(b, MAP_GFN)[5] = 0x5a;                          /* B writes, A sees */
    CHECK_EQ(page_of(a, 3)[5], 0x5a);
    /* A second, read-only mapping of the same grant. */
    CHECK_EQ(map(A_ID, 9, MAP_GFN + 1, GNTMAP_host_map | GNTMAP_readonly, &h2), GNTST_okay);
    CHECK(h2 != h);
    CHECK_EQ(mfn_of(b, MAP_GFN + 1, &t), mfn_of(a, 3, NULL));
    CHECK_EQ(t, p2m_grant_map_ro);
    /* Unmap errors. */
    CHECK_EQ(unmap(h, MAP_GFN + 5), GNTST_general_error);  /* nothing mapped there */
    CHECK_EQ(unmap(h, 3), GNTST_general_error);            /* B's own RAM */
    CHECK_EQ(unmap(0xffff, MAP_GFN), GNTST_bad_handle);
    CHECK_EQ(unmap(7, MAP_GFN), GNTST_bad_handle);         /* never handed out */
    CHECK_EQ(unmap(h, 0), GNTST_okay);                      /* Xen: nothing done */
    CHECK_EQ(mfn_of(b, MAP_GFN, NULL), mfn_of(a, 3, NULL));
    CHECK_EQ(gnttab_unmap_one(b, MAP_GFN << PAGE_SHIFT, h, 0x1000), GNTST_general_error);
    CHECK_EQ(unmap(h, MAP_GFN), GNTST_okay);
    CHECK_EQ(mfn_of(b, MAP_GFN, NULL), INVALID_MFN);
    CHECK_EQ(busy(a, 9), GTF_reading);                      /* the ro mapping remains */
    CHECK_EQ(unmap(h, MAP_GFN), GNTST_bad_handle);         /* twice */
    CHECK_EQ(unmap(h2, MAP_GFN + 1), GNTST_okay);
    CHECK_EQ(busy(a, 9), 0);
    CHECK_EQ(mfn_to_page(mfn_of(a, 3, NULL))->refs, 0);
    CHECK_EQ(b->grant_table->maptrack_used, 0);
    teardown();
}

TEST(map_refusals)
{
    struct domain *a;

    setup();
    a = &doms[A_ID];
    grant(a, 9, B_ID, 3, GTF_permit_access | GTF_readonly);
    grant(a, 10, 7, 4, GTF_permit_access);
    grant(a, 11, B_ID, 0x7000, GTF_permit_access);
    grant(a, 12, B_ID, 4, GTF_permit_access | GTF_PCD);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, 0, NULL), GNTST_bad_gntref);             /* no flags */
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map | GNTMAP_device_map, NULL),
             GNTST_general_error);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map | GNTMAP_contains_pte, NULL),
             GNTST_general_error);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, NULL), GNTST_general_error); /* ro */
    CHECK_EQ(map(A_ID, 10, MAP_GFN, GNTMAP_host_map, NULL), GNTST_general_error);
    CHECK_EQ(map(A_ID, 11, MAP_GFN, GNTMAP_host_map, NULL), GNTST_bad_page);
    CHECK_EQ(map(A_ID, 12, MAP_GFN, GNTMAP_host_map, NULL), GNTST_general_error); /* cache */
    CHECK_EQ(map(A_ID, 13, MAP_GFN, GNTMAP_host_map, NULL), GNTST_general_error);
    CHECK_EQ(map(A_ID, 512, MAP_GFN, GNTMAP_host_map, NULL), GNTST_bad_gntref);
    CHECK_EQ(map(5, 9, MAP_GFN, GNTMAP_host_map, NULL), GNTST_bad_domain);
    CHECK_EQ(map(DOMID_SELF, 9, MAP_GFN, GNTMAP_host_map, NULL), GNTST_bad_domain);
    /* Beyond B's p2m: refused, nothing left behind. */
    CHECK_EQ(map(A_ID, 9, 1ULL << 40, GNTMAP_host_map | GNTMAP_readonly, NULL),
             GNTST_general_error);
    CHECK_EQ(busy(a, 9), 0);
    /* Over a grant mapping: Xen crashes the mapper. */
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map | GNTMAP_readonly, NULL), GNTST_okay);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map | GNTMAP_readonly, NULL),
             GNTST_general_error);
    CHECK_EQ(crashes, 1);
    CHECK_EQ(busy(a, 9), GTF_reading);
    CHECK_EQ(doms[B_ID].grant_table->maptrack_used, 1);
    teardown();                                             /* B dies holding it */
}

TEST(exhausted_maptrack)
{
    struct domain *a;
    uint32_t h;

    setup();
    a = &doms[A_ID];
    CHECK_EQ(gnttab_set_limits(&doms[B_ID], 0, 1), 0);
    grant(a, 9, B_ID, 3, GTF_permit_access | GTF_readonly);
    for (unsigned int i = 0; i < 255; i++)
        CHECK_EQ(map(A_ID, 9, MAP_GFN + i, GNTMAP_host_map | GNTMAP_readonly, &h), GNTST_okay);
    CHECK_EQ(map(A_ID, 9, MAP_GFN + 300, GNTMAP_host_map | GNTMAP_readonly, NULL),
             GNTST_no_space);
    CHECK_EQ(gnttab_active(a->grant_table, 9)->rd_pins, 255);
    CHECK_EQ(unmap(h, MAP_GFN + 254), GNTST_okay);
    CHECK_EQ(map(A_ID, 9, MAP_GFN + 300, GNTMAP_host_map | GNTMAP_readonly, NULL), GNTST_okay);
    teardown();
}

TEST(granter_releases_the_frame_while_mapped)
{
    struct domain *a;
    unsigned long mfn, tot;
    uint32_t h;

    setup();
    a = &doms[A_ID];
    mfn = mfn_of(a, 3, NULL);
    grant(a, 9, B_ID, 3, GTF_permit_access);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, &h), GNTST_okay);
    tot = a->tot_pages;
    CHECK_EQ(physmap_release(a, 3), 0);                    /* decrease_reservation */
    CHECK_EQ(a->tot_pages, tot - 1);
    CHECK_EQ(page_ref_orphans(), 1);
    CHECK_EQ(mfn_to_page(mfn)->state & PGS_MASK, PGS_INUSE); /* not reused */
    CHECK_EQ(physmap_populate(a, 3, 0, 0), 0);               /* a new frame there */
    CHECK(mfn_of(a, 3, NULL) != mfn);
    CHECK_EQ(unmap(h, MAP_GFN), GNTST_okay);
    CHECK_EQ(page_ref_orphans(), 0);
    teardown();
}

TEST(granter_dies_while_mapped)
{
    struct domain *a, *b;
    unsigned long mfn;
    uint32_t h;

    setup();
    a = &doms[A_ID], b = &doms[B_ID];
    mfn = mfn_of(a, 3, NULL);
    grant(a, 9, B_ID, 3, GTF_permit_access);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, &h), GNTST_okay);
    page_of(a, 3)[0] = 0x11;
    destroy(a);
    CHECK_EQ(page_ref_orphans(), 1);
    CHECK_EQ(page_of(b, MAP_GFN)[0], 0x11);                 /* still there */
    page_of(b, MAP_GFN)[1] = 0x22;                          /* and writable */
    CHECK_EQ(((uint8_t *)arch_mfn_to_virt(mfn))[1], 0x22);
    CHECK_EQ(map(A_ID, 9, MAP_GFN + 1, GNTMAP_host_map, NULL), GNTST_bad_domain);
    CHECK_EQ(unmap(h, MAP_GFN), GNTST_okay);
    CHECK_EQ(page_ref_orphans(), 0);
    teardown();
}

TEST(mapper_dies_while_mapped)
{
    struct domain *a;
    uint32_t h;

    setup();
    a = &doms[A_ID];
    grant(a, 9, B_ID, 3, GTF_permit_access);
    grant(a, 10, B_ID, 4, GTF_permit_access | GTF_readonly);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, &h), GNTST_okay);
    CHECK_EQ(map(A_ID, 10, MAP_GFN + 1, GNTMAP_host_map | GNTMAP_readonly, &h), GNTST_okay);
    CHECK_EQ(map(A_ID, 10, MAP_GFN + 2, GNTMAP_host_map | GNTMAP_readonly, &h), GNTST_okay);
    destroy(&doms[B_ID]);
    CHECK_EQ(busy(a, 9), 0);
    CHECK_EQ(busy(a, 10), 0);
    CHECK_EQ(gnttab_active(a->grant_table, 10)->rd_pins, 0);
    CHECK_EQ(mfn_to_page(mfn_of(a, 3, NULL))->refs, 0);
    CHECK_EQ(mfn_to_page(mfn_of(a, 4, NULL))->refs, 0);
    teardown();
}

static int16_t copy(bool sgref, domid_t sdom, uint64_t s, uint16_t soff,
                    bool dgref, domid_t ddom, uint64_t d, uint16_t doff, uint16_t len)
{
    struct gnttab_copy op = { .len = len };

    op.flags = (sgref ? GNTCOPY_source_gref : 0) | (dgref ? GNTCOPY_dest_gref : 0);
    op.source.domid = sdom, op.source.offset = soff;
    op.dest.domid = ddom, op.dest.offset = doff;
    if (sgref) op.source.u.ref = (grant_ref_t)s; else op.source.u.gmfn = s;
    if (dgref) op.dest.u.ref = (grant_ref_t)d; else op.dest.u.gmfn = d;
    return gnttab_copy_one(&doms[B_ID], &op);
}

TEST(copy_both_ways_and_refusals)
{
    struct domain *a, *b;

    setup();
    a = &doms[A_ID], b = &doms[B_ID];
    grant(a, 9, B_ID, 3, GTF_permit_access);
    grant(a, 10, B_ID, 4, GTF_permit_access | GTF_readonly);
    memset(page_of(b, 1), 0xab, PAGE_SIZE);
    memset(page_of(a, 4), 0xcd, PAGE_SIZE);
    CHECK_EQ(copy(false, DOMID_SELF, 1, 10, true, A_ID, 9, 100, 50), GNTST_okay);
    CHECK_EQ(page_of(a, 3)[100], 0xab);
    CHECK_EQ(page_of(a, 3)[149], 0xab);
    CHECK_EQ(page_of(a, 3)[150], 0);
    CHECK_EQ(copy(true, A_ID, 10, 0, false, DOMID_SELF, 2, 4000, 96), GNTST_okay);
    CHECK_EQ(page_of(b, 2)[4095], 0xcd);
    CHECK_EQ(busy(a, 9), 0);
    CHECK_EQ(busy(a, 10), 0);
    CHECK_EQ(copy(false, DOMID_SELF, 1, 4000, true, A_ID, 9, 0, 97), GNTST_bad_copy_arg);
    CHECK_EQ(copy(false, DOMID_SELF, 1, 0, true, A_ID, 9, 4095, 2), GNTST_bad_copy_arg);
    CHECK_EQ(copy(false, DOMID_SELF, 1, 0, true, A_ID, 10, 0, 8), GNTST_general_error); /* ro */
    CHECK_EQ(copy(false, DOMID_SELF, 1, 0, true, A_ID, 11, 0, 8), GNTST_general_error);
    CHECK_EQ(copy(false, DOMID_SELF, 1, 0, true, A_ID, 9999, 0, 8), GNTST_bad_gntref);
    CHECK_EQ(copy(false, DOMID_SELF, 1, 0, true, 6, 9, 0, 8), GNTST_bad_domain);
    CHECK_EQ(copy(false, B_ID, 1, 0, true, A_ID, 9, 0, 8), GNTST_permission_denied);
    CHECK_EQ(copy(false, A_ID, 3, 0, false, DOMID_SELF, 1, 0, 8), GNTST_permission_denied);
    CHECK_EQ(copy(false, DOMID_SELF, 0x7000, 0, true, A_ID, 9, 0, 8), GNTST_bad_page);
    /* A foreign frame mapped in B is not B's to copy by GFN. */
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, NULL), GNTST_okay);
    CHECK_EQ(copy(false, DOMID_SELF, MAP_GFN, 0, false, DOMID_SELF, 1, 0, 8), GNTST_bad_page);
    CHECK_EQ(copy(false, DOMID_SELF, 1, 0, true, A_ID, 9, 0, 8), GNTST_okay);   /* pinned too */
    CHECK_EQ(busy(a, 9), GTF_reading | GTF_writing);
    teardown();
}

static void grant_transitive(struct domain *d, grant_ref_t ref, domid_t to, domid_t tdom,
                             grant_ref_t tref)
{
    union grant_entry_v2 *e = (void *)gnttab_shared_header(d->grant_table, ref);

    e->hdr.domid = to;
    e->transitive.trans_domid = tdom;
    e->transitive.gref = tref;
    __atomic_store_n(&e->hdr.flags, GTF_transitive, __ATOMIC_SEQ_CST);
}

TEST(copy_through_transitive_grants)
{
    struct domain *a, *b;

    setup();
    a = &doms[A_ID], b = &doms[B_ID];
    CHECK_EQ(gnttab_set_version(a, 2), 0);
    grant(b, 20, A_ID, 5, GTF_permit_access);               /* B's page, to A */
    memset(page_of(b, 5), 0x3c, PAGE_SIZE);
    grant_transitive(a, 9, B_ID, B_ID, 20);                 /* A passes it on to B */
    CHECK_EQ(copy(true, A_ID, 9, 8, false, DOMID_SELF, 1, 0, 16), GNTST_okay);
    CHECK_EQ(page_of(b, 1)[15], 0x3c);
    CHECK_EQ(busy(a, 9), 0);
    CHECK_EQ(busy(b, 20), 0);
    CHECK_EQ(copy(false, DOMID_SELF, 2, 0, true, A_ID, 9, 0, 4), GNTST_okay);  /* write */
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map, NULL), GNTST_general_error);
    grant_transitive(a, 10, B_ID, A_ID, 20);                /* self-referential */
    CHECK_EQ(copy(true, A_ID, 10, 0, false, DOMID_SELF, 1, 0, 4), GNTST_general_error);
    grant_transitive(a, 11, B_ID, B_ID, 21);                /* target not granted */
    CHECK_EQ(copy(true, A_ID, 11, 0, false, DOMID_SELF, 1, 0, 4), GNTST_general_error);
    grant_transitive(a, 12, B_ID, 6, 20);                   /* no such domain */
    CHECK_EQ(copy(true, A_ID, 12, 0, false, DOMID_SELF, 1, 0, 4), GNTST_general_error);
    grant_transitive(a, 13, B_ID, B_ID, 9999);
    CHECK_EQ(copy(true, A_ID, 13, 0, false, DOMID_SELF, 1, 0, 4), GNTST_bad_gntref);
    CHECK_EQ(busy(a, 10) | busy(a, 11) | busy(a, 12) | busy(a, 13), 0);
    /* A read-only target is no destination; a chain of two is refused. */
    grant(b, 21, A_ID, 5, GTF_permit_access | GTF_readonly);
    grant_transitive(a, 14, B_ID, B_ID, 21);
    CHECK_EQ(copy(false, DOMID_SELF, 2, 0, true, A_ID, 14, 0, 4), GNTST_general_error);
    CHECK_EQ(gnttab_set_version(b, 2), 0);
    grant(b, 20, A_ID, 5, GTF_permit_access);
    grant_transitive(b, 22, A_ID, A_ID, 9);                 /* B -> A -> B */
    grant_transitive(a, 15, B_ID, B_ID, 22);
    CHECK_EQ(copy(true, A_ID, 15, 0, false, DOMID_SELF, 1, 0, 4), GNTST_general_error);
    CHECK_EQ(busy(a, 15) | busy(b, 22) | busy(a, 9) | busy(b, 20), 0);
    teardown();
}

TEST(swap_and_cache_flush)
{
    struct domain *a, *b;
    struct gnttab_cache_flush cf = { .offset = 0, .length = 64, .op = GNTTAB_CACHE_CLEAN };
    uint32_t cur = 0;

    setup();
    a = &doms[A_ID], b = &doms[B_ID];
    grant(a, 9, B_ID, 3, GTF_permit_access);
    grant(a, 10, 7, 4, GTF_permit_access);
    CHECK_EQ(gnttab_swap(a, 9, 10), GNTST_okay);
    CHECK_EQ(gnttab_shared_header(a->grant_table, 9)->domid, 7);
    CHECK_EQ(gnttab_swap(a, 9, 600), GNTST_bad_gntref);
    CHECK_EQ(gnttab_swap(a, 10, 10), GNTST_okay);
    CHECK_EQ(map(A_ID, 10, MAP_GFN, GNTMAP_host_map, NULL), GNTST_okay);
    CHECK_EQ(gnttab_swap(a, 9, 10), GNTST_eagain);
    /* cache_flush: own frames and mapped grants only. */
    cf.a.dev_bus_addr = (uint64_t)mfn_of(b, 1, NULL) << PAGE_SHIFT;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), 0);
    cf.a.dev_bus_addr = (uint64_t)mfn_of(a, 3, NULL) << PAGE_SHIFT;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), 0);     /* mapped by B */
    cf.a.dev_bus_addr = (uint64_t)mfn_of(a, 4, NULL) << PAGE_SHIFT;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), -EINVAL); /* A's, not granted to B */
    cf.op = GNTTAB_CACHE_INVAL;
    cf.a.dev_bus_addr = (uint64_t)mfn_of(b, 1, NULL) << PAGE_SHIFT;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), -EOPNOTSUPP);
    cf.op = GNTTAB_CACHE_CLEAN | GNTTAB_CACHE_SOURCE_GREF;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), -EINVAL);
    cf.op = GNTTAB_CACHE_CLEAN, cf.offset = 4090, cf.length = 10;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), -EINVAL);
    cf.offset = 0, cf.a.dev_bus_addr = 1ULL << 50;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), -EINVAL);
    cf.length = 0;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), 0);
    cur = 1;
    CHECK_EQ(gnttab_cache_flush_one(b, &cf, &cur), -EILSEQ);
    teardown();
}

/* ---- the hypercall ------------------------------------------------------- */

#define G(off) (GVA_BASE + (off))

static long hc(uint64_t cmd, uint64_t uop, uint64_t count, struct hypercall_args *out)
{
    struct hypercall_args args = { { cmd, uop, count } };
    long rc = do_grant_table_op(&vcpus[B_ID], &args);

    if (out)
        *out = args;
    return rc;
}

TEST(hypercall_checks_and_filter)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 2, .frame_list = G(0x100) };
    uint64_t gfns[2];

    setup();
    memcpy(gmem, &q, sizeof(q));
    CHECK_EQ(hc(GNTTABOP_query_size, G(0), 1, NULL), 0);
    memcpy(&q, gmem, sizeof(q));
    CHECK_EQ(q.status, GNTST_okay);
    CHECK_EQ(q.nr_frames, 1);
    CHECK_EQ(q.max_nr_frames, GNTTAB_DEFAULT_MAX_FRAMES);
    CHECK_EQ(hc(GNTTABOP_query_size, G(0), 2, NULL), -EINVAL);
    CHECK_EQ(hc(GNTTABOP_query_size, G(0), 0x80000000u, NULL), -EINVAL);
    CHECK_EQ(hc(GNTTABOP_query_size, 0x99, 1, NULL), -EFAULT);
    CHECK_EQ(hc(GNTTABOP_query_size | 0x1000, G(0), 1, NULL), -ENOSYS); /* Xen's HVM filter */
    CHECK_EQ(hc(GNTTABOP_dump_table, G(0), 1, NULL), -ENOSYS);
    CHECK_EQ(hc(GNTTABOP_get_status_frames, G(0), 1, NULL), -ENOSYS);
    CHECK_EQ(hc(GNTTABOP_cache_flush, G(0), 1, NULL), -ENOSYS);
    CHECK_EQ(hc(GNTTABOP_unmap_and_replace, G(0), 1, NULL), -ENOSYS);
    CHECK_EQ(hc(GNTTABOP_transfer, G(0), 1, NULL), -ENOSYS);
    CHECK_EQ(hc(99, G(0), 1, NULL), -ENOSYS);
    /* setup_table: grows, lists GFNs (none mapped yet). */
    memcpy(gmem, &st, sizeof(st));
    CHECK_EQ(hc(GNTTABOP_setup_table, G(0), 1, NULL), 0);
    memcpy(&st, gmem, sizeof(st));
    CHECK_EQ(st.status, GNTST_okay);
    memcpy(gfns, gmem + 0x100, sizeof(gfns));
    CHECK_EQ(gfns[0], ~0ULL);
    CHECK_EQ(doms[B_ID].grant_table->nr_frames, 2);
    st.frame_list = 0x10;                                   /* unwritable list */
    memcpy(gmem, &st, sizeof(st));
    CHECK_EQ(hc(GNTTABOP_setup_table, G(0), 1, NULL), 0);
    memcpy(&st, gmem, sizeof(st));
    CHECK_EQ(st.status, GNTST_bad_virt_addr);
    st.dom = A_ID;                                          /* not ours, not privileged */
    memcpy(gmem, &st, sizeof(st));
    CHECK_EQ(hc(GNTTABOP_setup_table, G(0), 1, NULL), 0);
    memcpy(&st, gmem, sizeof(st));
    CHECK_EQ(st.status, GNTST_permission_denied);
    teardown();
}

TEST(hypercall_batches_and_continuations)
{
    struct domain *a;
    struct gnttab_copy ops[3];
    struct hypercall_args out;

    setup();
    a = &doms[A_ID];
    grant(a, 9, B_ID, 3, GTF_permit_access);
    memset(ops, 0, sizeof(ops));
    for (unsigned int i = 0; i < 3; i++) {
        ops[i].source.domid = DOMID_SELF;
        ops[i].source.u.gmfn = 1;
        ops[i].dest.domid = A_ID;
        ops[i].dest.u.ref = 9;
        ops[i].dest.offset = (uint16_t)(i * 100);
        ops[i].flags = GNTCOPY_dest_gref;
        ops[i].len = 8;
        ops[i].status = 77;
    }
    ops[1].len = 4097;                                      /* bad_copy_arg */
    memcpy(gmem, ops, sizeof(ops));
    preempt_after = 0;                                      /* before the second */
    CHECK_EQ(hc(GNTTABOP_copy, G(0), 3, &out), -ERESTART);
    CHECK_EQ(out.a[0], GNTTABOP_copy);
    CHECK_EQ(out.a[1], G(sizeof(struct gnttab_copy)));
    CHECK_EQ(out.a[2], 2);
    memcpy(ops, gmem, sizeof(ops));
    CHECK_EQ(ops[0].status, GNTST_okay);
    CHECK_EQ(ops[1].status, 77);                            /* not done yet */
    CHECK_EQ(hc(out.a[0], out.a[1], out.a[2], NULL), 0);    /* the guest re-executes */
    memcpy(ops, gmem, sizeof(ops));
    CHECK_EQ(ops[1].status, GNTST_bad_copy_arg);
    CHECK_EQ(ops[2].status, GNTST_okay);
    /* An unreadable entry ends the batch with -EFAULT. */
    CHECK_EQ(hc(GNTTABOP_copy, G(GVA_SIZE - sizeof(struct gnttab_copy)), 2, NULL), -EFAULT);
    teardown();
}

TEST(hypercall_compat_layouts)
{
    struct domain *a;
    struct compat_gnttab_copy c = { .len = 4, .flags = GNTCOPY_dest_gref };
    struct compat_gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 2,
                                            .frame_list = (uint32_t)G(0x100) };
    uint32_t frames[3] = { 1, 1, 7 };

    setup();
    a = &doms[A_ID];
    vcpus[B_ID].arch.hcall_64bit = false;
    grant(a, 9, B_ID, 3, GTF_permit_access);
    memset(page_of(&doms[B_ID], 1), 0x77, 8);
    c.source.domid = DOMID_SELF, c.source.u.gmfn = 1;
    c.dest.domid = A_ID, c.dest.u.ref = 9, c.dest.offset = 16;
    c.status = 99;
    memcpy(gmem, &c, sizeof(c));
    CHECK_EQ(hc(GNTTABOP_copy, G(0), 1, NULL), 0);
    memcpy(&c, gmem, sizeof(c));
    CHECK_EQ(c.status, GNTST_okay);
    CHECK_EQ(page_of(a, 3)[16], 0x77);
    CHECK_EQ(page_of(a, 3)[20], 0);
    memcpy(gmem, &st, sizeof(st));
    memcpy(gmem + 0x100, frames, sizeof(frames));
    CHECK_EQ(physmap_add(&doms[B_ID], XENMAPSPACE_grant_table, 0, 0x8000), 0);
    CHECK_EQ(hc(GNTTABOP_setup_table, G(0), 1, NULL), 0);
    memcpy(&st, gmem, sizeof(st));
    CHECK_EQ(st.status, GNTST_okay);
    memcpy(frames, gmem + 0x100, sizeof(frames));
    CHECK_EQ(frames[0], 0x8000);                            /* 32-bit entries */
    CHECK_EQ(frames[1], 0xffffffffu);                       /* ~0 truncated, as Xen */
    CHECK_EQ(frames[2], 7);                                 /* untouched */
    vcpus[B_ID].arch.hcall_64bit = true;
    teardown();
}

TEST(dump_lists_grants_in_use)
{
    struct domain *a;

    setup();
    a = &doms[A_ID];
    grant(a, 9, B_ID, 3, GTF_permit_access);
    CHECK_EQ(map(A_ID, 9, MAP_GFN, GNTMAP_host_map | GNTMAP_readonly, NULL), GNTST_okay);
    unit_log_clear();
    gnttab_dump(a);
    gnttab_dump(&doms[B_ID]);
    CHECK(strstr(unit_log, "d1: grant table v1, 1 of 64 frames (0 status), 512 entries"));
    CHECK(strstr(unit_log, "[   9] d2 rd 1 wr 0"));
    CHECK(strstr(unit_log, "d1: 1 grants in use"));
    CHECK(strstr(unit_log, "d2: 0 grants in use; maps 1 of others' grants (limit 262143)"));
    teardown();
}

TEST_MAIN();
