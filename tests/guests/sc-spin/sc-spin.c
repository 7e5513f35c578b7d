/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sc-spin: a CPU-bound guest for the scheduler tests.  It spins (a
 * checksummed busy loop) until "ms=N" milliseconds (default 2000) have
 * passed since it started, measured by its own runstate: the sum of the
 * times in VCPUOP_get_runstate_info, read after every chunk of work.  Then
 * it prints how that time split into running, runnable (steal: waiting
 * for a pCPU, or parked by a cap), blocked and offline, in microseconds:
 *
 *   sc-spin: running R us, runnable Q us, blocked B us, offline O us, elapsed E us
 *
 * "warmup=W" spins W ms first and measures only after that (the first
 * slices, before any credit refill, favour whoever happens to start first).
 * It succeeds if the runstate times add up (never decrease, sum = elapsed)
 * and the loop's checksum is right.  "yield" makes it call SCHEDOP_yield
 * after every chunk (it must still get its share).
 */
#include "hctest.h"

#define CHUNK 20000                 /* loop iterations between runstate reads */

struct times { uint64_t t[4]; };

static struct times read_runstate(void)
{
    struct vcpu_runstate_info ri;
    struct times r;
    long rc = HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &ri);

    if (rc)
        test_error("VCPUOP_get_runstate_info: %ld", rc);
    for (unsigned int i = 0; i < 4; i++)
        r.t[i] = ri.time[i];
    return r;
}

static uint64_t total(const struct times *x)
{
    return x->t[0] + x->t[1] + x->t[2] + x->t[3];
}

/* One chunk of work: an LCG whose result is checked at the end. */
static uint64_t spin_chunk(uint64_t x)
{
    for (unsigned int i = 0; i < CHUNK; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        __asm__ volatile("" : "+r"(x));
    }
    return x;
}

/* @n LCG steps from @x at once: compose the affine map x -> a*x + c by squaring. */
static uint64_t lcg_skip(uint64_t x, uint64_t n)
{
    uint64_t a = 6364136223846793005ull, c = 1442695040888963407ull;

    for (; n; n >>= 1) {
        if (n & 1)
            x = a * x + c;
        c = a * c + c;
        a = a * a;
    }
    return x;
}

void main(void)
{
    uint64_t ms = cmdline_ulong("ms", 2000), warmup = cmdline_ulong("warmup", 0);
    uint64_t x = 1, chunks = 0;
    bool yield = cmdline_has("yield");
    struct times start = read_runstate(), prev, now;
    long yield_rc = 0;
    bool backwards = false;

    printf("sc-spin: spinning for %lu ms%s\n", (unsigned long)ms, yield ? ", yielding" : "");
    do {
        x = spin_chunk(x);
        chunks++;
        now = read_runstate();
    } while (total(&now) - total(&start) < warmup * 1000000);
    start = prev = now;
    for (;;) {
        x = spin_chunk(x);
        chunks++;
        if (yield && !yield_rc)
            yield_rc = HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        now = read_runstate();
        for (unsigned int i = 0; i < 4; i++)
            backwards |= now.t[i] < prev.t[i];
        prev = now;
        if (total(&now) - total(&start) >= ms * 1000000)
            break;
    }
    printf("sc-spin: running %lu us, runnable %lu us, blocked %lu us, offline %lu us, "
           "elapsed %lu us\n",
           (unsigned long)((now.t[0] - start.t[0]) / 1000),
           (unsigned long)((now.t[1] - start.t[1]) / 1000),
           (unsigned long)((now.t[2] - start.t[2]) / 1000),
           (unsigned long)((now.t[3] - start.t[3]) / 1000),
           (unsigned long)((total(&now) - total(&start)) / 1000));
    expect(!yield_rc, "SCHEDOP_yield returned %ld", yield_rc);
    expect(!backwards, "the runstate times never went back");
    expect(x == lcg_skip(1, chunks * CHUNK), "checksum after %lu chunks", (unsigned long)chunks);
    test_end();
}
