/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Boot-time memory: reserved ranges and the early top-down allocator (see
 * xen/bootmem.h).  Runs on the boot CPU only, before the heap exists, so it
 * takes no locks.
 */
#include <xen/bootmem.h>
#include <xen/errno.h>
#include <xen/lib.h>

static const struct mem_region *map;
static unsigned int nr_map;
static struct phys_range resv[MAX_BOOT_RESERVED];
static unsigned int nr_resv;

void bootmem_init(const struct mem_region *m, unsigned int nr)
{
    map = m;
    nr_map = nr;
    nr_resv = 0;
    bootmem_reserve(0, (paddr_t)LOW_RESERVED_MFNS << PAGE_SHIFT);
}

int bootmem_reserve(paddr_t start, paddr_t end)
{
    if (end <= start)
        return 0;
    for (unsigned int i = 0; i < nr_resv; i++) {
        if (resv[i].start == end) {         /* grow downwards (top-down allocations) */
            resv[i].start = start;
            return 0;
        }
        if (resv[i].end == start) {
            resv[i].end = end;
            return 0;
        }
    }
    if (nr_resv == MAX_BOOT_RESERVED)
        return -ENOSPC;
    resv[nr_resv++] = (struct phys_range){ start, end };
    return 0;
}

static const struct phys_range *first_overlap(paddr_t start, paddr_t end)
{
    for (unsigned int i = 0; i < nr_resv; i++)
        if (resv[i].start < end && resv[i].end > start)
            return &resv[i];
    return NULL;
}

/* Highest @align-aligned fit of @size in [lo, hi) avoiding reserved ranges, or 0. */
static paddr_t fit_in(paddr_t lo, paddr_t hi, uint64_t size, uint64_t align)
{
    paddr_t cand;

    if (hi <= lo || hi - lo < size)
        return 0;
    cand = ROUNDDOWN(hi - size, align);
    while (cand >= lo) {
        const struct phys_range *r = first_overlap(cand, cand + size);
        if (!r)
            return cand;
        if (r->start < lo + size)
            break;
        cand = ROUNDDOWN(r->start - size, align);
    }
    return 0;
}

paddr_t bootmem_alloc(uint64_t size, uint64_t align, paddr_t limit)
{
    if (!size || size > (1UL << 52) || align < PAGE_SIZE || (align & (align - 1)))
        return 0;
    size = ROUNDUP(size, (uint64_t)PAGE_SIZE);
    for (unsigned int i = nr_map; i-- > 0; ) {
        paddr_t lo = ROUNDUP(map[i].start, (paddr_t)PAGE_SIZE);
        paddr_t hi = ROUNDDOWN(map[i].start + map[i].size, (paddr_t)PAGE_SIZE);
        paddr_t pa;

        if (map[i].type != MEM_RAM)
            continue;
        pa = fit_in(lo, min(hi, limit), size, align);
        if (pa && bootmem_reserve(pa, pa + size) == 0)
            return pa;
    }
    return 0;
}

const struct phys_range *bootmem_reserved(unsigned int *nr)
{
    *nr = nr_resv;
    return resv;
}

void bootmem_populate_heap(void)
{
    paddr_t top = (paddr_t)max_page << PAGE_SHIFT;

    for (unsigned int i = 0; i < nr_map; i++) {
        paddr_t end = min(map[i].start + map[i].size, top);
        if (map[i].type == MEM_RAM && map[i].start < end)
            init_heap_range(map[i].start, end, resv, nr_resv);
    }
}
