/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * gt-stress: seeded random grant operations between d0 (A, the granter of
 * SLOTS pages) and d1 (B, the mapper), the same image on both.  Both run
 * the same PRNG (seed=, default 1) over steps= steps (default 1000) and
 * keep the same model: per slot granted/read-only/mapped and the expected
 * bytes of A's page; B's own page likewise.  Each step one side acts, then
 * both meet at a barrier in the mailbox (lib/gnttab).  Operations:
 *   grant (rw or ro), map (rw or ro; a rw map of a ro grant and a map of
 *   an entry not granted are GNTST_general_error; a mapped slot gets a
 *   second mapping at another GFN, the busy bits follow the pins of both),
 *   unmap (the second mapping first, then the first; then the stale
 *   handle: GNTST_bad_handle), B writes through its mapping (discarded
 *   when read-only), A writes its page, B copies to A's gref and from it
 *   (random offsets and lengths, 1 in 8 crossing the page end:
 *   GNTST_bad_copy_arg; to a ro grant or an entry not granted:
 *   GNTST_general_error), A revokes (fails while mapped; v2 then grants
 *   again), and both check every byte they can see against the model.
 * At the end B unmaps everything, A finds every entry idle, revokes all
 * and checks its pages.  "v2" uses grant table version 2.  "die=N": B
 * powers off at step N holding its mappings; A waits for its destruction
 * and finds every entry released, revocable and every byte as modelled.
 * "peer=D" pairs the domain with domain D instead (the lower ID is A), so
 * a pair can run next to others (the fuzz run); "die=" assumes d0 and d1.
 */
#include "evtchn.h"     /* prng_next */
#include "gnttab.h"

#define SLOTS       8
#define R_SLOT(i)   (GT_FIRST_REF + 1 + (i))
#define SLOT_GFN(i) gt_free_gfn(10 + (i))
#define SLOT_GFN2(i) gt_free_gfn(30 + (i))

enum op { GRANT, MAP, UNMAP, WRITE_B, WRITE_A, COPY_TO_A, COPY_FROM_A, REVOKE, CHECK, NR_OPS };
static const char *const op_names[NR_OPS] = {
    "grant", "map", "unmap", "write-b", "write-a", "copy-to-a", "copy-from-a", "revoke", "check",
};

struct slot {
    bool granted, ro, mapped, map_ro, has_stale;
    bool extra, extra_ro;               /* a second mapping at SLOT_GFN2 */
    grant_handle_t h, stale, extra_h;
    uint8_t img[4096];
};

static struct slot slots[SLOTS];
static uint8_t apages[SLOTS][4096] __attribute__((aligned(4096)));
static uint8_t bpage[4096] __attribute__((aligned(4096)));
static uint8_t bimg[4096];
static unsigned long counts[NR_OPS], errors_seen, second_maps;
static unsigned int me;
static domid_t a_dom = 0, b_dom = 1;  /* A grants, B maps: "peer=" moves the pair */
static uint32_t phase;
static uint64_t prng;

static void barrier(void)
{
    mb_post(++phase);
    mb_wait(phase);
}

static uint8_t pbyte(uint32_t seed, unsigned int i)
{
    return gt_word(seed, i / 4) >> (8 * (i % 4));
}

static void fail_step(unsigned long step, const char *what, int16_t got, int16_t want)
{
    mb_fail("step %lu: %s: %s, expected %s", step, what, gntst_name(got), gntst_name(want));
}

static void expect_step(unsigned long step, const char *what, int16_t got, int16_t want)
{
    if (got != want)
        fail_step(step, what, got, want);
    if (want)
        errors_seen++;
}

static void check_bytes(unsigned long step, const char *what, const volatile uint8_t *p,
                        const uint8_t *img)
{
    for (unsigned int i = 0; i < 4096; i++)
        if (p[i] != img[i])
            mb_fail("step %lu: %s: byte %u is %#x, expected %#x", step, what, i, p[i],
                         img[i]);
}

/* A random [off, off+len) inside the page, or (1 in 8) one crossing its end. */
static void draw_range(uint64_t r, unsigned int *off, unsigned int *len, bool *cross)
{
    *off = r % 4096;
    *cross = ((r >> 12) & 7) == 0;
    if (*cross)
        *len = 4096 - *off + 1 + (r >> 16) % 64;
    else
        *len = 1 + (r >> 16) % (4096 - *off);
}

static void do_grant(struct slot *s, unsigned int i, bool ro)
{
    if (me == 0)
        gt_grant(R_SLOT(i), b_dom, GFN(apages[i]), ro);
    s->granted = true;
    s->ro = ro;
}

/* A second mapping of a slot already mapped: pins add up. */
static void do_map_extra(struct slot *s, unsigned int i, bool want_ro, unsigned long step)
{
    uint32_t flags = GNTMAP_host_map | (want_ro ? GNTMAP_readonly : 0);
    int16_t want = s->ro && !want_ro ? GNTST_general_error : GNTST_okay;

    if (me == 1) {
        expect_step(step, "second map", gt_map(a_dom, R_SLOT(i), SLOT_GFN2(i), flags, &s->extra_h),
                    want);
        if (!want)
            check_bytes(step, "the second mapping", gfn_va(SLOT_GFN2(i)), s->img);
    }
    if (!want) {
        second_maps++;
        s->extra = true;
        s->extra_ro = want_ro;
    }
}

static void do_map(struct slot *s, unsigned int i, bool want_ro, unsigned long step)
{
    uint32_t flags = GNTMAP_host_map | (want_ro ? GNTMAP_readonly : 0);
    int16_t want = !s->granted || (s->ro && !want_ro) ? GNTST_general_error : GNTST_okay;

    if (me == 1) {
        grant_handle_t h = ~0u;

        expect_step(step, "map", gt_map(a_dom, R_SLOT(i), SLOT_GFN(i), flags, &h), want);
        if (!want) {
            s->h = h;
            check_bytes(step, "the new mapping", gfn_va(SLOT_GFN(i)), s->img);
        }
    }
    if (!want) {
        s->mapped = true;
        s->map_ro = want_ro;
    }
}

static bool handle_live(grant_handle_t h)
{
    for (unsigned int i = 0; i < SLOTS; i++)
        if ((slots[i].mapped && slots[i].h == h) || (slots[i].extra && slots[i].extra_h == h))
            return true;
    return false;
}

static void do_unmap(struct slot *s, unsigned int i, unsigned long step)
{
    if (s->extra) {
        if (me == 1)
            expect_step(step, "unmap the second", gt_unmap(s->extra_h, SLOT_GFN2(i)), GNTST_okay);
        s->extra = false;
    } else if (s->mapped) {
        if (me == 1)
            expect_step(step, "unmap", gt_unmap(s->h, SLOT_GFN(i)), GNTST_okay);
        s->mapped = false;
        s->has_stale = true;
        s->stale = s->h;
    } else if (s->has_stale && me == 1 && !handle_live(s->stale)) {
        expect_step(step, "unmap a stale handle", gt_unmap(s->stale, SLOT_GFN(i)),
                    GNTST_bad_handle);
    }
}

static void write_range(volatile uint8_t *p, uint8_t *img, uint32_t seed, unsigned int off,
                        unsigned int len)
{
    for (unsigned int k = off; k < off + len && k < 4096; k++) {
        if (p)
            p[k] = pbyte(seed, k);
        if (img)
            img[k] = pbyte(seed, k);
    }
}

static void do_write_b(struct slot *s, unsigned int i, uint64_t r, unsigned long step)
{
    unsigned int off = r % 4096, len = 1 + (r >> 12) % (4096 - off);
    uint32_t seed = r >> 32;

    if (!s->mapped) {                   /* B's own page instead */
        write_range(me == 1 ? bpage : NULL, bimg, seed, off, len);
        return;
    }
    if (me == 1) {
        write_range(gfn_va(SLOT_GFN(i)), NULL, seed, off, len);
        if (!s->map_ro)
            write_range(NULL, s->img, seed, off, len);
        check_bytes(step, s->map_ro ? "after a write through a ro mapping" : "after a write",
                    gfn_va(SLOT_GFN(i)), s->img);
    } else if (!s->map_ro) {
        write_range(NULL, s->img, seed, off, len);
    }
}

static void do_copy(struct slot *s, unsigned int i, bool to_a, uint64_t r, unsigned long step)
{
    unsigned int off, len, other = (r >> 24) % 4096;
    bool cross;
    int16_t want;

    draw_range(r, &off, &len, &cross);
    if (!cross && other + len > 4096)
        other = 4096 - len;
    want = !s->granted || (to_a && s->ro) ? GNTST_general_error
         : cross ? GNTST_bad_copy_arg : GNTST_okay;
    if (me == 1) {
        int16_t st = to_a ? gt_copy(GFNP(GFN(bpage), other), GREF(a_dom, R_SLOT(i), off), len)
                          : gt_copy(GREF(a_dom, R_SLOT(i), off), GFNP(GFN(bpage), other), len);

        expect_step(step, to_a ? "copy to A's gref" : "copy from A's gref", st, want);
    }
    if (want)
        return;
    if (to_a)
        memcpy(s->img + off, bimg + other, len);
    else
        memcpy(bimg + other, s->img + off, len);
    if (me == 1)
        check_bytes(step, "B's page after a copy", bpage, bimg);
}

static void do_revoke(struct slot *s, unsigned int i, unsigned long step)
{
    bool want = !s->mapped && !s->extra;

    if (me == 0) {
        bool got = gt_revoke(R_SLOT(i));

        if (got != want)
            mb_fail("step %lu: revoke ref %u %s, expected %s", step, R_SLOT(i),
                         got ? "succeeded" : "failed", want ? "success" : "failure");
        if (!got && gt_version == 2)    /* flags cleared, status busy: grant again */
            gt_grant(R_SLOT(i), b_dom, GFN(apages[i]), s->ro);
        if (!got)
            errors_seen++;
    }
    if (want)
        s->granted = false;
}

static void do_check(struct slot *s, unsigned int i, unsigned long step)
{
    if (me == 0) {
        check_bytes(step, "A's page", apages[i], s->img);
        bool rw = (s->mapped && !s->map_ro) || (s->extra && !s->extra_ro);
        uint16_t busy = rw ? GTF_reading | GTF_writing
                      : s->mapped || s->extra ? GTF_reading : 0;

        if (gt_busy(R_SLOT(i)) != busy)
            mb_fail("step %lu: ref %u busy %#x, expected %#x (maps: %s%s)", step,
                         R_SLOT(i), gt_busy(R_SLOT(i)), busy,
                         s->mapped ? (s->map_ro ? "ro " : "rw ") : "",
                         s->extra ? (s->extra_ro ? "ro" : "rw") : "");
    } else {
        if (s->mapped)
            check_bytes(step, "B's mapping", gfn_va(SLOT_GFN(i)), s->img);
        if (s->extra)
            check_bytes(step, "B's second mapping", gfn_va(SLOT_GFN2(i)), s->img);
        check_bytes(step, "B's page", bpage, bimg);
    }
}

static void step_once(unsigned long step)
{
    uint64_t r = prng_next(&prng), r2 = prng_next(&prng);
    unsigned int i = r % SLOTS;
    enum op op = (r >> 8) % NR_OPS;
    struct slot *s = &slots[i];
    bool ro = (r >> 16) & 1;

    counts[op]++;
    switch (op) {
    case GRANT:
        if (!s->granted)
            do_grant(s, i, ro);
        break;
    case MAP:
        if (!s->mapped)
            do_map(s, i, ro || ((r >> 17) & 3) == 0, step);
        else if (!s->extra)
            do_map_extra(s, i, ro || ((r >> 17) & 3) == 0, step);
        break;
    case UNMAP:
        do_unmap(s, i, step);
        break;
    case WRITE_B:
        do_write_b(s, i, r2, step);
        break;
    case WRITE_A: {
        unsigned int off = r2 % 4096, len = 1 + (r2 >> 12) % (4096 - off);

        write_range(me == 0 ? apages[i] : NULL, s->img, r2 >> 32, off, len);
        break;
    }
    case COPY_TO_A:
    case COPY_FROM_A:
        do_copy(s, i, op == COPY_TO_A, r2, step);
        break;
    case REVOKE:
        do_revoke(s, i, step);
        break;
    case CHECK:
    case NR_OPS:
        do_check(s, i, step);
        break;
    }
    barrier();
}

static void finish(unsigned long steps)
{
    for (unsigned int i = 0; i < SLOTS; i++)
        while (slots[i].mapped || slots[i].extra)
            do_unmap(&slots[i], i, steps);
    barrier();
    for (unsigned int i = 0; i < SLOTS; i++)
        do_check(&slots[i], i, steps);
    for (unsigned int i = 0; me == 0 && i < SLOTS; i++)
        if (!gt_revoke(R_SLOT(i)))
            mb_fail("ref %u still busy at the end", R_SLOT(i));
    barrier();
    mb_disconnect();
    printf("gt-stress: d%u: ops", my_domid());
    for (unsigned int op = 0; op < NR_OPS; op++)
        printf(" %s %lu", op_names[op], counts[op]);
    printf("\ngt-stress: d%u: %lu steps, %lu second mappings, %lu refused as expected, "
           "every byte as modelled\n", my_domid(), steps, second_maps, errors_seen);
    test_success();
}

/* "die=N": B powers off at step N with whatever it has mapped; A waits for
 * its destruction, then every entry must be idle and revocable and every
 * page as modelled. */
static noreturn void die_here(unsigned long step)
{
    unsigned int maps = 0;
    long before = me == 0 ? gt_reservation(1) : 0;

    for (unsigned int i = 0; i < SLOTS; i++)
        maps += slots[i].mapped + slots[i].extra;
    barrier();                          /* A knows B's size: B may go */
    if (me == 1) {
        printf("gt-stress: d1 powers off at step %lu with %u mappings of d0's grants\n", step,
               maps);
        test_success();
    }
    gt_wait_changed(1, before);
    for (unsigned int i = 0; i < SLOTS; i++) {
        check_bytes(step, "A's page after B's death", apages[i], slots[i].img);
        if (gt_busy(R_SLOT(i)) || !gt_revoke(R_SLOT(i)))
            mb_fail("ref %u still busy after d1's death", R_SLOT(i));
    }
    if (gt_busy(GT_FIRST_REF) || !gt_revoke(GT_FIRST_REF))
        mb_fail("the mailbox still busy after d1's death");
    printf("gt-stress: d0: d1 died at step %lu holding %u mappings: all released, every byte "
           "as modelled\n", step, maps);
    test_success();
}

void main(void)
{
    unsigned long steps = cmdline_ulong("steps", 1000), die = cmdline_ulong("die", 0);

    hctest_init("gt-stress");
    /* The lower domain ID of the pair is A (default: domains 0 and 1). */
    domid_t peer = cmdline_ulong("peer", my_domid() ? 0 : 1);
    me = my_domid() < peer ? 0 : 1;
    a_dom = me ? peer : my_domid();
    b_dom = me ? my_domid() : peer;
    prng = cmdline_ulong("seed", 1) * 0x9e3779b97f4a7c15ull | 1;
    for (unsigned int i = 0; i < SLOTS; i++) {
        gt_fill(apages[i], 1000 + i);
        gt_fill(slots[i].img, 1000 + i);
    }
    gt_fill(bpage, 2000);
    gt_fill(bimg, 2000);
    if (!gt_setup(cmdline_has("v2") ? 2 : 1, 1))
        mb_fail("cannot set the table up");
    mb_connect(me, peer);
    phase = 1;
    for (unsigned long n = 0; n < steps; n++) {
        if (die && n == die)
            die_here(n);
        step_once(n);
    }
    finish(steps);
}
