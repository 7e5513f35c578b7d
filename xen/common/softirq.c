/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Softirq bitmaps, their handlers and the event-check IPI. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/traps.h>

static softirq_handler softirq_handlers[NR_SOFTIRQS];

void open_softirq(unsigned int nr, softirq_handler fn)
{
    BUG_ON(nr >= NR_SOFTIRQS);
    softirq_handlers[nr] = fn;
}

void raise_softirq(unsigned int nr)
{
    BUG_ON(nr >= NR_SOFTIRQS);
    __atomic_fetch_or(&this_cpu()->softirq_pending, 1ul << nr, __ATOMIC_SEQ_CST);
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    struct percpu *p;
    unsigned long old;

    BUG_ON(nr >= NR_SOFTIRQS || cpu >= NR_CPUS);
    p = per_cpu(cpu);
    old = __atomic_fetch_or(&p->softirq_pending, 1ul << nr, __ATOMIC_SEQ_CST);
    /* Already pending means the target has been kicked already. */
    if (cpu == smp_processor_id() || (old & (1ul << nr)) || !READ_ONCE(p->online))
        return;
    apic_send_ipi(p->apic_id, APIC_DM_FIXED | EVENT_CHECK_VECTOR);
}

bool softirq_pending(unsigned int cpu)
{
    return cpu < NR_CPUS && READ_ONCE(per_cpu(cpu)->softirq_pending) != 0;
}

void do_softirq(void)
{
    unsigned long *pending = &this_cpu()->softirq_pending;
    unsigned long bits;

    while ((bits = READ_ONCE(*pending)) != 0) {
        unsigned int nr = __builtin_ctzl(bits);

        __atomic_fetch_and(pending, ~(1ul << nr), __ATOMIC_SEQ_CST);
        if (nr < NR_SOFTIRQS && softirq_handlers[nr])
            softirq_handlers[nr]();
    }
}

/* The IPI only wakes the CPU; the idle loop then runs its softirqs. */
static void event_check_interrupt(struct cpu_user_regs *regs)
{
    (void)regs;
    apic_eoi();
}

void softirq_init(void)
{
    set_irq_handler(EVENT_CHECK_VECTOR, event_check_interrupt);
}
