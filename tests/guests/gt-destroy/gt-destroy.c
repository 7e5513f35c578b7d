/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * gt-destroy: one domain ends while grants are mapped (the same image as
 * d0 and d1; d0 owns the mailbox, d1 maps it, so d1 always dies holding a
 * mapping of d0's mailbox page).
 *   mode=granter-dies: d1 grants a page rw, d0 maps it and writes, d1
 *     sees the write and powers off with the page still mapped by d0.
 *     d0 (control domain) waits until d1's reservation changes (d1 is
 *     being destroyed), then the mapping still holds the data, still takes
 *     writes, and unmaps with GNTST_okay (Xen keeps a dying granter's
 *     mapped pages until they are unmapped).
 *   mode=mapper-dies: d0 grants pages (rw and ro), d1 maps both, writes,
 *     and powers off without unmapping ("crash": shuts down as crashed
 *     instead).  d0 waits for d1's destruction: the busy bits of both
 *     grants and of the mailbox are clear (the hypervisor released d1's
 *     mappings), they revoke, the page holds d1's write.
 *   mode=granter-frees: d0 gives back (decrease_reservation) a page d1 maps
 *     and populates the GFN again: d1's mapping keeps the old page (the
 *     hypervisor must not free or reuse it while mapped), d0's new page is
 *     a different one; d1 unmaps (the old page is freed then), d0 revokes.
 *   mode=map-over-map: d1 maps a second grant at the GFN of its first
 *     mapping, which Xen 4.17 answers by crashing d1 (p2m_add_page will
 *     not replace a grant mapping); d0 finds both grants free.
 * The hypervisor's page accounting is checked by the integration test
 * ("All domains ended" free pages equal those before domains).
 */
#include "gnttab.h"

#define R_RW        (GT_FIRST_REF + 1)
#define R_RO        (GT_FIRST_REF + 2)

static uint8_t pages[2][4096] __attribute__((aligned(4096)));
static uint32_t phase;

static void barrier(void)
{
    mb_post(++phase);
    mb_wait(phase);
}

/* d0: wait until d1's reservation is no longer @before (it is dying or gone). */
static void wait_gone(long before)
{
    long now = gt_wait_changed(1, before);

    printf("gt-destroy: d1 is gone (current_reservation %ld -> %ld)\n", before, now);
}

static void granter_dies(void)
{
    uint64_t f = gt_free_gfn(1);
    grant_handle_t h = ~0u;
    long before = 0;

    if (my_domid() == 1) {
        gt_fill(pages[0], 100);
        gt_grant(R_RW, 0, GFN(pages[0]), false);
    }
    barrier();
    if (my_domid() == 0) {
        expect_st(gt_map(1, R_RW, f, GNTMAP_host_map, &h), GNTST_okay, "d0 maps d1's grant");
        expect(gt_check(gfn_va(f), 100), "d0 sees d1's page");
        gt_fill(gfn_va(f), 101);
    }
    barrier();
    if (my_domid() == 0)
        before = gt_reservation(1);
    barrier();                              /* d0 knows d1's size: d1 may go */
    if (my_domid() == 1) {
        expect(gt_check(pages[0], 101), "d1 sees d0's write");
        expect(gt_busy(R_RW) == (GTF_reading | GTF_writing), "d1's grant busy");
        printf("gt-destroy: d1 powers off with its page mapped by d0\n");
        test_end();
    }
    wait_gone(before);
    expect(gt_check(gfn_va(f), 101), "the mapping of the dead granter's page keeps its data");
    gt_fill(gfn_va(f), 102);
    expect(gt_check(gfn_va(f), 102), "and still takes writes");
    expect_st(gt_unmap(h, f), GNTST_okay, "unmap the dead granter's page");
    expect_st(gt_unmap(h, f), GNTST_bad_handle, "unmap it again");
    expect(!gt_busy(GT_FIRST_REF) && gt_revoke(GT_FIRST_REF),
           "the mailbox d1 had mapped is idle and revoked");
}

static void mapper_dies(bool crash)
{
    grant_handle_t h1, h2;
    long before = 0;

    if (my_domid() == 0) {
        gt_fill(pages[0], 200);
        gt_fill(pages[1], 300);
        gt_grant(R_RW, 1, GFN(pages[0]), false);
        gt_grant(R_RO, 1, GFN(pages[1]), true);
    }
    barrier();
    if (my_domid() == 1) {
        expect_st(gt_map(0, R_RW, gt_free_gfn(1), GNTMAP_host_map, &h1), GNTST_okay,
                  "d1 maps d0's rw grant");
        expect_st(gt_map(0, R_RO, gt_free_gfn(2), GNTMAP_host_map | GNTMAP_readonly, &h2),
                  GNTST_okay, "d1 maps d0's ro grant");
        expect(gt_check(gfn_va(gt_free_gfn(2)), 300), "d1 sees the ro page");
        gt_fill(gfn_va(gt_free_gfn(1)), 201);
    }
    barrier();
    if (my_domid() == 0) {
        expect(gt_busy(R_RW) && gt_busy(R_RO), "both grants busy while d1 lives");
        before = gt_reservation(1);
    }
    barrier();                              /* d0 knows d1's size: d1 may go */
    if (my_domid() == 1) {
        printf("gt-destroy: d1 %s with 3 grants of d0 mapped\n",
               crash ? "crashes" : "powers off");
        if (crash) {
            console_flush();
            guest_shutdown(SHUTDOWN_crash);
        }
        test_end();
    }
    wait_gone(before);
    expect(!gt_busy(R_RW) && gt_revoke(R_RW), "rw grant released by d1's death and revoked");
    expect(!gt_busy(R_RO) && gt_revoke(R_RO), "ro grant released and revoked");
    expect(!gt_busy(GT_FIRST_REF) && gt_revoke(GT_FIRST_REF), "the mailbox released and revoked");
    expect(gt_check(pages[0], 201), "d0's page holds d1's last write");
    expect(gt_check(pages[1], 300), "d0's ro page unchanged");
}

/* d1 maps a second grant at a GFN that already holds one: Xen crashes it. */
static void map_over_map(void)
{
    grant_handle_t h1, h2;
    long before = 0;

    if (my_domid() == 0) {
        gt_fill(pages[0], 500);
        gt_fill(pages[1], 600);
        gt_grant(R_RW, 1, GFN(pages[0]), false);
        gt_grant(R_RO, 1, GFN(pages[1]), true);
    }
    barrier();
    if (my_domid() == 1)
        expect_st(gt_map(0, R_RW, gt_free_gfn(1), GNTMAP_host_map, &h1), GNTST_okay,
                  "d1 maps d0's grant");
    barrier();
    if (my_domid() == 0)
        before = gt_reservation(1);
    barrier();
    if (my_domid() == 1) {
        printf("gt-destroy: d1 maps a second grant over the first\n");
        console_flush();
        gt_map(0, R_RO, gt_free_gfn(1), GNTMAP_host_map | GNTMAP_readonly, &h2);
        test_failure("still alive after mapping a grant over a grant mapping");
    }
    wait_gone(before);
    expect(!gt_busy(R_RW) && gt_revoke(R_RW), "the first grant released by d1's crash");
    expect(!gt_busy(R_RO) && gt_revoke(R_RO), "the second grant never taken");
    expect(!gt_busy(GT_FIRST_REF) && gt_revoke(GT_FIRST_REF), "the mailbox released");
    expect(gt_check(pages[0], 500) && gt_check(pages[1], 600), "both pages intact");
}

static long one_page(unsigned int op, uint64_t gfn)
{
    struct xen_memory_reservation r = { .extent_start = (uint64_t)&gfn, .nr_extents = 1,
                                        .domid = DOMID_SELF };

    return HYPERVISOR_memory_op(op, &r);
}

/* d0 gives back (decrease_reservation) a page d1 maps: it is not reused. */
static void granter_frees(void)
{
    static uint8_t page[4096] __attribute__((aligned(4096)));
    grant_handle_t h = ~0u;
    long before = 0;

    if (my_domid() == 0) {
        gt_fill(page, 400);
        gt_grant(R_RW, 1, GFN(page), false);
    }
    barrier();
    if (my_domid() == 1) {
        expect_st(gt_map(0, R_RW, gt_free_gfn(1), GNTMAP_host_map, &h), GNTST_okay,
                  "d1 maps d0's grant");
        gt_fill(gfn_va(gt_free_gfn(1)), 401);
    }
    barrier();
    if (my_domid() == 0) {
        before = gt_reservation(DOMID_SELF);
        expect_rc(one_page(XENMEM_decrease_reservation, GFN(page)), 1,
                  "d0 gives back the page d1 maps (decrease_reservation)");
        expect_rc(gt_reservation(DOMID_SELF), before - 1, "d0's reservation one page smaller");
        expect(gt_busy(R_RW) == (GTF_reading | GTF_writing), "the grant is still busy");
        expect_rc(one_page(XENMEM_populate_physmap, GFN(page)), 1,
                  "d0 populates the GFN again");
        gt_fill(page, 402);                 /* a new page: d1 must not see this */
    }
    barrier();
    if (my_domid() == 1) {
        expect(gt_check(gfn_va(gt_free_gfn(1)), 401),
               "d1's mapping still shows the old page (not freed, not reused)");
        gt_fill(gfn_va(gt_free_gfn(1)), 403);
        expect_st(gt_unmap(h, gt_free_gfn(1)), GNTST_okay, "d1 unmaps it (the last reference)");
    }
    barrier();
    if (my_domid() == 0) {
        expect(gt_check(page, 402), "d0's new page untouched by d1's writes to the old one");
        expect(!gt_busy(R_RW) && gt_revoke(R_RW), "the grant is idle and revoked");
        expect_rc(gt_reservation(DOMID_SELF), before, "d0's reservation back to what it was");
    }
    barrier();
    mb_disconnect();
}

void main(void)
{
    char mode[32];

    hctest_init("gt-destroy");
    if (!cmdline_get("mode", mode, sizeof(mode)))
        test_failure("mode= missing (granter-dies, granter-frees, mapper-dies, map-over-map)");
    if (!gt_setup(cmdline_has("v2") ? 2 : 1, 1))
        test_failure("cannot set the table up");
    mb_connect(my_domid() ? 1 : 0, my_domid() ? 0 : 1);
    phase = 1;
    if (!strncmp(mode, "granter-dies", 13))
        granter_dies();
    else if (!strncmp(mode, "map-over-map", 13))
        map_over_map();
    else if (!strncmp(mode, "granter-frees", 14))
        granter_frees();
    else if (!strncmp(mode, "mapper-dies", 12))
        mapper_dies(cmdline_has("crash"));
    else
        test_failure("unknown mode %s", mode);
    test_end();
}
