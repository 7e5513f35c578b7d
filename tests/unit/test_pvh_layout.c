/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * PVH guest-physical layout (xen/arch/x86/pvh_layout.c): RAM ranges for
 * small and large domains (the 32-bit MMIO hole), range checks, module
 * placement, the memory map and hvm_start_info.
 */
#include "harness.h"
#include <asm/pvh_layout.h>
#include <xen/errno.h>

#define MiB (1ull << 20)
#define GiB (1ull << 30)

static uint64_t ram_total(const struct pvh_layout *l)
{
    uint64_t t = 0;
    for (unsigned int i = 0; i < l->nr_ram; i++)
        t += l->ram[i].end - l->ram[i].start;
    return t;
}

TEST(small_domain)
{
    struct pvh_layout l;
    const char *why;

    CHECK_EQ(pvh_layout_init(&l, 16 * MiB + 123, &why), 0);
    CHECK_EQ(l.mem_bytes, 16 * MiB);
    CHECK_EQ(l.nr_ram, 2);
    CHECK_EQ(l.ram[0].start, 0);
    CHECK_EQ(l.ram[0].end, 0xa0000);
    CHECK_EQ(l.ram[1].start, 0x100000);
    CHECK_EQ(l.ram[1].end, 16 * MiB);
    /* RAM + the special region = the configured size. */
    CHECK_EQ(ram_total(&l) + PVH_SPECIAL_PAGES * 4096, 16 * MiB);
}

TEST(large_domain_skips_mmio_hole)
{
    struct pvh_layout l;
    const char *why;

    CHECK_EQ(pvh_layout_init(&l, 4 * GiB, &why), 0);
    CHECK_EQ(l.nr_ram, 3);
    CHECK_EQ(l.ram[1].end, PVH_MMIO_HOLE_START);
    CHECK_EQ(l.ram[2].start, 4 * GiB);
    CHECK_EQ(l.ram[2].end, 4 * GiB + (4 * GiB - PVH_MMIO_HOLE_START));
    CHECK_EQ(ram_total(&l) + PVH_SPECIAL_PAGES * 4096, 4 * GiB);
    CHECK_EQ(pvh_layout_init(&l, PVH_MMIO_HOLE_START, &why), 0);
    CHECK_EQ(l.nr_ram, 2);
}

TEST(bad_sizes)
{
    struct pvh_layout l;
    const char *why = NULL;

    CHECK_EQ(pvh_layout_init(&l, 0, &why), -EINVAL);
    CHECK(strstr(why, "too small"));
    CHECK_EQ(pvh_layout_init(&l, 2 * MiB - 1, &why), -EINVAL);
    CHECK_EQ(pvh_layout_init(&l, 2 * MiB, &why), 0);
    CHECK_EQ(pvh_layout_init(&l, ~0ull, &why), -EINVAL);
    CHECK(strstr(why, "too large"));
}

TEST(range_checks)
{
    struct pvh_layout l;
    const char *why;

    pvh_layout_init(&l, 16 * MiB, &why);
    CHECK_EQ(pvh_layout_check(&l, 0x100000, 0x200000, &why), 0);
    CHECK_EQ(pvh_layout_check(&l, 0x1000, 0x2000, &why), 0);
    CHECK_EQ(pvh_layout_check(&l, 15 * MiB, 16 * MiB, &why), 0);
    CHECK_EQ(pvh_layout_check(&l, 15 * MiB, 16 * MiB + 1, &why), -EINVAL);
    CHECK_STR(why, "is outside guest RAM");
    CHECK_EQ(pvh_layout_check(&l, 0x9f000, 0xa1000, &why), -EINVAL);
    CHECK(strstr(why, "legacy hole"));
    CHECK_EQ(pvh_layout_check(&l, 0xf0000, 0x100001, &why), -EINVAL);
    CHECK(strstr(why, "legacy hole"));
    CHECK_EQ(pvh_layout_check(&l, 0xfff00000ull, 0x100001000ull, &why), -EINVAL);
    /* A range spanning two RAM ranges is refused too. */
    pvh_layout_init(&l, 4 * GiB, &why);
    CHECK_EQ(pvh_layout_check(&l, PVH_MMIO_HOLE_START - 4096, 4 * GiB + 4096, &why), -EINVAL);
    CHECK_EQ(pvh_layout_check(&l, 4 * GiB, 4 * GiB + 4096, &why), 0);
}

TEST(place_module)
{
    struct pvh_layout l;
    const char *why;
    uint64_t gpa;

    pvh_layout_init(&l, 16 * MiB, &why);
    CHECK_EQ(pvh_layout_place(&l, 0x123456, 0x1000, &gpa), 0);
    CHECK_EQ(gpa, 0x124000);
    CHECK_EQ(pvh_layout_place(&l, 0x50000, 0x1000, &gpa), 0);
    CHECK_EQ(gpa, 0x100000);                        /* never below 1 MiB */
    CHECK_EQ(pvh_layout_place(&l, 8 * MiB, 8 * MiB, &gpa), 0);
    CHECK_EQ(pvh_layout_place(&l, 8 * MiB, 8 * MiB + 1, &gpa), -ENOSPC);
    CHECK_EQ(pvh_layout_place(&l, ~0ull, 1, &gpa), -ENOSPC);
    CHECK_EQ(pvh_layout_place(&l, 0, ~0ull, &gpa), -ENOSPC);
    /* Below 4 GiB only (Linux's ramdisk address is 32-bit). */
    pvh_layout_init(&l, 8 * GiB, &why);
    CHECK_EQ(pvh_layout_place(&l, PVH_MMIO_HOLE_START - 4096, 8192, &gpa), -ENOSPC);
}

TEST(memmap)
{
    struct pvh_layout l;
    struct hvm_memmap_table_entry e[PVH_MAX_MEMMAP];
    const char *why;
    unsigned int n;

    pvh_layout_init(&l, 5 * GiB, &why);
    n = pvh_layout_memmap(&l, e, PVH_MAX_MEMMAP);
    CHECK_EQ(n, 6);
    CHECK_EQ(e[0].addr, 0);
    CHECK_EQ(e[0].type, XEN_HVM_MEMMAP_TYPE_RAM);
    CHECK_EQ(e[1].addr, 0xa0000);
    CHECK_EQ(e[1].type, XEN_HVM_MEMMAP_TYPE_RESERVED);
    CHECK_EQ(e[2].addr, PVH_ACPI_START);
    CHECK_EQ(e[2].type, XEN_HVM_MEMMAP_TYPE_ACPI);
    CHECK_EQ(e[3].type, XEN_HVM_MEMMAP_TYPE_RESERVED);
    CHECK_EQ(e[4].addr, 0x100000);
    CHECK_EQ(e[5].addr, 4 * GiB);
    for (unsigned int i = 1; i < n; i++)
        CHECK(e[i].addr >= e[i - 1].addr + e[i - 1].size);  /* sorted, disjoint */
    CHECK_EQ(pvh_layout_memmap(&l, e, 2), 2);
}

static uint8_t info[PVH_SPECIAL_END - PVH_INFO_START] __attribute__((aligned(4096)));

static const void *at(uint64_t gpa)
{
    CHECK(gpa >= PVH_INFO_START && gpa < PVH_SPECIAL_END);
    return info + (gpa - PVH_INFO_START);
}

TEST(start_info)
{
    struct pvh_layout l;
    const char *why;
    uint64_t si_gpa;
    struct pvh_info_input in = {
        .flags = 3, .cmdline = "console=hvc0", .has_module = true,
        .mod_paddr = 0x400000, .mod_size = 12345, .mod_cmdline = "initrd args",
        .rsdp = PVH_ACPI_START,
    };
    const struct hvm_start_info *si;
    const struct hvm_modlist_entry *mod;
    const struct hvm_memmap_table_entry *map;

    pvh_layout_init(&l, 32 * MiB, &why);
    CHECK_EQ(pvh_info_build(&l, &in, info, sizeof(info), &si_gpa, &why), 0);
    si = at(si_gpa);
    CHECK_EQ(si->magic, 0x336ec578);
    CHECK_EQ(si->version, 1);
    CHECK_EQ(si->flags, 3);
    CHECK_EQ(si->rsdp_paddr, PVH_ACPI_START);
    CHECK_EQ(si->reserved, 0);
    CHECK_STR((const char *)at(si->cmdline_paddr), "console=hvc0");
    CHECK_EQ(si->nr_modules, 1);
    mod = at(si->modlist_paddr);
    CHECK_EQ(mod->paddr, 0x400000);
    CHECK_EQ(mod->size, 12345);
    CHECK_STR((const char *)at(mod->cmdline_paddr), "initrd args");
    CHECK_EQ(si->memmap_entries, 5);
    map = at(si->memmap_paddr);
    CHECK_EQ(map[4].addr + map[4].size, 32 * MiB);
    CHECK_EQ(si->memmap_paddr % 8, 0);
    CHECK_EQ(si->modlist_paddr % 8, 0);
}

TEST(start_info_minimal_and_errors)
{
    struct pvh_layout l;
    const char *why;
    uint64_t si_gpa;
    static char longline[PVH_MAX_CMDLINE + 10];
    struct pvh_info_input in = { .cmdline = "" };
    const struct hvm_start_info *si;

    pvh_layout_init(&l, 32 * MiB, &why);
    CHECK_EQ(pvh_info_build(&l, &in, info, sizeof(info), &si_gpa, &why), 0);
    si = at(si_gpa);
    CHECK_EQ(si->cmdline_paddr, 0);
    CHECK_EQ(si->nr_modules, 0);
    CHECK_EQ(si->modlist_paddr, 0);
    CHECK_EQ(si->flags, 0);
    memset(longline, 'x', sizeof(longline) - 1);
    in.cmdline = longline;
    CHECK_EQ(pvh_info_build(&l, &in, info, sizeof(info), &si_gpa, &why), -E2BIG);
    CHECK(strstr(why, "command line too long"));
    longline[PVH_MAX_CMDLINE - 1] = '\0';              /* 4095 chars: fits */
    CHECK_EQ(pvh_info_build(&l, &in, info, sizeof(info), &si_gpa, &why), 0);
    si = at(si_gpa);
    CHECK_EQ(strlen(at(si->cmdline_paddr)), PVH_MAX_CMDLINE - 1);
    in.cmdline = "x";
    CHECK_EQ(pvh_info_build(&l, &in, info, 100, &si_gpa, &why), -ENOSPC);
}

TEST_MAIN()
