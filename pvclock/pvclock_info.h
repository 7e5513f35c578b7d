/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Both sides of struct vcpu_time_info (include/public/xen.h): the
 * hypervisor publishes (tsc_timestamp, system_time, scale) under the
 * version odd/even protocol; a guest takes a consistent snapshot and
 * extrapolates with its own TSC.  Freestanding, shared by the hypervisor,
 * test guests and host tests.  Also the wallclock fields of shared_info,
 * which follow the same protocol through wc_version.
 */
#ifndef PVCLOCK_PVCLOCK_INFO_H
#define PVCLOCK_PVCLOCK_INFO_H

#include <stdint.h>
#include <public/xen.h>
#include "pvclock.h"

/*
 * Producer: make version odd, write the fields, make it even again (two
 * increments in all), with the stores ordered for a reader on another CPU.
 * Returns the (even) version written last.
 */
uint32_t pvclock_publish(volatile struct vcpu_time_info *t, uint64_t tsc,
                     uint64_t system_time, const struct time_scale *ts, uint8_t flags);

/* Consumer: a consistent copy of @src (retries while an update is in flight). */
void pvclock_snapshot(const volatile struct vcpu_time_info *src, struct vcpu_time_info *dst);

/* System time (ns) at TSC value @tsc from a snapshot; never below system_time. */
uint64_t pvclock_time_at(const struct vcpu_time_info *t, uint64_t tsc);

/*
 * One vCPU's clock across publications.  Each pCPU turns its own TSC into
 * system time; if the TSCs are not perfectly synchronised, a record made
 * on the pCPU a vCPU moves to can be behind what the vCPU last read on
 * the old one.  The guard keeps the guest's view monotonic: it remembers
 * the highest time the vCPU could have read (at each publication, and when
 * it stops running, with that pCPU's TSC) and never publishes less.  A
 * bump is carried forward by later records (they extrapolate the last
 * one), so the guest's clock never runs backwards; it may run ahead of
 * the new pCPU's system time by at most the TSC skew, which errs on the
 * late side for timers.  With synchronised TSCs it never bumps.
 */
struct pvclock_guard {
    struct vcpu_time_info last;     /* the last record published (version unused) */
    uint64_t floor;                 /* no read of the vCPU's clock so far returned more */
    int valid;                      /* last holds a record */
};

/* The vCPU stopped running; @tsc is the TSC of the pCPU it ran on, read now. */
void pvclock_guard_leave(struct pvclock_guard *g, uint64_t tsc);

/*
 * The record to publish on a pCPU whose TSC reads @tsc and whose system
 * time is @now: system_time = max(@now, floor, the last record at @tsc).
 * Remembers it as the last record.  version is left 0 in @out.
 */
void pvclock_guard_record(struct pvclock_guard *g, uint64_t tsc, uint64_t now,
                          const struct time_scale *ts, uint8_t flags,
                          struct vcpu_time_info *out);

/* Producer of the wallclock at system time 0 (@sec may exceed 32 bits). */
void pvclock_publish_wallclock(volatile struct shared_info *s, uint64_t sec, uint32_t nsec);

/* Consumer: the wallclock at system time 0, consistently read. */
void pvclock_read_wallclock(const volatile struct shared_info *s, uint64_t *sec, uint32_t *nsec);

#endif
