/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The IDT and the dispatch of interrupts and exceptions. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <asm/config.h>
#include <asm/traps.h>

struct idt_entry {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} __packed;

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
    trap_init_this_cpu();
}

void trap_init_this_cpu(void)
{
    struct { uint16_t limit; uint64_t base; } __packed idtr = {
        sizeof(idt) - 1, (uint64_t)idt
    };
    __asm__ volatile("lidt %0" :: "m"(idtr));
}

void set_irq_handler(uint8_t vector, irq_handler_t fn)
{
    irq_handlers[vector] = fn;
}

void do_trap(struct cpu_user_regs *regs)
{
    irq_handler_t fn;

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

void fatal_trap(const struct cpu_user_regs *regs)
{
    panic("exception %lu, error code %#lx at RIP %#lx",
          (unsigned long)regs->vector, (unsigned long)regs->error_code,
          (unsigned long)regs->rip);
}
