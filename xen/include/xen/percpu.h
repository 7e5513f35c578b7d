/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-CPU data: one struct per CPU, reached through %gs (GS base points at
 * the CPU's own struct percpu, whose first field points at itself).  Other
 * CPUs may only touch a remote CPU's data through per_cpu(cpu) fields that
 * are documented as shared.
 */
#ifndef XEN_PERCPU_H
#define XEN_PERCPU_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <asm/config.h>

struct timer_heap;
struct vcpu;

struct percpu {
    struct percpu *self;            /* must stay first: %gs:0 */
    unsigned int cpu_id;            /* logical CPU number */
    uint32_t apic_id;               /* local APIC (x2APIC) ID */
    unsigned long stack_top;        /* top of this CPU's hypervisor stack */
    bool online;                    /* shared: set once the CPU runs C code */
    unsigned long softirq_pending;  /* shared: bits set remotely with atomics */
    unsigned int irq_nest;          /* interrupt nesting depth */
    unsigned int lock_depth;        /* spinlocks currently held */
    void *arch_tss;                 /* struct tss of this CPU */
    void *arch_gdt;                 /* this CPU's GDT */
    struct timer_heap *timers;      /* software timers of this CPU */
    struct vcpu *curr_vcpu;         /* vCPU being run here, NULL in the scheduler loop */
};

extern struct percpu percpu_data[NR_CPUS];
extern unsigned int nr_cpu_ids;     /* CPUs found (online or not) */

static inline struct percpu *this_cpu(void)
{
    struct percpu *p;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(p));
    return p;
}
static inline unsigned int smp_processor_id(void) { return this_cpu()->cpu_id; }
static inline struct percpu *per_cpu(unsigned int cpu) { return &percpu_data[cpu]; }

/* Point %gs at CPU @cpu's data; called once per CPU as it starts. */
void percpu_init_this_cpu(unsigned int cpu);

#endif
