/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Credit scheduling policy, the run queue half (the accounting half is in
 * sched_credit_acct.c).  Modelled on Xen's credit scheduler, our own code:
 *
 * - Each vCPU holds credit in ns of CPU time.  Running burns it exactly
 *   (burn: the time since it was picked, including the switch to it);
 *   every accounting period each pCPU's time is shared out among the
 *   vCPUs that compete for it, in proportion to their weight (tick, in
 *   sched_credit_acct.c).
 * - Priority follows the credit: UNDER while it is > 0, OVER once spent.
 *   A vCPU woken from blocked with credit left is BOOSTed: it preempts the
 *   running UNDER/OVER vCPU (low wake-up latency for I/O and IPIs) until
 *   it is next descheduled.
 * - A capped domain's vCPUs get at most their cap's share each period; one
 *   out of credit is parked: it stays queued (it is runnable, its runstate
 *   says so) but is not picked until the next refill.  Its slices end when
 *   its credit does, so the cap holds to the slice timer's precision.
 * - The queue is sorted by priority, then by credit (most first, FIFO among
 *   equals), so debts are paid back also while everyone is OVER; a vCPU
 *   that stops before its slice ends resumes it at the head of its
 *   priority, one that yields goes to the tail.
 * - Stealing (load balancing): a pCPU takes a queued vCPU from another
 *   one if it has a higher priority than its own best, or the same with
 *   more than a slice more credit.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/sched-if.h>

static const char *const prio_names[] = { "OVER", "UNDER", "BOOST" };

static bool prio_ok(int prio)
{
    return prio >= SCHED_PRI_OVER && prio <= SCHED_PRI_BOOST;
}

/* Link @v before @pos (NULL: at the tail). */
static void link_before(struct sched_rq *rq, struct vcpu *v, struct vcpu *pos)
{
    v->rq_next = pos;
    v->rq_prev = pos ? pos->rq_prev : rq->tail;
    if (v->rq_prev)
        v->rq_prev->rq_next = v;
    else
        rq->head = v;
    if (pos)
        pos->rq_prev = v;
    else
        rq->tail = v;
}

/* Where cs_queue() puts a vCPU within its priority class. */
enum place {
    BY_CREDIT,                      /* after those with as much credit or more */
    CLASS_HEAD,                     /* resuming an interrupted slice */
    CLASS_TAIL,                     /* yielded */
};

/* Does @v go before @pos (both queued at @where's rules)? */
static bool goes_before(const struct vcpu *v, const struct vcpu *pos, enum place where)
{
    if (pos->sched.prio != v->sched.prio)
        return pos->sched.prio < v->sched.prio;
    if (where != BY_CREDIT)
        return where == CLASS_HEAD;
    return pos->sched.credit < v->sched.credit;
}

static void cs_queue(struct sched_rq *rq, struct vcpu *v, enum place where)
{
    struct vcpu *pos = rq->head;

    BUG_ON(v->on_runq || v->is_running || !prio_ok(v->sched.prio));
    while (pos && !goes_before(v, pos, where))
        pos = pos->rq_next;
    link_before(rq, v, pos);
    v->on_runq = true;
    rq->nr_queued++;
    if (v->sched.parked)
        rq->nr_parked++;
}

static void cs_remove(struct sched_rq *rq, struct vcpu *v)
{
    sched_rq_unlink(rq, v);
    if (v->sched.parked) {
        BUG_ON(!rq->nr_parked);
        rq->nr_parked--;
    }
}

static int credit_prio(const struct vcpu *v)
{
    return v->sched.credit > 0 ? SCHED_PRI_UNDER : SCHED_PRI_OVER;
}

static void cs_vcpu_init(struct sched_rq *rq, struct vcpu *v)
{
    (void)rq;
    v->sched.credit = 0;
    v->sched.prio = SCHED_PRI_OVER;
    v->sched.parked = false;
    v->sched.active = true;         /* shares in the first refill */
}

static void cs_insert(struct sched_rq *rq, struct vcpu *v)
{
    int prio = credit_prio(v);

    if (v->sched.woke && prio == SCHED_PRI_UNDER && !v->sched.parked)
        prio = SCHED_PRI_BOOST;
    v->sched.woke = false;
    v->sched.prio = prio;
    cs_queue(rq, v, BY_CREDIT);
}

static void cs_put_prev(struct sched_rq *rq, struct vcpu *v, s_time_t now)
{
    bool resume = v == rq->last && now < rq->slice_end && !v->sched.yield;
    enum place where = resume ? CLASS_HEAD : v->sched.yield ? CLASS_TAIL : BY_CREDIT;

    if (v->sched.yield && rq->last == v)
        rq->last = NULL;            /* whoever runs next gets a fresh slice */
    v->sched.yield = false;
    cs_queue(rq, v, where);
}

static struct vcpu *first_pickable(const struct sched_rq *rq)
{
    struct vcpu *v = rq->head;

    while (v && v->sched.parked)
        v = v->rq_next;
    return v;
}

/*
 * Where @v's charge starts: at the previous vCPU's deschedule when the pCPU
 * went straight from that one to @v (the switch -- softirqs, balancing,
 * picking -- costs CPU time too; charged to nobody, that time would be
 * refilled as credit nobody can use, which drifts shares towards equal),
 * bounded by MAX_SWITCH_CHARGE; from @now after idling.
 */
#define MAX_SWITCH_CHARGE 1000000   /* 1 ms */

static s_time_t charge_from(const struct sched_rq *rq, s_time_t now)
{
    if (!rq->switch_at || rq->switch_at > now)
        return now;
    return now - rq->switch_at > MAX_SWITCH_CHARGE ? now - MAX_SWITCH_CHARGE : rq->switch_at;
}

static struct vcpu *cs_pick(struct sched_rq *rq, s_time_t now, bool *new_slice)
{
    struct vcpu *v = first_pickable(rq);

    *new_slice = false;
    if (!v)
        return NULL;
    cs_remove(rq, v);
    v->sched.run_start = charge_from(rq, now);
    if (v != rq->last || now >= rq->slice_end) {
        rq->last = v;
        rq->slice_end = now + rq->timeslice;
        *new_slice = true;
    }
    /* A capped vCPU stops when its credit is gone (credit > 0: not parked). */
    if (v->domain->sched.cap && rq->slice_end > now + v->sched.credit) {
        rq->slice_end = now + v->sched.credit;
        *new_slice = true;
    }
    return v;
}

void sched_credit_charge(struct sched_rq *rq, struct vcpu *v, s_time_t now)
{
    s_time_t ran = now - v->sched.run_start;

    if (ran > 0)
        v->sched.credit -= ran;
    v->sched.run_start = now;
    if (v->sched.credit < -SCHED_CREDIT_DEBT * rq->period)
        v->sched.credit = -SCHED_CREDIT_DEBT * rq->period;     /* a bounded debt */
    v->sched.active = true;
}

/* Charge @v the time since it was picked; priority and parking follow. */
static void cs_burn(struct sched_rq *rq, struct vcpu *v, s_time_t now)
{
    sched_credit_charge(rq, v, now);
    v->sched.prio = credit_prio(v);         /* a boost ends here */
    if (v->domain->sched.cap && v->sched.credit <= 0)
        v->sched.parked = true;
}

static bool cs_preempt(const struct sched_rq *rq, const struct vcpu *v)
{
    return rq->curr && !v->sched.parked && v->sched.prio > rq->curr->sched.prio;
}

static int cs_best_prio(const struct sched_rq *rq)
{
    const struct vcpu *v = first_pickable(rq);

    return v ? v->sched.prio : SCHED_PRI_NONE;
}

/*
 * Worth moving to a pCPU whose best is @best: a higher priority, or the
 * same one with more than a slice more credit (it has been waiting while
 * @best ran: evens out vCPUs that share one pCPU against one alone).
 */
static bool better_than(const struct vcpu *v, const struct vcpu *best, s_time_t slice)
{
    if (!best || v->sched.prio > best->sched.prio)
        return true;
    return v->sched.prio == best->sched.prio && v->sched.credit > best->sched.credit + slice;
}

static struct vcpu *cs_steal(const struct sched_rq *rq, unsigned int cpu,
                             const struct sched_rq *local)
{
    const struct vcpu *best = local ? first_pickable(local) : NULL;
    int floor = best ? best->sched.prio : SCHED_PRI_NONE;

    for (struct vcpu *v = rq->head; v && v->sched.prio >= floor; v = v->rq_next)
        if (!v->sched.parked && cpumask_test_cpu(cpu, &v->sched.affinity) &&
            better_than(v, best, rq->timeslice))
            return v;
    return NULL;
}

static void cs_yield(struct sched_rq *rq, struct vcpu *v)
{
    (void)rq;
    v->sched.yield = true;
}

static void cs_describe(const struct vcpu *v, char *buf, size_t len)
{
    int prio = v->sched.prio;

    snprintf(buf, len, "credit=%lldus pri=%s%s%s", (long long)(v->sched.credit / 1000),
             prio_ok(prio) ? prio_names[prio] : "?", v->sched.parked ? " parked" : "",
             v->sched.active ? "" : " inactive");
}

/* Re-sort @rq after priorities changed (stable: FIFO order kept within one). */
void sched_credit_requeue_all(struct sched_rq *rq)
{
    struct vcpu *v = rq->head;

    rq->head = rq->tail = NULL;
    rq->nr_queued = rq->nr_parked = 0;
    while (v) {
        struct vcpu *next = v->rq_next;

        v->on_runq = false;
        cs_queue(rq, v, BY_CREDIT);
        v = next;
    }
}

const struct sched_policy sched_credit_policy = {
    .name = "credit",
    .opt_name = "credit",
    .vcpu_init = cs_vcpu_init,
    .insert = cs_insert,
    .remove = cs_remove,
    .put_prev = cs_put_prev,
    .pick = cs_pick,
    .burn = cs_burn,
    .preempt = cs_preempt,
    .best_prio = cs_best_prio,
    .steal = cs_steal,
    .tick = sched_credit_tick,
    .yield = cs_yield,
    .describe = cs_describe,
};
