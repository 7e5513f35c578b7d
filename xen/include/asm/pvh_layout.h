/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest-physical layout of a PVH domain (arch/x86/pvh_layout.c, host-tested).
 *
 *   [0, 0xA0000)             RAM
 *   [0xA0000, 0x100000)      special: hypervisor-provided pages (p2m_special),
 *       [0xA0000, 0xE0000)   reserved, zero; in an unprivileged domain the
 *                            top two pages are its xenstore ring (0xDE000)
 *                            and PV console ring (0xDF000), announced by
 *                            HVM_PARAM_STORE_PFN / HVM_PARAM_CONSOLE_PFN
 *       [0xE0000, 0xF0000)   ACPI tables (memory map type ACPI; the RSDP
 *                            is in the range a legacy RSDP scan looks at)
 *       [0xF0000, 0x100000)  hvm_start_info, module list, memory map and
 *                            command lines (reserved)
 *   [1 MiB, min(mem, 3.5 GiB))   RAM
 *   [4 GiB, 4 GiB + the rest)    RAM, when mem goes past 3.5 GiB
 *
 * Guest RAM plus the special region is exactly mem_bytes (rounded down to
 * pages), so a domain owns mem_bytes / 4 KiB pages.  The start-of-day data
 * sits below 1 MiB on purpose: Linux reads the memory map and module list
 * through its early 1 GiB identity map, and reserves the legacy hole itself.
 */
#ifndef ASM_PVH_LAYOUT_H
#define ASM_PVH_LAYOUT_H

#include <xen/types.h>
#include <public/hvm/start_info.h>

#define PVH_LOW_RAM_END         0xa0000ull
#define PVH_SPECIAL_START       0xa0000ull
#define PVH_ACPI_START          0xe0000ull
#define PVH_INFO_START          0xf0000ull
#define PVH_SPECIAL_END         0x100000ull
#define PVH_HIGH_RAM_START      0x100000ull
#define PVH_MMIO_HOLE_START     0xe0000000ull   /* 32-bit MMIO hole: no RAM */
#define PVH_4G                  0x100000000ull
#define PVH_SPECIAL_PAGES       ((PVH_SPECIAL_END - PVH_SPECIAL_START) >> 12)
/* Below the ACPI tables, clear of VGA memory [0xA0000, 0xC0000) a guest may probe. */
#define PVH_XENSTORE_GFN        0xdeull
#define PVH_CONSOLE_GFN         0xdfull
_Static_assert((PVH_XENSTORE_GFN << 12) >= 0xc0000 && (PVH_CONSOLE_GFN << 12) < PVH_ACPI_START,
               "xenstore/console pages in the reserved zero area");

#define PVH_MIN_MEM             (2ull << 20)
#define PVH_MAX_MEM             (1ull << 40)
#define PVH_MAX_CMDLINE         4096            /* bytes, NUL included */
#define PVH_MAX_RAM_RANGES      3
#define PVH_MAX_MEMMAP          8

struct pvh_layout {
    uint64_t mem_bytes;                 /* page-aligned */
    unsigned int nr_ram;
    struct { uint64_t start, end; } ram[PVH_MAX_RAM_RANGES];
};

/* RAM ranges for @mem_bytes; 0 or -EINVAL (*why says: too small/large). */
int pvh_layout_init(struct pvh_layout *l, uint64_t mem_bytes, const char **why);

/*
 * Is [start, end) (end > start, no wrap) inside one RAM range?  0, or
 * -EINVAL and *why ("outside guest RAM", "overlaps the legacy hole" ...).
 */
int pvh_layout_check(const struct pvh_layout *l, uint64_t start, uint64_t end,
                     const char **why);

/* Place @size bytes page-aligned in RAM at or above @after, below 4 GiB. */
int pvh_layout_place(const struct pvh_layout *l, uint64_t after, uint64_t size,
                     uint64_t *gpa);

/* The guest's memory map (sorted, no overlaps); returns the entry count. */
unsigned int pvh_layout_memmap(const struct pvh_layout *l,
                               struct hvm_memmap_table_entry *e, unsigned int max);

/* What goes into hvm_start_info. */
struct pvh_info_input {
    uint32_t flags;                     /* XEN_HVM_SIF_* */
    const char *cmdline;                /* kernel command line, NULL or "" for none */
    bool has_module;
    uint64_t mod_paddr, mod_size;
    const char *mod_cmdline;            /* NULL or "" for none */
    uint64_t rsdp;
};

/*
 * Write hvm_start_info (version 1), the module list, the memory map and the
 * command lines into @buf, which the guest sees at [PVH_INFO_START,
 * PVH_SPECIAL_END).  0 and *start_info (its guest-physical address), or
 * -E2BIG / -ENOSPC with *why.
 */
int pvh_info_build(const struct pvh_layout *l, const struct pvh_info_input *in,
                   void *buf, size_t size, uint64_t *start_info, const char **why);

#endif
