/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-CPU GDT, TSS and IST stacks.  The arrays are static and sized for
 * NR_CPUS.  Each IST stack has a page below it that mm_protect.c unmaps
 * (a guard page).
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <asm/desc.h>

static uint64_t gdt_table[NR_CPUS][GDT_ENTRIES] __aligned(64);
static struct tss64 tss_table[NR_CPUS] __aligned(128);
static uint8_t ist_stacks[NR_CPUS][IST_COUNT][PAGE_SIZE + IST_STACK_SIZE] __aligned(PAGE_SIZE);

BUILD_BUG_ON(sizeof(struct tss64) != 104);

struct stack_range ist_stack_range(unsigned int cpu, unsigned int ist)
{
    struct stack_range r = { 0, 0 };

    if (cpu < NR_CPUS && ist >= 1 && ist <= IST_COUNT) {
        r.base = (unsigned long)ist_stacks[cpu][ist - 1] + PAGE_SIZE;  /* above the guard */
        r.top = r.base + IST_STACK_SIZE;
    }
    return r;
}

/* A 64-bit available-TSS descriptor (type 9, present, DPL 0): two slots. */
static void set_tss_desc(uint64_t *slot, unsigned long base, uint32_t limit)
{
    slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
              (0x89ul << 40) | ((uint64_t)(limit >> 16 & 0xf) << 48) |
              ((base >> 24 & 0xff) << 56);
    slot[1] = base >> 32;
}

static void load_gdt(const uint64_t *gdt)
{
    struct { uint16_t limit; uint64_t base; } __packed gdtr = {
        GDT_ENTRIES * 8 - 1, (uint64_t)gdt
    };
    unsigned long tmp;

    /* Far return reloads CS; then the data and stack segments. */
    __asm__ volatile("lgdt %[gdtr]\n\t"
                     "pushq %[cs]\n\t"
                     "leaq 1f(%%rip), %[tmp]\n\t"
                     "pushq %[tmp]\n\t"
                     "lretq\n"
                     "1:\tmov %k[ds], %%ds\n\t"
                     "mov %k[ds], %%es\n\t"
                     "mov %k[ds], %%ss"
                     : [tmp] "=&r"(tmp)
                     : [gdtr] "m"(gdtr), [cs] "i"(BOOT_CS64), [ds] "r"(BOOT_DS)
                     : "memory");
}

void desc_init_this_cpu(void)
{
    unsigned int cpu = smp_processor_id();
    uint64_t *gdt;
    struct tss64 *tss;

    BUG_ON(cpu >= NR_CPUS);
    gdt = gdt_table[cpu];
    tss = &tss_table[cpu];

    *tss = (struct tss64){ .iomap_base = sizeof(*tss) };
    tss->rsp[0] = this_cpu()->stack_top;
    for (unsigned int i = 1; i <= IST_COUNT; i++)
        tss->ist[i - 1] = ist_stack_range(cpu, i).top;

    gdt[0] = 0;
    gdt[BOOT_CS64 / 8] = 0x00af9a000000fffful;     /* 64-bit code */
    gdt[BOOT_DS / 8]   = 0x00cf92000000fffful;     /* data */
    gdt[BOOT_CS32 / 8] = 0x00cf9a000000fffful;     /* 32-bit code */
    /* Rebuilt each time, so the busy bit is clear for ltr. */
    set_tss_desc(&gdt[TSS_SEL / 8], (unsigned long)tss, sizeof(*tss) - 1);
    for (unsigned int i = TSS_SEL / 8 + 2; i < GDT_ENTRIES; i++)
        gdt[i] = 0;

    this_cpu()->arch_gdt = gdt;
    this_cpu()->arch_tss = tss;
    load_gdt(gdt);
    __asm__ volatile("ltr %w0" :: "r"(TSS_SEL) : "memory");
}
