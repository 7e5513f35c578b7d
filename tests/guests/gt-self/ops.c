/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * gt-self, the operations part: copy within the domain, mapping one's own
 * grants, swap_grant_ref, batches and maptrack exhaustion (see gt-self.c).
 */
#include "gt-self.h"

#define NR_REFS     16                  /* refs cycled through for exhaustion */

static uint8_t victims[4][4096] __attribute__((aligned(4096)));
static uint8_t exhaust[NR_REFS][4096] __attribute__((aligned(4096)));
static uint8_t batch_page[4096] __attribute__((aligned(4096)));
static uint8_t batch_page2[4096] __attribute__((aligned(4096)));

void check_copy(void)
{
    int16_t st;
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
    /*
     * Difference found (reported): Xen 4.17 maps grant-table frames as
     * p2m_ram_rw pages the domain owns, so GNTTABOP_copy (and a grant) of
     * that GFN works there; ours maps them p2m_special and refuses them.
     */
    st = gt_copy(GFNP(GT_GFN_BASE, 0), GFNP(GFN(b), 0), 8);
    expect(st == (on_xen() ? GNTST_okay : GNTST_bad_page),
           "copy from own grant-table frame's GFN: %s (Xen: GNTST_okay, ours: GNTST_bad_page)",
           gntst_name(st));
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

void check_self_map(unsigned int version)
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

/* v2: a sub-page grant of one's own page, and a transitive one of oneself. */
void check_subpage(void)
{
    grant_ref_t r = GT_FIRST_REF + 2, t = GT_FIRST_REF + 3;
    grant_handle_t h;

    gt_fill(pages[0], 40);
    gt_fill(pages[1], 41);
    gt_grant_subpage(r, me, GFN(pages[0]), 100, 200, false);
    expect_st(gt_copy(GREF(DOMID_SELF, r, 100), GFNP(GFN(pages[1]), 0), 200), GNTST_okay,
              "copy all of a sub-page grant (100..299)");
    expect(!memcmp(pages[1], pages[0] + 100, 200) && pages[1][200] == pattern_byte(41, 200),
           "exactly its 200 bytes");
    expect_st(gt_copy(GREF(DOMID_SELF, r, 99), GFNP(GFN(pages[1]), 0), 8), GNTST_general_error,
              "copy from before the sub-page");
    expect_st(gt_copy(GREF(DOMID_SELF, r, 296), GFNP(GFN(pages[1]), 0), 8), GNTST_general_error,
              "copy running past the sub-page");
    expect_st(gt_copy(GFNP(GFN(pages[1]), 0), GREF(DOMID_SELF, r, 292), 8), GNTST_okay,
              "copy into the sub-page's last 8 bytes");
    expect_st(gt_map(me, r, gt_free_gfn(7), GNTMAP_host_map, &h), GNTST_general_error,
              "map a sub-page grant");
    gt_grant_transitive(t, me, me, r);
    expect_st(gt_copy(GREF(DOMID_SELF, t, 100), GFNP(GFN(pages[1]), 0), 8), GNTST_general_error,
              "copy through a transitive grant of one's own domain (self-reference)");
    expect(!gt_busy(r) && !gt_busy(t) && gt_revoke(r) && gt_revoke(t), "both idle and revoked");
}

/* A grant mapped over a RAM page of one's own: what happens to that page. */
void check_map_over_ram(void)
{
    static uint8_t ram[4096] __attribute__((aligned(4096)));
    grant_ref_t r = GT_FIRST_REF + 2;
    grant_handle_t h;
    uint64_t gfn = GFN(ram);
    long before, mapped, unmapped, repop;
    struct xen_memory_reservation res = { .extent_start = (uint64_t)&gfn, .nr_extents = 1,
                                          .domid = DOMID_SELF };

    gt_fill(ram, 50);
    gt_fill(victims[2], 51);
    before = gt_reservation(DOMID_SELF);
    gt_grant(r, me, GFN(victims[2]), true);
    expect_st(gt_map(me, r, GFN(ram), GNTMAP_host_map | GNTMAP_readonly, &h), GNTST_okay,
              "map a grant over a RAM page");
    mapped = gt_reservation(DOMID_SELF);
    expect(gt_check(ram, 51), "the GFN shows the granted page");
    expect_st(gt_unmap(h, GFN(ram)), GNTST_okay, "unmap it");
    unmapped = gt_reservation(DOMID_SELF);
    expect_rc(HYPERVISOR_memory_op(XENMEM_populate_physmap, &res), 1,
              "populate the GFN again (a hole after the unmap)");
    repop = gt_reservation(DOMID_SELF);
    /*
     * Deliberate difference: Xen 4.17 only unhooks the RAM page from the
     * p2m (p2m_add_page) and keeps it allocated to the domain, unreachable,
     * until the domain dies (so after repopulating the domain holds one
     * page more); ours frees it when the grant mapping replaces it.
     */
    expect_rc2(mapped, before, before - 1, "reservation with the grant mapped over RAM");
    expect_rc2(unmapped, before, before - 1, "reservation after the unmap (GFN now a hole)");
    expect_rc2(repop, before + 1, before, "reservation after repopulating the GFN");
    expect(!gt_busy(r) && gt_revoke(r), "entry idle and revoked");
}

/* host_addr forms: offset bits ignored, 0 a no-op, beyond guest-physical. */
void check_map_addrs(void)
{
    grant_ref_t r = GT_FIRST_REF + 2;
    uint64_t f = gt_free_gfn(8);
    grant_handle_t h, h2;
    struct gnttab_unmap_grant_ref u = { .host_addr = 0, .status = 99 };

    gt_fill(victims[3], 60);                /* never touched again (self-mapped) */
    gt_grant(r, me, GFN(victims[3]), true);
    struct gnttab_map_grant_ref m = { .host_addr = (f << 12) | 0x123, .ref = r, .dom = me,
                                      .flags = GNTMAP_host_map | GNTMAP_readonly, .status = 99 };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1), 0,
              "map at an address with offset bits");
    expect_st(m.status, GNTST_okay, "map at GFN %#lx + 0x123", (unsigned long)f);
    h = m.handle;
    expect(gt_check(gfn_va(f), 60), "the page is at that GFN");
    /* while pinned: a failed first map would, on Xen, already have taken
     * the page off its GFN (p2m_add_page drops the alias before failing) */
    expect_st(gt_map(me, r, 1ull << 40, GNTMAP_host_map | GNTMAP_readonly, &h2),
              GNTST_general_error, "map at GFN 2^40 (beyond the guest-physical space)");
    u.handle = h;
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap host_addr 0");
    expect_st(u.status, GNTST_okay, "unmap host_addr 0 status (does nothing)");
    expect(gt_busy(r) == GTF_reading && gt_check(gfn_va(f), 60), "the mapping is still there");
    u = (struct gnttab_unmap_grant_ref){ .host_addr = (f << 12) | 0x456, .handle = h,
                                         .status = 99 };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1), 0,
              "unmap at the GFN with other offset bits");
    expect_st(u.status, GNTST_okay, "unmap with offset bits status");
    expect(!gt_busy(r) && gt_revoke(r), "entry idle and revoked");
}

/* swap_grant_ref: entries exchanged, busy ones GNTST_eagain, bad refs. */
void check_swap(void)
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
void check_batches(void)
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

/* A batch whose second entry lies in unmapped memory: the first is done,
 * the call fails with -EFAULT. */
void check_batch_fault(void)
{
    struct gnttab_map_grant_ref *m = edge_ptr(sizeof(*m));
    struct gnttab_copy *c = edge_ptr(sizeof(*c));
    grant_ref_t r = GT_FIRST_REF + 2;
    uint64_t f = gt_free_gfn(9);

    gt_fill(batch_page2, 70);
    gt_grant(r, me, GFN(batch_page2), true);    /* never touched again */
    *m = (struct gnttab_map_grant_ref){ .host_addr = f << 12, .ref = r, .dom = me,
                                        .flags = GNTMAP_host_map | GNTMAP_readonly,
                                        .status = 99 };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, m, 2), E(EFAULT),
              "map batch running into unmapped memory");
    expect_st(m->status, GNTST_okay, "its first entry was mapped");
    expect(gt_check(gfn_va(f), 70), "and shows the page");
    expect_st(gt_unmap(m->handle, f), GNTST_okay, "unmap it");
    expect(!gt_busy(r) && gt_revoke(r), "entry idle and revoked");
    gt_fill(pages[0], 71);
    memset(pages[1], 0, 4096);
    *c = (struct gnttab_copy){ .source = { .u.gmfn = GFN(pages[0]), .domid = DOMID_SELF },
                               .dest = { .u.gmfn = GFN(pages[1]), .domid = DOMID_SELF },
                               .len = 4096, .status = 99 };
    expect_rc(HYPERVISOR_grant_table_op(GNTTABOP_copy, c, 2), E(EFAULT),
              "copy batch running into unmapped memory");
    expect(c->status == GNTST_okay && gt_check(pages[1], 71), "its first entry was copied");
}

/* Map NR_REFS grants round robin at fresh GFNs until GNTST_no_space (each
 * ref at most 127 times: a 128th would overflow Xen's 7-bit pin count). */
void check_maptrack(unsigned long frames)
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
