/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Memory-map sanitizing and printing (xen/arch/x86/e820.c). */
#include "harness.h"
#include <asm/e820.h>
#include <xen/lib.h>

static struct mem_region out[E820_MAX];

#define CHECK_REGION(r, s, e, t)                                      \
    do {                                                              \
        CHECK_EQ((r).start, (s));                                     \
        CHECK_EQ((r).start + (r).size, (e));                          \
        CHECK_EQ((r).type, (t));                                      \
    } while (0)

TEST(qemu_map_unchanged_and_printed)
{
    const struct mem_region in[] = {
        { 0, 0x9fc00, MEM_RAM }, { 0x9fc00, 0x400, MEM_RESERVED },
        { 0xf0000, 0x10000, MEM_RESERVED }, { 0x100000, 0x3fee0000, MEM_RAM },
        { 0x3ffe0000, 0x20000, MEM_RESERVED },
    };
    unsigned int n = e820_sanitize(out, E820_MAX, in, ARRAY_SIZE(in));

    CHECK_EQ(n, 5);
    CHECK_REGION(out[0], 0, 0x9fc00, MEM_RAM);
    CHECK_REGION(out[3], 0x100000, 0x3ffe0000, MEM_RAM);
    CHECK_EQ(e820_ram_bytes(out, n) >> 10, 1048063);
    CHECK_EQ(e820_ram_end(out, n), 0x3ffe0000);
    unit_log_clear();
    e820_print(out, 2);
    CHECK(strcmp(unit_log, " 0000000000000000 - 000000000009fc00 (usable)\n"
                           " 000000000009fc00 - 00000000000a0000 (reserved)\n") == 0);
}

TEST(overlap_unsorted_merge)
{
    const struct mem_region in[] = {
        { 0x200000, 0x100000, MEM_RAM },
        { 0x100000, 0x180000, MEM_RAM },        /* overlaps the one above */
        { 0x280000, 0x10000, MEM_RESERVED },    /* punches a hole in RAM */
        { 0x400000, 0x1000, MEM_ACPI },
        { 0x400800, 0x1000, MEM_NVS },          /* NVS wins the overlap */
        { 0x500000, 0, MEM_RAM },               /* empty: dropped */
        { 0x600000, 0x1000, 77 },               /* unknown: reserved */
    };
    unsigned int n = e820_sanitize(out, E820_MAX, in, ARRAY_SIZE(in));

    CHECK_EQ(n, 6);
    CHECK_REGION(out[0], 0x100000, 0x280000, MEM_RAM);
    CHECK_REGION(out[1], 0x280000, 0x290000, MEM_RESERVED);
    CHECK_REGION(out[2], 0x290000, 0x300000, MEM_RAM);
    CHECK_REGION(out[3], 0x400000, 0x400800, MEM_ACPI);
    CHECK_REGION(out[4], 0x400800, 0x401800, MEM_NVS);
    CHECK_REGION(out[5], 0x600000, 0x601000, MEM_RESERVED);
    CHECK_EQ(e820_ram_bytes(out, n), 0x180000 + 0x70000);
}

TEST(bad_sizes_clamped)
{
    const struct mem_region in[] = {
        { 0x100000, ~0UL, MEM_RAM },            /* wraps: clamped to 2^52 */
        { E820_ADDR_LIMIT + 0x1000, 0x1000, MEM_RAM },   /* beyond: dropped */
    };
    unsigned int n = e820_sanitize(out, E820_MAX, in, ARRAY_SIZE(in));

    CHECK_EQ(n, 1);
    CHECK_REGION(out[0], 0x100000, E820_ADDR_LIMIT, MEM_RAM);
    CHECK_EQ(e820_sanitize(out, E820_MAX, in, 0), 0);
}

TEST(output_bounded)
{
    static struct mem_region in[MAX_MEM_REGIONS];
    unsigned int n;

    for (unsigned int i = 0; i < MAX_MEM_REGIONS; i++)
        in[i] = (struct mem_region){ i * 0x2000UL, 0x1000, i % 2 ? MEM_RAM : MEM_ACPI };
    n = e820_sanitize(out, 10, in, MAX_MEM_REGIONS);
    CHECK_EQ(n, 10);
    n = e820_sanitize(out, E820_MAX, in, MAX_MEM_REGIONS + 1000);   /* nr clamped */
    CHECK_EQ(n, MAX_MEM_REGIONS);
}

TEST_MAIN()
