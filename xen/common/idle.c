/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Halting an idle CPU.  Pending work is checked with interrupts disabled
 * and "sti; hlt" re-enables them in the same instruction window, so an
 * interrupt that raises a softirq after the check still wakes the CPU (no
 * lost wake-up).  The scheduler loop (common/sched.c) halts through
 * idle_halt(); idle_loop() is the plain form without a scheduler.
 */
#include <xen/idle.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <asm/processor.h>

void idle_halt(bool (*more_work)(unsigned int cpu))
{
    unsigned int cpu = smp_processor_id();

    local_irq_disable();
    if (!softirq_pending(cpu) && !(more_work && more_work(cpu)))
        safe_halt();
    else
        local_irq_enable();
}

void idle_loop(void)
{
    for (;;) {
        do_softirq();
        idle_halt(NULL);
    }
}
