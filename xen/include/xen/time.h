/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * System time and delays.  System time (s_time_t, ns) counts from TSC
 * calibration at boot and is read from the TSC through a pvclock scale,
 * so it is monotonic on each CPU (TSCs are assumed synchronised).
 *
 * Boot CPU:   time_init() at the "time:" step of __start_xen (after the
 *             local APIC is enabled, before any timer use).
 * Every AP:   time_init_this_cpu() after apic_init_this_cpu() and before
 *             interrupts are enabled / idle_loop(); it sets up this CPU's
 *             local APIC timer (TSC-deadline or one-shot) and may be
 *             called on any CPU, including again on the boot CPU.
 */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

#define SECONDS(s)      ((s_time_t)(s) * 1000000000LL)
#define MILLISECS(ms)   ((s_time_t)(ms) * 1000000LL)
#define MICROSECS(us)   ((s_time_t)(us) * 1000LL)
#define STIME_MAX       ((s_time_t)INT64_MAX)

/* Nanoseconds since time_init(); 0 before it. */
s_time_t NOW(void);
/* Busy-wait; usable before time_init() (assumes a fast TSC until then). */
void udelay(unsigned long us);
void mdelay(unsigned long ms);

/* TSC frequency in kHz (0 before calibration). */
extern unsigned long tsc_khz;

/* Calibrate TSC and local APIC timer on the boot CPU; set up timers. */
void time_init(void);
/* Per-CPU local APIC timer set-up; see above. */
void time_init_this_cpu(void);
/*
 * Program this CPU's local APIC timer to interrupt at @deadline (system
 * time); 0 disarms it.  Deadlines in the past fire as soon as possible;
 * far ones are clamped to what the hardware can count (firing early is
 * harmless: the timer softirq re-programs).
 */
void reprogram_timer(s_time_t deadline);
/* Print "Boot time to ready: <ms> ms" (TSC since reset); setup.c calls it. */
void time_report_boot(void);

#endif
