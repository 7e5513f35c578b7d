/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Software timers: the heap (ordering, removal from the middle, re-arming,
 * random operations against a reference, full heap, resizing) and the
 * per-CPU queues of timer.c run against a fake clock and fake APIC.
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>

/* ---- stand-ins for the hardware side of timer.c ---- */
static s_time_t fake_now;
static s_time_t programmed = -1;            /* last reprogram_timer() */
static softirq_handler timer_softirq;
static unsigned int kicked_cpu = ~0u;

s_time_t NOW(void) { return fake_now; }
void reprogram_timer(s_time_t deadline) { programmed = deadline; }
void open_softirq(unsigned int nr, softirq_handler fn)
{
    if (nr == TIMER_SOFTIRQ)
        timer_softirq = fn;
}
void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    if (nr == TIMER_SOFTIRQ)
        kicked_cpu = cpu;
}

static uint64_t rng = 88172645463325252ull;
static uint64_t rnd(void)                   /* xorshift64 */
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* ---- the heap alone ---- */
#define N 300
static struct timer tm[N];
static struct timer *slots[N];
static bool in_heap[N];

static void heap_setup(struct timer_heap *h, unsigned int cap)
{
    timer_heap_init(h, slots, cap);
    memset(tm, 0, sizeof(tm));
    memset(in_heap, 0, sizeof(in_heap));
}

/* Pop everything; expiries must come out sorted. */
static void drain_sorted(struct timer_heap *h)
{
    s_time_t last = INT64_MIN;
    struct timer *t;

    while ((t = timer_heap_first(h)) != NULL) {
        CHECK(t->expires >= last);
        last = t->expires;
        timer_heap_remove(h, t);
        CHECK(timer_heap_valid(h));
    }
}

TEST(heap_ordering)
{
    struct timer_heap h;

    heap_setup(&h, N);
    CHECK(timer_heap_first(&h) == NULL);
    for (unsigned int i = 0; i < N; i++) {
        tm[i].expires = (s_time_t)(rnd() % 1000) - 500;     /* duplicates too */
        CHECK_EQ(timer_heap_add(&h, &tm[i]), 0);
        CHECK(timer_heap_valid(&h));
    }
    CHECK_EQ(h.size, N);
    drain_sorted(&h);
}

TEST(heap_remove_middle)
{
    struct timer_heap h;

    heap_setup(&h, N);
    for (unsigned int i = 0; i < 100; i++) {
        tm[i].expires = (i * 37) % 100;
        timer_heap_add(&h, &tm[i]);
    }
    for (unsigned int i = 10; i < 100; i += 3) {    /* leaves, inner nodes, root */
        timer_heap_remove(&h, &tm[i]);
        CHECK(timer_heap_valid(&h));
    }
    timer_heap_remove(&h, timer_heap_first(&h));
    CHECK(timer_heap_valid(&h));
    CHECK_EQ(h.size, 100 - 30 - 1);
    drain_sorted(&h);
    /* Removing a timer that is not in the heap is a bug. */
    tm[0].heap_pos = 0;
    EXPECT_BUG(timer_heap_remove(&h, &tm[0]));
}

TEST(heap_rearm_moves_both_ways)
{
    struct timer_heap h;

    heap_setup(&h, N);
    for (unsigned int i = 0; i < 50; i++) {
        tm[i].expires = 100 + i;
        timer_heap_add(&h, &tm[i]);
    }
    tm[40].expires = 1;                     /* earlier: to the root */
    timer_heap_update(&h, &tm[40]);
    CHECK(timer_heap_first(&h) == &tm[40]);
    tm[40].expires = 1000;                  /* later: back down */
    timer_heap_update(&h, &tm[40]);
    CHECK(timer_heap_valid(&h));
    CHECK(timer_heap_first(&h) == &tm[0]);
    tm[0].expires = 125;                    /* root into the middle */
    timer_heap_update(&h, &tm[0]);
    CHECK(timer_heap_valid(&h));
    CHECK(timer_heap_first(&h) == &tm[1]);
    drain_sorted(&h);
}

TEST(heap_random_against_reference)
{
    struct timer_heap h;

    heap_setup(&h, N);
    for (unsigned int op = 0; op < 200000; op++) {
        unsigned int i = rnd() % N;
        s_time_t min = INT64_MAX;
        unsigned int count = 0;

        if (!in_heap[i]) {
            tm[i].expires = (s_time_t)(rnd() % 100000);
            CHECK_EQ(timer_heap_add(&h, &tm[i]), 0);
            in_heap[i] = true;
        } else if (rnd() & 1) {
            timer_heap_remove(&h, &tm[i]);
            in_heap[i] = false;
        } else {
            tm[i].expires = (s_time_t)(rnd() % 100000);
            timer_heap_update(&h, &tm[i]);
        }
        if (op % 64 == 0)
            CHECK(timer_heap_valid(&h));
        for (unsigned int j = 0; j < N; j++)
            if (in_heap[j]) {
                count++;
                min = tm[j].expires < min ? tm[j].expires : min;
            }
        CHECK_EQ(h.size, count);
        CHECK(count == 0 ? timer_heap_first(&h) == NULL
                         : timer_heap_first(&h)->expires == min);
    }
    drain_sorted(&h);
}

TEST(heap_full_and_resize)
{
    static struct timer *bigger[16];
    struct timer_heap h;

    heap_setup(&h, 8);
    for (unsigned int i = 0; i < 8; i++) {
        tm[i].expires = 8 - i;
        CHECK_EQ(timer_heap_add(&h, &tm[i]), 0);
    }
    CHECK_EQ(timer_heap_add(&h, &tm[8]), -ENOSPC);
    CHECK_EQ(h.size, 8);
    CHECK(timer_heap_valid(&h));
    CHECK_EQ(timer_heap_resize(&h, bigger, 4), -EINVAL);    /* too small */
    CHECK_EQ(timer_heap_resize(&h, NULL, 16), -EINVAL);
    CHECK_EQ(timer_heap_resize(&h, bigger, 16), 0);
    tm[8].expires = 0;
    CHECK_EQ(timer_heap_add(&h, &tm[8]), 0);
    CHECK(timer_heap_first(&h) == &tm[8]);
    drain_sorted(&h);
    /* A heap without storage refuses everything. */
    timer_heap_init(&h, NULL, 100);
    CHECK_EQ(timer_heap_add(&h, &tm[0]), -ENOSPC);
}

/* ---- timer.c queues, with the fake clock ---- */
static unsigned int fired[16], fire_log[64], fire_count;
static struct timer qt[16];

static void queue_reset(void)
{
    timer_init();
    fake_now = 0;
    programmed = -1;
    kicked_cpu = ~0u;
    fire_count = 0;
    memset(fired, 0, sizeof(fired));
}

static void record(void *data)
{
    unsigned int i = (unsigned int)(uintptr_t)data;

    fired[i]++;
    if (fire_count < 64)
        fire_log[fire_count++] = i;
}

static void run_softirq(s_time_t now)
{
    fake_now = now;
    CHECK(timer_softirq != NULL);
    timer_softirq();
}

TEST(queue_fires_in_order_and_programs_apic)
{
    queue_reset();
    for (unsigned int i = 0; i < 5; i++)
        init_timer(&qt[i], record, (void *)(uintptr_t)i, 0);
    CHECK_EQ(set_timer(&qt[0], 500), 0);
    CHECK_EQ(programmed, 500);
    CHECK_EQ(set_timer(&qt[1], 100), 0);
    CHECK_EQ(programmed, 100);              /* new earliest: re-programmed */
    CHECK_EQ(set_timer(&qt[2], 300), 0);
    CHECK_EQ(set_timer(&qt[3], 200), 0);
    CHECK_EQ(set_timer(&qt[4], 400), 0);
    CHECK_EQ(programmed, 100);
    CHECK(timer_is_active(&qt[4]));
    stop_timer(&qt[4]);                     /* removal from the middle */
    stop_timer(&qt[4]);                     /* harmless twice */
    CHECK(!timer_is_active(&qt[4]));
    CHECK_EQ(set_timer(&qt[2], 50), 0);     /* re-arming moves it */

    run_softirq(99);
    CHECK_EQ(fire_count, 1);
    CHECK_EQ(fire_log[0], 2);
    CHECK_EQ(programmed, 100);
    run_softirq(1000);
    CHECK_EQ(fire_count, 4);
    CHECK_EQ(fire_log[1], 1);
    CHECK_EQ(fire_log[2], 3);
    CHECK_EQ(fire_log[3], 0);
    CHECK_EQ(fired[4], 0);
    CHECK_EQ(programmed, 0);                /* nothing left: disarmed */
    CHECK(!timer_is_active(&qt[0]));
}

/*
 * A timer due at time 0 or before (a guest's singleshot timeout of 0) is
 * in the past: the APIC must be armed to fire at once, never disarmed
 * (reprogram_timer(0)), or it and every later timer on the CPU stall.
 */
TEST(deadline_zero_or_negative_still_arms_the_apic)
{
    queue_reset();
    fake_now = 1000;
    for (unsigned int i = 0; i < 3; i++)
        init_timer(&qt[i], record, (void *)(uintptr_t)i, 0);
    CHECK_EQ(set_timer(&qt[0], 5000), 0);
    CHECK_EQ(programmed, 5000);
    CHECK_EQ(set_timer(&qt[1], 0), 0);      /* new earliest, due at 0 */
    CHECK(programmed > 0);
    CHECK(programmed <= fake_now);          /* in the past: fires at once */
    run_softirq(1001);
    CHECK_EQ(fired[1], 1);
    CHECK_EQ(programmed, 5000);
    CHECK_EQ(set_timer(&qt[2], -7), 0);     /* before the epoch */
    CHECK(programmed > 0 && programmed <= fake_now);
    /* re-armed at 0 from its own callback's softirq round: still armed after */
    stop_timer(&qt[2]);
    CHECK_EQ(set_timer(&qt[1], 0), 0);
    run_softirq(1002);
    CHECK_EQ(fired[1], 2);
    CHECK_EQ(programmed, 5000);
    run_softirq(6000);
    CHECK_EQ(fired[0], 1);
    CHECK_EQ(programmed, 0);                /* nothing left: disarmed */
}

static unsigned int rearm_left;
static void rearm_self(void *data)
{
    struct timer *t = data;

    fired[0]++;
    if (--rearm_left)
        CHECK_EQ(set_timer(t, t->expires + 10), 0);
}

static void kill_self(void *data)
{
    fired[1]++;
    kill_timer(data);
}

TEST(callbacks_rearm_and_kill_themselves)
{
    queue_reset();
    init_timer(&qt[0], rearm_self, &qt[0], 0);
    init_timer(&qt[1], kill_self, &qt[1], 0);
    rearm_left = 3;
    set_timer(&qt[0], 10);
    set_timer(&qt[1], 15);
    run_softirq(10);
    CHECK_EQ(fired[0], 1);
    CHECK(timer_is_active(&qt[0]));
    CHECK_EQ(programmed, 15);
    run_softirq(20);
    CHECK_EQ(fired[0], 2);
    CHECK_EQ(fired[1], 1);
    CHECK_EQ(programmed, 30);
    run_softirq(100);
    CHECK_EQ(fired[0], 3);
    CHECK(!timer_is_active(&qt[0]));
    /* A killed timer stays dead. */
    CHECK_EQ(set_timer(&qt[1], 200), -EINVAL);
    CHECK(!timer_is_active(&qt[1]));
    run_softirq(1000);
    CHECK_EQ(fired[1], 1);
}

TEST(queue_full_reports_enospc)
{
    static struct timer many[300];
    unsigned int armed = 0;
    int rc = 0;

    queue_reset();
    unit_log_clear();
    for (unsigned int i = 0; i < 300 && rc == 0; i++) {
        init_timer(&many[i], record, NULL, 0);
        rc = set_timer(&many[i], 1000 + i);
        armed += rc == 0;
    }
    CHECK_EQ(rc, -ENOSPC);
    CHECK(armed >= 64);
    CHECK(!timer_is_active(&many[armed]));
    CHECK(strstr(unit_log, "queue full") != NULL);
    stop_timer(&many[0]);                   /* room again */
    CHECK_EQ(set_timer(&many[armed], 5), 0);
    CHECK_EQ(programmed, 5);
}

TEST(migrate_between_cpus)
{
    queue_reset();
    init_timer(&qt[0], record, (void *)0, 0);
    set_timer(&qt[0], 100);
    migrate_timer(&qt[0], 1);
    CHECK_EQ(qt[0].cpu, 1);
    CHECK(timer_is_active(&qt[0]));
    CHECK_EQ(kicked_cpu, 1);                /* CPU 1 told to re-program */
    run_softirq(200);                       /* CPU 0's queue: nothing */
    CHECK_EQ(fire_count, 0);
    migrate_timer(&qt[0], 0);
    CHECK_EQ(qt[0].cpu, 0);
    run_softirq(200);
    CHECK_EQ(fire_count, 1);
    /* Inactive timers just change CPU; remote arming kicks that CPU. */
    kicked_cpu = ~0u;
    migrate_timer(&qt[0], 3);
    CHECK(!timer_is_active(&qt[0]));
    CHECK_EQ(set_timer(&qt[0], 300), 0);
    CHECK_EQ(kicked_cpu, 3);
    EXPECT_BUG(migrate_timer(&qt[0], 100000));
    EXPECT_BUG(init_timer(&qt[1], record, NULL, 100000));
}

static const char *fake_sym(unsigned long addr)
{
    return addr == (unsigned long)record ? "record" : "?";
}

TEST(dump_lists_pending_timers)
{
    queue_reset();
    init_timer(&qt[0], record, (void *)0, 0);
    set_timer(&qt[0], 5000000);
    unit_log_clear();
    timer_dump_queue(0, 1000000, fake_sym);
    CHECK(strstr(unit_log, "CPU00: 1 timer(s)") != NULL);
    CHECK(strstr(unit_log, "+4000us") != NULL);
    CHECK(strstr(unit_log, "cb=record(") != NULL);
    timer_dump_queue(100000, 0, fake_sym);  /* bad CPU: ignored */
}

TEST_MAIN()
