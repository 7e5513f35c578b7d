/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * vCPU life cycle and runstate time accounting.  A vCPU is created down
 * (VPF_down) with its vendor state and emulated local APIC, and placed on
 * a pCPU by the scheduler.  Destruction happens only with the vCPU off
 * every pCPU (the domain is paused and descheduled).
 *
 * Runstate changes come from the scheduler under the run queue lock; the
 * accounting itself is pvclock/runstate.c's.  They are bracketed by
 * vop.runstate_seq (odd while changing) so the runstate area can be
 * written from a consistent copy without that lock.  Leaving
 * RUNSTATE_running happens on the pCPU the vCPU ran on: its pvclock guard
 * notes, with that pCPU's TSC, the latest time the guest could have read.
 *
 * A context switch is stamped with one time, as Xen's schedule() does:
 * the scheduler stamps switching out (running -> runnable/blocked/...)
 * and switching in (runnable -> running) separately, with hypervisor work
 * in between (publishing the area, softirqs, the pick).  That gap would
 * count as runnable for both vCPUs, so neither one's steal would equal
 * what the other ran.  So a vCPU switched in within SWITCH_GAP_MAX of the
 * pCPU's last switch-out enters running at that switch-out (or at the
 * moment it became runnable, if later): the switch's cost is charged to
 * the incoming vCPU's running time.  A longer gap is the pCPU idling, and
 * is not charged.  Both transitions happen on the pCPU concerned (the
 * scheduler switches on the pCPU itself).  The price of the threshold: a
 * pCPU that idles less than SWITCH_GAP_MAX and then takes a vCPU that was
 * waiting on another pCPU's queue charges that short idle time to the
 * vCPU's running rather than its steal.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>
#include <asm/processor.h>
#include <pvclock/runstate.h>
#include <public/vcpu.h>

#define SWITCH_GAP_MAX MILLISECS(5)

static s_time_t last_switch_out[NR_CPUS];  /* per pCPU, under its run queue lock */

/* When @v, switched in at @now on this pCPU, is taken to enter running. */
static s_time_t switch_in_time(const struct vcpu *v, s_time_t now)
{
    return runstate_switch_in_time(now, last_switch_out[smp_processor_id()],
                                   v->runstate_entry_time,
                                   v->runstate == RUNSTATE_runnable, SWITCH_GAP_MAX);
}

void vcpu_runstate_change(struct vcpu *v, int new_state, s_time_t now)
{
    unsigned long flags;

    BUG_ON(new_state < 0 || new_state >= NR_RUNSTATES);
    if (new_state == RUNSTATE_running)
        now = switch_in_time(v, now);
    else if (v->runstate == RUNSTATE_running)
        last_switch_out[smp_processor_id()] = now;
    if (v->runstate == RUNSTATE_running && new_state != RUNSTATE_running && v->vop.ready) {
        spin_lock_irqsave(&v->vop.time_lock, flags);
        pvclock_guard_leave(&v->vop.clock, rdtsc_ordered());
        spin_unlock_irqrestore(&v->vop.time_lock, flags);
    }
    __atomic_store_n(&v->vop.runstate_seq, v->vop.runstate_seq + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    runstate_charge(v->runstate_time, &v->runstate_entry_time, (unsigned int)v->runstate, now);
    v->runstate = new_state;
    __atomic_store_n(&v->vop.runstate_seq, v->vop.runstate_seq + 1, __ATOMIC_RELEASE);
}

void vcpu_runstate_info_raw(struct vcpu *v, struct vcpu_runstate_info *info)
{
    unsigned int seq;

    do {
        seq = __atomic_load_n(&v->vop.runstate_seq, __ATOMIC_ACQUIRE);
        info->state = READ_ONCE(v->runstate);
        info->state_entry_time = (uint64_t)READ_ONCE(v->runstate_entry_time);
        for (unsigned int i = 0; i < NR_RUNSTATES; i++)
            info->time[i] = (uint64_t)READ_ONCE(v->runstate_time[i]);
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((seq & 1) || seq != __atomic_load_n(&v->vop.runstate_seq, __ATOMIC_RELAXED));
    info->pad = 0;
}

struct vcpu *vcpu_create(struct domain *d, unsigned int id, unsigned int cpu)
{
    struct vcpu *v;

    if (!d || d->is_dying || id >= d->max_vcpus || d->vcpu[id])
        return NULL;
    v = xzalloc(sizeof(*v));
    if (!v)
        return NULL;
    v->vcpu_id = id;
    v->domain = d;
    v->pause_flags = VPF_down;
    sched_insert_vcpu(v, cpu);
    vcpu_op_init(v);                /* timers on v->processor */
    if (hvm_vcpu_init(v)) {
        vcpu_op_destroy(v);
        xfree(v);
        return NULL;
    }
    /* Published last: for_each_vcpu() users see only complete vCPUs. */
    __atomic_store_n(&d->vcpu[id], v, __ATOMIC_RELEASE);
    return v;
}

void vcpu_destroy(struct vcpu *v)
{
    struct domain *d = v->domain;

    BUG_ON(v->is_running);
    vcpu_op_destroy(v);             /* timers, guest areas */
    sched_remove_vcpu(v);
    hvm_vcpu_destroy(v);
    d->vcpu[v->vcpu_id] = NULL;
    xfree(v);
}
