/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Machine halt and reset (arch hooks) and the panic path. */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/compiler.h>
#include <xen/types.h>

/* Reset the machine (keyboard controller, ACPI reset register, triple fault). */
void __noreturn machine_restart(void);
/* Stop this CPU for good with interrupts off. */
void __noreturn machine_halt(void);
/* Stop every other CPU (used by panic); returns once they are stopped or gone. */
void smp_stop_other_cpus(void);

/*
 * Enter the crash path: interrupts off; the first CPU to get here stops
 * the others and breaks the console lock, any other CPU halts for good.
 * The same CPU may enter again (e.g. a fault while reporting).
 */
void crash_enter(void);
/* panic() for callers that already printed the execution state and trace. */
void __noreturn panic_after_report(const char *fmt, ...) __printf(1, 2);
/* Busy-wait about @ms milliseconds without timers or calibration (PIT). */
void early_delay_ms(unsigned int ms);

extern bool opt_noreboot;

#endif
