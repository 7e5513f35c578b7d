/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * gt-self: grant tables within one domain (runs as dom0 on Xen 4.17 too).
 *   sizes and versions: query_size, get_version, set_version (bad values
 *     -EINVAL), setup_table (frame list = where the frames are mapped),
 *     limits and unknown domains, count != 1 -EINVAL, unknown op -ENOSYS,
 *     dump_table, transfer, unmap_and_replace, get_status_frames and
 *     cache_flush -ENOSYS (Xen 4.17 lets HVM/PVH callers reach only
 *     query_size, setup_table, set/get_version, copy, map, unmap, swap);
 *   frames: XENMEM_add_to_physmap grant_table at free GFNs, growing the
 *     table, beyond the maximum -EINVAL; v2 ("v2"): status frames through
 *     add_to_physmap (status frame 1 grows the table to 16 frames),
 *     set_version back while an entry is in use -EBUSY;
 *   copy within the domain: GFN to GFN (offsets, lengths, page-crossing
 *     GNTST_bad_copy_arg, a GFN named by domain ID instead of DOMID_SELF
 *     GNTST_permission_denied, holes GNTST_bad_page), own grefs (bad ref,
 *     granted to someone else, read-only as destination), a batch with
 *     per-op status;
 *   mapping one's own grants (Xen allows it): rw and ro, busy flags, a
 *     write through the read-only mapping (Xen 4.17: discarded, no fault:
 *     p2m_grant_map_ro is a write-discard type, the NPF is emulated and the
 *     write dropped), revoke while mapped fails, unmap errors, map errors;
 *   swap_grant_ref (idle entries exchanged, self no-op, bad refs); batches
 *     of 64 maps, 64 unmaps (the last a bad handle) and 300 copies (the
 *     last crossing) in one hypercall each, per-op status;
 *   maptrack exhaustion when "maptrack=N" says the limit is N frames
 *     (Xen: N*256 - 1 mappings for one vCPU, then GNTST_no_space);
 *   "maxframes=N": query_size must report N as the maximum;
 *   "all-ops" (ours with the gnttab_all_ops option): dump_table,
 *     get_status_frames, cache_flush and unmap_and_replace reachable, with
 *     Xen's own semantics for them, instead of -ENOSYS.
 */
#include "gnttab.h"

#define DOMID_NONE  0x7000
#define NR_REFS     16                  /* refs cycled through for exhaustion */

static uint8_t pages[4][4096] __attribute__((aligned(4096)));
static uint8_t victims[3][4096] __attribute__((aligned(4096)));
static uint8_t exhaust[NR_REFS][4096] __attribute__((aligned(4096)));
static uint8_t batch_page[4096] __attribute__((aligned(4096)));
static domid_t me;
static bool all_ops;                    /* "all-ops": ours with gnttab_all_ops */

static uint8_t pattern_byte(uint32_t seed, unsigned int i)
{
    return gt_word(seed, i / 4) >> (8 * (i % 4));
}

/* Entries in the whole table (query_size; more frames than we mapped). */
static unsigned int table_entries(void)
{
    uint32_t nr, max;
    int16_t st;

    gt_query_size(DOMID_SELF, &nr, &max, &st);
    return nr * (gt_version == 2 ? 4096 / 16 : 4096 / 8);
}

static int16_t swap(grant_ref_t a, grant_ref_t b)
{
    struct gnttab_swap_grant_ref sw = { .ref_a = a, .ref_b = b, .status = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_swap_grant_ref, &sw, 1);

    return rc ? GT_BAD_HC : sw.status;
}

/* Xen 4.17: HVM/PVH callers reach only 8 sub-ops (hvm_grant_table_op);
 * anything else, including a cmd with continuation bits, -ENOSYS. */
static void check_hvm_filter(uint64_t *list)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_dump_table d = { .dom = DOMID_SELF };

    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_query_size | (1u << 12), &q, 1), E(ENOSYS),
              "query_size with continuation bits in cmd");
    expect_rc(HYPERVISOR_grant_table_op(13, &q, 1), E(ENOSYS), "unknown op 13");
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_dump_table, &d, 1), E(ENOSYS),
              "dump_table (not for HVM/PVH)");
    for (unsigned int op = GNTTABOP_transfer; op <= GNTTABOP_cache_flush; op++)
        if (op == GNTTABOP_transfer || op == GNTTABOP_unmap_and_replace ||
            op == GNTTABOP_get_status_frames || op == GNTTABOP_cache_flush)
            expect_rc(HYPERVISOR_grant_table_op(op, list, 1), E(ENOSYS),
                      "op %u (not for HVM/PVH)", op);
}

static long status_frames(domid_t dom, uint32_t nr, uint64_t *list, int16_t *st)
{
    struct gnttab_get_status_frames s = { .dom = dom, .nr_frames = nr, .status = 99,
                                          .frame_list = (uint64_t)list };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_get_status_frames, &s, 1);

    *st = s.status;
    return rc;
}

/*
 * "all-ops" (ours with gnttab_all_ops, an extension): the sub-ops Xen
 * refuses to HVM/PVH callers, with Xen's own (PV) semantics.
 */
static void check_all_ops(uint64_t *list)
{
    struct gnttab_query_size q = { .dom = DOMID_SELF };
    struct gnttab_dump_table d = { .dom = DOMID_SELF, .status = 99 };
    struct gnttab_cache_flush c = { .offset = 4096, .length = 1, .op = GNTTAB_CACHE_CLEAN };
    int16_t st;

    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_query_size | (1u << 12), &q, 1), E(EINVAL),
              "query_size with continuation bits in cmd (all ops)");
    expect_rc(HYPERVISOR_grant_table_op(13, &q, 1), E(ENOSYS), "unknown op 13");
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_dump_table, &d, 1), 0, "dump_table (all ops)");
    expect_st(d.status, GNTST_okay, "dump_table status");
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_transfer, list, 1), E(EOPNOTSUPP),
              "transfer (never offered)");
    expect_rc(status_frames(DOMID_SELF, 1, list, &st), 0, "get_status_frames in v1 (all ops)");
    expect_st(st, GNTST_general_error, "get_status_frames 1 frame in v1 status");
    expect_rc(status_frames(DOMID_SELF, 0, list, &st), 0, "get_status_frames 0 frames");
    expect_st(st, GNTST_okay, "get_status_frames 0 frames status");
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_cache_flush, &c, 1), E(EINVAL),
              "cache_flush offset 4096");
    c = (struct gnttab_cache_flush){ .offset = 0, .length = 16, .op = 1u << 5 };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_cache_flush, &c, 1), E(EINVAL),
              "cache_flush unknown op bit");
    c = (struct gnttab_cache_flush){ .offset = 0, .length = 0, .op = GNTTAB_CACHE_CLEAN };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_cache_flush, &c, 1), 0, "cache_flush length 0");
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_cache_flush, &c, 0), 0, "cache_flush count 0");
}

static void check_status_frames_v2(void)
{
    uint64_t list[4] = { 0 };
    int16_t st;
    struct gnttab_get_status_frames g = { .dom = DOMID_SELF, .nr_frames = 1,
                                          .frame_list = (uint64_t)list };

    expect_rc(status_frames(DOMID_SELF, 1, list, &st), 0, "get_status_frames 1 (all ops)");
    expect_st(st, GNTST_okay, "get_status_frames 1 status");
    expect(list[0] == GT_STATUS_GFN, "get_status_frames: GFN %#lx", (unsigned long)list[0]);
    expect_rc(status_frames(DOMID_SELF, 3, list, &st), 0, "get_status_frames 3");
    expect_st(st, GNTST_general_error, "get_status_frames 3 (2 status frames) status");
    expect_rc(status_frames(DOMID_NONE, 1, list, &st), 0, "get_status_frames d%#x", DOMID_NONE);
    expect_st(st, GNTST_bad_domain, "get_status_frames d%#x status", DOMID_NONE);
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_get_status_frames, &g, 2), E(EINVAL),
              "get_status_frames count 2");
}

static long setup_table(domid_t dom, uint32_t nr, uint64_t *list, int16_t *st)
{
    struct gnttab_setup_table s = { .dom = dom, .nr_frames = nr, .status = 99,
                                    .frame_list = (uint64_t)list };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &s, 1);

    *st = s.status;
    return rc;
}

static void check_sizes(void)
{
    uint32_t nr, max, v;
    int16_t st;
    uint64_t list[4] = { 1, 1, 1, 1 };
    struct gnttab_query_size q = { .dom = DOMID_SELF };

    uint32_t n2, m2;

    expect_rc(gt_query_size(me, &n2, &m2, &st), 0, "query_size own ID");
    expect_st(st, GNTST_okay, "query_size own ID status");
    expect_rc(gt_query_size(DOMID_SELF, &nr, &max, &st), 0, "query_size DOMID_SELF");
    expect_st(st, GNTST_okay, "query_size DOMID_SELF status");
    expect(nr == 1 && max >= 4 && n2 == nr && m2 == max,
           "query_size: %u frames of at most %u (Xen: 1 of 64)", nr, max);
    if (cmdline_has("maxframes"))
        expect(max == cmdline_ulong("maxframes", 0), "query_size: maximum %u, as configured", max);
    expect_rc(gt_query_size(DOMID_NONE, &n2, &m2, &st), 0, "query_size d%#x", DOMID_NONE);
    expect_st(st, GNTST_bad_domain, "query_size d%#x status", DOMID_NONE);
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 2), E(EINVAL),
              "query_size count 2");
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 0x80000000ul), E(EINVAL),
              "query_size count 2^31 (negative)");
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_query_size, PTR(0), 1), E(EFAULT),
              "query_size from NULL");
    if (all_ops)
        check_all_ops(list);
    else
        check_hvm_filter(list);
    expect_rc(gt_get_version(DOMID_SELF, &v), 0, "get_version DOMID_SELF");
    expect(v == 1, "get_version: %u (1 until set_version)", v);
    expect_rc(gt_get_version(DOMID_NONE, &v), E(ESRCH), "get_version d%#x", DOMID_NONE);
    expect_rc(gt_set_version(3, &v), E(EINVAL), "set_version 3");
    expect(v == 1, "set_version 3 reports the version in use: %u", v);
    expect_rc(gt_set_version(0, &v), E(EINVAL), "set_version 0");
    expect_rc(gt_set_version(1, &v), 0, "set_version 1 (already)");

    expect_rc(setup_table(DOMID_SELF, 1, list, &st), 0, "setup_table 1 frame");
    expect_st(st, GNTST_okay, "setup_table status");
    expect(list[0] == ~0ull, "setup_table frame 0 not mapped anywhere yet: %#lx",
           (unsigned long)list[0]);
    expect_rc(setup_table(DOMID_SELF, 0, list, &st), 0, "setup_table 0 frames");
    expect_st(st, GNTST_okay, "setup_table 0 frames status");
    expect_rc(setup_table(DOMID_SELF, max + 1, list, &st), 0, "setup_table max+1 frames");
    expect_st(st, GNTST_general_error, "setup_table max+1 frames status");
    expect_rc(setup_table(DOMID_NONE, 1, list, &st), 0, "setup_table d%#x", DOMID_NONE);
    expect_st(st, GNTST_bad_domain, "setup_table d%#x status", DOMID_NONE);
    expect_rc(setup_table(DOMID_SELF, 1, PTR(0x500000000000ull), &st), 0,
              "setup_table to an unmapped frame list");
    expect_st(st, GNTST_bad_virt_addr, "setup_table to an unmapped frame list status");
}

static void check_frames(unsigned int version)
{
    uint32_t nr, max, v;
    int16_t st;
    uint64_t list[4] = { 0 };

    gt_query_size(DOMID_SELF, &nr, &max, &st);
    if (!gt_setup(version, 2))
        test_failure("cannot set the table up");
    expect_rc(gt_query_size(DOMID_SELF, &nr, &max, &st), 0, "query_size after 2 frames");
    expect(nr == 2, "query_size: %u frames after mapping frame 1 (grown to 2)", nr);
    expect_rc(setup_table(DOMID_SELF, 2, list, &st), 0, "setup_table 2 frames");
    expect(list[0] == GT_GFN_BASE && list[1] == GT_GFN_BASE + 1,
           "setup_table lists the GFNs of the frames: %#lx %#lx", (unsigned long)list[0],
           (unsigned long)list[1]);
    expect_rc(gt_add_frame(max, GT_GFN_BASE + 10), E(EINVAL),
              "add_to_physmap grant_table frame %u (the maximum)", max);
    expect_rc(gt_get_version(DOMID_SELF, &v), 0, "get_version");
    expect(v == version, "get_version %u", v);
    if (version == 1) {
        expect_rc(gt_add_frame(0 | XENMAPIDX_grant_table_status, GT_STATUS_GFN), E(EINVAL),
                  "add_to_physmap status frame 0 in v1");
        return;
    }
    expect_rc(gt_add_frame(1 | XENMAPIDX_grant_table_status, GT_STATUS_GFN + 1), 0,
              "add_to_physmap status frame 1 (grows the table to 16 frames)");
    expect_rc(gt_query_size(DOMID_SELF, &nr, &max, &st), 0, "query_size");
    expect(nr == 16, "query_size: %u frames after mapping status frame 1 (Xen: 16)", nr);
    expect_rc(gt_remove_gfn(GT_STATUS_GFN + 1), 0, "remove_from_physmap status frame 1");
    if (all_ops)
        check_status_frames_v2();
}

static void check_copy(void)
{
    uint8_t *a = pages[0], *b = pages[1];
    grant_ref_t r = GT_FIRST_REF + 2;
    struct gnttab_copy batch[3];
    bool same = true;

    gt_fill(a, 1);
    gt_fill(b, 2);
    expect_st(gt_copy(GFNP(GFN(a), 100), GFNP(GFN(b), 200), 300), GNTST_okay,
              "copy GFN+100 -> GFN+200, 300 bytes");
    for (unsigned int i = 0; i < 4096; i++) {
        uint8_t want = i >= 200 && i < 500 ? a[i - 100] : pattern_byte(2, i);
        same &= b[i] == want;
    }
    expect(same, "copied bytes in place, the rest untouched");
    expect_st(gt_copy(GFNP(GFN(a), 0), GFNP(GFN(b), 0), 4096), GNTST_okay, "copy a whole page");
    expect(gt_check(b, 1), "whole page copied");
    expect_st(gt_copy(GFNP(GFN(a), 4000), GFNP(GFN(b), 0), 200), GNTST_bad_copy_arg,
              "copy source crossing the page end");
    expect_st(gt_copy(GFNP(GFN(a), 0), GFNP(GFN(b), 4090), 7), GNTST_bad_copy_arg,
              "copy destination crossing the page end");
    expect_st(gt_copy(GFNP(GFN(a), 0), GFNP(GFN(b), 0), 4097), GNTST_bad_copy_arg,
              "copy of 4097 bytes");
    expect_st(gt_copy((struct gt_ptr){ false, me, GFN(a), 0 }, GFNP(GFN(b), 0), 8),
              GNTST_permission_denied, "copy from a GFN named by own ID (not DOMID_SELF)");
    expect_st(gt_copy(GFNP(GFN(a), 0), (struct gt_ptr){ false, me, GFN(b), 0 }, 8),
              GNTST_permission_denied, "copy to a GFN named by own ID");
    expect_st(gt_copy(GFNP(gt_free_gfn(500), 0), GFNP(GFN(b), 0), 8), GNTST_bad_page,
              "copy from a hole");
    expect_st(gt_copy(GFNP(GFN(a), 0), GFNP(gt_free_gfn(500), 0), 8), GNTST_bad_page,
              "copy to a hole");

    gt_fill(a, 3);
    gt_grant(r, me, GFN(a), false);
    expect_st(gt_copy(GREF(DOMID_SELF, r, 0), GFNP(GFN(b), 0), 4096), GNTST_okay,
              "copy from own gref (DOMID_SELF)");
    expect(gt_check(b, 3), "copied from the gref");
    expect(!gt_busy(r), "no busy bits left after the copy (%#x)", gt_busy(r));
    gt_fill(b, 4);
    expect_st(gt_copy(GFNP(GFN(b), 8), GREF(me, r, 8), 64), GNTST_okay,
              "copy to own gref (own ID) at offset 8");
    expect(!memcmp(a + 8, b + 8, 64) && a[7] == pattern_byte(3, 7) &&
           a[72] == pattern_byte(3, 72),
           "the gref's page got exactly bytes 8..71");
    expect_st(gt_copy(GREF(DOMID_SELF, r, 4095), GFNP(GFN(b), 0), 2), GNTST_bad_copy_arg,
              "copy from a gref crossing the page end");
    expect_st(gt_copy(GREF(DOMID_SELF, table_entries(), 0), GFNP(GFN(b), 0), 8),
              GNTST_bad_gntref, "copy from ref %u (beyond the table)", table_entries());
    expect_st(gt_copy(GREF(DOMID_SELF, table_entries(), 4095), GFNP(GFN(b), 0), 8),
              GNTST_bad_gntref, "copy from a bad ref, also crossing (the ref is checked first)");
    expect_st(gt_copy(GREF(DOMID_NONE, r, 0), GFNP(GFN(b), 0), 8), GNTST_bad_domain,
              "copy from a gref of d%#x", DOMID_NONE);
    gt_grant(r, me + 5, GFN(a), false);
    expect_st(gt_copy(GREF(DOMID_SELF, r, 0), GFNP(GFN(b), 0), 8), GNTST_general_error,
              "copy from a gref granted to d%u", me + 5);
    gt_grant(r, me, GFN(a), true);
    expect_st(gt_copy(GREF(DOMID_SELF, r, 0), GFNP(GFN(b), 0), 8), GNTST_okay,
              "copy from a read-only gref");
    expect_st(gt_copy(GFNP(GFN(b), 0), GREF(DOMID_SELF, r, 0), 8), GNTST_general_error,
              "copy to a read-only gref");
    gt_clear(r);
    expect_st(gt_copy(GREF(DOMID_SELF, r, 0), GFNP(GFN(b), 0), 8), GNTST_general_error,
              "copy from a revoked gref");
    gt_grant(r, me, gt_free_gfn(500), false);
    expect_st(gt_copy(GREF(DOMID_SELF, r, 0), GFNP(GFN(b), 0), 8), GNTST_bad_page,
              "copy from a gref of a hole");
    gt_clear(r);

    gt_fill(a, 5);
    memset(batch, 0, sizeof(batch));
    batch[0] = (struct gnttab_copy){ .source = { .u.gmfn = GFN(a), .domid = DOMID_SELF },
                                     .dest = { .u.gmfn = GFN(b), .domid = DOMID_SELF },
                                     .len = 4096, .status = 99 };
    batch[1] = batch[0];
    batch[1].source.offset = 1;
    batch[2] = batch[0];
    batch[2].len = 16;
    batch[2].dest.u.gmfn = GFN(pages[2]);
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_copy, batch, 3), 0, "copy batch of 3");
    expect(batch[0].status == GNTST_okay && batch[1].status == GNTST_bad_copy_arg &&
           batch[2].status == GNTST_okay, "batch statuses %d %d %d (0 -10 0)", batch[0].status,
           batch[1].status, batch[2].status);
    expect(gt_check(b, 5) && !memcmp(pages[2], a, 16), "batch copies done");
}

static void check_self_map(unsigned int version)
{
    grant_ref_t rw = GT_FIRST_REF, ro = GT_FIRST_REF + 1;
    uint64_t f1 = gt_free_gfn(1), f2 = gt_free_gfn(2), f3 = gt_free_gfn(3);
    volatile uint32_t *w1 = gfn_va(f1), *w2 = gfn_va(f2);
    grant_handle_t h1 = ~0u, h2 = ~0u, h;
    uint64_t dev_addr;
    uint32_t v;
    unsigned int vec;

    /* victims[] are never touched again once mapped: Xen removes a page
     * of one's own from its old GFN when it is grant-mapped elsewhere. */
    gt_fill(victims[0], 10);
    gt_fill(victims[1], 11);
    gt_grant(rw, me, GFN(victims[0]), false);
    gt_grant(ro, me, GFN(victims[1]), true);
    expect_st(gt_map(me, rw, f1, GNTMAP_host_map, &h1), GNTST_okay, "map own rw grant");
    dev_addr = gt_last_dev_bus_addr;
    expect(dev_addr && !(dev_addr & 0xfff), "dev_bus_addr %#lx: the frame's machine address",
           (unsigned long)dev_addr);
    expect(gt_busy(rw) == (GTF_reading | GTF_writing), "rw mapping: busy %#x", gt_busy(rw));
    expect(gt_check((void *)w1, 10), "the mapping shows the granted page");
    w1[5] = 0x12345678;
    expect(w1[5] == 0x12345678, "write through the rw mapping");
    expect_st(gt_map(me, ro, f2, GNTMAP_host_map, &h), GNTST_general_error,
              "map a read-only grant writable");
    expect(!gt_busy(ro), "the failed map left no busy bits (%#x)", gt_busy(ro));
    expect_st(gt_map(me, ro, f2, GNTMAP_host_map | GNTMAP_readonly, &h2), GNTST_okay,
              "map the read-only grant read-only");
    expect(gt_busy(ro) == GTF_reading, "ro mapping: busy %#x", gt_busy(ro));
    expect(gt_check((void *)w2, 11), "the ro mapping shows the page");
    /* Xen 4.17: p2m_grant_map_ro is a write-discard type; the write
     * completes (emulated) without a fault and changes nothing. */
    vec = write_u32_safe(&w2[7], 0xdeadbeef);
    expect(vec == 0, "write through the ro mapping: no fault (vector %u; Xen: discarded)", vec);
    expect(w2[7] == gt_word(11, 7) && gt_check((void *)w2, 11),
           "the write was discarded: the page is unchanged");

    expect(!gt_revoke(rw), "revoke while mapped fails");
    expect(gt_busy(rw), "still busy after the failed revoke");
    expect_st(swap(rw, GT_FIRST_REF + 2), GNTST_eagain, "swap_grant_ref of a mapped entry");
    expect_st(swap(GT_FIRST_REF + 2, ro), GNTST_eagain, "swap_grant_ref with a mapped entry");
    if (version == 2) {
        expect_rc(gt_set_version(1, &v), E(EBUSY), "set_version 1 while entries are mapped");
        gt_grant(rw, me, GFN(victims[0]), false);        /* v2 revoke cleared the flags */
    }
    expect_st(gt_unmap(0xffff, f1), GNTST_bad_handle, "unmap handle 0xffff");
    expect_st(gt_unmap(h1, f3), GNTST_general_error, "unmap at a GFN the handle is not at");
    expect(w1[5] == 0x12345678, "mapping still there");
    if (all_ops) {                          /* Xen's HVM rule: no new address */
        struct gnttab_cache_flush c = { .a.dev_bus_addr = dev_addr, .length = 64,
                                        .op = GNTTAB_CACHE_CLEAN };

        expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_cache_flush, &c, 1), 0,
                  "cache_flush CLEAN of the mapped frame (all ops)");
        expect_st(gt_unmap_and_replace(h1, f1, f3), GNTST_general_error,
                  "unmap_and_replace with a new address (all ops)");
    }
    expect_st(gt_unmap(h1, f1), GNTST_okay, "unmap the rw mapping");
    expect(!gt_busy(rw), "busy bits cleared by the unmap (%#x)", gt_busy(rw));
    expect_st(gt_unmap(h1, f1), GNTST_bad_handle, "unmap the same handle again");
    expect(gt_revoke(rw), "revoke after the unmap");
    expect_st(all_ops ? gt_unmap_and_replace(h2, f2, 0) : gt_unmap(h2, f2), GNTST_okay,
              "unmap the ro one (all ops: unmap_and_replace, new address 0)");
    expect(!gt_busy(ro) && gt_revoke(ro), "ro entry idle and revoked");
    expect_st(gt_map(me, ro, f2, GNTMAP_host_map | GNTMAP_readonly, &h), GNTST_general_error,
              "map a revoked entry");

    gt_grant(rw, me, GFN(victims[2]), false);
    expect_st(gt_map(me, table_entries(), f1, GNTMAP_host_map, &h), GNTST_bad_gntref,
              "map ref %u (beyond the table)", table_entries());
    expect_st(gt_map(me, rw, f1, 0, &h), GNTST_bad_gntref, "map with flags 0");
    expect_st(gt_map(me, rw, f1, GNTMAP_host_map | GNTMAP_device_map, &h), GNTST_general_error,
              "map with GNTMAP_device_map (HVM)");
    expect_st(gt_map(DOMID_NONE, rw, f1, GNTMAP_host_map, &h), GNTST_bad_domain,
              "map from d%#x", DOMID_NONE);
    expect_st(gt_map(DOMID_SELF, rw, f1, GNTMAP_host_map, &h), GNTST_bad_domain,
              "map from DOMID_SELF (a real ID is needed)");
    gt_grant(rw, me + 5, GFN(victims[2]), false);
    expect_st(gt_map(me, rw, f1, GNTMAP_host_map, &h), GNTST_general_error,
              "map an entry granted to d%u", me + 5);
    gt_grant(rw, me, gt_free_gfn(600), false);
    expect_st(gt_map(me, rw, f1, GNTMAP_host_map, &h), GNTST_bad_page, "map a grant of a hole");
    gt_clear(rw);
    expect(!gt_busy(rw), "nothing left busy");
}

/* swap_grant_ref: entries exchanged, busy ones GNTST_eagain, bad refs. */
static void check_swap(void)
{
    grant_ref_t a = GT_FIRST_REF + 2, b = GT_FIRST_REF + 3;
    uint8_t *pa = pages[0], *pb = pages[1];

    gt_fill(pa, 20);
    gt_fill(pb, 21);
    gt_grant(a, me, GFN(pa), false);
    gt_grant(b, me + 5, GFN(pb), true);
    expect_st(swap(a, b), GNTST_okay, "swap_grant_ref of two idle entries");
    expect(gt_flags(a) == (GTF_permit_access | GTF_readonly) && gt_flags(b) == GTF_permit_access,
           "flags exchanged (%#x %#x)", gt_flags(a), gt_flags(b));
    expect_st(gt_copy(GREF(DOMID_SELF, b, 0), GFNP(GFN(pages[2]), 0), 4096), GNTST_okay,
              "copy from the swapped-in entry");
    expect(gt_check(pages[2], 20), "it names the other page now");
    expect_st(swap(a, a), GNTST_okay, "swap an entry with itself");
    expect_st(swap(a, table_entries()), GNTST_bad_gntref, "swap with a ref beyond the table");
    expect_st(swap(table_entries(), a), GNTST_bad_gntref, "swap a ref beyond the table");
    gt_clear(a);
    gt_clear(b);
}

/* Batches in one hypercall (preemptible): 64 maps, 64 unmaps, 300 copies. */
static void check_batches(void)
{
    static struct gnttab_map_grant_ref maps[64];
    static struct gnttab_unmap_grant_ref unmaps[64];
    static struct gnttab_copy copies[300];
    grant_ref_t r = GT_FIRST_REF + 3;
    unsigned int bad = 0;

    gt_fill(batch_page, 30);
    gt_grant(r, me, GFN(batch_page), true);     /* batch_page is not touched again */
    for (unsigned int i = 0; i < 64; i++)
        maps[i] = (struct gnttab_map_grant_ref){ .host_addr = gt_free_gfn(200 + i) << 12,
            .flags = GNTMAP_host_map | GNTMAP_readonly, .ref = r, .dom = me, .status = 99 };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, maps, 64), 0,
              "map_grant_ref batch of 64");
    for (unsigned int i = 0; i < 64; i++)
        bad += maps[i].status != GNTST_okay || !gt_check(gfn_va(gt_free_gfn(200 + i)), 30);
    expect(!bad, "all 64 mapped and showing the page (%u bad)", bad);
    for (unsigned int i = 0; i < 64; i++)
        unmaps[i] = (struct gnttab_unmap_grant_ref){ .host_addr = maps[i].host_addr,
                                                     .handle = maps[i].handle, .status = 99 };
    unmaps[63].handle = 0xffff;
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, unmaps, 64), 0,
              "unmap_grant_ref batch of 64");
    bad = 0;
    for (unsigned int i = 0; i < 63; i++)
        bad += unmaps[i].status != GNTST_okay;
    expect(!bad && unmaps[63].status == GNTST_bad_handle,
           "63 unmapped, the last (handle 0xffff) GNTST_bad_handle (%u bad, last %d)", bad,
           unmaps[63].status);
    expect_st(gt_unmap(maps[63].handle, gt_free_gfn(263)), GNTST_okay, "unmap the 64th");
    expect(!gt_busy(r) && gt_revoke(r), "entry idle after the batches");

    gt_fill(pages[0], 31);
    memset(pages[1], 0, 4096);
    for (unsigned int i = 0; i < 300; i++)
        copies[i] = (struct gnttab_copy){
            .source = { .u.gmfn = GFN(pages[0]), .domid = DOMID_SELF, .offset = i * 13 },
            .dest = { .u.gmfn = GFN(pages[1]), .domid = DOMID_SELF, .offset = i * 13 },
            .len = i == 299 ? 300 : 13, .status = 99 };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_copy, copies, 300), 0, "copy batch of 300");
    bad = 0;
    for (unsigned int i = 0; i < 299; i++)
        bad += copies[i].status != GNTST_okay;
    expect(!bad && copies[299].status == GNTST_bad_copy_arg,
           "299 copied, the last (crossing) GNTST_bad_copy_arg (%u bad, last %d)", bad,
           copies[299].status);
    expect(!memcmp(pages[0], pages[1], 299 * 13) && !pages[1][299 * 13],
           "the 299 pieces arrived, nothing of the refused one");
}

/* Map NR_REFS grants round robin at fresh GFNs until GNTST_no_space (each
 * ref at most 127 times: a 128th would overflow Xen's 7-bit pin count). */
static void check_maptrack(unsigned long frames)
{
    static grant_handle_t handles[4096];
    unsigned int n = 0, want = frames * 256 - 1;
    int16_t st = GNTST_okay;

    /* one page per ref: Xen takes a page of one's own off its GFN when it
     * is first grant-mapped, so the GFN cannot be granted again */
    for (unsigned int i = 0; i < NR_REFS; i++)
        gt_grant(GT_FIRST_REF + 4 + i, me, GFN(exhaust[i]), true);
    while (n < ARRAY_SIZE(handles)) {
        st = gt_map(me, GT_FIRST_REF + 4 + n % NR_REFS, gt_free_gfn(1000 + n),
                    GNTMAP_host_map | GNTMAP_readonly, &handles[n]);
        if (st)
            break;
        n++;
    }
    expect_st(st, GNTST_no_space, "map number %u with %lu maptrack frames", n + 1, frames);
    expect(n == want, "%u mappings before the maptrack ran out (Xen: %u)", n, want);
    for (unsigned int i = 0; i < n; i++)
        if (gt_unmap(handles[i], gt_free_gfn(1000 + i)))
            check(false, "unmap %u", i);
    for (unsigned int i = 0; i < NR_REFS; i++)
        expect(!gt_busy(GT_FIRST_REF + 4 + i) && gt_revoke(GT_FIRST_REF + 4 + i),
               "ref %u idle after unmapping everything", GT_FIRST_REF + 4 + i);
    expect_st(gt_map(me, GT_FIRST_REF + 4, gt_free_gfn(1000), GNTMAP_host_map | GNTMAP_readonly,
                     &handles[0]), GNTST_general_error,
              "map after the revoke");
}

void main(void)
{
    unsigned int version = cmdline_has("v2") ? 2 : 1;
    unsigned long frames = cmdline_ulong("maptrack", 0);

    all_ops = cmdline_has("all-ops");
    hctest_init("gt-self");
    me = my_domid();
    printf("gt-self: d%u, grant table v%u\n", me, version);
    check_sizes();
    check_frames(version);
    check_copy();
    check_self_map(version);
    check_swap();
    check_batches();
    if (frames)
        check_maptrack(frames);
    test_end();
}
