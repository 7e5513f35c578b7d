/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Secondary CPU bring-up: INIT-SIPI-SIPI (Intel MP specification 1.4,
 * appendix B.4; SDM vol. 3 "MP initialization") for every enabled CPU of
 * the MADT, one at a time, through the real-mode trampoline (trampoline.S).
 *
 * Hand-shake: the boot CPU sets ap_callin to the CPU number it starts; the
 * AP swaps it to CALLIN_DONE when it reaches C.  On timeout the boot CPU
 * swaps it to CALLIN_ABANDONED instead, so exactly one side wins: a late
 * AP halts, and is then parked with INIT before the next one is started.
 *
 * AP stacks are one static array of NR_CPUS stacks (NR_CPUS * STACK_SIZE
 * = 1 MiB of BSS), not allocated, so bring-up does not depend on the heap.
 */
#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/sched.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/apic.h>
#include <asm/mm_protect.h>
#include <asm/hvm.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define CALLIN_DONE      0xfffffffeu
#define CALLIN_ABANDONED 0xffffffffu
#define AP_TIMEOUT_MS    2000

extern const char trampoline_start[], trampoline_end[];
extern char cpu0_stack[];                       /* head.S */

/* Read by trampoline.S: ap_boot_efer in 32-bit mode (by physical address). */
uint32_t ap_boot_efer;
unsigned long ap_boot_stack;
unsigned int ap_boot_cpu;

static unsigned int ap_callin;
static unsigned long ap_boot_cr3, ap_boot_cr4;
static uint8_t ap_stacks[NR_CPUS][STACK_SIZE] __aligned(STACK_SIZE);

cpumask_t cpu_online_map;

unsigned long cpu_stack_guard(unsigned int cpu)
{
    return cpu ? (unsigned long)ap_stacks[cpu] : (unsigned long)cpu0_stack;
}

static unsigned int opt_maxcpus = NR_CPUS;
integer_param("maxcpus", opt_maxcpus);

void start_secondary(unsigned int cpu)
{
    unsigned int expect = cpu;

    percpu_init_this_cpu(cpu);
    if (!__atomic_compare_exchange_n(&ap_callin, &expect, CALLIN_DONE, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        for (;;)                        /* too late: the boot CPU gave up on us */
            halt();

    /* Adopt what the boot CPU has enabled since boot (paging, features). */
    write_cr4(ap_boot_cr4);
    if (read_cr3() != ap_boot_cr3)
        write_cr3(ap_boot_cr3);
    trap_init_this_cpu();
    apic_init_this_cpu();
    time_init_this_cpu();
    hvm_cpu_up();                       /* reports its own failure */

    this_cpu()->online = true;
    cpumask_set_cpu(cpu, &cpu_online_map);
    schedule_loop();                    /* enables interrupts */
}

static void send_init(uint32_t apic)
{
    if (!x2apic_enabled)
        apic_write(APIC_ESR, 0);
    apic_send_ipi(apic, APIC_DM_INIT | APIC_ICR_LEVEL_ASSERT | APIC_ICR_TRIGGER_LEVEL);
    apic_wait_icr_idle();
    udelay(10000);
    if (!x2apic_enabled) {          /* de-assert; not defined for x2APIC */
        apic_send_ipi(apic, APIC_DM_INIT | APIC_ICR_TRIGGER_LEVEL);
        apic_wait_icr_idle();
    }
}

static bool wait_callin(unsigned int ms)
{
    for (unsigned int i = 0; i < ms * 10; i++) {
        if (__atomic_load_n(&ap_callin, __ATOMIC_ACQUIRE) == CALLIN_DONE)
            return true;
        udelay(100);
    }
    return false;
}

/* Start @cpu (APIC ID per_cpu(cpu)->apic_id); true once it is online. */
static bool boot_one_cpu(unsigned int cpu, paddr_t tramp)
{
    uint32_t apic = per_cpu(cpu)->apic_id;
    unsigned int expect = cpu;

    ap_boot_cpu = cpu;
    ap_boot_stack = (unsigned long)ap_stacks[cpu] + STACK_SIZE;
    per_cpu(cpu)->stack_top = ap_boot_stack;
    __atomic_store_n(&ap_callin, cpu, __ATOMIC_RELEASE);

    send_init(apic);
    for (unsigned int i = 0; i < 2; i++) {      /* the spec's two STARTUPs */
        apic_send_ipi(apic, APIC_DM_STARTUP | (tramp >> PAGE_SHIFT));
        apic_wait_icr_idle();
        if (wait_callin(i ? AP_TIMEOUT_MS : 1))
            break;
    }
    if (!__atomic_compare_exchange_n(&ap_callin, &expect, CALLIN_ABANDONED, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        /* Called in: it comes online after a few instructions. */
        for (unsigned int i = 0; i < AP_TIMEOUT_MS * 10 && !cpu_online(cpu); i++)
            udelay(100);
        if (cpu_online(cpu))
            return true;
    }
    send_init(apic);                            /* park it for good */
    return false;
}

/* Directmap pointer @s (a loader string) overlaps [pa, pa + len)? */
static bool string_overlaps(const char *s, paddr_t pa, size_t len)
{
    unsigned long v = (unsigned long)s;
    paddr_t start;

    if (!s || v < DIRECTMAP_VIRT_START || v >= DIRECTMAP_VIRT_START + (1ul << 32))
        return false;                           /* not loader memory */
    start = __pa(s);
    return start < pa + len && pa < start + strnlen(s, 4096) + 1;
}

/* Is the page at @pa RAM that no boot loader data lives in? */
static bool low_page_free(paddr_t pa)
{
    paddr_t end = pa + PAGE_SIZE;
    bool ram = false;

    for (unsigned int i = 0; i < boot_info.nr_mem; i++) {
        const struct mem_region *r = &boot_info.mem[i];
        bool overlap = r->start < end && pa < r->start + r->size;
        if (overlap && r->type != MEM_RAM)
            return false;
        if (r->type == MEM_RAM && r->start <= pa && end <= r->start + r->size)
            ram = true;
    }
    if (!ram || (boot_info.info_start < end && pa < boot_info.info_end))
        return false;
    if (string_overlaps(boot_info.cmdline, pa, PAGE_SIZE) ||
        string_overlaps(boot_info.loader_name, pa, PAGE_SIZE))
        return false;
    for (unsigned int i = 0; i < boot_info.nr_mods; i++)
        if ((boot_info.mods[i].start < end && pa < boot_info.mods[i].end) ||
            string_overlaps(boot_info.mods[i].cmdline, pa, PAGE_SIZE))
            return false;
    return true;
}

/* Copy the trampoline to a free page under 1 MiB (0x8000 preferred); 0 if none. */
static paddr_t trampoline_install(void)
{
    size_t len = trampoline_end - trampoline_start;
    paddr_t pa = 0x8000;

    BUG_ON(len > PAGE_SIZE);
    if (!low_page_free(pa))
        for (pa = 0x1000; pa < 0xa0000 && !low_page_free(pa); pa += PAGE_SIZE)
            ;
    if (pa >= 0xa0000)
        return 0;
    memcpy(__va(pa), trampoline_start, len);
    return pa;
}

/* Logical numbers for the MADT's CPUs: 0 is us, the rest in table order. */
static unsigned int assign_cpus(uint32_t bsp_apic)
{
    unsigned int n = 1, over = 0, limit = min(max(opt_maxcpus, 1u), (unsigned int)NR_CPUS);

    for (unsigned int i = 0; i < acpi_madt.nr_cpus; i++) {
        const struct acpi_cpu *c = &acpi_madt.cpus[i];
        if (c->apic_id == bsp_apic || !c->enabled)
            continue;
        if (!x2apic_enabled && c->apic_id > 0xfe)
            printk(XENLOG_WARNING "SMP: APIC ID %u needs x2APIC; skipped\n", c->apic_id);
        else if (n >= limit)
            over++;
        else
            per_cpu(n++)->apic_id = c->apic_id;
    }
    if (over)
        printk("SMP: maxcpus=%u: %u more CPUs not started\n", opt_maxcpus, over);
    return n;
}

void smp_boot_cpus(void)
{
    unsigned int nr, up = 1;
    paddr_t tramp = 0;

    per_cpu(0)->apic_id = apic_id();
    if (!per_cpu(0)->stack_top)
        per_cpu(0)->stack_top = (unsigned long)cpu0_stack + STACK_SIZE;
    per_cpu(0)->online = true;
    cpumask_set_cpu(0, &cpu_online_map);
    acpi_boot_init(boot_info.rsdp);
    nr = acpi_madt.present ? assign_cpus(per_cpu(0)->apic_id) : 1;
    if (nr > 1 && !(tramp = trampoline_install())) {
        printk(XENLOG_WARNING "SMP: no free low page for the trampoline\n");
        nr = 1;
    }
    if (nr > 1) {
        ap_boot_efer = rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE);
        ap_boot_cr3 = read_cr3();
        ap_boot_cr4 = read_cr4();
        printk("SMP: trampoline at %#lx, starting %u CPUs\n", (unsigned long)tramp, nr - 1);
    }
    for (unsigned int cpu = 1; cpu < nr; cpu++) {
        uint32_t apic = per_cpu(cpu)->apic_id;
        /* Keep numbers dense: a CPU that fails gives its number to the next. */
        per_cpu(up)->apic_id = apic;
        if (boot_one_cpu(up, tramp))
            up++;
        else
            printk(XENLOG_WARNING "SMP: CPU with APIC ID %u did not respond; skipped\n", apic);
    }
    for (unsigned int cpu = up; cpu < nr; cpu++)
        per_cpu(cpu)->apic_id = 0;
    nr_cpu_ids = up;
    printk("Brought up %u CPUs\n", num_online_cpus());
}
