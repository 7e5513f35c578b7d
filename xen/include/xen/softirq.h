/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Softirqs: deferred work that interrupt handlers hand to the CPU's next
 * safe point (the idle loop now; the return path to a guest later).  Each
 * CPU has a bitmap of pending softirqs (struct percpu.softirq_pending),
 * set atomically by anyone and cleared only by its owner in do_softirq().
 * Handlers run with interrupts enabled, one at a time, lowest number first.
 */
#ifndef XEN_SOFTIRQ_H
#define XEN_SOFTIRQ_H

#include <xen/types.h>

enum softirq_nr {
    TIMER_SOFTIRQ,          /* run expired software timers */
    SCHEDULE_SOFTIRQ,       /* reserved for the scheduler */
    NR_SOFTIRQS
};

typedef void (*softirq_handler)(void);

/* Install @fn for softirq @nr (boot time, before it can be raised). */
void open_softirq(unsigned int nr, softirq_handler fn);
/* Mark @nr pending on this CPU. */
void raise_softirq(unsigned int nr);
/*
 * Mark @nr pending on @cpu; a remote CPU that is online gets an IPI on
 * EVENT_CHECK_VECTOR so it leaves HLT and notices.  Safe from any context.
 */
void cpu_raise_softirq(unsigned int cpu, unsigned int nr);
/* Run this CPU's pending softirqs until none is left. */
void do_softirq(void);
/* Whether @cpu has softirqs pending (a hint unless read by @cpu itself). */
bool softirq_pending(unsigned int cpu);
/* Register the event-check IPI handler (once, on the boot CPU). */
void softirq_init(void);

#endif
