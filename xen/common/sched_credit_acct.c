/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Credit scheduling policy, the accounting half.  Every period, each pCPU's
 * time since the last refill (the span: a period, more when the timer was
 * late or the machine stalled) is shared out among the competing vCPUs
 * that may run on it (hard affinity), in proportion to their weight; a
 * vCPU's refill is the sum over the pCPUs of its affinity, at most the
 * span (it cannot use more than one pCPU) and at most its cap's share.  So two domains
 * pinned to one pCPU split that pCPU by weight, and three unpinned ones on
 * two pCPUs get 2/3 of a period each (load balancing then moves them so
 * that they can use it).  A domain's weight and cap are split evenly over
 * its up vCPUs.  Competing: ran since the last refill, queued or running.
 *
 * Credit is bounded: at most SCHED_CREDIT_BOUND periods (capped: its cap
 * share), at least -SCHED_CREDIT_DEBT periods (sched_credit.c).  Runs with every online run queue locked.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/sched-if.h>

#define WEIGHT_SCALE 1024u          /* fractional weights of multi-vCPU domains */

static unsigned int up_vcpus(const struct domain *d)
{
    unsigned int n = 0;

    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        const struct vcpu *v = d->vcpu ? d->vcpu[i] : NULL;

        if (v && !(READ_ONCE(v->pause_flags) & VPF_down))
            n++;
    }
    return n ? n : 1;
}

unsigned int sched_credit_vcpu_weight(const struct vcpu *v)
{
    unsigned int w = v->domain->sched.weight ? v->domain->sched.weight : SCHED_DEFAULT_WEIGHT;
    unsigned int share = (uint64_t)w * WEIGHT_SCALE / up_vcpus(v->domain);

    return share ? share : 1;
}

static bool competing(const struct vcpu *v)
{
    return v->sched.active || v->on_runq || v->is_running;
}

#define for_each_resident(rqs, n, i, v) \
    for (unsigned int i = 0; i < (n); i++) \
        for (struct vcpu *v = (rqs)[i]->res_head; v; v = v->sched.res_next)

/* @v's cap's share of @span (0: no cap). */
static s_time_t cap_share(const struct vcpu *v, s_time_t span)
{
    uint64_t cap = v->domain->sched.cap;

    return (s_time_t)((uint64_t)span * cap / (100u * up_vcpus(v->domain)));
}

/* @v's refill for @span: its weight's part of each pCPU it may use, bounded. */
static s_time_t refill_of(const struct vcpu *v, struct sched_rq *const rqs[], unsigned int n,
                          const uint64_t weight_on[], s_time_t span)
{
    s_time_t share = 0, upper = v->domain->sched.cap ? cap_share(v, span) : span;
    uint64_t w = sched_credit_vcpu_weight(v);

    for (unsigned int c = 0; c < n; c++)
        if (weight_on[c] && cpumask_test_cpu(rqs[c]->cpu, &v->sched.affinity))
            share += (s_time_t)((uint64_t)span * w / weight_on[c]);
    return share < upper ? share : upper;
}

/*
 * Add the refill, apply the bounds (SCHED_CREDIT_BOUND periods; capped: the
 * cap's share of the span), set priority and parking from the credit.
 */
static void settle(struct vcpu *v, s_time_t refill, s_time_t period, s_time_t span)
{
    s_time_t upper = v->domain->sched.cap ? cap_share(v, span > period ? span : period)
                                          : SCHED_CREDIT_BOUND * period;

    v->sched.credit += refill;
    if (v->sched.credit > upper)
        v->sched.credit = upper;
    v->sched.active = v->is_running;        /* others: until they run again */
    if (v->sched.credit > 0) {
        v->sched.parked = false;
        if (v->sched.prio != SCHED_PRI_BOOST)
            v->sched.prio = SCHED_PRI_UNDER;
    } else {
        v->sched.prio = SCHED_PRI_OVER;
    }
}

void sched_credit_tick(struct sched_rq *const rqs[], unsigned int n, s_time_t now,
                       s_time_t span)
{
    uint64_t weight_on[NR_CPUS] = { 0 };

    if (!n || n > NR_CPUS || span <= 0)
        return;
    if (span > SCHED_CREDIT_DEBT * rqs[0]->period)
        span = SCHED_CREDIT_DEBT * rqs[0]->period;     /* as much as a debt can be */
    for (unsigned int i = 0; i < n; i++)
        if (rqs[i]->curr)
            sched_credit_charge(rqs[i], rqs[i]->curr, now);
    for_each_resident(rqs, n, i, v)
        if (competing(v))
            for (unsigned int c = 0; c < n; c++)
                if (cpumask_test_cpu(rqs[c]->cpu, &v->sched.affinity))
                    weight_on[c] += sched_credit_vcpu_weight(v);
    for_each_resident(rqs, n, i, v)
        settle(v, competing(v) ? refill_of(v, rqs, n, weight_on, span) : 0, rqs[i]->period,
               span);
    for (unsigned int i = 0; i < n; i++)
        sched_credit_requeue_all(rqs[i]);   /* new priorities, parked count */
}
