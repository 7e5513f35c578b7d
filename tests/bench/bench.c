/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Benchmark guest: a standard PVH kernel (public ABI only) that times each
 * operation of ops.c with the TSC and prints one machine-readable line per
 * row, the same on our hypervisor and on Xen 4.17 (as PVH dom0):
 *
 *   BENCH boot_tsc <TSC at the guest's first instruction>
 *   BENCH boot_stime <hypervisor system time (ns) at that instruction>
 *   BENCH overhead <min> <median>              (an empty timed region)
 *   BENCH <key> <min> <median> <iters> <label>   (overhead subtracted)
 *   BENCH <key> n/a <rc> <label>                (setup failed, e.g. -ENOSYS)
 *   BENCH domain_memory <KiB> <KiB> 1 <label>     (or n/a: domain_mem.c)
 *   BENCH done
 *
 * Under QEMU's -icount shift=0 the TSC counts instructions executed by the
 * whole machine, so every figure is a path length in instructions.
 * Command line: iters=<n> (default 1000), ioport=<port>, hold=<ms> (stay
 * up that long after "BENCH done", for the hypervisor's memory figures).
 */
#include "bench.h"

#define MAX_ITERS 4096

static uint64_t samples[MAX_ITERS];
static const char *fail_what;
static long fail_rc;

void bench_fail(const char *what, long rc)
{
    if (!fail_what) {
        fail_what = what;
        fail_rc = rc;
    }
}

/* Serialised TSC reads around the timed region. */
static inline uint64_t tsc_begin(void)
{
    uint32_t lo, hi;

    asm volatile ("lfence; rdtsc; lfence" : "=a" (lo), "=d" (hi) :: "memory");
    return lo | ((uint64_t)hi << 32);
}

static inline uint64_t tsc_end(void)
{
    uint32_t lo, hi;

    asm volatile ("mfence; lfence; rdtsc; lfence" : "=a" (lo), "=d" (hi) :: "memory");
    return lo | ((uint64_t)hi << 32);
}

static void sort(uint64_t *a, unsigned int n)
{
    /* Shell sort: n is small and this runs between measurements. */
    for (unsigned int gap = n / 2; gap; gap /= 2)
        for (unsigned int i = gap; i < n; i++) {
            uint64_t v = a[i];
            unsigned int j = i;

            for (; j >= gap && a[j - gap] > v; j -= gap)
                a[j] = a[j - gap];
            a[j] = v;
        }
}

static void noop(void)
{
}

/* Time @op @n times; min and median of the samples. */
static void measure(const struct bench_op *op, unsigned int n, uint64_t *min, uint64_t *med)
{
    for (unsigned int i = 0; i < n; i++) {
        if (op->before)
            op->before();
        uint64_t t0 = tsc_begin();
        op->run();
        samples[i] = tsc_end() - t0;
    }
    sort(samples, n);
    *min = samples[0];
    *med = samples[n / 2];
}

/*
 * The hypervisor's system time (pvclock of vCPU 0) at guest TSC @tsc, which
 * may lie before the last update.  Xen 4.17 counts system time from its
 * first instructions (boot_tsc_stamp in head.S), so on Xen this is the time
 * from hypervisor entry to @tsc; ours counts from TSC calibration, and the
 * script uses the TSC instead (ours gives guests the host TSC).
 */
static int64_t stime_at(uint64_t tsc)
{
    const volatile struct vcpu_time_info *t = &ev_shinfo->vcpu_info[0].time;
    uint64_t st, ts;
    int64_t delta;
    uint32_t ver;

    do {
        ver = t->version;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        st = t->system_time;
        ts = t->tsc_timestamp;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    } while ((ver & 1) || ver != t->version);
    /* tsc_timestamp may be "negative" (Xen: a stamp from before the
     * domain's TSC started at 0), so the difference is taken signed. */
    delta = (int64_t)(tsc - ts);
    return delta >= 0 ? (int64_t)(st + ev_ticks_to_ns((uint64_t)delta))
                      : (int64_t)(st - ev_ticks_to_ns((uint64_t)-delta));
}

static uint64_t sub(uint64_t v, uint64_t overhead)
{
    return v > overhead ? v - overhead : 0;
}

void main(void)
{
    unsigned int n = cmdline_ulong("iters", 1000);
    const struct bench_op empty = { "overhead", "empty", NULL, NULL, noop };
    uint64_t omin, omed, min, med;
    unsigned long hold_ms;

    if (n < 1 || n > MAX_ITERS)
        n = 1000;
    printf("BENCH boot_tsc %lu\n", (unsigned long)entry_tsc);
    bench_events_init();
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);   /* a fresh pvclock update */
    printf("BENCH boot_stime %ld\n", (long)stime_at(entry_tsc));
    measure(&empty, n, &omin, &omed);
    printf("BENCH overhead %lu %lu\n", (unsigned long)omin, (unsigned long)omed);
    for (unsigned int i = 0; i < bench_nr_ops; i++) {
        const struct bench_op *op = &bench_ops[i];
        long rc = op->setup ? op->setup() : 0;

        if (rc) {
            printf("BENCH %s n/a %ld %s\n", op->key, rc, op->label);
            continue;
        }
        if (op->before)
            op->before();
        op->run();                      /* warm up: first-touch paths stay out */
        fail_what = NULL;
        measure(op, n, &min, &med);
        if (fail_what) {
            printf("BENCH %s n/a %ld %s (%s failed)\n", op->key, fail_rc, op->label, fail_what);
            continue;
        }
        printf("BENCH %s %lu %lu %u %s\n", op->key, (unsigned long)sub(min, omin),
               (unsigned long)sub(med, omin), n, op->label);
    }
    bench_domain_memory();
    printf("BENCH done\n");
    hold_ms = cmdline_ulong("hold", 0);
    if (hold_ms) {
        /* the script reads the hypervisor's memory figures meanwhile */
        printf("BENCH hold %lu ms\n", hold_ms);
        ev_delay(hold_ms * 1000000ull);
    }
    test_success();
}
