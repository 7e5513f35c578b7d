/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Credit scheduling policy, the accounting half: every period each pCPU
 * shares its period of CPU time out among the vCPUs resident on it that
 * compete for it (ran since the last refill, or are queued), in proportion
 * to their weight.  A domain's weight and cap are split evenly over its
 * up vCPUs.  Credit is bounded: at most one period (a capped vCPU: its cap
 * share), at least minus one period (sched_credit.c's burn), so a vCPU that
 * slept long cannot hoard and one that ran alone owes little.
 *
 * Runs on the pCPU itself (the generic layer's tick timer), with the run
 * queue locked and nothing running there: every resident vCPU is queued,
 * blocked, down or paused, and its credit is settled (burnt when it last
 * stopped).
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

/* The most credit @v may get per period, and hold: its cap's share. */
static s_time_t cap_share(const struct sched_rq *rq, const struct vcpu *v)
{
    uint64_t cap = v->domain->sched.cap;

    return (s_time_t)((uint64_t)rq->period * cap / (100u * up_vcpus(v->domain)));
}

static bool competing(const struct vcpu *v)
{
    return v->sched.active || v->on_runq;
}

/* Add @v's share of the period (weight @w out of @sum). */
static void refill(const struct sched_rq *rq, struct vcpu *v, uint64_t w, uint64_t sum)
{
    s_time_t share = (s_time_t)((uint64_t)rq->period * w / sum), upper = rq->period;

    if (v->domain->sched.cap) {
        upper = cap_share(rq, v);
        if (share > upper)
            share = upper;
    }
    v->sched.credit += share;
    if (v->sched.credit > upper)
        v->sched.credit = upper;
}

void sched_credit_tick(struct sched_rq *rq, s_time_t now)
{
    uint64_t sum = 0;
    struct vcpu *v;

    (void)now;
    for (v = rq->res_head; v; v = v->sched.res_next)
        if (competing(v))
            sum += sched_credit_vcpu_weight(v);
    for (v = rq->res_head; v; v = v->sched.res_next) {
        if (competing(v))
            refill(rq, v, sched_credit_vcpu_weight(v), sum);
        v->sched.active = false;            /* until it runs again */
        if (v->sched.credit > 0) {
            v->sched.parked = false;
            if (v->sched.prio != SCHED_PRI_BOOST)
                v->sched.prio = SCHED_PRI_UNDER;
        } else {
            v->sched.prio = SCHED_PRI_OVER;
        }
    }
    sched_credit_requeue_all(rq);           /* new priorities, parked count */
}
