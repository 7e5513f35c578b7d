/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The xmalloc heap (xen/common/xmalloc.c) over the page allocator. */
#include "harness.h"
#include "mm_arena.h"
#include <xen/lib.h>
#include <xen/xmalloc.h>

#define FRAMES 4096     /* 16 MiB arena, 15 MiB of heap */

/* One heap for all tests: xmalloc keeps its slab lists across them. */
static void heap(void)
{
    static bool done;

    if (!done) {
        arena_setup(FRAMES);
        init_heap_pages(0, FRAMES);
        done = true;
    }
}

#define EXPECT_BUG_MSG(stmt, text)                                    \
    do {                                                              \
        EXPECT_BUG(stmt);                                             \
        CHECK(strstr(unit_bug_what, text) != NULL);                   \
    } while (0)

TEST(zero_and_huge_sizes)
{
    heap();
    CHECK(xmalloc(0) == NULL);              /* documented: nothing to allocate */
    CHECK(xzalloc(0) == NULL);
    CHECK(xmalloc(SIZE_MAX) == NULL);
    CHECK(xmalloc(((size_t)PAGE_SIZE << MAX_ORDER) + 1) == NULL);
    CHECK(xmalloc(FRAMES * (size_t)PAGE_SIZE) == NULL);     /* exhaustion */
    xfree(NULL);
}

TEST(array_overflow)
{
    uint64_t *a;

    heap();
    CHECK(xmalloc_array(uint64_t, SIZE_MAX / 4) == NULL);
    CHECK(xmalloc_array(uint64_t, (SIZE_MAX / 8) + 1) == NULL);
    CHECK(xzalloc_array(uint32_t, SIZE_MAX) == NULL);
    CHECK(xmalloc_array(uint64_t, 0) == NULL);
    a = xzalloc_array(uint64_t, 100);
    CHECK(a != NULL);
    for (int i = 0; i < 100; i++)
        CHECK_EQ(a[i], 0);
    xfree(a);
}

TEST(alignment)
{
    for (size_t sz = 1; sz <= 5000; sz += 7) {
        void *p;
        heap();
        p = xmalloc(sz);
        CHECK(p != NULL);
        CHECK_EQ((uintptr_t)p % XMALLOC_ALIGN, 0);
        if (sz > XMALLOC_MAX_SMALL)
            CHECK_EQ((uintptr_t)p % PAGE_SIZE, 0);
        memset(p, 0x5a, sz);
        xfree(p);
    }
}

TEST(xzalloc_zeroes)
{
    size_t sizes[] = { 24, 200, 1000, 3000, 20000 };

    heap();
    for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
        unsigned char *p = xmalloc(sizes[i]);
        memset(p, 0xff, sizes[i]);
        xfree(p);
        p = xzalloc(sizes[i]);
        for (size_t j = 0; j < sizes[i]; j++)
            CHECK_EQ(p[j], 0);
        xfree(p);
    }
}

#define LIVE 1500

TEST(random_sequences_with_content)
{
    static struct { unsigned char *p; size_t size; unsigned char tag; } live[LIVE];
    unsigned long start_free;

    heap();
    start_free = total_free_pages();
    srand(1234);
    for (unsigned int step = 0; step < 100000; step++) {
        unsigned int k = (unsigned int)rand() % LIVE;
        if (live[k].p) {
            for (size_t j = 0; j < live[k].size; j += 1 + live[k].size / 16)
                CHECK_EQ(live[k].p[j], live[k].tag);
            CHECK_EQ(live[k].p[live[k].size - 1], live[k].tag);
            xfree(live[k].p);
            live[k].p = NULL;
        } else {
            size_t sz = (rand() % 8) ? 1 + (size_t)rand() % 1100 : 1 + (size_t)rand() % 20000;
            live[k].p = xmalloc(sz);
            CHECK(live[k].p != NULL);
            live[k].size = sz;
            live[k].tag = (unsigned char)(step | 1);
            memset(live[k].p, live[k].tag, sz);
        }
    }
    for (unsigned int k = 0; k < LIVE; k++) {
        xfree(live[k].p);
        live[k].p = NULL;
    }
    /* Everything back, except at most one cached empty slab per size class. */
    CHECK(total_free_pages() + 8 >= start_free);
}

TEST(exhaustion_returns_null)
{
    static void *p[FRAMES * 4];
    unsigned int n = 0;

    heap();
    while ((p[n] = xmalloc(1000)) != NULL)
        CHECK(++n < ARRAY_SIZE(p));
    CHECK(n > FRAMES * 2);                  /* three per page, nearly all pages */
    CHECK(xmalloc(5000) == NULL);
    CHECK_EQ(total_free_pages(), 0);
    while (n)
        xfree(p[--n]);
    p[0] = xmalloc(1 << 20);                /* usable again */
    CHECK(p[0] != NULL);
    xfree(p[0]);
}

TEST(double_free_detected)
{
    void *small, *large;

    heap();
    small = xmalloc(40);
    xmalloc(40);                            /* keep the slab alive */
    xfree(small);
    EXPECT_BUG_MSG(xfree(small), "double free");
    large = xmalloc(10000);
    xfree(large);
    EXPECT_BUG(xfree(large));
    CHECK(xmalloc(40) != NULL);             /* heap and lock still fine */
}

TEST(foreign_pointers_detected)
{
    char *obj, *host = malloc(64);
    int local;
    struct page_info *pg;

    heap();
    obj = xmalloc(64);
    EXPECT_BUG_MSG(xfree(host), "not from xmalloc");
    EXPECT_BUG_MSG(xfree(&local), "not from xmalloc");
    EXPECT_BUG_MSG(xfree(obj + 16), "not the start of an object");
    EXPECT_BUG_MSG(xfree(obj + 1), "not from xmalloc");
    pg = alloc_pages(0);                    /* a page, but not xmalloc's */
    EXPECT_BUG_MSG(xfree(page_to_virt(pg)), "not from xmalloc");
    free_pages(pg, 0);
    obj = xmalloc(3 * PAGE_SIZE);
    EXPECT_BUG_MSG(xfree(obj + PAGE_SIZE), "not from xmalloc");
    xfree(obj);
    free(host);
}

TEST(trim_returns_every_empty_slab)
{
    static void *p[600];
    unsigned long before;

    heap();
    xmalloc_trim();
    before = total_free_pages();
    /* Several slabs per class, freed in an order that leaves empty ones cached. */
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i++)
        CHECK((p[i] = xmalloc(16 << (i % 7))) != NULL);
    for (unsigned int i = 0; i < ARRAY_SIZE(p); i++)
        xfree(p[i]);
    xmalloc_trim();
    CHECK_EQ(total_free_pages(), before);
    xmalloc_trim();                         /* nothing left to trim: harmless */
    CHECK_EQ(total_free_pages(), before);
    CHECK((p[0] = xmalloc(40)) != NULL);    /* slabs come back on demand */
    xfree(p[0]);
}

TEST_MAIN()
