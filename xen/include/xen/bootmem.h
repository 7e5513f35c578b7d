/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Boot-time memory bookkeeping (common/bootmem.c): the list of physical
 * ranges the heap must never hand out (low memory, the hypervisor image,
 * loader data, boot modules) and a simple top-down allocator for what is
 * needed before the heap exists (the frame table, page tables).  Each early
 * allocation is added to the reserved list, so the heap never sees it.
 * Arch independent and host-testable.
 */
#ifndef XEN_BOOTMEM_H
#define XEN_BOOTMEM_H

#include <xen/types.h>
#include <xen/bootinfo.h>
#include <xen/mm.h>

#define MAX_BOOT_RESERVED 64

/* Start over with a sanitized memory map (sorted, non-overlapping). */
void bootmem_init(const struct mem_region *map, unsigned int nr);

/* Never hand out [start, end).  0, or -ENOSPC when the list is full. */
int bootmem_reserve(paddr_t start, paddr_t end);

/*
 * @size bytes of RAM aligned to @align (a power of two, at least a page),
 * ending at or below @limit, not overlapping any reserved range; highest
 * address first.  Returns the physical address, or 0 if nothing fits (0 is
 * never a valid answer: low memory is reserved).
 */
paddr_t bootmem_alloc(uint64_t size, uint64_t align, paddr_t limit);

/* The current reserved list (for dumps and tests). */
const struct phys_range *bootmem_reserved(unsigned int *nr);

/* Give every RAM region of the map, minus the reserved ranges, to the heap. */
void bootmem_populate_heap(void);

#endif
