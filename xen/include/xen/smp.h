/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Multiprocessor support: bringing up the secondary CPUs (smpboot.c) and
 * talking to them with inter-processor interrupts (smp.c).
 *
 * CPU numbers are logical: 0 is the boot CPU, the others follow the MADT
 * order.  per_cpu(cpu)->apic_id maps a number to its local APIC ID.
 */
#ifndef XEN_SMP_H
#define XEN_SMP_H

#include <xen/cpumask.h>
#include <xen/compiler.h>
#include <xen/types.h>

/* CPUs running hypervisor code and accepting IPIs; updated atomically. */
extern cpumask_t cpu_online_map;

#define for_each_online_cpu(cpu) for_each_cpu(cpu, &cpu_online_map)
#define num_online_cpus() cpumask_weight(&cpu_online_map)

static inline bool cpu_online(unsigned int cpu)
{
    return cpumask_test_cpu(cpu, &cpu_online_map);
}

/*
 * Boot CPU: parse the MADT and start every enabled CPU (at most
 * `maxcpus=`), then print "Brought up <N> CPUs".  CPUs that do not answer
 * are reported and left parked in INIT.
 */
void smp_boot_cpus(void);

/* First C code of a secondary CPU (called from the trampoline). */
void __noreturn start_secondary(unsigned int cpu);

/* Wake @cpu from halt (EVENT_CHECK_VECTOR, handled in softirq.c). */
void smp_send_event_check_cpu(unsigned int cpu);

/*
 * Run fn(data) on every online CPU in @mask (the caller's CPU included if
 * set, run locally with interrupts off).  With @wait, return after all have
 * finished; without, after all have picked up fn/data.  Must be called
 * with interrupts enabled: two CPUs calling each other at once would
 * otherwise deadlock.  Calls are serialised by one lock.
 */
void on_selected_cpus(const cpumask_t *mask, void (*fn)(void *), void *data, bool wait);
/* on_selected_cpus() on all online CPUs but this one. */
void smp_call_function(void (*fn)(void *), void *data, bool wait);

/*
 * Panic path: NMI every other online CPU so it stops even with interrupts
 * disabled; waits up to ~100 ms for them to acknowledge.  Safe to call
 * more than once and from any CPU.  (Declared in xen/shutdown.h too.)
 */
void smp_stop_other_cpus(void);

/*
 * NMI hook for the trap code: do_nmi(regs) calls this first.  If a stop
 * was requested, the CPU marks itself offline and halts forever (never
 * returns); otherwise returns false and the NMI is handled normally.
 */
bool nmi_stop_this_cpu(void);

#endif
