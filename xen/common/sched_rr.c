/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Round-robin scheduling policy: one FIFO of runnable vCPUs per pCPU.  A
 * vCPU that stops before its slice ends (a softirq, an exit that needs the
 * scheduler) goes back to the head and continues its slice; one whose slice
 * is over goes to the tail and the next one gets a fresh slice.  An idle
 * pCPU steals the first queued vCPU it may run.  Locking and everything
 * else is the generic layer's (see xen/sched-if.h).
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/sched-if.h>

static void rr_link_head(struct sched_rq *rq, struct vcpu *v)
{
    v->rq_prev = NULL;
    v->rq_next = rq->head;
    if (rq->head)
        rq->head->rq_prev = v;
    else
        rq->tail = v;
    rq->head = v;
}

static void rr_link_tail(struct sched_rq *rq, struct vcpu *v)
{
    v->rq_next = NULL;
    v->rq_prev = rq->tail;
    if (rq->tail)
        rq->tail->rq_next = v;
    else
        rq->head = v;
    rq->tail = v;
}

static void rr_queue(struct sched_rq *rq, struct vcpu *v, bool at_head)
{
    BUG_ON(v->on_runq || v->is_running);
    if (at_head)
        rr_link_head(rq, v);
    else
        rr_link_tail(rq, v);
    v->on_runq = true;
    rq->nr_queued++;
}

static void rr_insert(struct sched_rq *rq, struct vcpu *v)
{
    rr_queue(rq, v, false);
}

static void rr_remove(struct sched_rq *rq, struct vcpu *v)
{
    sched_rq_unlink(rq, v);
}

/* Continue the slice if it is this vCPU's and not over; else wait a turn. */
static void rr_put_prev(struct sched_rq *rq, struct vcpu *v, s_time_t now)
{
    rr_queue(rq, v, v == rq->last && now < rq->slice_end);
}

static struct vcpu *rr_pick(struct sched_rq *rq, s_time_t now, bool *new_slice)
{
    struct vcpu *v = rq->head;

    *new_slice = false;
    if (!v)
        return NULL;
    rr_remove(rq, v);
    if (v != rq->last || now >= rq->slice_end) {
        rq->last = v;
        rq->slice_end = now + rq->timeslice;
        *new_slice = true;
    }
    return v;
}

static int rr_best_prio(const struct sched_rq *rq)
{
    return rq->head ? SCHED_PRI_UNDER : SCHED_PRI_NONE;
}

/* Only a pCPU with nothing queued steals (every queued vCPU is equal). */
static struct vcpu *rr_steal(const struct sched_rq *rq, unsigned int cpu,
                             const struct sched_rq *local)
{
    if (local && local->head)
        return NULL;
    for (struct vcpu *v = rq->head; v; v = v->rq_next)
        if (cpumask_test_cpu(cpu, &v->sched.affinity))
            return v;
    return NULL;
}

const struct sched_policy sched_rr_policy = {
    .name = "round-robin",
    .opt_name = "rr",
    .best_prio = rr_best_prio,
    .steal = rr_steal,
    .insert = rr_insert,
    .remove = rr_remove,
    .put_prev = rr_put_prev,
    .pick = rr_pick,
};
