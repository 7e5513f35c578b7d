/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * pvclock as a guest sees it (pvclock/pvclock_info.c, runstate.c): the
 * version protocol against a concurrent producer, monotonic reads across
 * updates and across migration between pCPUs whose TSCs are offset,
 * accuracy 500 MHz - 5 GHz after ten years of uptime, and runstate
 * accounting (times add up, steal is exactly what the other vCPU ran).
 */
#include "harness.h"
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <pvclock/pvclock_info.h>
#include <pvclock/runstate.h>

#define NSEC_PER_SEC 1000000000ull
#define TEN_YEARS_NS (10ull * 366 * 24 * 3600 * NSEC_PER_SEC)

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1dull;
}

static const uint64_t freqs[] = {
    500000000ull, 1193182ull * 1000, 2100000000ull, 2494334000ull, 3000000000ull,
    3599999999ull, 4294967296ull, 5000000000ull,
};

/* ---- version protocol against a real concurrent writer ---- */

static struct vcpu_time_info shared_ti;
static volatile int stop_writer;

/* Every record it writes is self-consistent: system_time = 3 * tsc, mul = tsc. */
static void *writer(void *arg)
{
    (void)arg;
    for (uint64_t k = 1; !stop_writer; k++) {
        struct time_scale ts = { (int)(k % 5) - 2, (uint32_t)k | 0x80000000u };
        pvclock_publish(&shared_ti, k, 3 * k, &ts, (uint8_t)k);
    }
    return NULL;
}

TEST(snapshot_never_torn)
{
    pthread_t th;
    uint32_t last_version = 0;

    memset(&shared_ti, 0, sizeof(shared_ti));
    stop_writer = 0;
    CHECK_EQ(pthread_create(&th, NULL, writer, NULL), 0);
    for (unsigned int i = 0; i < 300000; i++) {
        struct vcpu_time_info s;
        pvclock_snapshot(&shared_ti, &s);
        if (!s.tsc_timestamp)
            continue;
        if (s.system_time != 3 * s.tsc_timestamp ||
            s.tsc_to_system_mul != ((uint32_t)s.tsc_timestamp | 0x80000000u) ||
            s.tsc_shift != (int)(s.tsc_timestamp % 5) - 2 ||
            s.flags != (uint8_t)s.tsc_timestamp || (s.version & 1) ||
            s.version < last_version) {
            stop_writer = 1;
            pthread_join(th, NULL);
            CHECK(!"torn or stale snapshot");
        }
        last_version = s.version;
    }
    stop_writer = 1;
    pthread_join(th, NULL);
    /* Two increments per publication: even after, odd during. */
    CHECK_EQ(shared_ti.version % 2, 0);
}

/* ---- a simulated machine: pCPUs with offset TSCs ---- */

struct sim_cpu {
    int64_t tsc_offset;         /* this pCPU's TSC minus the reference TSC */
    uint64_t tsc_base;          /* its TSC value it takes for system time 0 */
};

struct sim {
    uint64_t ref_tsc;           /* the "true" TSC, advancing */
    struct time_scale ts;
    struct sim_cpu cpu[4];
};

static uint64_t sim_tsc(const struct sim *m, unsigned int c)
{
    return m->ref_tsc + (uint64_t)m->cpu[c].tsc_offset;
}

/* pCPU @c's system time: its TSC since its own base, scaled. */
static uint64_t sim_now(const struct sim *m, unsigned int c)
{
    uint64_t tsc = sim_tsc(m, c);
    return tsc > m->cpu[c].tsc_base ? scale_delta(tsc - m->cpu[c].tsc_base, &m->ts) : 0;
}

/*
 * Offsets up to +-@skew_ticks; each base is the pCPU's TSC at boot as
 * measured with an error of up to +-@err_ticks (so per-CPU system times
 * disagree by up to that much).
 */
static void sim_init(struct sim *m, uint64_t hz, int64_t skew_ticks, int64_t err_ticks)
{
    memset(m, 0, sizeof(*m));
    set_time_scale(&m->ts, hz);
    m->ref_tsc = 1000000 + rnd() % 1000000;
    for (unsigned int c = 0; c < 4; c++) {
        int64_t off = skew_ticks ? (int64_t)(rnd() % (2 * (uint64_t)skew_ticks)) - skew_ticks : 0;
        int64_t err = err_ticks ? (int64_t)(rnd() % (2 * (uint64_t)err_ticks)) - err_ticks : 0;
        m->cpu[c].tsc_offset = off;
        m->cpu[c].tsc_base = m->ref_tsc + (uint64_t)off + (uint64_t)err;
    }
    m->ref_tsc += 5000000;
}

/*
 * A vCPU that reads its clock @reads times, republished every few reads
 * (schedule-in on its pCPU), moving between pCPUs when @migrate.  With
 * @guard the hypervisor side goes through pvclock_guard; without it each
 * publication is the pCPU's raw system time.  Returns how many reads went
 * backwards.
 */
static uint64_t sim_hz;                 /* 0: never recalibrate */

static unsigned long run_vcpu(struct sim *m, unsigned long reads, bool migrate, bool guard)
{
    struct pvclock_guard g = { 0 };
    struct vcpu_time_info pub = { 0 }, snap;
    unsigned int cpu = 0;
    uint64_t last = 0;
    unsigned long backwards = 0;

    for (unsigned long i = 0; i < reads; i++) {
        if (i % 97 == 0) {                      /* descheduled, scheduled in again */
            pvclock_guard_leave(&g, sim_tsc(m, cpu));
            m->ref_tsc += rnd() % 20000;        /* others ran meanwhile */
            if (migrate)
                cpu = (unsigned int)(rnd() % 4);
            if (sim_hz)                         /* recalibrated: within +-200 ppm */
                set_time_scale(&m->ts, sim_hz - sim_hz / 5000 + rnd() % (sim_hz / 2500));
            if (guard) {
                struct vcpu_time_info r;
                pvclock_guard_record(&g, sim_tsc(m, cpu), sim_now(m, cpu), &m->ts, 0, &r);
                pvclock_publish(&pub, r.tsc_timestamp, r.system_time, &m->ts, 0);
            } else {
                pvclock_publish(&pub, sim_tsc(m, cpu), sim_now(m, cpu), &m->ts, 0);
            }
        }
        m->ref_tsc += 1 + rnd() % 300;
        pvclock_snapshot(&pub, &snap);
        uint64_t t = pvclock_time_at(&snap, sim_tsc(m, cpu));
        if (t < last)
            backwards++;
        last = t > last ? t : last;
    }
    return backwards;
}

/* Republished every 97 reads; optionally with a recalibrated scale each time. */
TEST(monotonic_across_updates)
{
    for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
        struct sim m;
        sim_init(&m, freqs[i], 0, 0);
        CHECK_EQ(run_vcpu(&m, 100000, false, true), 0);
        sim_init(&m, freqs[i], 0, 0);           /* one TSC, one base: needs no guard */
        CHECK_EQ(run_vcpu(&m, 100000, false, false), 0);
        /* Recalibration changes the scale under the vCPU: the guard keeps it monotonic. */
        sim_hz = freqs[i];
        sim_init(&m, freqs[i], 0, 0);
        CHECK_EQ(run_vcpu(&m, 100000, false, true), 0);
        sim_init(&m, freqs[i], 0, 0);
        CHECK(run_vcpu(&m, 100000, false, false) > 0);
        sim_hz = 0;
    }
}

TEST(monotonic_across_migration_with_tsc_offsets)
{
    for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
        struct sim m;
        /* TSCs up to 10 ms apart, bases measured to within 50 us. */
        uint64_t skew = freqs[i] / 100, err = freqs[i] / 20000;

        sim_init(&m, freqs[i], (int64_t)skew, (int64_t)err);
        CHECK_EQ(run_vcpu(&m, 100000, true, true), 0);
        /* The same machine without the guard does go backwards: the test bites. */
        sim_init(&m, freqs[i], (int64_t)skew, (int64_t)err);
        CHECK(run_vcpu(&m, 100000, true, false) > 0);
    }
}

TEST(guard_never_bumps_with_synchronised_tsc)
{
    struct sim m;
    struct pvclock_guard g = { 0 };
    struct vcpu_time_info r;

    sim_init(&m, 3000000000ull, 0, 0);
    for (unsigned int i = 0; i < 10000; i++) {
        unsigned int cpu = (unsigned int)(rnd() % 4);
        uint64_t now = sim_now(&m, cpu);
        pvclock_guard_record(&g, sim_tsc(&m, cpu), now, &m.ts, 0, &r);
        CHECK(r.system_time >= now);
        /* At most the rounding of one extrapolation (< 1 ns per record). */
        CHECK(r.system_time - now <= 1);
        m.ref_tsc += rnd() % 100000;
        pvclock_guard_leave(&g, sim_tsc(&m, cpu));
    }
}

/* ---- accuracy and range ---- */

TEST(accuracy_after_ten_years)
{
    for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
        uint64_t f = freqs[i];
        uint64_t tsc0 = (uint64_t)((unsigned __int128)TEN_YEARS_NS * f / NSEC_PER_SEC);
        struct time_scale ts;
        struct vcpu_time_info t = { 0 }, s;

        set_time_scale(&ts, f);
        /* The record the hypervisor makes after 10 years: system time from the TSC. */
        pvclock_publish(&t, tsc0, scale_delta(tsc0, &ts), &ts, 0);
        pvclock_snapshot(&t, &s);
        CHECK(s.system_time > TEN_YEARS_NS - TEN_YEARS_NS / (1u << 30) - 2);
        CHECK(s.system_time < TEN_YEARS_NS + TEN_YEARS_NS / (1u << 30) + 2);
        /* Extrapolating one second ahead: one second to within 2 ns. */
        uint64_t d = pvclock_time_at(&s, tsc0 + f) - s.system_time;
        CHECK(d >= NSEC_PER_SEC - 2 && d <= NSEC_PER_SEC + 2);
        /* A record left unrefreshed for a whole day still extrapolates well. */
        uint64_t day = 86400ull * f;
        d = pvclock_time_at(&s, tsc0 + day) - s.system_time;
        CHECK(d >= 86400ull * NSEC_PER_SEC - 86400ull * NSEC_PER_SEC / (1u << 30) - 2);
        CHECK(d <= 86400ull * NSEC_PER_SEC + 86400ull * NSEC_PER_SEC / (1u << 30) + 2);
        /* Saturates rather than wraps at the far end. */
        t.system_time = UINT64_MAX - 5;
        CHECK_EQ(pvclock_time_at(&t, UINT64_MAX), UINT64_MAX);
    }
}

/* ---- runstate accounting ---- */

TEST(runstate_times_add_up)
{
    int64_t time[RUNSTATE_COUNT] = { 0 }, entry = 1000, now = 1000;
    unsigned int state = RUNSTATE_offline;

    for (unsigned int i = 0; i < 100000; i++) {
        now += (int64_t)(rnd() % 5000);
        runstate_charge(time, &entry, state, now);
        state = (unsigned int)(rnd() % RUNSTATE_COUNT);
    }
    CHECK_EQ(time[0] + time[1] + time[2] + time[3], now - 1000);
    CHECK_EQ(entry, now);
    /* A clock from another CPU a little behind: nothing charged, entry kept. */
    runstate_charge(time, &entry, state, now - 10);
    CHECK_EQ(entry, now);
    CHECK_EQ(time[0] + time[1] + time[2] + time[3], now - 1000);
    /* A bad state charges nothing but moves the entry on. */
    runstate_charge(time, &entry, 7, now + 50);
    CHECK_EQ(time[0] + time[1] + time[2] + time[3], now - 1000);
    CHECK_EQ(entry, now + 50);
}

/*
 * Two CPU-bound vCPUs share one pCPU, switching at random slice ends: each
 * one's steal (runnable) equals the other's running time exactly, and the
 * guest-side view (raw area + current share) adds up to the elapsed time.
 */
TEST(steal_is_what_the_other_ran)
{
    int64_t t[2][RUNSTATE_COUNT] = { { 0 } }, entry[2] = { 0, 0 }, now = 0;
    unsigned int st[2] = { RUNSTATE_running, RUNSTATE_runnable }, cur = 0;

    for (unsigned int i = 0; i < 10000; i++) {
        now += 1 + (int64_t)(rnd() % 10000000);
        for (unsigned int k = 0; k < 2; k++)
            runstate_charge(t[k], &entry[k], st[k], now);
        st[cur] = RUNSTATE_runnable;
        cur ^= 1;
        st[cur] = RUNSTATE_running;
    }
    now += 12345;
    for (unsigned int k = 0; k < 2; k++) {
        struct vcpu_runstate_info r = { .state = (int)st[k], .state_entry_time = (uint64_t)entry[k] };
        struct vcpu_runstate_info o = { .state = (int)st[k ^ 1],
                                        .state_entry_time = (uint64_t)entry[k ^ 1] };
        for (unsigned int s = 0; s < RUNSTATE_COUNT; s++) {
            r.time[s] = (uint64_t)t[k][s];
            o.time[s] = (uint64_t)t[k ^ 1][s];
        }
        CHECK_EQ(runstate_total(&r, (uint64_t)now), now);
        CHECK_EQ(runstate_steal(&r, (uint64_t)now),
                 runstate_time_in(&o, RUNSTATE_running, (uint64_t)now));
    }
}

TEST(switch_in_time)
{
    /* Waiting since 100, switch-out at 500, switched in at 700: at 500. */
    CHECK_EQ(runstate_switch_in_time(700, 500, 100, 1, 1000), 500);
    /* Became runnable after the switch-out (woke while the pCPU switched): at that. */
    CHECK_EQ(runstate_switch_in_time(700, 500, 600, 1, 1000), 600);
    /* The pCPU idled longer than a switch takes: at now. */
    CHECK_EQ(runstate_switch_in_time(5000, 500, 100, 1, 1000), 5000);
    /* Not coming from runnable (blocked/offline -> running directly): at now. */
    CHECK_EQ(runstate_switch_in_time(700, 500, 100, 0, 1000), 700);
    /* A switch-out stamp from the future (clocks of two CPUs): at now. */
    CHECK_EQ(runstate_switch_in_time(700, 900, 100, 1, 1000), 700);
}

/*
 * The scheduler's view: a pCPU alternates two CPU-bound vCPUs, the
 * switch-out and switch-in stamped separately with work in between.  With
 * runstate_switch_in_time() each one's steal is exactly the other's
 * running time; without it the gaps count as steal for both.
 */
static int64_t simulate_switches(bool one_stamp)
{
    int64_t t[2][RUNSTATE_COUNT] = { { 0 } }, entry[2] = { 0, 0 }, now = 0, out = 0;
    unsigned int st[2] = { RUNSTATE_running, RUNSTATE_runnable }, cur = 0;

    for (unsigned int i = 0; i < 1000; i++) {
        now += 1000000 + (int64_t)(rnd() % 9000000);           /* the slice */
        runstate_charge(t[cur], &entry[cur], st[cur], now);     /* switch out */
        st[cur] = RUNSTATE_runnable;
        out = now;
        now += 1 + (int64_t)(rnd() % 200000);                   /* hypervisor work */
        cur ^= 1;
        int64_t in = one_stamp ? runstate_switch_in_time(now, out, entry[cur], 1, 2000000) : now;
        runstate_charge(t[cur], &entry[cur], st[cur], in);      /* switch in */
        st[cur] = RUNSTATE_running;
    }
    runstate_charge(t[0], &entry[0], st[0], now);
    runstate_charge(t[1], &entry[1], st[1], now);
    CHECK_EQ(t[0][0] + t[0][1], now);
    CHECK_EQ(t[1][0] + t[1][1], now);
    return (t[0][RUNSTATE_runnable] - t[1][RUNSTATE_running]) +
           (t[1][RUNSTATE_runnable] - t[0][RUNSTATE_running]);
}

TEST(steal_exact_with_one_stamp_per_switch)
{
    CHECK_EQ(simulate_switches(true), 0);
    CHECK(simulate_switches(false) > 0);
}

TEST(runstate_snapshot_honours_update_flag)
{
    struct vcpu_runstate_info a = { .state = RUNSTATE_running, .state_entry_time = 500,
                                    .time = { 1, 2, 3, 4 } }, s;

    CHECK_EQ(runstate_snapshot(&a, &s, 10), 1);
    CHECK_EQ(s.state_entry_time, 500);
    CHECK_EQ(s.time[3], 4);
    CHECK_EQ(runstate_total(&s, 600), 110);
    CHECK_EQ(runstate_total(&s, 400), 10);      /* now before the entry: no share */
    a.state_entry_time |= XEN_RUNSTATE_UPDATE;  /* an update in flight: retried, gives up */
    CHECK_EQ(runstate_snapshot(&a, &s, 10), 0);
    CHECK_EQ(s.state_entry_time, 500);
    CHECK_EQ(runstate_time_in(&s, 9, 600), 0);
}

/* A concurrent producer using the flag protocol: every snapshot taken is whole. */
static struct vcpu_runstate_info shared_rs;

static void *rs_writer(void *arg)
{
    (void)arg;
    for (uint64_t k = 1; !stop_writer; k++) {
        __atomic_store_n(&shared_rs.state_entry_time, shared_rs.state_entry_time |
                         XEN_RUNSTATE_UPDATE, __ATOMIC_RELEASE);
        for (unsigned int s = 0; s < RUNSTATE_COUNT; s++)
            __atomic_store_n(&shared_rs.time[s], k * (s + 1), __ATOMIC_RELAXED);
        __atomic_store_n(&shared_rs.state, (int)(k % 4), __ATOMIC_RELAXED);
        __atomic_store_n(&shared_rs.state_entry_time, k | XEN_RUNSTATE_UPDATE, __ATOMIC_RELEASE);
        __atomic_store_n(&shared_rs.state_entry_time, k, __ATOMIC_RELEASE);
    }
    return NULL;
}

TEST(runstate_snapshot_never_torn)
{
    pthread_t th;
    unsigned long whole = 0;

    memset(&shared_rs, 0, sizeof(shared_rs));
    stop_writer = 0;
    CHECK_EQ(pthread_create(&th, NULL, rs_writer, NULL), 0);
    for (unsigned int i = 0; i < 200000; i++) {
        struct vcpu_runstate_info s;
        if (!runstate_snapshot(&shared_rs, &s, 1000))
            continue;
        uint64_t k = s.state_entry_time;
        whole++;
        if (k && (s.time[0] != k || s.time[3] != 4 * k || s.state != (int)(k % 4))) {
            stop_writer = 1;
            pthread_join(th, NULL);
            CHECK(!"torn runstate snapshot");
        }
    }
    stop_writer = 1;
    pthread_join(th, NULL);
    CHECK(whole > 0);
}

TEST_MAIN()
