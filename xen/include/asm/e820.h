/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The firmware memory map (e820 numbering, as handed over in boot_info):
 * sanitizing and printing.  Pure functions, host-testable.
 */
#ifndef ASM_E820_H
#define ASM_E820_H

#include <xen/bootinfo.h>

#define E820_MAX        (2 * MAX_MEM_REGIONS)
#define E820_ADDR_LIMIT (1UL << 52)     /* architectural physical address limit */

/*
 * Turn @nr loader regions into a sorted map without overlaps: where regions
 * overlap, the larger type number wins (reserved beats RAM), adjacent
 * regions of one type merge, empty or out-of-range parts are dropped and
 * unknown types become reserved.  Returns the number of regions in @out.
 */
unsigned int e820_sanitize(struct mem_region *out, unsigned int max_out,
                           const struct mem_region *in, unsigned int nr);

/* " 0000000000000000 - 000000000009fc00 (usable)" per region. */
void e820_print(const struct mem_region *map, unsigned int nr);

/* Total bytes of RAM, and the end of the highest RAM region. */
uint64_t e820_ram_bytes(const struct mem_region *map, unsigned int nr);
paddr_t e820_ram_end(const struct mem_region *map, unsigned int nr);

#endif
