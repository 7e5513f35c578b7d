/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Is the TSC one clock across all CPUs?  That decides
 * XEN_PVCLOCK_TSC_STABLE_BIT in every vcpu_time_info (vcpu_time.c): a guest
 * may then skip its own cross-vCPU monotonicity guard, so we promise it
 * only when both hold:
 *   - the TSC is invariant (CPUID 0x80000007 EDX bit 8: constant rate in
 *     all P-, C- and T-states), so one calibrated scale stays right; and
 *   - the TSCs are synchronised: after the APs are up, the boot CPU and
 *     each AP in turn read their TSCs alternately for TSC_SYNC_MS, each
 *     read published through one compare-and-swap word, so every read
 *     is ordered after the one it replaces.  A read below the value it
 *     replaces is a warp: the two TSCs disagree.  A pair that did not take
 *     turns proves nothing (a busy host ran the two CPUs one after the
 *     other): tried again, up to TSC_SYNC_TRIES runs, then counted as
 *     unsynchronised.
 * One line says what was found:
 *   "TSC: invariant <yes|no>, synchronised across <N> CPUs <yes|no ...>:
 *    pvclock TSC_STABLE_BIT <set|clear>"
 * The AP side runs from an IPI (on_selected_cpus without waiting), which
 * wants interrupts enabled on the caller: the boot CPU enables them for
 * the check (as it would in the run loop) and restores the state after.
 */
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <asm/processor.h>
#include <asm/time.h>

#define TSC_SYNC_MS         50
#define TSC_SYNC_MAX_LOOPS  1000000u
#define TSC_SYNC_MIN_TURNS  3u
#define TSC_SYNC_WAIT_MS    100         /* for the AP to arrive */
#define TSC_SYNC_TRIES      5           /* runs per AP while inconclusive (busy host) */
#define CPUID_APM           0x80000007u
#define APM_EDX_INVARIANT_TSC (1u << 8)

static bool tsc_is_stable;

struct sync_run {
    uint64_t last;                      /* the newest TSC read by either CPU */
    unsigned int arrived;               /* both CPUs at the start line */
    unsigned int done;                  /* the AP has finished */
    uint64_t warp[2];                   /* largest backwards step each side saw */
    unsigned int turns[2];              /* reads that followed the other CPU's */
};

static void sync_loop(struct sync_run *r, unsigned int side)
{
    uint64_t mine = 0, end, budget = (uint64_t)tsc_khz * TSC_SYNC_MS;
    uint64_t wait_end = rdtsc() + (uint64_t)tsc_khz * TSC_SYNC_WAIT_MS;

    __atomic_fetch_add(&r->arrived, 1, __ATOMIC_ACQ_REL);
    while (__atomic_load_n(&r->arrived, __ATOMIC_ACQUIRE) < 2 && rdtsc() < wait_end)
        cpu_relax();
    end = rdtsc() + budget;
    for (unsigned int i = 0; i < TSC_SYNC_MAX_LOOPS; i++) {
        uint64_t prev = __atomic_load_n(&r->last, __ATOMIC_ACQUIRE), now = rdtsc_ordered();

        if (!__atomic_compare_exchange_n(&r->last, &prev, now, false, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE))
            continue;                   /* the other CPU got in between: read again */
        if (now < prev && prev - now > r->warp[side])
            r->warp[side] = prev - now;
        if (prev != mine)
            r->turns[side]++;
        mine = now;
        if (now > end)
            break;
    }
}

static void sync_ap(void *data)
{
    struct sync_run *r = data;

    sync_loop(r, 1);
    __atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
}

/*
 * One run struct per try, so an AP that finishes late (its pCPU stalled
 * by the host) can only touch the struct of its own try.  A struct is
 * reused for the next AP only once its AP has finished with it.
 */
static struct sync_run runs[TSC_SYNC_TRIES];
static bool run_used[TSC_SYNC_TRIES];

/*
 * Boot CPU with @cpu, try @try: the largest warp seen (0: none), or
 * UINT64_MAX if inconclusive.
 */
static uint64_t check_pair(unsigned int cpu, unsigned int try)
{
    struct sync_run *run = &runs[try];
    uint64_t wait_end;
    cpumask_t mask;

    if (run_used[try] && !__atomic_load_n(&run->done, __ATOMIC_ACQUIRE))
        return UINT64_MAX;          /* an earlier AP still has it: give up */
    run_used[try] = true;
    *run = (struct sync_run){ .last = rdtsc_ordered() };
    cpumask_clear(&mask);
    cpumask_set_cpu(cpu, &mask);
    on_selected_cpus(&mask, sync_ap, run, false);
    sync_loop(run, 0);
    wait_end = rdtsc() + (uint64_t)tsc_khz * (TSC_SYNC_WAIT_MS + TSC_SYNC_MS);
    while (!__atomic_load_n(&run->done, __ATOMIC_ACQUIRE) && rdtsc() < wait_end)
        cpu_relax();
    if (!__atomic_load_n(&run->done, __ATOMIC_ACQUIRE) ||
        run->turns[0] < TSC_SYNC_MIN_TURNS || run->turns[1] < TSC_SYNC_MIN_TURNS)
        return UINT64_MAX;
    return run->warp[0] > run->warp[1] ? run->warp[0] : run->warp[1];
}

bool tsc_stable(void)
{
    return __atomic_load_n(&tsc_is_stable, __ATOMIC_RELAXED);
}

static int tsc_sync_initcall(void)
{
    bool invariant = false, synced = true, inconclusive = false;
    uint64_t worst = 0;
    unsigned int cpu;

    unsigned long flags;

    flags = local_irq_save();
    local_irq_enable();
    if (cpuid(0x80000000u).eax >= CPUID_APM)
        invariant = cpuid(CPUID_APM).edx & APM_EDX_INVARIANT_TSC;
    for_each_online_cpu(cpu) {
        uint64_t warp;

        if (cpu == smp_processor_id())
            continue;
        warp = UINT64_MAX;
        for (unsigned int i = 0; i < TSC_SYNC_TRIES && warp == UINT64_MAX; i++)
            warp = check_pair(cpu, i);
        if (warp == UINT64_MAX)
            inconclusive = true;
        else if (warp > worst)
            worst = warp;
    }
    local_irq_restore(flags);
    synced = !inconclusive && !worst;
    tsc_is_stable = invariant && synced;
    if (synced)
        printk("TSC: invariant %s, synchronised across %u CPUs yes: "
               "pvclock TSC_STABLE_BIT %s\n", invariant ? "yes" : "no",
               num_online_cpus(), tsc_is_stable ? "set" : "clear");
    else
        printk("TSC: invariant %s, synchronised across %u CPUs no (%s, warp %llu ticks): "
               "pvclock TSC_STABLE_BIT clear\n", invariant ? "yes" : "no",
               num_online_cpus(), inconclusive ? "inconclusive" : "warps",
               (unsigned long long)worst);
    return 0;
}
__initcall(tsc_sync_initcall);
