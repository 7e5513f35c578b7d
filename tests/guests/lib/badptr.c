/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Bad guest pointers for the hypercall tests, made in the guest's own page
 * tables (head.S maps the first 4 GiB with 2 MiB pages under PML4[0] and
 * PDPT[0..3]):
 *   - the first 2 MiB are remapped with 4 KiB pages, page 0 not present,
 *     so NULL really is unmapped (as under Linux);
 *   - EDGE_VA (PDPT[256], 256 GiB) maps one page of .bss and leaves the
 *     next page not present: a buffer ending there crosses into unmapped
 *     memory;
 *   - everything else outside the identity map is simply not present.
 */
#include "hctest.h"

#define PTE_P       0x1ull
#define PTE_W       0x2ull
#define PTE_ADDR    0x000ffffffffff000ull
#define EDGE_VA     (256ull << 30)
#define UNMAPPED_VA 0x0000500000000000ull   /* PML4[160]: not present */
#define NONCANON_VA 0x8000500000000000ull   /* bits 63:48 not a sign extension */
#define XEN_VA      0xffff830000000000ull   /* Xen's direct map (for PV guests) */

static uint64_t pt_low[512] __attribute__((aligned(4096)));
static uint64_t pd_edge[512] __attribute__((aligned(4096)));
static uint64_t pt_edge[512] __attribute__((aligned(4096)));
static uint8_t edge_page[4096] __attribute__((aligned(4096)));
static uint8_t scratch[NR_SCRATCH][4096] __attribute__((aligned(4096)));
static struct bad_ptr catalogue[6];
static bool ready;

static uint64_t *table(uint64_t entry)
{
    return (uint64_t *)(entry & PTE_ADDR);
}

void badptr_init(void)
{
    uint64_t *pml4 = table(read_cr3()), *pdpt = table(pml4[0]), *pd = table(pdpt[0]);

    if (ready)
        return;
    for (unsigned int i = 1; i < 512; i++)
        pt_low[i] = ((uint64_t)i << 12) | PTE_P | PTE_W;
    pt_low[0] = 0;
    pd[0] = (uint64_t)pt_low | PTE_P | PTE_W;       /* was a 2 MiB page: same map minus page 0 */
    pt_edge[0] = (uint64_t)edge_page | PTE_P | PTE_W;
    pd_edge[0] = (uint64_t)pt_edge | PTE_P | PTE_W;
    pdpt[EDGE_VA >> 30] = (uint64_t)pd_edge | PTE_P | PTE_W;
    write_cr3(read_cr3());                          /* flush */
    ready = true;
}

const struct bad_ptr *bad_ptrs(size_t size)
{
    size_t cross = size < 2 ? 1 : size / 2;         /* bytes in the mapped page */

    catalogue[0] = (struct bad_ptr){ "NULL", 0 };
    catalogue[1] = (struct bad_ptr){ "unmapped", UNMAPPED_VA };
    catalogue[2] = (struct bad_ptr){ "non-canonical", NONCANON_VA };
    catalogue[3] = (struct bad_ptr){ "hypervisor-range", XEN_VA };
    catalogue[4] = (struct bad_ptr){ "crossing-into-unmapped", EDGE_VA + 4096 - cross };
    catalogue[5] = (struct bad_ptr){ NULL, 0 };
    return catalogue;
}

void *edge_ptr(size_t size)
{
    return (void *)(uintptr_t)(EDGE_VA + 4096 - size);
}

void *scratch_page(unsigned int i)
{
    return scratch[i % NR_SCRATCH];
}
