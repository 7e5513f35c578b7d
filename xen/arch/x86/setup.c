/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * __start_xen: the boot CPU's path from head.S to the idle loop.  Each step
 * is one subsystem's init function; subsystems that only need a late hook
 * register themselves with presmp_initcall()/__initcall() instead.
 */
#include <xen/bootinfo.h>
#include <xen/console.h>
#include <xen/domain_build.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/serial.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/apic.h>
#include <asm/hvm.h>
#include <asm/io.h>
#include <asm/mm_protect.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/traps.h>

void __noreturn __start_xen(uint32_t magic, uint32_t info);

/* The legacy 8259 PICs stay masked: interrupts come through the APICs. */
static void pic_mask_all(void)
{
    outb(0xff, 0x21);
    outb(0xff, 0xa1);
}

static void print_banner(void)
{
    printk("Xen-compatible hypervisor version %s (gcc %s)\n",
           XEN_VERSION_STRING, __VERSION__);
    printk("Boot loader: multiboot%u (%s)\n", boot_info.loader, boot_info.loader_name);
    printk("Command line: %s\n", saved_cmdline);
}

void __start_xen(uint32_t magic, uint32_t info)
{
    percpu_init_this_cpu(0);
    console_init_early();
    trap_init();
    pic_mask_all();

    if (multiboot_parse(magic, info))
        panic("not started by a multiboot loader (magic %#x)", magic);
    cmdline_parse(boot_info.cmdline);
    console_init_postparse();
    print_banner();

    /* memory: frame table, page allocator, heap */
    memory_init();

    apic_init_this_cpu();

    /* time: TSC calibration, local APIC timer, software timers */
    time_init();

    /* hvm: pick SVM (or nothing), enable it on this CPU; APs in start_secondary */
    hvm_init();

    do_initcalls(0);

    /* W^X, NX, stack guard pages, SMEP/SMAP (arch/x86/mm_protect.c) */
    protect_xen_mappings();
    cpu_enable_smep_smap();
    /* smp: ACPI MADT, APs (they copy CR4 and use the same tables) */
    smp_boot_cpus();
    drop_identity_map();

    do_initcalls(1);
    /* domains: build and start the boot-time domains */
    create_boot_domains();

    time_report_boot();
    printk("ready (APIC ID %u, %s mode)\n", apic_id(), x2apic_enabled ? "x2APIC" : "xAPIC");
    schedule_loop();
}
