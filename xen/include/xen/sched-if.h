/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The scheduling policy interface, between the generic scheduler
 * (common/sched.c: run loop, locking, runstates, pausing, kicks, slice and
 * accounting timers, load balancing, migration) and a policy
 * (common/sched_credit.c, the default; common/sched_rr.c, `sched=rr`).
 *
 * Each pCPU has one struct sched_rq.  The generic layer calls every policy
 * hook with that run queue's lock held (steal: the locks of both queues).
 * The queue holds exactly the vCPUs of that pCPU that are runnable and not
 * running; the policy keeps v->on_runq in step, and nr_parked counts the
 * queued ones it will not pick for now (over their cap).  Policies never
 * sleep, allocate or take locks, so they are host-testable.  Optional
 * hooks may be NULL.
 *
 * Migration is the generic layer's: an idle (or less busy) pCPU asks the
 * policy of another queue for a vCPU it may steal (steal), and moves it
 * with remove + insert under both locks, changing v->processor in between.
 */
#ifndef XEN_SCHED_IF_H
#define XEN_SCHED_IF_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/lib.h>
#include <xen/sched.h>

struct vcpu;

/* Priorities, higher first (Xen's credit scheduler: BOOST > UNDER > OVER). */
#define SCHED_PRI_NONE      (-1)    /* nothing to run */
#define SCHED_PRI_OVER      0       /* used up its credit */
#define SCHED_PRI_UNDER     1       /* has credit left */
#define SCHED_PRI_BOOST     2       /* just woke up with credit left */

#define SCHED_DEFAULT_WEIGHT 256
/*
 * Credit bounds, in accounting periods: [-SCHED_CREDIT_DEBT, SCHED_CREDIT_BOUND].
 * Wide enough that a stall (a vCPU charged for a long run it could not
 * use -- an emulator thread descheduled by its host, SMIs --, another kept
 * waiting as long) is paid back rather than forgotten.  Debt builds up only
 * by running beyond one's share, so a deep bound costs nothing otherwise.
 */
#define SCHED_CREDIT_BOUND  3
#define SCHED_CREDIT_DEBT   10

struct sched_rq {
    spinlock_t lock;
    unsigned int cpu;               /* the pCPU it belongs to */
    struct vcpu *head, *tail;       /* queued vCPUs (policy order) */
    unsigned int nr_queued;
    unsigned int nr_parked;         /* queued but not pickable now */
    struct vcpu *res_head;          /* every vCPU placed here (v->sched.res_*) */
    unsigned int nr_resident;
    struct vcpu *curr;              /* running vCPU, NULL when none */
    const struct vcpu *last;        /* vCPU of the current slice (identity only) */
    s_time_t slice_end;             /* end of the current slice */
    s_time_t switch_at;             /* last deschedule, 0 once idle (overhead charging) */
    s_time_t timeslice;             /* slice length (sched_timeslice=) */
    s_time_t period;                /* accounting period (policies with tick) */
    struct timer slice_timer;       /* raises SCHEDULE_SOFTIRQ at slice_end */
};

struct sched_policy {
    const char *name;
    const char *opt_name;           /* its sched= value */
    /* A new vCPU, placed on @rq's pCPU, down: set up its policy state. */
    void (*vcpu_init)(struct sched_rq *rq, struct vcpu *v);
    /*
     * @v became runnable (not running, not queued): queue it.  v->sched.woke
     * says it was blocked until now (the policy clears it).
     */
    void (*insert)(struct sched_rq *rq, struct vcpu *v);
    /* @v (queued) is no longer runnable, moves or goes away: unqueue it. */
    void (*remove)(struct sched_rq *rq, struct vcpu *v);
    /* @v stopped running at @now (after burn) and is still runnable: queue it again. */
    void (*put_prev)(struct sched_rq *rq, struct vcpu *v, s_time_t now);
    /*
     * Dequeue the vCPU to run next, or NULL.  Sets *new_slice when a new
     * slice starts (rq->slice_end updated: arm the slice timer).
     */
    struct vcpu *(*pick)(struct sched_rq *rq, s_time_t now, bool *new_slice);
    /* Optional: @v stops running at @now (runnable or not): charge its time. */
    void (*burn)(struct sched_rq *rq, struct vcpu *v, s_time_t now);
    /* Optional: should @v, just queued, preempt rq->curr? */
    bool (*preempt)(const struct sched_rq *rq, const struct vcpu *v);
    /* Priority of the vCPU pick() would take now, SCHED_PRI_NONE if none. */
    int (*best_prio)(const struct sched_rq *rq);
    /*
     * A queued, pickable vCPU of @rq that pCPU @cpu may run (affinity) and
     * that deserves to run there before what @cpu's own queue @local holds
     * (NULL: @cpu is idle, anything will do), or NULL.  It stays queued:
     * the caller moves it (remove, change processor, insert elsewhere).
     */
    struct vcpu *(*steal)(const struct sched_rq *rq, unsigned int cpu,
                          const struct sched_rq *local);
    /*
     * Optional: an accounting period ended at @now, @span ns after the
     * last one (a period, more if the timer was late): refill the credits
     * of every vCPU resident on the @n online pCPUs' queues @rqs (all
     * locked; their running vCPUs are charged up to @now first).
     */
    void (*tick)(struct sched_rq *const rqs[], unsigned int n, s_time_t now, s_time_t span);
    /* Optional: @v (running) asked to yield. */
    void (*yield)(struct sched_rq *rq, struct vcpu *v);
    /* Optional: policy state of @v for the 'r' key ("credit=... pri=..."). */
    void (*describe)(const struct vcpu *v, char *buf, size_t len);
};

/*
 * Take queued @v off @rq's list (the part of remove() every policy shares:
 * links, on_runq, nr_queued).  BUGs if @v is not queued.
 */
static inline void sched_rq_unlink(struct sched_rq *rq, struct vcpu *v)
{
    BUG_ON(!v->on_runq || !rq->nr_queued);
    if (v->rq_prev)
        v->rq_prev->rq_next = v->rq_next;
    else
        rq->head = v->rq_next;
    if (v->rq_next)
        v->rq_next->rq_prev = v->rq_prev;
    else
        rq->tail = v->rq_prev;
    v->rq_next = v->rq_prev = NULL;
    v->on_runq = false;
    rq->nr_queued--;
}

extern const struct sched_policy sched_rr_policy;
extern const struct sched_policy sched_credit_policy;

/* Credit: the weight a domain's vCPU competes with (weight split over its up vCPUs). */
unsigned int sched_credit_vcpu_weight(const struct vcpu *v);
/* Credit internals (sched_credit.c <-> sched_credit_acct.c). */
void sched_credit_tick(struct sched_rq *const rqs[], unsigned int n, s_time_t now,
                       s_time_t span);
void sched_credit_requeue_all(struct sched_rq *rq);
/* Charge running @v for the time since it was picked or last charged. */
void sched_credit_charge(struct sched_rq *rq, struct vcpu *v, s_time_t now);

/* ---- generic layer internals (common/sched*.c) ---- */
extern const struct sched_policy *sched_policy;
extern struct sched_rq sched_runqs[];

/* Lock the run queue of v->processor, re-checking it after locking (migration). */
struct sched_rq *vcpu_schedule_lock(const struct vcpu *v, unsigned long *flags);
void vcpu_schedule_unlock(struct sched_rq *rq, unsigned long flags);
/* Resident lists: @v is placed on / leaves @rq's pCPU (rq lock held). */
void sched_res_link(struct sched_rq *rq, struct vcpu *v);
void sched_res_unlink(struct sched_rq *rq, struct vcpu *v);
/* @rq (locked) has work it cannot start now: kick an idle pCPU that could steal it. */
void sched_tickle_idle(struct sched_rq *rq);
/* Bring v->runstate in line with its flags at @now (run queue lock held). */
void sched_update_runstate(struct vcpu *v, s_time_t now);

#endif
