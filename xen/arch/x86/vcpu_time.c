/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The guest's pvclock: each vcpu_info's vcpu_time_info says what system
 * time was at some TSC value and how TSC ticks scale to nanoseconds.
 * Guests read the host TSC unoffset and unscaled (see cpuid_policy.c), so
 * tsc_timestamp is a host TSC value and the scale is system time's own:
 * a guest computes NOW() of the pCPU it runs on.
 *
 * When: on every schedule-in (the scheduler calls update_vcpu_system_time
 * on the pCPU the vCPU is about to run on, so a migrated vCPU gets a
 * record of its new pCPU), when the guest (re)places its vcpu_info or
 * registers a secondary area, and would be on recalibration (there is
 * none: the TSC is our only clock and its scale is fixed at boot).
 *
 * Monotonic: records go through the vCPU's pvclock_guard, so a record
 * never says less than the guest could already have read, even if the
 * new pCPU's TSC lags the old one's (see pvclock_info.h).
 *
 * XEN_PVCLOCK_TSC_STABLE_BIT: set only if the TSC is invariant and the
 * boot-time check found the CPUs' TSCs synchronised (tsc_sync.c); a guest
 * may then trust readings across its vCPUs without a global guard.
 */
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <pvclock/pvclock_info.h>

void update_vcpu_system_time(struct vcpu *v)
{
    struct time_scale ts;
    struct vcpu_time_info t;
    unsigned long flags;
    uint64_t tsc;

    tsc_scale_get(&ts);
    spin_lock_irqsave(&v->vop.time_lock, flags);
    tsc = rdtsc_ordered();
    pvclock_guard_record(&v->vop.clock, tsc, (uint64_t)tsc_to_stime(tsc), &ts,
                         tsc_stable() ? XEN_PVCLOCK_TSC_STABLE_BIT : 0, &t);
    t.version = pvclock_publish(&vcpu_info(v)->time, t.tsc_timestamp, t.system_time, &ts,
                                t.flags);
    spin_unlock_irqrestore(&v->vop.time_lock, flags);
    /* The secondary copy (VCPUOP_register_vcpu_time_memory_area), from our own values. */
    vcpu_time_area_update(v, &t);
}

void vcpu_force_time_update(struct vcpu *v)
{
    update_vcpu_system_time(v);
}
