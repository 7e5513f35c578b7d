/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Buddy page allocator (xen/common/page_alloc.c) and boot memory (bootmem.c). */
#include "harness.h"
#include "mm_arena.h"
#include <xen/bootmem.h>
#include <xen/lib.h>

#define FRAMES 1024     /* 4 MiB; frames 0-255 (below 1 MiB) are never used */
#define HEAP   (FRAMES - LOW_RESERVED_MFNS)

static unsigned long snap[MAX_ORDER + 1];

static void fresh_heap(void)
{
    arena_setup(FRAMES);
    init_heap_pages(0, FRAMES);
    for (unsigned int i = 0; i <= MAX_ORDER; i++)
        snap[i] = free_blocks_of_order(i);
}

static void check_initial_state(void)
{
    CHECK_EQ(total_free_pages(), HEAP);
    for (unsigned int i = 0; i <= MAX_ORDER; i++)
        CHECK_EQ(free_blocks_of_order(i), snap[i]);
}

#define EXPECT_BUG_MSG(stmt, text)                                    \
    do {                                                              \
        EXPECT_BUG(stmt);                                             \
        CHECK(strstr(unit_bug_what, text) != NULL);                   \
    } while (0)

TEST(init_skips_low_memory)
{
    fresh_heap();
    CHECK_EQ(total_heap_pages(), HEAP);
    CHECK_EQ(total_free_pages(), HEAP);
    /* 256..511 is one order-8 block, 512..1023 one order-9 block. */
    CHECK_EQ(free_blocks_of_order(8), 1);
    CHECK_EQ(free_blocks_of_order(9), 1);
    CHECK(alloc_pages(MAX_ORDER + 1) == NULL);
    CHECK(alloc_pages(10) == NULL);
}

TEST(alloc_free_all_orders)
{
    struct page_info *pg[10];

    fresh_heap();
    for (unsigned int o = 0; o < 9; o++) {
        pg[o] = alloc_pages(o);
        CHECK(pg[o] != NULL);
        CHECK_EQ(page_to_mfn(pg[o]) & ((1UL << o) - 1), 0);
        CHECK(page_to_mfn(pg[o]) >= LOW_RESERVED_MFNS);
        memset(page_to_virt(pg[o]), o, (size_t)PAGE_SIZE << o);
    }
    CHECK_EQ(total_free_pages(), HEAP - 511);
    for (unsigned int o = 0; o < 9; o++) {
        const unsigned char *p = page_to_virt(pg[o]);
        for (size_t i = 0; i < ((size_t)PAGE_SIZE << o); i += 509)
            CHECK_EQ(p[i], o);              /* blocks did not overlap */
    }
    for (unsigned int o = 9; o-- > 0; )
        free_pages(pg[o], o);
    check_initial_state();
}

TEST(exhaust_then_coalesce)
{
    static struct page_info *pg[HEAP + 1];
    unsigned long n = 0;

    fresh_heap();
    while ((pg[n] = alloc_pages(0)) != NULL)
        CHECK(++n <= HEAP);
    CHECK_EQ(n, HEAP);
    CHECK_EQ(total_free_pages(), 0);
    CHECK(alloc_pages(0) == NULL);          /* still NULL, nothing corrupted */
    srand(7);
    for (unsigned long i = n; i > 1; i--) { /* free in random order */
        unsigned long j = (unsigned long)rand() % i;
        struct page_info *t = pg[i - 1];
        pg[i - 1] = pg[j];
        pg[j] = t;
    }
    for (unsigned long i = 0; i < n; i++)
        free_pages(pg[i], 0);
    check_initial_state();
}

TEST(double_free)
{
    struct page_info *pg;

    fresh_heap();
    pg = alloc_pages(3);
    free_pages(pg, 3);
    EXPECT_BUG_MSG(free_pages(pg, 3), "double free");
    EXPECT_BUG_MSG(free_pages(pg + 1, 0), "double free");
    check_initial_state();                  /* the bad frees changed nothing */
    CHECK(alloc_pages(8) != NULL);          /* and the heap still works */
}

TEST(bad_free_not_head_or_wrong_order)
{
    struct page_info *pg;

    fresh_heap();
    pg = alloc_pages(2);
    EXPECT_BUG_MSG(free_pages(pg + 1, 0), "not the head");
    EXPECT_BUG_MSG(free_pages(pg + 2, 1), "not the head");
    EXPECT_BUG_MSG(free_pages(pg, 1), "wrong order");
    EXPECT_BUG_MSG(free_pages(pg, 3), "wrong order");
    free_pages(pg, 2);
    check_initial_state();
}

TEST(bad_free_out_of_range)
{
    fresh_heap();
    EXPECT_BUG_MSG(free_pages(frame_table + FRAMES, 0), "out of range");
    EXPECT_BUG_MSG(free_pages(frame_table - 1, 0), "out of range");
    EXPECT_BUG_MSG(free_pages((struct page_info *)((char *)&frame_table[300] + 1), 0),
                   "out of range");
    EXPECT_BUG_MSG(free_pages(&frame_table[FRAMES - 1], 1), "order out of range");
    EXPECT_BUG_MSG(free_pages(&frame_table[300], MAX_ORDER + 1), "order out of range");
    EXPECT_BUG_MSG(free_pages(&frame_table[10], 0), "not owned");   /* low memory */
    check_initial_state();
}

TEST(give_frames_twice)
{
    fresh_heap();
    EXPECT_BUG(init_heap_pages(300, 1));
    EXPECT_BUG(init_heap_pages(FRAMES - 1, 2));
    check_initial_state();
}

TEST(xenheap_pages)
{
    unsigned char *va;
    int local;

    fresh_heap();
    va = alloc_xenheap_pages(1, 0);
    memset(va, 0xaa, 2 * PAGE_SIZE);
    free_xenheap_pages(va, 1);
    va = alloc_xenheap_pages(1, MEMF_zero);
    for (size_t i = 0; i < 2 * PAGE_SIZE; i++)
        CHECK_EQ(va[i], 0);
    EXPECT_BUG_MSG(free_xenheap_pages(va + 16, 1), "not a heap page");
    EXPECT_BUG_MSG(free_xenheap_pages(&local, 0), "not a heap page");
    free_xenheap_pages(NULL, 0);
    free_xenheap_pages(va, 1);
    check_initial_state();
}

static bool mfn_in(unsigned long mfn, paddr_t s, paddr_t e)
{
    return ((paddr_t)mfn << PAGE_SHIFT) < e && ((paddr_t)(mfn + 1) << PAGE_SHIFT) > s;
}

TEST(reserved_ranges_never_allocated)
{
    const struct phys_range resv[] = {
        { 0x150800, 0x152001 },     /* unaligned: frames 0x150-0x152 */
        { 0x200000, 0x210000 },
        { 0x3ff000, 0x400000 },     /* the last frame */
        { 0x300000, 0x300000 },     /* empty: ignored */
    };
    struct page_info *pg;
    unsigned long n = 0;

    arena_setup(FRAMES);
    init_heap_range(0x300, (paddr_t)FRAMES << PAGE_SHIFT, resv, ARRAY_SIZE(resv));
    CHECK_EQ(total_heap_pages(), HEAP - 3 - 16 - 1);
    while ((pg = alloc_pages(0)) != NULL) {
        unsigned long mfn = page_to_mfn(pg);
        CHECK(mfn >= LOW_RESERVED_MFNS);
        for (unsigned int i = 0; i < ARRAY_SIZE(resv); i++)
            CHECK(!mfn_in(mfn, resv[i].start, resv[i].end));
        n++;
    }
    CHECK_EQ(n, HEAP - 20);
}

TEST(random_alloc_free)
{
    struct { struct page_info *pg; unsigned int order; } live[64] = { 0 };

    fresh_heap();
    srand(42);
    for (unsigned int step = 0; step < 20000; step++) {
        unsigned int k = (unsigned int)rand() % 64;
        if (live[k].pg) {
            unsigned char *p = page_to_virt(live[k].pg);
            CHECK_EQ(p[0], k);
            CHECK_EQ(p[((size_t)PAGE_SIZE << live[k].order) - 1], k);
            free_pages(live[k].pg, live[k].order);
            live[k].pg = NULL;
        } else {
            live[k].order = (unsigned int)rand() % 5;
            live[k].pg = alloc_pages(live[k].order);
            if (live[k].pg)
                memset(page_to_virt(live[k].pg), k, (size_t)PAGE_SIZE << live[k].order);
        }
    }
    for (unsigned int k = 0; k < 64; k++)
        if (live[k].pg)
            free_pages(live[k].pg, live[k].order);
    check_initial_state();
}

/* Boot allocator over a map with a hole and a reserved region. */
static const struct mem_region test_map[] = {
    { 0x0, 0x9fc00, MEM_RAM },
    { 0x100000, 0x200000, MEM_RAM },        /* 1-3 MiB */
    { 0x300000, 0x800, MEM_RESERVED },
    { 0x300800, 0xff800, MEM_RAM },         /* 3 MiB + 2 KiB - 4 MiB */
};

TEST(bootmem_alloc_top_down)
{
    paddr_t a, b;

    bootmem_init(test_map, ARRAY_SIZE(test_map));
    a = bootmem_alloc(PAGE_SIZE, PAGE_SIZE, ~0UL);
    CHECK_EQ(a, 0x3ff000);
    b = bootmem_alloc(0x2000, 0x2000, ~0UL);
    CHECK_EQ(b, 0x3fc000);
    /* Limit below the top region: comes from 1-3 MiB. */
    CHECK_EQ(bootmem_alloc(0x1000, PAGE_SIZE, 0x300000), 0x2ff000);
    /* Partial first page of the top region is never used. */
    CHECK_EQ(bootmem_alloc(0xfb000, PAGE_SIZE, 0x400000), 0x301000);
    CHECK_EQ(bootmem_alloc(0x1000, PAGE_SIZE, 0x300000), 0x2fe000);
    /* Bad requests and impossible fits. */
    CHECK_EQ(bootmem_alloc(0, PAGE_SIZE, ~0UL), 0);
    CHECK_EQ(bootmem_alloc(PAGE_SIZE, 100, ~0UL), 0);
    CHECK_EQ(bootmem_alloc(0x400000, PAGE_SIZE, ~0UL), 0);
    CHECK_EQ(bootmem_alloc(PAGE_SIZE, PAGE_SIZE, 0x100000), 0);  /* low 1 MiB reserved */
}

TEST(bootmem_reserved_kept_from_heap)
{
    paddr_t a;
    struct page_info *pg;

    bootmem_init(test_map, ARRAY_SIZE(test_map));
    CHECK_EQ(bootmem_reserve(0x180000, 0x181000), 0);
    a = bootmem_alloc(0x10000, PAGE_SIZE, ~0UL);
    CHECK_EQ(a, 0x3f0000);
    arena_setup(FRAMES);
    bootmem_populate_heap();
    /* 1-3 MiB minus one frame, 3 MiB + 1 frame - 4 MiB minus 16 frames. */
    CHECK_EQ(total_heap_pages(), (0x200 - 1) + (0xff - 16));
    while ((pg = alloc_pages(0)) != NULL) {
        paddr_t pa = page_to_maddr(pg);
        CHECK(pa >= 0x100000 && pa != 0x180000 && pa != 0x300000);
        CHECK(pa < 0x3f0000);
    }
}

TEST(bootmem_reserve_overflow)
{
    int rc = 0;

    bootmem_init(test_map, ARRAY_SIZE(test_map));
    for (unsigned int i = 0; i < 2 * MAX_BOOT_RESERVED && !rc; i++)
        rc = bootmem_reserve(0x200000 + i * 0x2000, 0x200000 + i * 0x2000 + 0x1000);
    CHECK(rc < 0);
}

TEST_MAIN()
