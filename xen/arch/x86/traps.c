/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The IDT and the dispatch of interrupts and exceptions.  NMI, #DF and #MC
 * run on their own IST stacks (asm/desc.h); NMIs go to do_nmi(), every
 * other exception taken in the hypervisor is fatal.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/shutdown.h>
#include <xen/symbols.h>
#include <asm/config.h>
#include <asm/desc.h>
#include <asm/mm_protect.h>
#include <asm/processor.h>
#include <asm/traps.h>

struct idt_entry {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} __packed;

/* entry.S hard-codes these offsets for its frame record. */
BUILD_BUG_ON(__builtin_offsetof(struct cpu_user_regs, rbp) != 4 * 8);
BUILD_BUG_ON(__builtin_offsetof(struct cpu_user_regs, rip) != 17 * 8);

static struct idt_entry idt[256] __aligned(16);
static irq_handler_t irq_handlers[256];

static void set_gate(unsigned int vec, unsigned long addr, unsigned int ist)
{
    idt[vec] = (struct idt_entry){
        .off_lo = addr & 0xffff, .sel = BOOT_CS64, .ist = ist,
        .type = 0x8e,                   /* present, DPL0, interrupt gate */
        .off_mid = (addr >> 16) & 0xffff, .off_hi = addr >> 32,
    };
}

void trap_init(void)
{
    for (unsigned int v = 0; v < 256; v++)
        set_gate(v, (unsigned long)trap_stubs + v * 16, 0);
    idt[TRAP_nmi].ist = IST_NMI;
    idt[TRAP_double_fault].ist = IST_DF;
    idt[TRAP_machine_check].ist = IST_MC;
    trap_init_this_cpu();
}

/*
 * Per-CPU part: GDT, TSS (IST stacks) and IDT.  Runs on every CPU after
 * percpu_init_this_cpu().  If nobody recorded this CPU's stack top yet,
 * take it from the current stack, which is STACK_SIZE sized and aligned.
 */
void trap_init_this_cpu(void)
{
    struct { uint16_t limit; uint64_t base; } __packed idtr = {
        sizeof(idt) - 1, (uint64_t)idt
    };
    struct percpu *p = this_cpu();

    if (!p->stack_top)
        p->stack_top = ROUNDUP((unsigned long)__builtin_frame_address(0),
                               (unsigned long)STACK_SIZE);
    desc_init_this_cpu();
    __asm__ volatile("lidt %0" :: "m"(idtr));
}

void set_irq_handler(uint8_t vector, irq_handler_t fn)
{
    irq_handlers[vector] = fn;
}

/* The SMP code's stop-on-panic check (xen/smp.h), if it is linked in. */
bool nmi_stop_this_cpu(void) __attribute__((weak));

/*
 * Default NMI hook (the SMP code may override it): a CPU asked to stop
 * stops here; any other NMI is logged and ignored.
 */
void __attribute__((weak)) do_nmi(struct cpu_user_regs *regs)
{
    struct symtab t = xen_symtab();
    char sym[128];

    if (nmi_stop_this_cpu && nmi_stop_this_cpu())
        return;

    symtab_format(&t, sym, sizeof(sym), regs->rip, false);
    printk(XENLOG_WARNING "CPU%u: NMI received at RIP %016lx (%s), ignored\n",
           smp_processor_id(), (unsigned long)regs->rip, sym);
}

void do_trap(struct cpu_user_regs *regs)
{
    irq_handler_t fn;

    if (regs->vector == TRAP_nmi) {
        do_nmi(regs);
        return;
    }
    if (regs->vector < FIRST_EXTERNAL_VECTOR)
        fatal_trap(regs);
    this_cpu()->irq_nest++;
    fn = irq_handlers[regs->vector];
    if (fn)
        fn(regs);
    else
        printk(XENLOG_WARNING "CPU%u: unexpected interrupt vector %#lx\n",
               smp_processor_id(), (unsigned long)regs->vector);
    this_cpu()->irq_nest--;
}

/*
 * A fault on a stack guard page (a #PF there, or the #DF that follows when
 * the #PF cannot push its frame) is a hypervisor stack overflow.  Returns
 * whether it is one, and prints which stack.
 */
static bool report_stack_overflow(const struct cpu_user_regs *regs, unsigned long cr2)
{
    unsigned int cpu, ist;

    if (regs->vector != TRAP_page_fault && regs->vector != TRAP_double_fault)
        return false;
    if (!is_stack_guard_page(cr2, &cpu, &ist) &&
        !(regs->vector == TRAP_double_fault && is_stack_guard_page(regs->rsp, &cpu, &ist)))
        return false;
    if (ist)
        printk(XENLOG_ERR "Hypervisor stack overflow: guard page of CPU%u's IST%u stack hit\n",
               cpu, ist);
    else
        printk(XENLOG_ERR "Hypervisor stack overflow: guard page of CPU%u's stack hit\n", cpu);
    return true;
}

static void __noreturn report_fatal_trap(const struct cpu_user_regs *regs, unsigned long cr2)
{
    char where[48] = "";

    show_execution_state(regs, cr2);
    if (regs->vector == TRAP_page_fault)
        snprintf(where, sizeof(where), "\nFaulting linear address: %016lx", cr2);
    panic_after_report("FATAL TRAP: vector = %u (%s)\n[error_code=%04lx]%s%s",
                       (unsigned int)regs->vector, trap_name(regs->vector),
                       (unsigned long)regs->error_code,
                       this_cpu()->irq_nest ? ", IN INTERRUPT CONTEXT" : "", where);
}

/*
 * After an overflow the faulting stack has no room left for a report:
 * finish it on this CPU's #DF IST stack (unused unless we are in a #DF,
 * whose own stack is fine).
 */
static void __noreturn report_on_fresh_stack(const struct cpu_user_regs *regs, unsigned long cr2)
{
    unsigned long top = ist_stack_range(smp_processor_id(), IST_DF).top;

    if (regs->vector == TRAP_double_fault || !top)
        report_fatal_trap(regs, cr2);
    __asm__ volatile("mov %0, %%rsp\n\t"
                     "call report_fatal_trap"
                     :: "r"(top & ~15UL), "D"(regs), "S"(cr2) : "memory");
    __builtin_unreachable();
}

/*
 * Report an exception and panic.  Only one CPU reports (the others halt in
 * crash_enter()).  A fault while reporting gets a one-line note and a
 * reset; a third level just halts.
 */
void fatal_trap(const struct cpu_user_regs *regs)
{
    static unsigned int depth[NR_CPUS];
    unsigned long cr2 = read_cr2();     /* before anything can fault again */
    unsigned int cpu = smp_processor_id() % NR_CPUS;

    switch (++depth[cpu]) {
    case 1:
        break;
    case 2:
        console_force_unlock();
        printk(XENLOG_ERR "FATAL: vector %lu at RIP %016lx while reporting a fault\n",
               (unsigned long)regs->vector, (unsigned long)regs->rip);
        if (!opt_noreboot)
            machine_restart();
        machine_halt();
    default:
        machine_halt();
    }
    crash_enter();
    if (report_stack_overflow(regs, cr2))
        report_on_fresh_stack(regs, cr2);
    report_fatal_trap(regs, cr2);
}
