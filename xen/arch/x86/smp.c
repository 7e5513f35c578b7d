/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Inter-processor interrupts: event-check kicks, cross-CPU function calls
 * and stopping the other CPUs on panic or reset.  IPIs use physical
 * destination mode with the APIC IDs recorded at bring-up.
 */
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/shutdown.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define STOP_IPI_WAIT_US   10000    /* then NMI whoever has not stopped */
#define STOP_TOTAL_WAIT_US 100000

/* The one cross-CPU call in flight; all fields protected by call_lock. */
static DEFINE_SPINLOCK(call_lock);
static struct {
    void (*fn)(void *);
    void *data;
    bool wait;
    cpumask_t targets;
    unsigned int acked;         /* atomic: targets that took (or finished) it */
} call;

static bool stop_requested;

static void send_ipi(unsigned int cpu, uint32_t icr_low)
{
    apic_send_ipi(per_cpu(cpu)->apic_id, icr_low);
}

/* The EVENT_CHECK_VECTOR handler belongs to softirq.c (it only EOIs). */
void smp_send_event_check_cpu(unsigned int cpu)
{
    if (cpu_online(cpu))
        send_ipi(cpu, APIC_DM_FIXED | EVENT_CHECK_VECTOR);
}

static void call_function_interrupt(struct cpu_user_regs *regs)
{
    void (*fn)(void *) = call.fn;
    void *data = call.data;
    bool wait = call.wait;

    (void)regs;
    apic_eoi();
    if (!cpumask_test_cpu(smp_processor_id(), &call.targets))
        return;                 /* stray: not part of the current call */
    if (!wait)
        __atomic_fetch_add(&call.acked, 1, __ATOMIC_ACQ_REL);
    fn(data);
    if (wait)
        __atomic_fetch_add(&call.acked, 1, __ATOMIC_ACQ_REL);
}

void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *), void *data, bool wait)
{
    unsigned int self = smp_processor_id(), cpu, n;
    cpumask_t targets;

    cpumask_and(&targets, mask, &cpu_online_map);
    cpumask_clear_cpu(self, &targets);
    n = cpumask_weight(&targets);
    if (n) {
        ASSERT(local_irq_is_enabled());
        spin_lock(&call_lock);
        call.fn = fn;
        call.data = data;
        call.wait = wait;
        cpumask_copy(&call.targets, &targets);
        __atomic_store_n(&call.acked, 0, __ATOMIC_RELEASE);
        for_each_cpu(cpu, &targets)
            send_ipi(cpu, APIC_DM_FIXED | CALL_FUNCTION_VECTOR);
    }
    if (cpumask_test_cpu(self, mask)) {
        unsigned long flags = local_irq_save();
        fn(data);
        local_irq_restore(flags);
    }
    if (n) {
        while (__atomic_load_n(&call.acked, __ATOMIC_ACQUIRE) < n)
            cpu_relax();
        cpumask_clear(&call.targets);
        spin_unlock(&call_lock);
    }
}

void smp_call_function(void (*fn)(void *), void *data, bool wait)
{
    cpumask_t others;

    cpumask_copy(&others, &cpu_online_map);
    cpumask_clear_cpu(smp_processor_id(), &others);
    on_selected_cpus(&others, fn, data, wait);
}

/* Leave the online map and halt for good, interrupts (and NMIs) blocked. */
static void __noreturn stop_this_cpu(void)
{
    local_irq_disable();
    this_cpu()->online = false;
    cpumask_clear_cpu(smp_processor_id(), &cpu_online_map);
    for (;;)
        halt();
}

static void stop_cpu_interrupt(struct cpu_user_regs *regs)
{
    (void)regs;
    apic_eoi();
    stop_this_cpu();
}

bool nmi_stop_this_cpu(void)
{
    if (!__atomic_load_n(&stop_requested, __ATOMIC_ACQUIRE))
        return false;
    stop_this_cpu();
}

/* Wait until only this CPU is online or @us pass; true if all stopped. */
static bool wait_others_stopped(unsigned long us)
{
    for (unsigned long t = 0; t < us; t += 100) {
        if (num_online_cpus() <= 1)
            return true;
        udelay(100);
    }
    return num_online_cpus() <= 1;
}

/*
 * A fixed-vector IPI first (stops CPUs idling with interrupts on, without
 * going through NMI handling), then an NMI for any CPU still running.
 */
void smp_stop_other_cpus(void)
{
    unsigned int self = smp_processor_id(), cpu;

    __atomic_store_n(&stop_requested, true, __ATOMIC_RELEASE);
    if (!cpu_online(self) || num_online_cpus() <= 1)
        return;
    for_each_online_cpu(cpu)
        if (cpu != self)
            send_ipi(cpu, APIC_DM_FIXED | STOP_CPU_VECTOR);
    if (wait_others_stopped(STOP_IPI_WAIT_US))
        return;
    for_each_online_cpu(cpu)
        if (cpu != self)
            send_ipi(cpu, APIC_DM_NMI);
    wait_others_stopped(STOP_TOTAL_WAIT_US - STOP_IPI_WAIT_US);
}

static int smp_ipi_init(void)
{
    set_irq_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
    set_irq_handler(STOP_CPU_VECTOR, stop_cpu_interrupt);
    return 0;
}
presmp_initcall(smp_ipi_init);
