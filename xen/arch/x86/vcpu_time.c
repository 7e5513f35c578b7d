/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The guest's pvclock: each vcpu_info's vcpu_time_info says what system
 * time was at some TSC value and how TSC ticks scale to nanoseconds.
 * Guests read the host TSC unoffset and unscaled (see cpuid_policy.c), so
 * tsc_timestamp is a host TSC value and the scale is system time's own:
 * a guest computes exactly NOW().  XEN_PVCLOCK_TSC_STABLE_BIT is not set
 * yet (issue 7 decides when it holds), so Linux keeps its own monotonic
 * guard across vCPUs.
 */
#include <xen/shared.h>
#include <xen/time.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <pvclock/pvclock_info.h>

void update_vcpu_system_time(struct vcpu *v)
{
    struct time_scale ts;
    uint64_t tsc = rdtsc_ordered();

    tsc_scale_get(&ts);
    pvclock_publish(&vcpu_info(v)->time, tsc, (uint64_t)tsc_to_stime(tsc), &ts, 0);
}
