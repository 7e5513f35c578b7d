/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Symbol lookup (xen/common/symbols.c) over fake tables. */
#include "harness.h"
#include <xen/lib.h>
#include <xen/symbols.h>

static const unsigned long addrs[] = { 0x1000, 0x1040, 0x1040, 0x10a0, 0x2000 };
static const char *const names[] = { "first", "alias_a", "alias_b", "third", "last" };
static const struct symtab tab = { 5, addrs, names, 0x2100 };

static const char *look(unsigned long addr, unsigned long *off, unsigned long *size)
{
    return symtab_lookup(&tab, addr, off, size);
}

TEST(exact_and_inside)
{
    unsigned long off, size;

    CHECK_STR(look(0x1000, &off, &size), "first");
    CHECK_EQ(off, 0);
    CHECK_EQ(size, 0x40);
    CHECK_STR(look(0x1014, &off, &size), "first");
    CHECK_EQ(off, 0x14);
    CHECK_STR(look(0x10a0 + 0x5ff, &off, &size), "third");
    CHECK_EQ(off, 0x5ff);
    CHECK_EQ(size, 0xf60);
}

TEST(duplicates_take_last_and_size_to_next_distinct)
{
    unsigned long off, size;

    CHECK_STR(look(0x1050, &off, &size), "alias_b");
    CHECK_EQ(off, 0x10);
    CHECK_EQ(size, 0x60);
}

TEST(last_symbol_ends_at_table_end)
{
    unsigned long off, size;

    CHECK_STR(look(0x20ff, &off, &size), "last");
    CHECK_EQ(off, 0xff);
    CHECK_EQ(size, 0x100);
}

TEST(outside_the_table)
{
    struct symtab empty = { 0, addrs, names, 0x2100 };

    CHECK(look(0xfff, NULL, NULL) == NULL);
    CHECK(look(0x2100, NULL, NULL) == NULL);
    CHECK(look(~0ul, NULL, NULL) == NULL);
    CHECK(look(0, NULL, NULL) == NULL);
    CHECK(symtab_lookup(&empty, 0x1000, NULL, NULL) == NULL);
    CHECK(symtab_lookup(NULL, 0x1000, NULL, NULL) == NULL);
}

TEST(format)
{
    char buf[64];

    symtab_format(&tab, buf, sizeof(buf), 0x1014, false);
    CHECK_STR(buf, "first+0x14/0x40");
    symtab_format(&tab, buf, sizeof(buf), 0x1000, false);
    CHECK_STR(buf, "first+0x0/0x40");
    symtab_format(&tab, buf, sizeof(buf), 0x42, false);
    CHECK_STR(buf, "??");
    /* A return address just past a function belongs to that function. */
    symtab_format(&tab, buf, sizeof(buf), 0x1040, true);
    CHECK_STR(buf, "first+0x40/0x40");
    symtab_format(&tab, buf, sizeof(buf), 0x1040, false);
    CHECK_STR(buf, "alias_b+0x0/0x60");
    CHECK_EQ(symtab_format(&tab, buf, 6, 0x1014, false), 15);   /* truncated */
    CHECK_STR(buf, "first");
}

/* Many entries: binary search agrees with a linear scan everywhere. */
TEST(large_table_matches_linear_scan)
{
    enum { N = 1000 };
    static unsigned long a[N];
    static const char *n[N];
    static char storage[N][16];
    struct symtab big = { N, a, n, 0 };

    for (int i = 0; i < N; i++) {
        a[i] = 0x100000 + (unsigned long)i * 16 + (i % 3) * 4;
        snprintf(storage[i], sizeof(storage[i]), "s%d", i);
        n[i] = storage[i];
    }
    big.end = a[N - 1] + 8;
    for (unsigned long addr = a[0] - 4; addr < big.end + 4; addr += 3) {
        int want = -1;
        for (int i = 0; i < N && a[i] <= addr; i++)
            want = i;
        if (addr >= big.end)
            want = -1;
        const char *got = symtab_lookup(&big, addr, NULL, NULL);
        if (want < 0)
            CHECK(got == NULL);
        else
            CHECK(got == n[want]);
    }
}

TEST_MAIN()
