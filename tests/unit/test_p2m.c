/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The p2m (xen/arch/x86/p2m.c) and its nested page table logic (p2m_pt.c):
 * entry format, 4 KiB / 2 MiB mappings, splitting, replacing, bad input,
 * allocation failure, complete teardown, and random operations checked
 * against a reference map.
 */
#include <stdarg.h>
#include "harness.h"
#include "mm_arena.h"
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>
#include <asm/page.h>
#include <asm/p2m.h>
#include <asm/p2m_pt.h>

#define FRAMES 8192         /* 32 MiB arena */

static unsigned int flushes;
static void count_flush(struct domain *d) { (void)d; flushes++; }
static const struct hvm_vendor_ops test_ops = { .name = "test", .flush_guest_tlbs = count_flush };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static struct domain dom;

static char crash_why[256];
static unsigned int crashes;
void domain_crash(struct domain *d, const char *fmt, ...)
{
    va_list ap;

    (void)d;
    va_start(ap, fmt);
    vsnprintf(crash_why, sizeof(crash_why), fmt, ap);
    va_end(ap);
    crashes++;
}

static void heap(void)
{
    static bool done;

    if (!done) {
        arena_setup(FRAMES);
        init_heap_pages(0, FRAMES);
        /* Keep a slab of each small class, so xzalloc/xfree move no pages. */
        for (size_t sz = 16; sz <= 256; sz *= 2)
            CHECK(xmalloc(sz) != NULL);
        done = true;
    }
}

static struct domain *fresh(void)
{
    heap();
    memset(&dom, 0, sizeof(dom));
    CHECK_EQ(p2m_init(&dom), 0);
    CHECK_EQ(p2m_table_pages(&dom), 1);
    flushes = 0;
    return &dom;
}

/* The raw leaf entry for @gfn and the AND of the table entries above it. */
static pte_t raw_leaf(struct domain *d, uint64_t gfn, unsigned int *level, pte_t *path)
{
    pte_t *tab = arch_mfn_to_virt(p2m_root_maddr(d) >> PAGE_SHIFT);

    *path = ~0ULL;
    for (unsigned int l = 4; l > 0; l--) {
        pte_t e = tab[(gfn >> (9 * (l - 1))) & 511];

        if (!(e & _PAGE_PRESENT) || l == 1 || (e & _PAGE_PSE)) {
            *level = l;
            return e;
        }
        *path &= e;
        tab = arch_mfn_to_virt((e & PADDR_MASK) >> PAGE_SHIFT);
    }
    return 0;
}

static void check_map(struct domain *d, uint64_t gfn, unsigned long mfn,
                      p2m_type_t t, unsigned int order)
{
    p2m_type_t tt;
    unsigned int o;

    CHECK_EQ(p2m_get_entry(d, gfn, &tt, &o), mfn);
    CHECK_EQ(tt, t);
    CHECK_EQ(o, order);
}

TEST(set_get_remove_4k)
{
    struct domain *d = fresh();
    unsigned long free0 = total_free_pages();

    check_map(d, 0x1234, INVALID_MFN, p2m_invalid, 0);
    CHECK_EQ(p2m_set_entry(d, 0x1234, 0x5678, 0, p2m_ram_rw), 0);
    check_map(d, 0x1234, 0x5678, p2m_ram_rw, 0);
    check_map(d, 0x1233, INVALID_MFN, p2m_invalid, 0);
    check_map(d, 0x1235, INVALID_MFN, p2m_invalid, 0);
    CHECK_EQ(p2m_table_pages(d), 4);            /* root + L3 + L2 + L1 */
    CHECK_EQ(total_free_pages(), free0 - 3);
    CHECK_EQ(flushes, 0);                       /* a new mapping needs no flush */
    CHECK_EQ(p2m_remove(d, 0x1234, 0), 0);
    check_map(d, 0x1234, INVALID_MFN, p2m_invalid, 0);
    CHECK_EQ(flushes, 1);
    CHECK_EQ(p2m_remove(d, 0x1234, 0), 0);      /* nothing there: fine, no flush */
    CHECK_EQ(p2m_remove(d, 0x7777777, 0), 0);
    CHECK_EQ(flushes, 1);
    CHECK_EQ(p2m_table_pages(d), 4);            /* removal allocates nothing */
    p2m_teardown(d);
    CHECK(d->arch.p2m == NULL);
}

TEST(set_get_2m)
{
    struct domain *d = fresh();

    CHECK_EQ(p2m_set_entry(d, 0x400, 0x800, 9, p2m_ram_rw), 0);
    check_map(d, 0x400, 0x800, p2m_ram_rw, 9);
    check_map(d, 0x5ff, 0x9ff, p2m_ram_rw, 9);
    check_map(d, 0x600, INVALID_MFN, p2m_invalid, 0);
    check_map(d, 0x3ff, INVALID_MFN, p2m_invalid, 0);
    CHECK_EQ(p2m_table_pages(d), 3);            /* no L1 */
    CHECK_EQ(p2m_remove(d, 0x400, 9), 0);
    check_map(d, 0x480, INVALID_MFN, p2m_invalid, 0);
    p2m_teardown(d);
}

TEST(entry_format)
{
    struct domain *d = fresh();
    static const struct { p2m_type_t t; bool rw, uc, nx; } cases[] = {
        { p2m_ram_rw, true, false, false },       { p2m_ram_ro, false, false, false },
        { p2m_mmio_direct, true, true, true },    { p2m_grant_map_rw, true, false, false },
        { p2m_grant_map_ro, false, false, false }, { p2m_foreign, true, false, false },
        { p2m_special, true, false, false },
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
        for (unsigned int order = 0; order <= 9; order += 9) {
            uint64_t gfn = 0x10000 + i * 0x200;
            unsigned int level;
            pte_t path, e;

            CHECK_EQ(p2m_set_entry(d, gfn, 0x200 * (i + 1), order, cases[i].t), 0);
            e = raw_leaf(d, gfn, &level, &path);
            CHECK_EQ(level, order ? 2 : 1);
            CHECK_EQ(!!(e & _PAGE_PSE), !!order);
            CHECK(e & _PAGE_PRESENT);
            CHECK(e & _PAGE_USER);                  /* NPT walks are user accesses */
            CHECK(path & _PAGE_PRESENT);
            CHECK(path & _PAGE_USER);
            CHECK(path & _PAGE_RW);
            CHECK(!(path & _PAGE_NX));
            CHECK_EQ(!!(e & _PAGE_RW), cases[i].rw);
            CHECK_EQ(!!(e & _PAGE_PCD), cases[i].uc);
            CHECK_EQ(!!(e & _PAGE_PWT), cases[i].uc);
            CHECK_EQ(!!(e & _PAGE_NX), cases[i].nx);
            CHECK_EQ((e & P2M_TYPE_MASK) >> P2M_TYPE_SHIFT, cases[i].t);
            CHECK_EQ((e & PADDR_MASK) >> PAGE_SHIFT, 0x200 * (i + 1));
            check_map(d, gfn, 0x200 * (i + 1), cases[i].t, order);
        }
    }
    p2m_teardown(d);
}

TEST(split_2m_on_4k_change)
{
    struct domain *d = fresh();

    CHECK_EQ(p2m_set_entry(d, 0x200, 0x1000, 9, p2m_ram_rw), 0);
    CHECK_EQ(p2m_table_pages(d), 3);
    CHECK_EQ(p2m_set_entry(d, 0x205, 0x7777, 0, p2m_mmio_direct), 0);
    CHECK_EQ(p2m_table_pages(d), 4);            /* the new L1 */
    CHECK_EQ(flushes, 1);
    check_map(d, 0x205, 0x7777, p2m_mmio_direct, 0);
    for (uint64_t g = 0x200; g < 0x400; g++)
        if (g != 0x205)
            check_map(d, g, 0x1000 + (g - 0x200), p2m_ram_rw, 0);
    /* A 4 KiB removal inside a 2 MiB entry splits it too. */
    CHECK_EQ(p2m_set_entry(d, 0x400, 0x2000, 9, p2m_ram_ro), 0);
    CHECK_EQ(p2m_remove(d, 0x4ff, 0), 0);
    check_map(d, 0x4ff, INVALID_MFN, p2m_invalid, 0);
    check_map(d, 0x4fe, 0x20fe, p2m_ram_ro, 0);
    check_map(d, 0x500, 0x2100, p2m_ram_ro, 0);
    CHECK_EQ(p2m_table_pages(d), 5);
    p2m_teardown(d);
}

TEST(replace_entries)
{
    struct domain *d = fresh();

    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, p2m_ram_rw), 0);
    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, p2m_ram_rw), 0);
    CHECK_EQ(flushes, 0);                       /* identical: nothing changed */
    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, p2m_ram_ro), 0);
    CHECK_EQ(flushes, 1);                       /* downgrade */
    CHECK_EQ(p2m_set_entry(d, 0x10, 0x300, 0, p2m_ram_rw), 0);
    CHECK_EQ(flushes, 2);
    check_map(d, 0x10, 0x300, p2m_ram_rw, 0);
    /* 2 MiB over an L1 table: the table goes away. */
    CHECK_EQ(p2m_table_pages(d), 4);
    CHECK_EQ(p2m_set_entry(d, 0, 0x400, 9, p2m_ram_rw), 0);
    CHECK_EQ(p2m_table_pages(d), 3);
    CHECK_EQ(flushes, 3);
    check_map(d, 0x10, 0x410, p2m_ram_rw, 9);
    /* 2 MiB removal over an L1 table frees it as well. */
    CHECK_EQ(p2m_set_entry(d, 0x21, 0x999, 0, p2m_ram_rw), 0);
    CHECK_EQ(p2m_table_pages(d), 4);
    CHECK_EQ(p2m_remove(d, 0, 9), 0);
    CHECK_EQ(p2m_table_pages(d), 3);
    check_map(d, 0x21, INVALID_MFN, p2m_invalid, 0);
    p2m_teardown(d);
}

TEST(bad_arguments)
{
    struct domain *d = fresh();
    unsigned long free0 = total_free_pages();

    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 1, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 18, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, 0x201, 0x200, 9, p2m_ram_rw), -EINVAL);   /* gfn */
    CHECK_EQ(p2m_set_entry(d, 0x200, 0x201, 9, p2m_ram_rw), -EINVAL);   /* mfn */
    CHECK_EQ(p2m_set_entry(d, P2M_MAX_GFN + 1, 0x1, 0, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, ~0ULL, 0x1, 0, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, 0x10, INVALID_MFN, 0, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, 0x10, P2M_MAX_MFN + 1, 0, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, p2m_invalid), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, (p2m_type_t)8), -EINVAL);
    CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, (p2m_type_t)-1), -EINVAL);
    CHECK_EQ(p2m_remove(d, 0x201, 9), -EINVAL);
    CHECK_EQ(p2m_remove(d, P2M_MAX_GFN + 1, 0), -EINVAL);
    CHECK_EQ(p2m_remove(d, 0, 3), -EINVAL);
    CHECK_EQ(total_free_pages(), free0);        /* nothing allocated */
    check_map(d, P2M_MAX_GFN + 1, INVALID_MFN, p2m_invalid, 0);
    /* The last gfn of the guest-physical space is fine. */
    CHECK_EQ(p2m_set_entry(d, P2M_MAX_GFN, 0x5, 0, p2m_ram_rw), 0);
    check_map(d, P2M_MAX_GFN, 0x5, p2m_ram_rw, 0);
    CHECK_EQ(p2m_set_entry(d, P2M_MAX_GFN & ~511ULL, 0x200, 9, p2m_ram_rw), 0);
    p2m_teardown(d);

    /* No p2m at all: errors, not crashes. */
    CHECK_EQ(p2m_set_entry(d, 0, 0, 0, p2m_ram_rw), -EINVAL);
    CHECK_EQ(p2m_get_entry(d, 0, NULL, NULL), INVALID_MFN);
    CHECK_EQ(p2m_root_maddr(d), 0);
    p2m_teardown(d);
}

TEST(teardown_frees_every_table)
{
    unsigned long before;
    struct domain *d;

    heap();
    before = total_free_pages();
    d = fresh();
    for (uint64_t g = 0; g < 64; g++) {
        CHECK_EQ(p2m_set_entry(d, g << 27, g, 0, p2m_ram_rw), 0);        /* new L3s */
        CHECK_EQ(p2m_set_entry(d, (g << 18) | 0x200, 0x200, 9, p2m_ram_rw), 0);
        CHECK_EQ(p2m_set_entry(d, (g << 18) | 0x205, 7, 0, p2m_ram_ro), 0); /* split */
    }
    CHECK(p2m_table_pages(d) > 64);
    CHECK_EQ(before - total_free_pages(), p2m_table_pages(d));
    p2m_teardown(d);
    CHECK_EQ(total_free_pages(), before);
}

/* p2m_pt with an allocator that fails on demand and tracks every page. */
static unsigned long pt_allocs, pt_frees, pt_fail_after = ~0UL;

static unsigned long test_alloc(struct p2m_pt *pt)
{
    void *va;

    (void)pt;
    if (pt_allocs >= pt_fail_after || !(va = alloc_xenheap_pages(0, MEMF_zero)))
        return INVALID_MFN;
    pt_allocs++;
    return arch_virt_to_mfn(va);
}

static void test_free(struct p2m_pt *pt, unsigned long mfn)
{
    (void)pt;
    pt_frees++;
    free_xenheap_pages(arch_mfn_to_virt(mfn), 0);
}

static void pt_fresh(struct p2m_pt *pt, unsigned long fail_after)
{
    heap();
    pt_allocs = pt_frees = 0;
    pt_fail_after = fail_after;
    *pt = (struct p2m_pt){ .alloc_table = test_alloc, .free_table = test_free, .use_nx = true };
}

TEST(allocation_failure)
{
    unsigned long before = (heap(), total_free_pages());
    struct p2m_pt_update u;
    struct p2m_pt pt;

    pt_fresh(&pt, 0);
    CHECK_EQ(p2m_pt_init(&pt), -ENOMEM);
    for (unsigned long n = 1; n <= 4; n++) {
        pt_fresh(&pt, n);
        CHECK_EQ(p2m_pt_init(&pt), 0);
        CHECK_EQ(p2m_pt_set(&pt, 0x12345, 0x99, 0, p2m_ram_rw, &u), n == 4 ? 0 : -ENOMEM);
        CHECK_EQ(p2m_pt_get(&pt, 0x12345, NULL, NULL), n == 4 ? 0x99 : INVALID_MFN);
        CHECK_EQ(pt.nr_tables, pt_allocs);
        p2m_pt_destroy(&pt);
        CHECK_EQ(pt_frees, pt_allocs);
        CHECK_EQ(total_free_pages(), before);
    }
    /* A split that cannot get its L1 leaves the 2 MiB entry as it was. */
    pt_fresh(&pt, 3);
    CHECK_EQ(p2m_pt_init(&pt), 0);
    CHECK_EQ(p2m_pt_set(&pt, 0x200, 0x400, 9, p2m_ram_rw, &u), 0);
    CHECK_EQ(p2m_pt_set(&pt, 0x201, 0x1, 0, p2m_ram_ro, &u), -ENOMEM);
    CHECK_EQ(p2m_pt_set(&pt, 0x201, 0, 0, p2m_invalid, &u), -ENOMEM);
    CHECK_EQ(p2m_pt_get(&pt, 0x201, NULL, NULL), 0x401);
    p2m_pt_destroy(&pt);
    CHECK_EQ(pt_frees, pt_allocs);

    /* Through p2m.c with the real heap exhausted. */
    {
        struct domain *d = fresh();
        void *hold[FRAMES];
        unsigned long n = 0;

        while ((hold[n] = alloc_xenheap_pages(0, 0)) != NULL)
            n++;
        CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, p2m_ram_rw), -ENOMEM);
        while (n--)
            free_xenheap_pages(hold[n], 0);
        CHECK_EQ(p2m_set_entry(d, 0x10, 0x100, 0, p2m_ram_rw), 0);
        p2m_teardown(d);
        CHECK_EQ(total_free_pages(), before);
    }
}

/* Random operations in a window of four 2 MiB regions, against a reference. */
#define WIN 2048
static struct { unsigned long mfn; p2m_type_t t; } ref[WIN];

static void ref_set(uint64_t gfn, unsigned long mfn, unsigned int order, p2m_type_t t)
{
    for (uint64_t i = 0; i < (1ULL << order); i++)
        ref[gfn + i].mfn = t == p2m_invalid ? INVALID_MFN : mfn + i,
        ref[gfn + i].t = t;
}

TEST(random_against_reference)
{
    unsigned long before = (heap(), total_free_pages());
    struct domain *d = fresh();
    const uint64_t base = 0x3456800;            /* a 2 MiB-aligned gfn far up */

    srand(1234);
    ref_set(0, 0, 11, p2m_invalid);
    for (unsigned int step = 0; step < 20000; step++) {
        unsigned int order = (rand() % 4 == 0) ? 9 : 0;
        uint64_t gfn = (uint64_t)rand() % WIN & ~((1ULL << order) - 1);
        unsigned long mfn = ((unsigned long)rand() % 0x100000) & ~((1UL << order) - 1);
        p2m_type_t t = (p2m_type_t)(rand() % 8);        /* 0 = remove */

        if (t == p2m_invalid)
            CHECK_EQ(p2m_remove(d, base + gfn, order), 0);
        else
            CHECK_EQ(p2m_set_entry(d, base + gfn, mfn, order, t), 0);
        ref_set(gfn, mfn, order, t);
        if (step % 1000 == 0 || step > 19990)
            for (uint64_t g = 0; g < WIN; g++) {
                p2m_type_t tt;

                CHECK_EQ(p2m_get_entry(d, base + g, &tt, NULL), ref[g].mfn);
                CHECK_EQ(tt, ref[g].t);
            }
        CHECK(p2m_table_pages(d) <= 3 + 4);
    }
    CHECK_EQ(before - total_free_pages(), p2m_table_pages(d));
    p2m_teardown(d);
    CHECK_EQ(total_free_pages(), before);
}

TEST(npf_decode)
{
    char buf[128];

    CHECK_STR(npf_describe(0x100000006ULL, buf, sizeof(buf)),
              "not present, write, user, final address");
    CHECK_STR(npf_describe(0x200000015ULL, buf, sizeof(buf)),
              "present, read, user, fetch, guest page table");
    CHECK_STR(npf_describe(0x9, buf, sizeof(buf)), "present, read, supervisor, reserved bit");
    CHECK_STR(npf_describe(0, buf, 8), "not pre");          /* truncated, terminated */
}

TEST(npf_crashes_the_domain)
{
    struct domain *d = fresh();
    struct vcpu v = { .domain = d };

    crashes = 0;
    hvm_nested_page_fault(&v, 0x12345678, 0x100000006ULL, false);
    CHECK_EQ(crashes, 1);
    CHECK_STR(crash_why, "nested page fault at gpa 0x12345678 (not present, write, user, final address)");
    /* Read-only RAM written: crash. */
    CHECK_EQ(p2m_set_entry(d, 0x1000, 0x55, 0, p2m_ram_ro), 0);
    hvm_nested_page_fault(&v, 0x1000123, 0x100000007ULL, false);
    CHECK_EQ(crashes, 2);
    /* A fault that raced with the mapping appearing / becoming writable: retry. */
    CHECK_EQ(p2m_set_entry(d, 0x2000, 0x56, 0, p2m_ram_rw), 0);
    hvm_nested_page_fault(&v, 0x2000000, 0x100000004ULL, false);
    hvm_nested_page_fault(&v, 0x2000000, 0x100000007ULL, false);
    CHECK_EQ(crashes, 2);
    /* Reserved bits are never spurious. */
    hvm_nested_page_fault(&v, 0x2000000, 0x10000000dULL, false);
    CHECK_EQ(crashes, 3);
    p2m_teardown(d);
}

/* The store at RIP as insn_len.c would decode it (overrides stubs.c's weak one). */
static int store_len = -22;             /* -EINVAL: not a MOV */
int hvm_store_length(struct vcpu *v)
{
    (void)v;
    return store_len;
}

TEST(npf_write_discard)
{
    struct domain *d = fresh();
    struct vcpu v = { .domain = d };

    crashes = 0;
    store_len = 3;                      /* mov %al,-0x1(%rbp) */
    CHECK_EQ(p2m_set_entry(d, 0x100100, 0x57, 0, p2m_grant_map_ro), 0);
    /* The instruction's own write: dropped, the MOV retires. */
    v.arch.regs.rip = 0x102374;
    hvm_nested_page_fault(&v, 0x100100123ULL, 0x100000007ULL, false);
    CHECK_EQ(crashes, 0);
    CHECK_EQ(v.arch.regs.rip, 0x102377);
    /* A page-walk A/D update (not the final address) is never stepped over. */
    hvm_nested_page_fault(&v, 0x100100123ULL, 0x200000007ULL, false);
    CHECK_EQ(crashes, 1);
    CHECK_EQ(v.arch.regs.rip, 0x102377);
    /* The write of an interrupted event delivery: RIP stays, the domain crashes. */
    hvm_nested_page_fault(&v, 0x100100123ULL, 0x100000007ULL, true);
    CHECK_EQ(crashes, 2);
    CHECK_EQ(v.arch.regs.rip, 0x102377);
    CHECK_STR(crash_why, "write to read-only gpa 0x100100123 while delivering an event (rip 0x102377)");
    /* Not decodable: crash, RIP unchanged. */
    store_len = -22;
    hvm_nested_page_fault(&v, 0x100100123ULL, 0x100000007ULL, false);
    CHECK_EQ(crashes, 3);
    CHECK_EQ(v.arch.regs.rip, 0x102377);
    p2m_teardown(d);
}

TEST_MAIN()
