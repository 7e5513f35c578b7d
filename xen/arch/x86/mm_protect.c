/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Least privilege for the hypervisor's own mappings, applied by
 * protect_xen_mappings() once the APs are up (they start through the
 * identity map of low memory):
 *  - the image at XEN_VIRT_START in 4 KiB pages: text read-only and
 *    executable, rodata read-only, data and bss writable; all but text NX;
 *  - an unmapped guard page below every hypervisor stack (each CPU's stack
 *    and its IST stacks): an overflow faults instead of silently corrupting
 *    what lies below, and the fault report says so;
 *  - the rest of the first GiB at XEN_VIRT_START and the directmap: NX;
 *  - the identity map of low memory: removed, so NULL and other low
 *    pointers fault.
 * Nothing is writable and executable at once (W^X).  SMEP and SMAP are
 * turned on at boot when the CPU has them (the APs copy the boot CPU's
 * CR4); with no user mappings anywhere they only add a guard.
 */
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/smp.h>
#include <asm/config.h>
#include <asm/desc.h>
#include <asm/mm_protect.h>
#include <asm/page.h>
#include <asm/processor.h>

#define TABLE_FLAGS  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define PAGE_RX      (_PAGE_PRESENT | _PAGE_ACCESSED)
#define L2_ENTRIES   PAGETABLE_ENTRIES
#define SZ_2M        (1UL << L2_SHIFT)
#define CR4_SMEP     (1UL << 20)
#define CR4_SMAP     (1UL << 21)

extern char _stext[], _etext[], _sdata[], _end[];
extern pte_t l3_high[], l2_ident[];

static uint64_t nx_bit;         /* _PAGE_NX with EFER.NXE, else 0 */
static bool protected;

bool is_stack_guard_page(unsigned long va, unsigned int *cpu, unsigned int *ist)
{
    va &= ~(unsigned long)(PAGE_SIZE - 1);
    for (unsigned int c = 0; c < NR_CPUS; c++) {
        if (va == cpu_stack_guard(c)) {
            *cpu = c, *ist = 0;
            return true;
        }
        for (unsigned int i = 1; i <= IST_COUNT; i++)
            if (va == ist_stack_range(c, i).base - PAGE_SIZE) {
                *cpu = c, *ist = i;
                return true;
            }
    }
    return false;
}

/* The 4 KiB entry for image address @va (physical @pa). */
static pte_t image_pte(unsigned long va, paddr_t pa)
{
    unsigned int cpu, ist;

    if (is_stack_guard_page(va, &cpu, &ist))
        return 0;
    if (va >= (unsigned long)_stext && va < (unsigned long)_etext)
        return pa | PAGE_RX;
    if (va >= (unsigned long)_etext && va < (unsigned long)_sdata)
        return pa | PAGE_HYPERVISOR_RO | nx_bit;
    return pa | PAGE_HYPERVISOR | nx_bit;       /* data, bss, the 2 MiB tail */
}

static pte_t *new_table(void)
{
    pte_t *t = alloc_xenheap_pages(0, MEMF_zero);

    if (!t)
        panic("mm_protect: no memory for a page table");
    return t;
}

/* The first GiB at XEN_VIRT_START: 2 MiB NX pages, the image in 4 KiB pages. */
static pte_t *build_xen_l2(void)
{
    unsigned long img_s = (unsigned long)_stext, img_e = (unsigned long)_end;
    pte_t *l2 = new_table();

    for (unsigned int i = 0; i < L2_ENTRIES; i++) {
        unsigned long va = XEN_VIRT_START + i * SZ_2M;
        pte_t *l1;

        if (va + SZ_2M <= img_s || va >= img_e) {
            l2[i] = (l2_ident[i] & ~_PAGE_NX) | nx_bit;
            continue;
        }
        l1 = new_table();
        for (unsigned int j = 0; j < PAGETABLE_ENTRIES; j++)
            l1[j] = image_pte(va + j * PAGE_SIZE, i * SZ_2M + j * PAGE_SIZE);
        l2[i] = __pa(l1) | TABLE_FLAGS;
    }
    return l2;
}

/* The directmap's first 4 GiB (head.S's shared 2 MiB tables): NX copies. */
static void directmap_set_nx(void)
{
    pte_t *l3 = __va(idle_pg_table[pt_index(DIRECTMAP_VIRT_START, L4_SHIFT)] & PADDR_MASK);

    for (unsigned int i = 0; i < 4; i++) {
        pte_t *old = __va(l3[i] & PADDR_MASK), *l2 = new_table();

        for (unsigned int j = 0; j < L2_ENTRIES; j++)
            l2[j] = old[j] ? (old[j] | nx_bit) : 0;
        l3[i] = __pa(l2) | TABLE_FLAGS;
    }
}

static void flush_this_cpu(void *unused)
{
    (void)unused;
    write_cr3(read_cr3());              /* no global pages: a full flush */
}

void protect_xen_mappings(void)
{
    nx_bit = (rdmsr(MSR_EFER) & EFER_NXE) ? _PAGE_NX : 0;
    directmap_unshare();
    directmap_set_nx();
    l3_high[pt_index(XEN_VIRT_START, L3_SHIFT)] = __pa(build_xen_l2()) | TABLE_FLAGS;
    flush_this_cpu(NULL);
}

void drop_identity_map(void)
{
    unsigned long flags = local_irq_save();

    idle_pg_table[0] = 0;               /* the APs are up: nothing runs there now */
    flush_this_cpu(NULL);
    /*
     * The APs idle with interrupts on; we are the only CPU that could
     * start a cross-CPU call now, so taking them here is safe.
     */
    local_irq_enable();
    smp_call_function(flush_this_cpu, NULL, true);
    local_irq_restore(flags);
    protected = true;
    printk("Hypervisor mappings: text RX, rodata RO, data NX%s, stack guard pages, "
           "no identity map%s%s\n", nx_bit ? "" : " (no NX: CPU lacks it)",
           (read_cr4() & CR4_SMEP) ? ", SMEP" : "", (read_cr4() & CR4_SMAP) ? ", SMAP" : "");
}

bool xen_mappings_protected(void)
{
    return protected;
}

void cpu_enable_smep_smap(void)
{
    struct cpuid_regs r = { 0 };

    if (cpuid(0).eax >= 7)
        r = cpuid_count(7, 0);
    if (r.ebx & (1u << 7))
        write_cr4(read_cr4() | CR4_SMEP);
    if (r.ebx & (1u << 20))
        write_cr4(read_cr4() | CR4_SMAP);
}
