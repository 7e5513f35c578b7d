/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The per-CPU idle loop. */
#ifndef XEN_IDLE_H
#define XEN_IDLE_H

#include <xen/compiler.h>

/*
 * Run softirqs and halt until the next interrupt, forever.  Every CPU ends
 * its bring-up here (boot CPU from __start_xen, APs from their start path)
 * once its local APIC timer is set up (time_init_this_cpu()).
 */
void __noreturn idle_loop(void);

#endif
