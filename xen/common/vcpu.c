/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * vCPU life cycle and runstate time accounting.  A vCPU is created down
 * (VPF_down) with its vendor state and emulated local APIC; it is placed
 * on a pCPU once and stays there.  Destruction happens only with the
 * vCPU off every pCPU (the domain is paused and descheduled).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>

void vcpu_runstate_change(struct vcpu *v, int new_state, s_time_t now)
{
    s_time_t delta = now - v->runstate_entry_time;

    BUG_ON(new_state < 0 || new_state >= NR_RUNSTATES);
    if (delta > 0)
        v->runstate_time[v->runstate] += delta;
    v->runstate_entry_time = now;
    v->runstate = new_state;
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
