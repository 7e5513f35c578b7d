/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * gt-pair: grant tables between two domains (the same image as d0 and d1;
 * d0 is A, the granter, d1 is B, the mapper).  They meet in a mailbox page
 * A grants (lib/gnttab) and go through phases separated by barriers:
 *   1 A grants: ref 9 rw (page P1), 10 read-only (P2), 11 to d7 (P3),
 *     12 a hole, 13 nothing;
 *   2 B maps 9 at a free GFN of its own, sees P1, writes; maps 10 rw
 *     (GNTST_general_error) and ro; a write through the ro mapping is
 *     discarded without a fault (Xen 4.17); map errors: 11 (another
 *     domain's) general_error, 12 (hole) bad_page, 13 (not granted)
 *     general_error, ref beyond the table bad_gntref, unknown domain
 *     bad_domain, flags 0 bad_gntref; unmap errors: handle 0xffff and an
 *     unused handle bad_handle, wrong GFN general_error; decrease_reservation
 *     of the mapping's GFN (0 extents; with "remove-gfn" also
 *     remove_from_physmap, -ENOENT); the mapping survives;
 *   3 A sees B's write; busy bits (rw: reading|writing, ro: reading);
 *     revoke of both fails while mapped (v2: flags cleared, status busy,
 *     then granted again); A writes;
 *   4 B sees A's write; copies both ways through A's grefs (offsets,
 *     page-crossing bad_copy_arg, ro destination general_error, another
 *     domain's ref general_error, bad ref bad_gntref, unknown domain
 *     bad_domain, A's GFN by A's domain ID permission_denied, B's own GFN
 *     that is a grant mapping of A's page bad_page); re-grants that GFN
 *     to A as its ref 9, grants its page Q as ref 14; unmaps 9 (twice:
 *     bad_handle);
 *   5 A: the copied bytes are there; 9 idle and revoked; B's re-grant of
 *     a foreign GFN: map and copy bad_page; copies to and from B's ref 14;
 *   6 B: A's copy arrived; unmaps 10; revokes its refs;
 *   7 A: everything idle, revoked;
 *   with "maptrack=N" (B's max_maptrack_frames): B maps A's refs until
 *     GNTST_no_space: N*256-1 handles in all (the mailbox holds one).
 * "v2" uses grant table version 2 on both sides and adds: a sub-page grant
 *   (copies inside it, before it or running past it general_error, map
 *   general_error) and transitive grants B makes of A's ref (A copies
 *   from and to A's own page through them; map, a self-reference, an
 *   unknown domain, a chain of two, writing through to a read-only grant:
 *   general_error).
 */
#include "gnttab.h"

#define DOMID_NONE  0x7000
#define R_RW        (GT_FIRST_REF + 1)
#define R_RO        (GT_FIRST_REF + 2)
#define R_OTHER     (GT_FIRST_REF + 3)
#define R_HOLE      (GT_FIRST_REF + 4)
#define R_NONE      (GT_FIRST_REF + 5)
#define R_Q         (GT_FIRST_REF + 6)
#define R_T         (GT_FIRST_REF + 7)      /* v2: A's page behind B's transitive grant */
#define R_SUB       (GT_FIRST_REF + 8)      /* v2: A's sub-page grant */
#define R_TRANS     (GT_FIRST_REF + 9)      /* v2, B: transitive to A's R_T */
#define R_TSELF     (GT_FIRST_REF + 10)     /* v2, B: transitive to itself */
#define R_TNONE     (GT_FIRST_REF + 11)     /* v2, B: transitive to no domain */
#define R_TCHAIN    (GT_FIRST_REF + 12)     /* v2, B: transitive to A's R_TA */
#define R_TA        (GT_FIRST_REF + 13)     /* v2, A: transitive to B's R_TRANS */
#define R_EXH       (GT_FIRST_REF + 16)     /* 16 refs for the exhaustion */
#define NR_EXH      16

static uint8_t pages[8][4096] __attribute__((aligned(4096)));
static uint8_t exh[NR_EXH][4096] __attribute__((aligned(4096)));
static unsigned int me;                     /* 0: A, 1: B */
static domid_t peer;
static uint32_t phase;

static void barrier(void)
{
    mb_post(++phase);
    mb_wait(phase);
}

static uint8_t pbyte(uint32_t seed, unsigned int i)
{
    return gt_word(seed, i / 4) >> (8 * (i % 4));
}

/* Does @p hold seed @base except [off, off+len) from seed @ins at @ins_off? */
static bool page_is(const volatile uint8_t *p, uint32_t base, unsigned int off, unsigned int len,
                    uint32_t ins, unsigned int ins_off)
{
    for (unsigned int i = 0; i < 4096; i++) {
        uint8_t want = i >= off && i < off + len ? pbyte(ins, ins_off + i - off) : pbyte(base, i);

        if (p[i] != want)
            return false;
    }
    return true;
}

static void phase_grant(void)
{
    gt_fill(pages[1], 100);
    gt_fill(pages[2], 200);
    gt_fill(pages[3], 300);
    gt_grant(R_RW, peer, GFN(pages[1]), false);
    gt_grant(R_RO, peer, GFN(pages[2]), true);
    gt_grant(R_OTHER, 7, GFN(pages[3]), false);
    gt_grant(R_HOLE, peer, gt_free_gfn(700), false);
    gt_clear(R_NONE);
}

static long give_back(uint64_t gfn)
{
    struct xen_memory_reservation r = { .extent_start = (uint64_t)&gfn, .nr_extents = 1,
                                        .domid = DOMID_SELF };

    return HYPERVISOR_memory_op(XENMEM_decrease_reservation, &r);
}

static grant_handle_t h_rw, h_ro;

static void phase_map(void)
{
    uint64_t f1 = gt_free_gfn(1), f2 = gt_free_gfn(2), fx = gt_free_gfn(3);
    volatile uint32_t *w2 = gfn_va(f2);
    grant_handle_t h;
    unsigned int vec;

    expect_st(gt_map(peer, R_RW, f1, GNTMAP_host_map, &h_rw), GNTST_okay, "map A's rw grant");
    expect(gt_check(gfn_va(f1), 100), "B sees A's page through the mapping");
    gt_fill(gfn_va(f1), 101);
    expect(gt_check(gfn_va(f1), 101), "B wrote the page through the mapping");
    expect_st(gt_map(peer, R_RO, f2, GNTMAP_host_map, &h), GNTST_general_error,
              "map A's read-only grant writable");
    expect_st(gt_map(peer, R_RO, f2, GNTMAP_host_map | GNTMAP_readonly, &h_ro), GNTST_okay,
              "map A's read-only grant read-only");
    expect(gt_check((void *)w2, 200), "B sees the read-only page");
    vec = write_u32_safe(&w2[3], 0xdeadbeef);
    expect(vec == 0, "write through the read-only mapping: no fault (vector %u)", vec);
    expect(gt_check((void *)w2, 200), "the write was discarded (Xen 4.17: write-discard type)");

    expect_st(gt_map(peer, R_OTHER, fx, GNTMAP_host_map, &h), GNTST_general_error,
              "map a ref A granted to d7");
    expect_st(gt_map(peer, R_HOLE, fx, GNTMAP_host_map, &h), GNTST_bad_page,
              "map a ref of a hole in A");
    expect_st(gt_map(peer, R_NONE, fx, GNTMAP_host_map, &h), GNTST_general_error,
              "map a ref A never granted");
    expect_st(gt_map(peer, 100000, fx, GNTMAP_host_map, &h), GNTST_bad_gntref,
              "map ref 100000 (beyond A's table)");
    expect_st(gt_map(DOMID_NONE, R_RW, fx, GNTMAP_host_map, &h), GNTST_bad_domain,
              "map from d%#x", DOMID_NONE);
    expect_st(gt_map(peer, R_RW, fx, 0, &h), GNTST_bad_gntref, "map with flags 0");
    expect_st(gt_map(peer, R_RW, fx, GNTMAP_host_map | GNTMAP_contains_pte, &h),
              GNTST_general_error, "map with GNTMAP_contains_pte (HVM)");
    expect_st(gt_unmap(0xffff, f1), GNTST_bad_handle, "unmap handle 0xffff");
    expect_st(gt_unmap(h_ro + 1, f1), GNTST_bad_handle, "unmap an unused handle %u", h_ro + 1);
    expect_st(gt_unmap(h_rw, fx), GNTST_general_error, "unmap at a GFN the handle is not at");
    expect(gt_check(gfn_va(f1), 101), "the mapping survived the failed unmaps");
    /* Xen: B cannot take a reference on A's page (get_page fails), so
     * neither op touches the mapping */
    expect_rc(give_back(f1), 0, "decrease_reservation of the GFN mapping A's page: 0 extents");
    if (cmdline_has("remove-gfn") &&
        !expect_rc(gt_remove_gfn(f1), E(ENOENT), "remove_from_physmap of that GFN"))
        mb_fail("remove_from_physmap of a grant-mapped GFN was not refused");
    expect(gt_check(gfn_va(f1), 101), "the mapping survived");
}

static void phase_a_sees(void)
{
    expect(gt_check(pages[1], 101), "A sees B's write");
    expect(gt_check(pages[2], 200), "A's read-only page unchanged");
    expect(gt_busy(R_RW) == (GTF_reading | GTF_writing), "rw grant busy %#x", gt_busy(R_RW));
    expect(gt_busy(R_RO) == GTF_reading, "ro grant busy %#x", gt_busy(R_RO));
    expect(!gt_revoke(R_RW), "revoking the rw grant while mapped fails");
    expect(!gt_revoke(R_RO), "revoking the ro grant while mapped fails");
    expect(gt_busy(R_RW) && gt_busy(R_RO), "both still busy");
    if (gt_version == 2) {                  /* the v2 revoke cleared the flags */
        gt_grant(R_RW, peer, GFN(pages[1]), false);
        gt_grant(R_RO, peer, GFN(pages[2]), true);
    }
    gt_fill(pages[1], 102);
}

static void phase_copy_b(void)
{
    uint64_t f1 = gt_free_gfn(1), f2 = gt_free_gfn(2);
    uint8_t *q = pages[4], *q2 = pages[5];

    expect(gt_check(gfn_va(f1), 102), "B sees A's write through the mapping");
    gt_fill(q, 400);
    expect_st(gt_copy(GFNP(GFN(q), 32), GREF(peer, R_RW, 16), 64), GNTST_okay,
              "copy B's GFN+32 -> A's gref+16, 64 bytes");
    expect(page_is(gfn_va(f1), 102, 16, 64, 400, 32), "the bytes arrived (seen through the map)");
    expect_st(gt_copy(GREF(peer, R_RO, 0), GFNP(GFN(q2), 0), 4096), GNTST_okay,
              "copy A's read-only gref -> B's GFN, whole page");
    expect(gt_check(q2, 200), "B got A's read-only page");
    expect_st(gt_copy(GREF(peer, R_RO, 100), GFNP(GFN(q2), 50), 10), GNTST_okay,
              "copy A's gref+100 -> B's GFN+50");
    expect(page_is(q2, 200, 50, 10, 200, 100), "10 bytes moved by 50");
    expect_st(gt_copy(GFNP(GFN(q), 0), GREF(peer, R_RO, 0), 8), GNTST_general_error,
              "copy to A's read-only gref");
    expect_st(gt_copy(GREF(peer, R_RW, 4000), GFNP(GFN(q), 0), 200), GNTST_bad_copy_arg,
              "copy from A's gref crossing the page end");
    expect_st(gt_copy(GFNP(GFN(q), 0), GREF(peer, R_RW, 4095), 2), GNTST_bad_copy_arg,
              "copy to A's gref crossing the page end");
    expect_st(gt_copy(GREF(peer, R_OTHER, 0), GFNP(GFN(q), 0), 8), GNTST_general_error,
              "copy from a ref A granted to d7");
    expect_st(gt_copy(GREF(peer, 100000, 0), GFNP(GFN(q), 0), 8), GNTST_bad_gntref,
              "copy from ref 100000");
    expect_st(gt_copy(GREF(DOMID_NONE, R_RW, 0), GFNP(GFN(q), 0), 8), GNTST_bad_domain,
              "copy from a gref of d%#x", DOMID_NONE);
    expect_st(gt_copy((struct gt_ptr){ false, peer, GFN(pages[1]), 0 }, GFNP(GFN(q), 0), 8),
              GNTST_permission_denied, "copy from A's GFN (no grant)");
    expect_st(gt_copy(GFNP(GFN(q), 0), (struct gt_ptr){ false, peer, GFN(pages[1]), 0 }, 8),
              GNTST_permission_denied, "copy to A's GFN (no grant)");
    expect_st(gt_copy(GFNP(f2, 0), GFNP(GFN(q), 0), 8), GNTST_bad_page,
              "copy from own GFN that maps A's page (foreign)");
    expect_st(gt_copy(GFNP(GFN(q), 0), GFNP(f1, 0), 8), GNTST_bad_page,
              "copy to own GFN that maps A's page (foreign)");
    expect(page_is(gfn_va(f1), 102, 16, 64, 400, 32), "A's page unchanged by the failures");

    gt_grant(R_RW, peer, f2, true);         /* B's ref 9: a foreign GFN */
    gt_fill(pages[6], 600);
    gt_grant(R_Q, peer, GFN(pages[6]), false);
    expect_st(gt_unmap(h_rw, f1), GNTST_okay, "unmap A's rw grant");
    expect_st(gt_unmap(h_rw, f1), GNTST_bad_handle, "unmap the same handle again");
}

static void phase_a_after(void)
{
    uint8_t *t = pages[7];
    grant_handle_t h;

    expect(page_is(pages[1], 102, 16, 64, 400, 32), "A's page got B's 64 bytes at 16");
    expect(!gt_busy(R_RW), "rw grant idle after B's unmap (%#x)", gt_busy(R_RW));
    expect(gt_revoke(R_RW), "rw grant revoked");
    expect(gt_busy(R_RO) == GTF_reading, "ro grant still mapped");
    expect_st(gt_map(peer, R_RW, gt_free_gfn(5), GNTMAP_host_map | GNTMAP_readonly, &h),
              GNTST_bad_page, "map B's grant of a GFN that maps A's own page (foreign)");
    expect_st(gt_copy(GREF(peer, R_RW, 0), GFNP(GFN(t), 0), 8), GNTST_bad_page,
              "copy from B's grant of a foreign GFN");
    expect_st(gt_copy(GREF(peer, R_Q, 0), GFNP(GFN(t), 0), 4096), GNTST_okay,
              "copy from B's ref 14 to A's GFN (A <- B)");
    expect(gt_check(t, 600), "A got B's page");
    gt_fill(t, 700);
    expect_st(gt_copy(GFNP(GFN(t), 8), GREF(peer, R_Q, 1000), 3000), GNTST_okay,
              "copy A's GFN+8 -> B's ref 14 +1000 (A -> B)");
    expect_st(gt_copy(GFNP(GFN(t), 0), GREF(peer, R_Q, 1000), 3097), GNTST_bad_copy_arg,
              "copy to B's ref crossing the page end");
}

static void phase_b_after(void)
{
    expect(page_is(pages[6], 600, 1000, 3000, 700, 8), "B's page got A's 3000 bytes at 1000");
    expect(!gt_busy(R_Q) && gt_revoke(R_Q), "B's ref 14 idle and revoked");
    expect(!gt_busy(R_RW) && gt_revoke(R_RW), "B's foreign re-grant idle and revoked");
    expect_st(gt_unmap(h_ro, gt_free_gfn(2)), GNTST_okay, "unmap A's read-only grant");
}

/* ---- v2 only: sub-page and transitive grants ---- */

static void v2_a_grant(void)
{
    gt_fill(pages[5], 800);
    gt_fill(pages[6], 900);
    gt_grant(R_T, peer, GFN(pages[5]), false);
    gt_grant_subpage(R_SUB, peer, GFN(pages[6]), 100, 200, false);
    gt_grant_transitive(R_TA, peer, peer, R_TRANS);
}

static void v2_b_subpage_and_trans(void)
{
    uint8_t *q = pages[4];
    grant_handle_t h;

    gt_fill(q, 950);
    expect_st(gt_copy(GREF(peer, R_SUB, 100), GFNP(GFN(q), 0), 200), GNTST_okay,
              "copy the whole of A's sub-page grant (100..299)");
    expect(page_is(q, 950, 0, 200, 900, 100), "the 200 bytes arrived");
    expect_st(gt_copy(GREF(peer, R_SUB, 99), GFNP(GFN(q), 0), 10), GNTST_general_error,
              "copy from before the sub-page");
    expect_st(gt_copy(GREF(peer, R_SUB, 250), GFNP(GFN(q), 0), 100), GNTST_general_error,
              "copy running past the sub-page");
    expect_st(gt_copy(GFNP(GFN(q), 0), GREF(peer, R_SUB, 150), 16), GNTST_okay,
              "copy into the sub-page");
    expect_st(gt_map(peer, R_SUB, gt_free_gfn(6), GNTMAP_host_map, &h), GNTST_general_error,
              "map a sub-page grant");
    gt_grant_transitive(R_TRANS, peer, peer, R_T);
    gt_grant_transitive(R_TSELF, peer, my_domid(), R_TRANS);
    gt_grant_transitive(R_TNONE, peer, DOMID_NONE, R_T);
    gt_grant_transitive(R_TCHAIN, peer, peer, R_TA);
}

static void v2_a_trans(void)
{
    uint8_t *t = pages[7];
    grant_handle_t h;

    expect(page_is(pages[6], 900, 150, 16, 900, 100), "B's 16 bytes landed in the sub-page");
    expect_st(gt_copy(GREF(peer, R_TRANS, 0), GFNP(GFN(t), 0), 4096), GNTST_okay,
              "copy from B's transitive grant (of A's own ref %u)", R_T);
    expect(gt_check(t, 800), "it reads A's page behind it");
    gt_fill(t, 801);
    expect_st(gt_copy(GFNP(GFN(t), 0), GREF(peer, R_TRANS, 0), 4096), GNTST_okay,
              "copy to B's transitive grant");
    expect(gt_check(pages[5], 801), "A's page behind it was written");
    expect(!gt_busy(R_T), "A's ref idle after the transitive copies (%#x)", gt_busy(R_T));
    expect_st(gt_map(peer, R_TRANS, gt_free_gfn(6), GNTMAP_host_map, &h), GNTST_general_error,
              "map a transitive grant");
    expect_st(gt_copy(GREF(peer, R_TSELF, 0), GFNP(GFN(t), 0), 8), GNTST_general_error,
              "copy through a transitive grant that names its own domain");
    expect_st(gt_copy(GREF(peer, R_TNONE, 0), GFNP(GFN(t), 0), 8), GNTST_general_error,
              "copy through a transitive grant of domain %#x", DOMID_NONE);
    expect_st(gt_copy(GREF(peer, R_TCHAIN, 0), GFNP(GFN(t), 0), 8), GNTST_general_error,
              "copy through two transitive grants (no chains)");
    gt_grant(R_T, peer, GFN(pages[5]), true);
    expect_st(gt_copy(GFNP(GFN(t), 0), GREF(peer, R_TRANS, 0), 8), GNTST_general_error,
              "copy to a transitive grant of a read-only grant");
    expect(gt_revoke(R_T) && gt_revoke(R_SUB) && gt_revoke(R_TA), "A's grants idle and revoked");
}

static void v2_b_end(void)
{
    for (grant_ref_t r = R_TRANS; r <= R_TCHAIN; r++)
        expect(!gt_busy(r) && gt_revoke(r), "B's transitive ref %u idle and revoked", r);
}

static void phase_a_end(void)
{
    expect(!gt_busy(R_RO) && gt_revoke(R_RO), "ro grant idle and revoked");
    for (grant_ref_t r = R_OTHER; r <= R_NONE; r++)
        expect(!gt_busy(r) && gt_revoke(r), "ref %u idle and revoked", r);
}

/* B maps A's NR_EXH read-only grants round robin until the maptrack is full. */
static void exhaust(unsigned long frames)
{
    static grant_handle_t hs[2048];
    unsigned int n = 0, want = frames * 256 - 2;
    int16_t st = GNTST_okay;

    while (n < ARRAY_SIZE(hs)) {
        st = gt_map(peer, R_EXH + n % NR_EXH, gt_free_gfn(1000 + n),
                    GNTMAP_host_map | GNTMAP_readonly, &hs[n]);
        if (st)
            break;
        n++;
    }
    expect_st(st, GNTST_no_space, "map number %u with %lu maptrack frames", n + 1, frames);
    expect(n == want, "%u mappings besides the mailbox's before the maptrack ran out (Xen: %u)",
           n, want);
    expect(gt_check(gfn_va(gt_free_gfn(1000)), 900), "the first of them shows A's page");
    for (unsigned int i = 0; i < n; i++)
        if (gt_unmap(hs[i], gt_free_gfn(1000 + i)))
            check(false, "unmap %u", i);
    expect_st(gt_map(peer, R_EXH, gt_free_gfn(1000), GNTMAP_host_map | GNTMAP_readonly, &hs[0]),
              GNTST_okay, "a map works again after unmapping them all");
    expect_st(gt_unmap(hs[0], gt_free_gfn(1000)), GNTST_okay, "and its unmap");
}

void main(void)
{
    unsigned int version = cmdline_has("v2") ? 2 : 1;
    unsigned long frames = cmdline_ulong("maptrack", 0);

    hctest_init("gt-pair");
    me = my_domid() ? 1 : 0;
    peer = me ? 0 : 1;
    printf("gt-pair: d%u is %s, grant table v%u\n", my_domid(), me ? "B (mapper)" : "A (granter)",
           version);
    if (!gt_setup(version, 1))
        test_failure("cannot set the table up");
    mb_connect(me, peer);
    phase = 1;
    if (me == 0)
        phase_grant();
    barrier();
    if (me == 1)
        phase_map();
    barrier();
    if (me == 0)
        phase_a_sees();
    barrier();
    if (me == 1)
        phase_copy_b();
    barrier();
    if (me == 0)
        phase_a_after();
    barrier();
    if (me == 1)
        phase_b_after();
    barrier();
    if (version == 2) {
        if (me == 0)
            v2_a_grant();
        barrier();
        if (me == 1)
            v2_b_subpage_and_trans();
        barrier();
        if (me == 0)
            v2_a_trans();
        barrier();
        if (me == 1)
            v2_b_end();
        barrier();
    }
    if (me == 0)
        phase_a_end();
    mbox->words[me][0] = frames;
    barrier();
    if (mbox->words[1][0]) {
        if (me == 0)
            for (unsigned int i = 0; i < NR_EXH; i++) {
                gt_fill(exh[i], 900);
                gt_grant(R_EXH + i, peer, GFN(exh[i]), true);
            }
        barrier();
        if (me == 1)
            exhaust(frames);
        barrier();
        for (unsigned int i = 0; me == 0 && i < NR_EXH; i++)
            expect(!gt_busy(R_EXH + i) && gt_revoke(R_EXH + i), "ref %u idle and revoked",
                   R_EXH + i);
    }
    mb_disconnect();
    printf("gt-pair: d%u done, %s\n", my_domid(), me ? "all mappings gone" : "all grants revoked");
    test_end();
}
