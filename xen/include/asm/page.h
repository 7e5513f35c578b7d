/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * x86-64 4-level page tables: entry bits, index helpers and the mapping
 * interface of arch/x86/mm.c over the hypervisor's own page tables
 * (idle_pg_table, shared by all CPUs).
 */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <xen/types.h>
#include <asm/config.h>

#define _PAGE_PRESENT   (1UL << 0)
#define _PAGE_RW        (1UL << 1)
#define _PAGE_USER      (1UL << 2)
#define _PAGE_PWT       (1UL << 3)
#define _PAGE_PCD       (1UL << 4)
#define _PAGE_ACCESSED  (1UL << 5)
#define _PAGE_DIRTY     (1UL << 6)
#define _PAGE_PSE       (1UL << 7)      /* 2 MiB / 1 GiB page (L2 / L3) */
#define _PAGE_GLOBAL    (1UL << 8)
#define _PAGE_NX        (1UL << 63)     /* dropped by the mapping code without EFER.NXE */

#define PADDR_MASK      0x000ffffffffff000UL
#define PAGETABLE_ENTRIES 512
#define L1_SHIFT        12
#define L2_SHIFT        21
#define L3_SHIFT        30
#define L4_SHIFT        39
#define pt_index(va, shift) (((unsigned long)(va) >> (shift)) & (PAGETABLE_ENTRIES - 1))

#define PAGE_HYPERVISOR     (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_HYPERVISOR_RO  (_PAGE_PRESENT | _PAGE_ACCESSED)
#define PAGE_HYPERVISOR_NX  (PAGE_HYPERVISOR | _PAGE_NX)
#define PAGE_HYPERVISOR_UC  (PAGE_HYPERVISOR_NX | _PAGE_PCD | _PAGE_PWT)

typedef uint64_t pte_t;

extern pte_t idle_pg_table[PAGETABLE_ENTRIES];

/*
 * Map @nr 4 KiB frames from @pa at @va (both page aligned) in the
 * hypervisor's page tables with @flags (_PAGE_*), allocating intermediate
 * tables as needed.  Returns 0, -EINVAL (unaligned or non-canonical),
 * -ENOMEM, or -EBUSY when a large page already covers part of the range.
 * A present 4 KiB mapping is replaced (flushed on this CPU only).
 */
int map_pages(unsigned long va, paddr_t pa, unsigned long nr, uint64_t flags);

/*
 * Uncached (PCD|PWT) mapping of [@pa, @pa + @size) in the ioremap area;
 * returns the address of @pa itself, or NULL (size 0, overflow, area full).
 */
void *ioremap(paddr_t pa, size_t size);

/* Set up frame table, heap and xmalloc from the boot memory map. */
void memory_init(void);

/* Internal to memory bring-up (mm.c <-> pagetable.c). */
struct mem_region;
extern bool heap_ready;             /* page tables come from the heap, not bootmem */
void pagetable_init(void);
/* Map RAM of @map above 4 GiB (up to @ram_end) in the directmap, 2 MiB pages. */
/* Give the directmap its own L3 (it shares head.S's with the identity map). */
void directmap_unshare(void);
void directmap_extend(const struct mem_region *map, unsigned int nr, paddr_t ram_end);

#endif
