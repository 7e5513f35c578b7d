/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypervisor's own page tables (idle_pg_table from head.S, shared by
 * all CPUs): 4 KiB mappings with map_pages(), the ioremap area, and the
 * directmap beyond the 4 GiB that head.S maps.  Page-table pages come from
 * the boot allocator (below 4 GiB, always mapped) until the heap is up.
 */
#include <xen/bootinfo.h>
#include <xen/bootmem.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <asm/page.h>
#include <asm/processor.h>

#define TABLE_FLAGS  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define SZ_2M        (1UL << L2_SHIFT)
#define SZ_4G        (1UL << 32)
#define PADDR_LIMIT  (1UL << 52)

static DEFINE_SPINLOCK(map_lock);           /* all page-table updates */
static DEFINE_SPINLOCK(ioremap_lock);
static unsigned long ioremap_next = IOREMAP_VIRT_START;    /* ioremap_lock */
static uint64_t pte_allowed = ~_PAGE_NX;    /* NX only with EFER.NXE */

void pagetable_init(void)
{
    if (rdmsr(MSR_EFER) & EFER_NXE)
        pte_allowed = ~0UL;
}

/* A zeroed page for a page table: its physical address, or 0. */
static paddr_t alloc_pt_page(void)
{
    paddr_t pa;

    if (heap_ready) {
        void *va = alloc_xenheap_pages(0, MEMF_zero);
        return va ? __pa(va) : 0;
    }
    pa = bootmem_alloc(PAGE_SIZE, PAGE_SIZE, SZ_4G);
    if (pa)
        memset(__va(pa), 0, PAGE_SIZE);
    return pa;
}

/*
 * The entry for @va in the table of @level (1: 4 KiB, 2: 2 MiB), creating
 * missing tables above it.  NULL with *err set on failure.  map_lock held.
 */
static pte_t *pt_walk(unsigned long va, unsigned int level, int *err)
{
    pte_t *table = idle_pg_table;

    for (unsigned int l = 4; l > level; l--) {
        pte_t *e = &table[pt_index(va, L1_SHIFT + 9 * (l - 1))];

        if (!(*e & _PAGE_PRESENT)) {
            paddr_t pa = alloc_pt_page();
            if (!pa) {
                *err = -ENOMEM;
                return NULL;
            }
            *e = pa | TABLE_FLAGS;
        } else if (*e & _PAGE_PSE) {
            *err = -EBUSY;
            return NULL;
        }
        table = __va(*e & PADDR_MASK);
    }
    return &table[pt_index(va, L1_SHIFT + 9 * (level - 1))];
}

static bool is_canonical(unsigned long va)
{
    return va < 0x0000800000000000UL || va >= 0xffff800000000000UL;
}

/* Page aligned, within 52-bit physical space, canonical and in one half. */
static bool range_ok(unsigned long va, paddr_t pa, unsigned long nr)
{
    unsigned long last;

    if ((va | pa) & (PAGE_SIZE - 1) || nr > (PADDR_LIMIT >> PAGE_SHIFT) ||
        pa > PADDR_LIMIT - ((paddr_t)nr << PAGE_SHIFT))
        return false;
    last = va + ((nr - 1) << PAGE_SHIFT);
    return last >= va && is_canonical(va) && is_canonical(last) && (va >> 63) == (last >> 63);
}

int map_pages(unsigned long va, paddr_t pa, unsigned long nr, uint64_t flags)
{
    int rc = 0;

    if (!nr)
        return 0;
    if (!range_ok(va, pa, nr))
        return -EINVAL;
    flags &= pte_allowed & ~PADDR_MASK;

    spin_lock(&map_lock);
    for (unsigned long i = 0; i < nr; i++, va += PAGE_SIZE, pa += PAGE_SIZE) {
        pte_t *e = pt_walk(va, 1, &rc);
        pte_t old;

        if (!e)
            break;
        old = *e;
        *e = pa | flags;
        if (old & _PAGE_PRESENT)
            invlpg(va);
    }
    spin_unlock(&map_lock);
    return rc;
}

void *ioremap(paddr_t pa, size_t size)
{
    paddr_t base = ROUNDDOWN(pa, (paddr_t)PAGE_SIZE);
    unsigned long nr, va;

    if (!size || pa >= PADDR_LIMIT || size > PADDR_LIMIT - pa)
        return NULL;
    nr = (ROUNDUP(pa + size, (paddr_t)PAGE_SIZE) - base) >> PAGE_SHIFT;

    spin_lock(&ioremap_lock);
    if (nr + 1 > (IOREMAP_VIRT_START + IOREMAP_SIZE - ioremap_next) >> PAGE_SHIFT) {
        spin_unlock(&ioremap_lock);
        return NULL;
    }
    va = ioremap_next;
    ioremap_next += (nr + 1) << PAGE_SHIFT;     /* one unmapped guard page after each */
    spin_unlock(&ioremap_lock);

    if (map_pages(va, base, nr, PAGE_HYPERVISOR_UC))
        return NULL;
    return (void *)(va + (pa - base));
}

/* Give the directmap its own L3, so RAM above 4 GiB stays out of the identity map. */
static void directmap_unshare_locked(void)
{
    pte_t *l4e = &idle_pg_table[pt_index(DIRECTMAP_VIRT_START, L4_SHIFT)];
    paddr_t pa;

    if ((*l4e & PADDR_MASK) != (idle_pg_table[0] & PADDR_MASK))
        return;
    pa = alloc_pt_page();
    if (!pa)
        panic("memory: no page for the directmap L3");
    memcpy(__va(pa), __va(*l4e & PADDR_MASK), PAGE_SIZE);
    *l4e = pa | TABLE_FLAGS;
}

static void map_directmap_2m(paddr_t pa)
{
    int rc = 0;
    pte_t *e = pt_walk(DIRECTMAP_VIRT_START + pa, 2, &rc);

    if (!e)
        panic("memory: cannot map %#lx in the directmap (%d)", (unsigned long)pa, rc);
    if (!(*e & _PAGE_PRESENT))
        *e = pa | ((PAGE_HYPERVISOR_NX | _PAGE_PSE) & pte_allowed);
}

void directmap_unshare(void)
{
    spin_lock(&map_lock);
    directmap_unshare_locked();
    spin_unlock(&map_lock);
}

void directmap_extend(const struct mem_region *map, unsigned int nr, paddr_t ram_end)
{
    if (ram_end <= SZ_4G)
        return;
    spin_lock(&map_lock);
    directmap_unshare_locked();
    for (unsigned int i = 0; i < nr; i++) {
        paddr_t s = max(ROUNDDOWN(map[i].start, (paddr_t)SZ_2M), (paddr_t)SZ_4G);
        paddr_t e = min(ROUNDUP(map[i].start + map[i].size, (paddr_t)SZ_2M), ram_end);

        for (; map[i].type == MEM_RAM && s < e; s += SZ_2M)
            map_directmap_2m(s);
    }
    spin_unlock(&map_lock);
    write_cr3(read_cr3());
}
