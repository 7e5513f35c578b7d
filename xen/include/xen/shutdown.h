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

extern bool opt_noreboot;

#endif
