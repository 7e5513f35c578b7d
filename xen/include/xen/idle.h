/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Halting idle CPUs. */
#ifndef XEN_IDLE_H
#define XEN_IDLE_H

#include <xen/compiler.h>
#include <xen/types.h>

/*
 * Halt until the next interrupt unless this CPU has softirqs pending or
 * @more_work (may be NULL; called with interrupts disabled) says there is
 * something to do.  Returns with interrupts enabled.
 */
void idle_halt(bool (*more_work)(unsigned int cpu));

/*
 * Run softirqs and halt until the next interrupt, forever (a CPU without
 * a scheduler).  Every CPU normally ends its bring-up in schedule_loop()
 * (xen/sched.h) instead, once its local APIC timer is set up.
 */
void __noreturn idle_loop(void);

#endif
