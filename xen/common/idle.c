/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The idle loop: run pending softirqs, then halt.  Pending work is checked
 * with interrupts disabled and "sti; hlt" re-enables them in the same
 * instruction window, so an interrupt that raises a softirq after the
 * check still wakes the CPU (no lost wake-up).
 */
#include <xen/idle.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <asm/processor.h>

void idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    for (;;) {
        do_softirq();
        local_irq_disable();
        if (!softirq_pending(cpu))
            safe_halt();
        else
            local_irq_enable();
    }
}
