/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The round-robin policy's run queue logic (xen/common/sched_rr.c). */
#include "harness.h"
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/sched-if.h>

#define MS(x) ((s_time_t)(x) * 1000000)

static const struct sched_policy *p = &sched_rr_policy;
static struct sched_rq rq;
static struct vcpu v[4];

static void setup(void)
{
    memset(&rq, 0, sizeof(rq));
    memset(v, 0, sizeof(v));
    rq.timeslice = MS(10);
    for (unsigned int i = 0; i < ARRAY_SIZE(v); i++)
        v[i].vcpu_id = i;
}

/* Pick at @now and mark running, as the generic layer does. */
static struct vcpu *pick(s_time_t now, bool *new_slice)
{
    bool ns;
    struct vcpu *x = p->pick(&rq, now, new_slice ? new_slice : &ns);

    if (x)
        x->is_running = true;
    return x;
}

static void stop(struct vcpu *x, s_time_t now)
{
    x->is_running = false;
    p->put_prev(&rq, x, now);
}

/* Queue order as vCPU ids, e.g. "0 1 2", checking the links both ways. */
static const char *order(void)
{
    static char buf[64];
    unsigned int n = 0, len = 0;
    struct vcpu *prev = NULL;

    buf[0] = '\0';
    for (struct vcpu *x = rq.head; x; prev = x, x = x->rq_next, n++) {
        CHECK(x->rq_prev == prev && x->on_runq);
        len += snprintf(buf + len, sizeof(buf) - len, "%s%u", n ? " " : "", x->vcpu_id);
    }
    CHECK(rq.tail == prev);
    CHECK_EQ(rq.nr_queued, n);
    return buf;
}

TEST(empty_queue_picks_nothing)
{
    bool ns = true;

    setup();
    CHECK(p->pick(&rq, 0, &ns) == NULL);
    CHECK(!ns);
    CHECK_STR(order(), "");
}

TEST(fifo_order_and_new_slices)
{
    bool ns;

    setup();
    for (unsigned int i = 0; i < 3; i++)
        p->insert(&rq, &v[i]);
    CHECK_STR(order(), "0 1 2");
    CHECK(pick(MS(0), &ns) == &v[0] && ns);
    CHECK_EQ(rq.slice_end, MS(10));
    CHECK(!v[0].on_runq);
    CHECK_STR(order(), "1 2");
}

TEST(early_stop_continues_the_slice)
{
    bool ns;

    setup();
    p->insert(&rq, &v[0]);
    p->insert(&rq, &v[1]);
    CHECK(pick(MS(0), &ns) == &v[0] && ns);
    stop(&v[0], MS(3));                     /* a softirq, slice not over */
    CHECK_STR(order(), "0 1");
    CHECK(pick(MS(3), &ns) == &v[0] && !ns);
    CHECK_EQ(rq.slice_end, MS(10));         /* same slice, timer stays armed */
}

TEST(expired_slice_rotates)
{
    bool ns;

    setup();
    for (unsigned int i = 0; i < 3; i++)
        p->insert(&rq, &v[i]);
    for (unsigned int round = 0; round < 6; round++) {
        struct vcpu *x = pick(MS(10 * round), &ns);
        CHECK(x == &v[round % 3] && ns);
        stop(x, MS(10 * round + 10));       /* the slice timer fired */
    }
    CHECK_STR(order(), "0 1 2");
}

TEST(single_vcpu_gets_fresh_slices)
{
    bool ns;

    setup();
    p->insert(&rq, &v[2]);
    CHECK(pick(0, &ns) == &v[2] && ns);
    stop(&v[2], MS(10));
    CHECK(pick(MS(10), &ns) == &v[2] && ns);
    CHECK_EQ(rq.slice_end, MS(20));
}

TEST(remove_from_anywhere)
{
    setup();
    for (unsigned int i = 0; i < 4; i++)
        p->insert(&rq, &v[i]);
    p->remove(&rq, &v[2]);
    CHECK_STR(order(), "0 1 3");
    p->remove(&rq, &v[0]);
    CHECK_STR(order(), "1 3");
    p->remove(&rq, &v[3]);
    CHECK_STR(order(), "1");
    p->remove(&rq, &v[1]);
    CHECK_STR(order(), "");
    CHECK(!v[1].on_runq && !v[1].rq_next && !v[1].rq_prev);
    p->insert(&rq, &v[3]);
    CHECK_STR(order(), "3");
}

TEST(blocked_vcpu_returns_at_the_tail)
{
    bool ns;

    setup();
    p->insert(&rq, &v[0]);
    p->insert(&rq, &v[1]);
    CHECK(pick(0, &ns) == &v[0]);
    v[0].is_running = false;                /* blocked: not put back */
    CHECK(pick(MS(1), &ns) == &v[1] && ns); /* another vCPU: new slice */
    p->insert(&rq, &v[0]);                  /* woken */
    stop(&v[1], MS(2));                     /* v1 continues its slice first */
    CHECK_STR(order(), "1 0");
}

TEST(only_a_pcpu_with_nothing_queued_steals)
{
    struct sched_rq other;

    setup();
    memset(&other, 0, sizeof(other));
    cpumask_set_cpu(0, &v[0].sched.affinity);       /* v0 may not run on CPU 1 */
    cpumask_set_cpu(0, &v[1].sched.affinity);
    cpumask_set_cpu(1, &v[1].sched.affinity);
    p->insert(&rq, &v[0]);
    p->insert(&rq, &v[1]);
    CHECK(p->steal(&rq, 1, NULL) == &v[1]);         /* the first one CPU 1 may run */
    CHECK(p->steal(&rq, 1, &other) == &v[1]);       /* its queue is empty */
    p->insert(&other, &v[2]);
    CHECK(p->steal(&rq, 1, &other) == NULL);        /* it has work of its own */
    CHECK(p->steal(&rq, 2, NULL) == NULL);          /* nobody may run on CPU 2 */
    CHECK_EQ(p->best_prio(&rq), SCHED_PRI_UNDER);
    CHECK_EQ(p->best_prio(&(struct sched_rq){ 0 }), SCHED_PRI_NONE);
}

TEST(misuse_is_caught)
{
    setup();
    p->insert(&rq, &v[0]);
    EXPECT_BUG(p->insert(&rq, &v[0]));      /* queued twice */
    EXPECT_BUG(p->remove(&rq, &v[1]));      /* not queued */
    v[2].is_running = true;
    EXPECT_BUG(p->insert(&rq, &v[2]));      /* running vCPUs are not queued */
    CHECK_STR(order(), "0");
}

TEST_MAIN()
