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
    struct vcpu_time_info t = {
        .tsc_timestamp = tsc, .system_time = (uint64_t)tsc_to_stime(tsc),
    };

    tsc_scale_get(&ts);
    t.tsc_to_system_mul = ts.mul_frac;
    t.tsc_shift = (int8_t)ts.shift;
    t.version = pvclock_publish(&vcpu_info(v)->time, t.tsc_timestamp, t.system_time, &ts,
                                t.flags);
    /* The secondary copy (VCPUOP_register_vcpu_time_memory_area), from our own values. */
    vcpu_time_area_update(v, &t);
}

void vcpu_force_time_update(struct vcpu *v)
{
    update_vcpu_system_time(v);
}
