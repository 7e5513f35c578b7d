/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The 'r' debug key: dump every online pCPU's run queue -- the running
 * vCPU, the queued ones in the order they would run (with their credit and
 * priority under the credit policy) and how many vCPUs reside there.  Each
 * queue is copied under its lock and printed after it is dropped.
 */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/sched-if.h>
#include <xen/smp.h>

#define DUMP_MAX 16                 /* queued vCPUs shown per pCPU */

struct rq_snap {
    char curr[96];
    char queued[DUMP_MAX][96];
    unsigned int nr_shown, nr_queued, nr_parked, nr_resident;
};

static void describe(const struct vcpu *v, char *buf, size_t len)
{
    const struct domain *d = v->domain;
    char pol[64] = "";

    if (sched_policy->describe)
        sched_policy->describe(v, pol, sizeof(pol));
    snprintf(buf, len, "d%uv%u weight=%u cap=%u %s", d->domain_id, v->vcpu_id,
             d->sched.weight ? d->sched.weight : SCHED_DEFAULT_WEIGHT, d->sched.cap, pol);
}

static void snapshot(struct sched_rq *rq, struct rq_snap *s)
{
    unsigned long flags;
    const struct vcpu *v;

    spin_lock_irqsave(&rq->lock, flags);
    if (rq->curr)
        describe(rq->curr, s->curr, sizeof(s->curr));
    else
        snprintf(s->curr, sizeof(s->curr), "idle");
    s->nr_shown = 0;
    for (v = rq->head; v && s->nr_shown < DUMP_MAX; v = v->rq_next)
        describe(v, s->queued[s->nr_shown++], sizeof(s->queued[0]));
    s->nr_queued = rq->nr_queued;
    s->nr_parked = rq->nr_parked;
    s->nr_resident = rq->nr_resident;
    spin_unlock_irqrestore(&rq->lock, flags);
}

static void dump_runqs(unsigned char key)
{
    static struct rq_snap s;        /* keys run one at a time */
    unsigned int cpu;

    (void)key;
    printk("'r' pressed -> dumping run queues (%s)\n", sched_policy->name);
    for_each_online_cpu(cpu) {
        snapshot(&sched_runqs[cpu], &s);
        printk("CPU%u: current %s; %u queued (%u parked), %u resident\n", cpu, s.curr,
               s.nr_queued, s.nr_parked, s.nr_resident);
        for (unsigned int i = 0; i < s.nr_shown; i++)
            printk("  %u: %s\n", i + 1, s.queued[i]);
        if (s.nr_queued > s.nr_shown)
            printk("  ... %u more\n", s.nr_queued - s.nr_shown);
    }
}
DEFINE_KEYHANDLER('r', dump_runqs, "dump run queues");
