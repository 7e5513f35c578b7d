/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * gt-self: grant tables within one domain (runs as dom0 on Xen 4.17 too).
 *   sizes and versions: query_size, get_version, set_version (bad values
 *     -EINVAL), setup_table (frame list = where the frames are mapped),
 *     limits and unknown domains, count != 1 -EINVAL, unknown op -ENOSYS,
 *     dump_table, transfer, unmap_and_replace, get_status_frames and
 *     cache_flush -ENOSYS (Xen 4.17 lets HVM/PVH callers reach only
 *     query_size, setup_table, set/get_version, copy, map, unmap, swap);
 *   every reachable sub-op from each bad pointer of the catalogue: -EFAULT;
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
 *   v2: a sub-page grant (copies inside, before, past it; map refused) and
 *     a transitive grant naming one's own domain (refused);
 *   swap_grant_ref (idle entries exchanged, self no-op, bad refs); batches
 *     of 64 maps, 64 unmaps (the last a bad handle) and 300 copies (the
 *     last crossing) in one hypercall each, per-op status; a map and a copy
 *     batch running into unmapped memory (first entry done, -EFAULT);
 *   maptrack exhaustion when "maptrack=N" says the limit is N frames
 *     (Xen: N*256 - 1 mappings for one vCPU, then GNTST_no_space);
 *   v2 at the end: back to v1 (the status frames leave the p2m) and to v2;
 *   "maxframes=N": query_size must report N as the maximum;
 *   "limits": only the maxima (grant frames grown to N, maptrack), few
 *     enough lines for an unprivileged domain's console burst;
 *   "all-ops" (ours with the gnttab_all_ops option): dump_table,
 *     get_status_frames, cache_flush and unmap_and_replace reachable, with
 *     Xen's own semantics for them, instead of -ENOSYS.
 */
#include "gt-self.h"

uint8_t pages[4][4096] __attribute__((aligned(4096)));
domid_t me;
bool all_ops;                           /* "all-ops": ours with gnttab_all_ops */

uint8_t pattern_byte(uint32_t seed, unsigned int i)
{
    return gt_word(seed, i / 4) >> (8 * (i % 4));
}

/* Entries in the whole table (query_size; more frames than we mapped). */
unsigned int table_entries(void)
{
    uint32_t nr, max;
    int16_t st;

    gt_query_size(DOMID_SELF, &nr, &max, &st);
    return nr * (gt_version == 2 ? 4096 / 16 : 4096 / 8);
}

int16_t swap(grant_ref_t a, grant_ref_t b)
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

/* Every sub-op HVM/PVH callers reach, from each bad pointer: -EFAULT. */
static void check_bad_pointers(void)
{
    static const struct { unsigned int op; size_t size; const char *name; } ops[] = {
        { GNTTABOP_map_grant_ref, sizeof(struct gnttab_map_grant_ref), "map_grant_ref" },
        { GNTTABOP_unmap_grant_ref, sizeof(struct gnttab_unmap_grant_ref), "unmap_grant_ref" },
        { GNTTABOP_setup_table, sizeof(struct gnttab_setup_table), "setup_table" },
        { GNTTABOP_copy, sizeof(struct gnttab_copy), "copy" },
        { GNTTABOP_query_size, sizeof(struct gnttab_query_size), "query_size" },
        { GNTTABOP_set_version, sizeof(struct gnttab_set_version), "set_version" },
        { GNTTABOP_get_version, sizeof(struct gnttab_get_version), "get_version" },
        { GNTTABOP_swap_grant_ref, sizeof(struct gnttab_swap_grant_ref), "swap_grant_ref" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
        for_each_bad_ptr(p, ops[i].size)
            expect_rc(HYPERVISOR_grant_table_op(ops[i].op, PTR(p->va), 1), E(EFAULT),
                      "%s from %s", ops[i].name, p->name);
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

/* v2 -> v1 -> v2 once nothing is in use: the status frames leave the p2m. */
static void check_version_switch(void)
{
    uint32_t v;
    uint8_t *b = pages[3];

    expect_rc(gt_set_version(1, &v), 0, "set_version 1 with nothing in use");
    expect(v == 1, "set_version reports %u", v);
    expect_st(gt_copy(GFNP(GT_STATUS_GFN, 0), GFNP(GFN(b), 0), 8), GNTST_bad_page,
              "the status frame's GFN is a hole after going back to v1");
    (void)gt_flags(GT_FIRST_REF);           /* the shared frame is still mapped: no fault */
    expect_rc(gt_add_frame(0 | XENMAPIDX_grant_table_status, GT_STATUS_GFN), E(EINVAL),
              "add_to_physmap status frame 0 in v1");
    expect_rc(gt_set_version(2, &v), 0, "set_version 2 again");
    expect_rc(gt_add_frame(0 | XENMAPIDX_grant_table_status, GT_STATUS_GFN), 0,
              "add_to_physmap status frame 0 again");
    gt_version = 2;
}

/* "limits": only the configured maxima (grant frames, maptrack frames). */
static void check_limits(unsigned int version, unsigned long frames)
{
    uint32_t nr, max;
    int16_t st;

    expect_rc(gt_query_size(DOMID_SELF, &nr, &max, &st), 0, "query_size");
    expect(max == cmdline_ulong("maxframes", 0), "query_size: maximum %u, as configured", max);
    if (!gt_setup(version, 2))
        test_failure("cannot set the table up");
    expect_rc(gt_add_frame(max - 1, GT_GFN_BASE + 2), 0,
              "add_to_physmap grant_table frame %u (the last one)", max - 1);
    expect_rc(gt_add_frame(max, GT_GFN_BASE + 3), E(EINVAL),
              "add_to_physmap grant_table frame %u (the maximum)", max);
    expect_rc(gt_query_size(DOMID_SELF, &nr, &max, &st), 0, "query_size");
    expect(nr == max, "query_size: %u frames, grown to the maximum", nr);
    if (frames)
        check_maptrack(frames);
}

void main(void)
{
    unsigned int version = cmdline_has("v2") ? 2 : 1;
    unsigned long frames = cmdline_ulong("maptrack", 0);

    all_ops = cmdline_has("all-ops");
    hctest_init("gt-self");
    me = my_domid();
    printf("gt-self: d%u, grant table v%u\n", me, version);
    if (cmdline_has("limits")) {            /* few lines: fits a domU's console burst */
        check_limits(version, frames);
        test_end();
    }
    check_sizes();
    check_bad_pointers();
    check_frames(version);
    check_copy();
    check_self_map(version);
    if (version == 2)
        check_subpage();
    check_map_over_ram();
    check_map_addrs();
    check_swap();
    check_batches();
    check_batch_fault();
    if (frames)
        check_maptrack(frames);
    if (version == 2)
        check_version_switch();
    test_end();
}
