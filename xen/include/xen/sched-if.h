/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The scheduling policy interface, between the generic scheduler
 * (common/sched.c: run loop, locking, runstates, pausing, kicks, slice
 * timer) and a policy (common/sched_rr.c now; a credit scheduler later).
 *
 * Each pCPU has one struct sched_rq.  The generic layer calls every policy
 * hook with that run queue's lock held.  The queue holds exactly the vCPUs
 * of that pCPU that are runnable and not running; the policy keeps
 * v->on_runq in step.  Policies never sleep, allocate or take locks, so
 * they are host-testable.
 */
#ifndef XEN_SCHED_IF_H
#define XEN_SCHED_IF_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/timer.h>

struct vcpu;

struct sched_rq {
    spinlock_t lock;
    struct vcpu *head, *tail;       /* queued vCPUs (policy order) */
    unsigned int nr_queued;
    struct vcpu *curr;              /* running vCPU, NULL when none */
    const struct vcpu *last;        /* vCPU of the current slice (identity only) */
    s_time_t slice_end;             /* end of the current slice */
    s_time_t timeslice;             /* slice length (sched_timeslice=) */
    struct timer slice_timer;       /* raises SCHEDULE_SOFTIRQ at slice_end */
};

struct sched_policy {
    const char *name;
    /* @v became runnable (not running, not queued): queue it. */
    void (*insert)(struct sched_rq *rq, struct vcpu *v);
    /* @v (queued) is no longer runnable or goes away: unqueue it. */
    void (*remove)(struct sched_rq *rq, struct vcpu *v);
    /* @v stopped running at @now and is still runnable: queue it again. */
    void (*put_prev)(struct sched_rq *rq, struct vcpu *v, s_time_t now);
    /*
     * Dequeue the vCPU to run next, or NULL.  Sets *new_slice when a new
     * slice starts (rq->slice_end updated: arm the slice timer).
     */
    struct vcpu *(*pick)(struct sched_rq *rq, s_time_t now, bool *new_slice);
};

extern const struct sched_policy sched_rr_policy;

#endif
