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

/* Producer of the wallclock at system time 0 (@sec may exceed 32 bits). */
void pvclock_publish_wallclock(volatile struct shared_info *s, uint64_t sec, uint32_t nsec);

/* Consumer: the wallclock at system time 0, consistently read. */
void pvclock_read_wallclock(const volatile struct shared_info *s, uint64_t *sec, uint32_t *nsec);

#endif
