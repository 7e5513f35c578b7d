/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* x86 time internals shared by time.c and apic_timer.c. */
#ifndef ASM_TIME_H
#define ASM_TIME_H

#include <xen/types.h>

struct time_scale;
/* System time at TSC value @tsc (NOW() is tsc_to_stime(rdtsc())). */
s_time_t tsc_to_stime(uint64_t tsc);
/* The TSC-to-ns scale system time uses (for pvclock). */
void tsc_scale_get(struct time_scale *ts);
/* TSC value at which system time @t is reached. */
uint64_t stime_to_tsc(s_time_t t);
/*
 * Invariant TSC and synchronised across the CPUs (checked once the APs are
 * up, tsc_sync.c): guests get XEN_PVCLOCK_TSC_STABLE_BIT.
 */
bool tsc_stable(void);
/* Boot CPU: calibrate the local APIC timer against the TSC, pick its mode. */
void apic_timer_init(void);

#endif
