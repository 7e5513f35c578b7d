/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The credit policy (xen/common/sched_credit*.c): queue order by priority,
 * boost, parking, stealing with affinity, yield, credit bounds, and whole
 * runs of a small simulated machine (a model of common/sched_run.c's loop:
 * slices, the accounting tick on CPU 0, idle pCPUs stealing) checking the
 * shares that weights, caps and load balancing give.
 */
#include "harness.h"
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/sched-if.h>

#define MS(x) ((s_time_t)(x) * 1000000)
#define NCPU 2
#define NV 6

static const struct sched_policy *p = &sched_credit_policy;
static struct sched_rq rq[NCPU];
static struct domain dom[NV];
static struct vcpu vc[NV];
static struct vcpu *vptr[NV];
static s_time_t ran[NV];            /* simulated running time per vCPU */
static s_time_t started[NV];        /* when it was last picked (or the tick counted) */
static bool ran_on[NV][NCPU];
static s_time_t now, next_tick, last_tick; /* the simulated machine's clock */
static s_time_t max_jitter;         /* late slice timers, up to this (0: exact) */
static s_time_t overhead;           /* time from a deschedule to the next vCPU running */
static s_time_t stall_at, stall_len; /* the machine stops once (host stall): the runner pays */

/* vCPU i is the only vCPU of domain i, on pCPU @cpu, affinity @aff (bit mask). */
static void add_vcpu(unsigned int i, unsigned int cpu, unsigned int weight, unsigned int cap,
                     unsigned int aff)
{
    struct vcpu *v = &vc[i];

    dom[i].domain_id = i;
    dom[i].max_vcpus = 1;
    dom[i].vcpu = &vptr[i];
    dom[i].sched.weight = weight;
    dom[i].sched.cap = cap;
    vptr[i] = v;
    v->vcpu_id = 0;
    v->domain = &dom[i];
    v->processor = cpu;
    for (unsigned int c = 0; c < NCPU; c++)
        if (aff & (1u << c))
            cpumask_set_cpu(c, &v->sched.affinity);
    p->vcpu_init(&rq[cpu], v);
    v->sched.res_next = rq[cpu].res_head;
    if (rq[cpu].res_head)
        rq[cpu].res_head->sched.res_prev = v;
    rq[cpu].res_head = v;
    rq[cpu].nr_resident++;
}

static void setup(void)
{
    memset(rq, 0, sizeof(rq));
    memset(dom, 0, sizeof(dom));
    memset(vc, 0, sizeof(vc));
    memset(ran, 0, sizeof(ran));
    memset(started, 0, sizeof(started));
    memset(ran_on, 0, sizeof(ran_on));
    for (unsigned int c = 0; c < NCPU; c++) {
        rq[c].cpu = c;
        rq[c].timeslice = MS(10);
        rq[c].period = MS(30);
    }
    now = last_tick = 0;
    next_tick = MS(30);
    max_jitter = 0;
    overhead = 0;
    stall_at = stall_len = 0;
}

static const char *order(unsigned int c)
{
    static char buf[96];
    unsigned int n = 0, len = 0, parked = 0;
    struct vcpu *prev = NULL;

    buf[0] = '\0';
    for (struct vcpu *x = rq[c].head; x; prev = x, x = x->rq_next, n++) {
        CHECK(x->rq_prev == prev && x->on_runq);
        if (prev)
            CHECK(prev->sched.prio >= x->sched.prio);  /* sorted by priority */
        parked += x->sched.parked;
        len += snprintf(buf + len, sizeof(buf) - len, "%s%u%s", n ? " " : "",
                        (unsigned int)(x - vc), x->sched.parked ? "p" : "");
    }
    CHECK(rq[c].tail == prev);
    CHECK_EQ(rq[c].nr_queued, n);
    CHECK_EQ(rq[c].nr_parked, parked);
    return buf;
}

/* ---- the simulated machine ------------------------------------------------ */

static struct sched_rq *const all_rqs[NCPU] = { &rq[0], &rq[1] };
static s_time_t slice_end[NCPU];

static void migrate(struct vcpu *v, unsigned int from, unsigned int to)
{
    p->remove(&rq[from], v);
    if (rq[from].last == v)
        rq[from].last = NULL;
    /* resident lists: unlink from @from, link at @to */
    if (v->sched.res_prev)
        v->sched.res_prev->sched.res_next = v->sched.res_next;
    else
        rq[from].res_head = v->sched.res_next;
    if (v->sched.res_next)
        v->sched.res_next->sched.res_prev = v->sched.res_prev;
    rq[from].nr_resident--;
    v->sched.res_prev = NULL;
    v->sched.res_next = rq[to].res_head;
    if (rq[to].res_head)
        rq[to].res_head->sched.res_prev = v;
    rq[to].res_head = v;
    rq[to].nr_resident++;
    v->processor = to;
    v->sched.woke = v->sched.prio == SCHED_PRI_BOOST;
    p->insert(&rq[to], v);
}

static void balance(unsigned int c)
{
    for (unsigned int o = 0; o < NCPU; o++) {
        struct vcpu *v;

        /* as sched_run.c's needs_help(): not from a pCPU between vCPUs with one to run */
        if (o == c || (!rq[o].curr && rq[o].nr_queued - rq[o].nr_parked <= 1))
            continue;
        v = p->steal(&rq[o], c, &rq[c]);
        if (v) {
            migrate(v, o, c);
            return;
        }
    }
}

static void deschedule(unsigned int c, s_time_t now)
{
    struct vcpu *v = rq[c].curr;

    if (!v)
        return;
    ran[v - vc] += now - started[v - vc];
    rq[c].switch_at = now;
    rq[c].curr = NULL;
    v->is_running = false;
    p->burn(&rq[c], v, now);
    p->put_prev(&rq[c], v, now);
}

static uint64_t seed = 1;

static s_time_t jitter(void)
{
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return max_jitter ? (s_time_t)((seed >> 33) % (uint64_t)max_jitter) : 0;
}

static void schedule(unsigned int c, s_time_t now)
{
    bool ns;
    struct vcpu *v;

    balance(c);
    v = p->pick(&rq[c], now + overhead, &ns);   /* the switch took this long */
    if (!v) {
        rq[c].switch_at = 0;                /* idle: nothing to charge */
        return;
    }
    CHECK(cpumask_test_cpu(c, &v->sched.affinity));
    CHECK(!v->sched.parked);
    v->is_running = true;
    started[v - vc] = now + overhead;
    rq[c].curr = v;
    ran_on[v - vc][c] = true;
    slice_end[c] = rq[c].slice_end + jitter();
}

/* Run every CPU-bound vCPU until @ms; the tick runs on CPU 0 every period. */
static void simulate(unsigned int ms)
{
    s_time_t end = MS(ms);

    for (unsigned int c = 0; c < NCPU; c++)
        if (!rq[c].curr)
            schedule(c, now);
    while (now < end) {
        s_time_t next = next_tick;

        for (unsigned int c = 0; c < NCPU; c++)
            if (rq[c].curr && slice_end[c] < next)
                next = slice_end[c];
        if (stall_at && next > stall_at) {
            next = stall_at + stall_len;    /* nothing happens meanwhile */
            stall_at = 0;
            while (next_tick < next)
                next_tick += MS(30);        /* missed ticks: the timer grid skips */
        }
        now = next;
        if (now == next_tick) {
            deschedule(0, now);             /* the timer softirq on CPU 0 */
            for (unsigned int c = 0; c < NCPU; c++)
                if (rq[c].curr) {           /* the tick charges it, as ran[] does */
                    ran[rq[c].curr - vc] += now - started[rq[c].curr - vc];
                    started[rq[c].curr - vc] = now;
                }
            p->tick(all_rqs, NCPU, now, now - last_tick);
            last_tick = now;
            next_tick += MS(30);
            for (unsigned int c = 1; c < NCPU; c++)     /* kicked: pick again */
                deschedule(c, now);
        }
        for (unsigned int c = 0; c < NCPU; c++) {
            if (rq[c].curr && now >= slice_end[c])
                deschedule(c, now);
            if (!rq[c].curr)
                schedule(c, now);
        }
    }
}

/* Running time of vCPU @i so far. */
static s_time_t ran_now(unsigned int i)
{
    return ran[i] + (vc[i].is_running ? now - started[i] : 0);
}

/*
 * Shares over [warm-up, warm-up + @ms]: after 300 ms, as the integration
 * test measures (the first slices before any refill favour whoever starts).
 */
static void measure(unsigned int ms, double out[], unsigned int n)
{
    s_time_t base[NV];

    simulate(300);
    for (unsigned int i = 0; i < n; i++)
        base[i] = ran_now(i);
    simulate(300 + ms);
    for (unsigned int i = 0; i < n; i++)
        out[i] = (double)(ran_now(i) - base[i]) / (double)MS(ms);
}

/* Queue every added vCPU as a wake-up from down would. */
static void start_all(unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        p->insert(&rq[vc[i].processor], &vc[i]);
}

/* ---- whole runs: the acceptance figures ----------------------------------- */

TEST(weights_256_512_on_one_cpu_give_1_to_2)
{
    double sh[2];

    setup();
    add_vcpu(0, 0, 256, 0, 1);
    add_vcpu(1, 0, 512, 0, 1);
    start_all(2);
    measure(3000, sh, 2);
    CHECK(sh[0] + sh[1] > 0.999);
    CHECK(sh[1] / sh[0] > 1.99 && sh[1] / sh[0] < 2.01);
    CHECK(!ran_on[0][1] && !ran_on[1][1]);  /* pinned: CPU 1 never ran them */
}

/*
 * Every switch costs 0.3 ms (3% of a slice, as on a loaded TCG host): it is
 * charged to the vCPU picked next, so the 1:2 split holds (uncharged, it
 * would be refilled as credit nobody can use and the split drifts to 1.94).
 */
TEST(switch_overhead_is_charged_and_1_to_2_holds)
{
    double sh[2];

    setup();
    overhead = 300000;
    add_vcpu(0, 0, 256, 0, 1);
    add_vcpu(1, 0, 512, 0, 1);
    start_all(2);
    measure(3000, sh, 2);
    CHECK(sh[0] + sh[1] > 0.95);
    CHECK(sh[1] / sh[0] > 1.97 && sh[1] / sh[0] < 2.03);
    CHECK(!ran_on[0][1] && !ran_on[1][1]);  /* pinned: CPU 1 never ran them */
}

/* A 200 ms stall charged to whoever ran is paid back, not forgotten. */
TEST(a_long_stall_is_paid_back)
{
    double sh[2];

    setup();
    add_vcpu(0, 0, 256, 0, 1);
    add_vcpu(1, 0, 512, 0, 1);
    start_all(2);
    stall_at = MS(1000);
    stall_len = MS(200);
    measure(6000, sh, 2);
    CHECK(sh[1] / sh[0] > 1.98 && sh[1] / sh[0] < 2.02);
}

TEST(weights_1_to_3_and_default)
{
    double sh[2];

    setup();
    add_vcpu(0, 0, 0, 0, 1);                /* 0: the default, 256 */
    add_vcpu(1, 0, 768, 0, 1);
    start_all(2);
    measure(3000, sh, 2);
    CHECK(sh[1] / sh[0] > 2.97 && sh[1] / sh[0] < 3.03);
}

TEST(cap_50_alone_runs_half_the_time)
{
    double sh[1];

    setup();
    add_vcpu(0, 0, 256, 50, 1);
    start_all(1);
    measure(3000, sh, 1);
    CHECK(sh[0] > 0.495 && sh[0] < 0.505);
}

TEST(cap_next_to_an_uncapped_vcpu)
{
    double sh[2];

    setup();
    add_vcpu(0, 0, 256, 25, 1);
    add_vcpu(1, 0, 256, 0, 1);
    start_all(2);
    measure(3000, sh, 2);
    CHECK(sh[0] > 0.245 && sh[0] < 0.255);
    CHECK(sh[1] > 0.745);                   /* work-conserving for the other */
}

TEST(three_vcpus_on_two_cpus_are_balanced)
{
    double sh[3];

    setup();
    max_jitter = MS(3);                     /* slice timers up to 3 ms late */
    add_vcpu(0, 0, 256, 0, 3);
    add_vcpu(1, 1, 256, 0, 3);
    add_vcpu(2, 1, 256, 0, 3);
    start_all(3);
    measure(3000, sh, 3);
    for (unsigned int i = 0; i < 3; i++)
        CHECK(sh[i] > 0.64 && sh[i] < 0.69);
    CHECK((ran_on[0][1] || ran_on[1][0] || ran_on[2][0]));   /* someone migrated */
}

TEST(idle_cpu_steals_but_respects_affinity)
{
    double sh[3];

    setup();
    add_vcpu(0, 0, 256, 0, 1);              /* pinned to CPU 0 */
    add_vcpu(1, 0, 256, 0, 1);
    add_vcpu(2, 0, 256, 0, 3);              /* free to move */
    start_all(3);
    measure(600, sh, 3);
    CHECK(!ran_on[0][1] && !ran_on[1][1]);
    CHECK(ran_on[2][1]);
    CHECK(sh[2] > 0.99);                    /* CPU 1 is all its own */
    CHECK(sh[0] > 0.49 && sh[1] > 0.49);
}

/* ---- the queue, one operation at a time ------------------------------------ */

TEST(queue_is_sorted_by_priority_fifo_within)
{
    setup();
    for (unsigned int i = 0; i < 4; i++)
        add_vcpu(i, 0, 256, 0, 1);
    vc[0].sched.credit = -5;                /* OVER */
    vc[1].sched.credit = MS(1);             /* UNDER */
    vc[2].sched.credit = MS(2);             /* UNDER, woken: BOOST */
    vc[2].sched.woke = true;
    vc[3].sched.credit = MS(1);
    for (unsigned int i = 0; i < 4; i++)
        p->insert(&rq[0], &vc[i]);
    CHECK_STR(order(0), "2 1 3 0");
    CHECK_EQ(vc[2].sched.prio, SCHED_PRI_BOOST);
    CHECK(!vc[2].sched.woke);
    CHECK_EQ(p->best_prio(&rq[0]), SCHED_PRI_BOOST);
}

TEST(woken_without_credit_is_not_boosted)
{
    setup();
    add_vcpu(0, 0, 256, 0, 1);
    vc[0].sched.credit = 0;
    vc[0].sched.woke = true;
    p->insert(&rq[0], &vc[0]);
    CHECK_EQ(vc[0].sched.prio, SCHED_PRI_OVER);
}

TEST(boost_preempts_lower_priorities_only)
{
    bool ns;

    setup();
    add_vcpu(0, 0, 256, 0, 1);
    add_vcpu(1, 0, 256, 0, 1);
    add_vcpu(2, 0, 256, 0, 1);
    vc[0].sched.credit = MS(5);
    p->insert(&rq[0], &vc[0]);
    rq[0].curr = p->pick(&rq[0], 0, &ns);
    CHECK(rq[0].curr == &vc[0] && ns);
    vc[1].sched.credit = MS(5);
    vc[1].sched.woke = true;
    p->insert(&rq[0], &vc[1]);              /* BOOST over UNDER */
    CHECK(p->preempt(&rq[0], &vc[1]));
    vc[2].sched.credit = MS(5);
    p->insert(&rq[0], &vc[2]);              /* UNDER vs UNDER: waits */
    CHECK(!p->preempt(&rq[0], &vc[2]));
    rq[0].curr = NULL;
    CHECK(!p->preempt(&rq[0], &vc[2]));     /* nothing running: no preemption, a kick */
}

TEST(burn_charges_exact_time_and_ends_boost)
{
    bool ns;

    setup();
    add_vcpu(0, 0, 256, 0, 1);
    vc[0].sched.credit = MS(5);
    vc[0].sched.woke = true;
    p->insert(&rq[0], &vc[0]);
    CHECK(p->pick(&rq[0], MS(100), &ns) == &vc[0]);
    p->burn(&rq[0], &vc[0], MS(103));
    CHECK_EQ(vc[0].sched.credit, MS(2));
    CHECK_EQ(vc[0].sched.prio, SCHED_PRI_UNDER);
    vc[0].sched.run_start = MS(103);
    p->burn(&rq[0], &vc[0], MS(106));
    CHECK_EQ(vc[0].sched.credit, -MS(1));
    CHECK_EQ(vc[0].sched.prio, SCHED_PRI_OVER);
    CHECK(!vc[0].sched.parked);             /* uncapped: never parked */
    p->burn(&rq[0], &vc[0], MS(1000));
    CHECK_EQ(vc[0].sched.credit, -MS(300)); /* debt bounded by ten periods */
}

TEST(capped_vcpu_out_of_credit_is_parked_until_refill)
{
    bool ns;

    setup();
    add_vcpu(0, 0, 256, 20, 1);             /* 20%: 6 ms per 30 ms period */
    start_all(1);
    p->tick(all_rqs, NCPU, MS(30), MS(30));
    CHECK_EQ(vc[0].sched.credit, MS(6));
    CHECK(p->pick(&rq[0], MS(30), &ns) == &vc[0] && ns);
    CHECK_EQ(rq[0].slice_end, MS(36));      /* the slice ends with the credit */
    p->burn(&rq[0], &vc[0], MS(36));
    CHECK(vc[0].sched.parked);
    p->put_prev(&rq[0], &vc[0], MS(36));
    CHECK_STR(order(0), "0p");
    CHECK(p->pick(&rq[0], MS(36), &ns) == NULL);    /* parked: not picked */
    CHECK_EQ(p->best_prio(&rq[0]), SCHED_PRI_NONE);
    CHECK(p->steal(&rq[0], 1, NULL) == NULL);
    p->tick(all_rqs, NCPU, MS(60), MS(30));
    CHECK_STR(order(0), "0");
    CHECK_EQ(vc[0].sched.credit, MS(6));
    p->tick(all_rqs, NCPU, MS(90), MS(30));
    CHECK_EQ(vc[0].sched.credit, MS(6));    /* never more than the cap's share */
    p->remove(&rq[0], &vc[0]);
    CHECK_STR(order(0), "");
}

TEST(steal_takes_better_work_the_thief_may_run)
{
    setup();
    add_vcpu(0, 0, 256, 0, 1);              /* only CPU 0 */
    add_vcpu(1, 0, 256, 0, 3);
    add_vcpu(2, 0, 256, 0, 3);
    vc[0].sched.credit = MS(9);
    vc[1].sched.credit = MS(1);
    vc[2].sched.credit = -1;
    start_all(3);
    CHECK_STR(order(0), "0 1 2");
    CHECK(p->steal(&rq[0], 1, NULL) == &vc[1]);        /* idle thief; 0 is pinned */
    add_vcpu(3, 1, 256, 0, 3);
    vc[3].sched.credit = -MS(1);
    p->insert(&rq[1], &vc[3]);
    CHECK(p->steal(&rq[0], 1, &rq[1]) == &vc[1]);      /* UNDER beats the thief's OVER */
    vc[3].sched.credit = MS(1);
    p->remove(&rq[1], &vc[3]);
    p->insert(&rq[1], &vc[3]);
    CHECK(p->steal(&rq[0], 1, &rq[1]) == NULL);        /* UNDER vs UNDER, close credits */
    vc[1].sched.credit = MS(12);                       /* > a slice more: worth moving */
    p->remove(&rq[0], &vc[1]);
    p->insert(&rq[0], &vc[1]);
    CHECK(p->steal(&rq[0], 1, &rq[1]) == &vc[1]);
    migrate(&vc[1], 0, 1);
    CHECK_STR(order(0), "0 2");
    CHECK_STR(order(1), "1 3");                        /* more credit first */
    p->remove(&rq[1], &vc[1]);
    p->remove(&rq[1], &vc[3]);
    CHECK(p->steal(&rq[0], 1, NULL) == &vc[2]);        /* OVER, for an idle one */
    CHECK(p->steal(&rq[0], 1, &rq[0]) == NULL);        /* never for a pCPU it cannot use */
}

TEST(early_stop_resumes_slice_yield_goes_last)
{
    bool ns;

    setup();
    add_vcpu(0, 0, 256, 0, 1);
    add_vcpu(1, 0, 256, 0, 1);
    vc[0].sched.credit = vc[1].sched.credit = MS(20);
    start_all(2);
    CHECK(p->pick(&rq[0], 0, &ns) == &vc[0] && ns);
    p->burn(&rq[0], &vc[0], MS(2));
    p->put_prev(&rq[0], &vc[0], MS(2));     /* a softirq: back at the head */
    CHECK_STR(order(0), "0 1");
    CHECK(p->pick(&rq[0], MS(2), &ns) == &vc[0] && !ns);
    p->yield(&rq[0], &vc[0]);
    p->burn(&rq[0], &vc[0], MS(3));
    p->put_prev(&rq[0], &vc[0], MS(3));     /* yielded: behind the other */
    CHECK_STR(order(0), "1 0");
    CHECK(!vc[0].sched.yield);
    CHECK(p->pick(&rq[0], MS(3), &ns) == &vc[1] && ns);
    CHECK_EQ(rq[0].slice_end, MS(13));
}

TEST(refill_splits_weight_over_up_vcpus_and_skips_idle_ones)
{
    static struct vcpu *two[2];

    setup();
    add_vcpu(0, 0, 512, 0, 1);
    add_vcpu(1, 0, 512, 0, 1);
    /* vCPU 1 joins domain 0: domain 0 now has two up vCPUs of weight 256 each. */
    two[0] = &vc[0];
    two[1] = &vc[1];
    dom[0].vcpu = two;
    dom[0].max_vcpus = 2;
    vc[1].domain = &dom[0];
    vc[1].vcpu_id = 1;
    add_vcpu(2, 0, 256, 0, 1);
    vc[2].sched.active = false;             /* blocked all period: not competing */
    vc[0].sched.active = vc[1].sched.active = true;
    p->tick(all_rqs, NCPU, MS(30), MS(30));
    CHECK_EQ(vc[0].sched.credit, MS(15));
    CHECK_EQ(vc[1].sched.credit, MS(15));
    CHECK_EQ(vc[2].sched.credit, 0);
    CHECK(!vc[0].sched.active);             /* until they run again */
    vc[1].pause_flags = VPF_down;           /* one down: the other has all 512 */
    vc[0].sched.active = true;
    vc[2].sched.active = true;
    p->tick(all_rqs, NCPU, MS(60), MS(30));
    CHECK_EQ(vc[0].sched.credit, MS(35));   /* 15 + 20 */
    CHECK_EQ(vc[2].sched.credit, MS(10));
    for (unsigned int i = 0; i < 5; i++) {  /* v0 is never run: it may hoard 3 periods */
        vc[0].sched.active = true;
        p->tick(all_rqs, NCPU, MS(90 + 30 * i), MS(30));
    }
    CHECK_EQ(vc[0].sched.credit, MS(90));
}

TEST(describe_for_the_r_key)
{
    char buf[64];

    setup();
    add_vcpu(0, 0, 256, 10, 1);
    vc[0].sched.credit = -MS(2);
    vc[0].sched.parked = true;
    p->describe(&vc[0], buf, sizeof(buf));
    CHECK_STR(buf, "credit=-2000us pri=OVER parked");
}

TEST(misuse_is_caught)
{
    setup();
    add_vcpu(0, 0, 256, 0, 1);
    add_vcpu(1, 0, 256, 0, 1);
    p->insert(&rq[0], &vc[0]);
    EXPECT_BUG(p->insert(&rq[0], &vc[0]));  /* queued twice */
    EXPECT_BUG(p->remove(&rq[0], &vc[1]));  /* not queued */
    vc[1].is_running = true;
    EXPECT_BUG(p->insert(&rq[0], &vc[1]));  /* running vCPUs are not queued */
    CHECK_STR(order(0), "0");
}

TEST_MAIN()
