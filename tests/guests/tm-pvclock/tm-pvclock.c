/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * tm-pvclock: pvclock never goes backwards.  Every vCPU (all the MADT
 * lists, up to 8) reads its own clock -- vcpu_info[n].time in shared_info
 * and the secondary copy it registered with
 * VCPUOP_register_vcpu_time_memory_area -- `reads=` times (default
 * 100000), and checks:
 *   - each read is >= the previous one on that vCPU, for both copies;
 *   - every 16th read is taken under a lock shared by all vCPUs and is
 *     >= the last such read of any vCPU (time is one clock across vCPUs;
 *     our hypervisor promises it with synchronised TSCs even when
 *     XEN_PVCLOCK_TSC_STABLE_BIT is clear.  Xen 4.17 promises neither
 *     this nor per-vCPU monotonicity without the bit (Linux keeps a
 *     last-value guard then): with `on-xen` and the bit clear both
 *     counts are only printed);
 *   - records are well formed (even version, sane scale);
 *   - runstate areas (runstate_update_flag assist on): each vCPU registers
 *     its own, and every 64th read it also reads another vCPU's area, which
 *     that vCPU's pCPU rewrites meanwhile.  A consistent copy satisfies
 *     state_entry_time - sum(time[]) == the vCPU's creation time, the same
 *     for every copy; a torn one (XEN_RUNSTATE_UPDATE ignored) would not.
 *     The constant is learnt by each vCPU from its own area after a nap
 *     (Xen's registration-time copy counts the current state up to "now",
 *     so it does not satisfy the equation; later copies do).
 * The vCPUs yield every 500 reads and sleep 100 us (SCHEDOP_poll with a
 * timeout, no ports) every 2000, so they are descheduled and scheduled in
 * again (a new record each time; with more vCPUs than pCPUs and a
 * migrating scheduler, on another pCPU).  Prints per vCPU the reads, the
 * records seen and the largest step, and the flags of the records.
 */
#include "tm.h"

#define YIELD_EVERY  500
#define GLOBAL_EVERY 16
#define SLEEP_EVERY  2000
#define SLEEP_NS     100000
#define PEEK_EVERY   64

struct vcpu_result {
    unsigned long reads, records, back, sec_back, global_back, bad_record, peeks, torn;
    uint64_t first, last, max_step;
    uint8_t flags;
    volatile int done;
};

static struct vcpu_time_info sec_area[TM_MAX_VCPUS] __attribute__((aligned(64)));
static struct vcpu_result res[TM_MAX_VCPUS];
static struct vcpu_runstate_info rs_area[TM_MAX_VCPUS] __attribute__((aligned(64)));
static uint64_t rs_origin[TM_MAX_VCPUS];   /* entry - sum(time): creation time */
static volatile bool rs_known[TM_MAX_VCPUS];
static unsigned int nr_started;
static unsigned long nr_reads;
static volatile int global_lock;
static uint64_t global_last;
static volatile int go;

static bool record_ok(const struct vcpu_time_info *t)
{
    return !(t->version & 1) && t->tsc_to_system_mul >= (1u << 31) &&
           t->tsc_shift >= -8 && t->tsc_shift <= 8;
}

static uint64_t read_secondary(unsigned int id)
{
    struct vcpu_time_info s;

    pvclock_snapshot(&sec_area[id], &s);
    return pvclock_time_at(&s, rdtsc());
}

static void check_global(struct vcpu_result *r, unsigned int id)
{
    uint64_t t;

    tm_lock(&global_lock);
    t = tm_clock(id);
    if (t < global_last)
        r->global_back++;
    else
        global_last = t;
    tm_unlock(&global_lock);
}

/* SCHEDOP_poll on no ports with a timeout: descheduled, then scheduled in anew. */
static void nap(unsigned int id)
{
    struct sched_poll p = { .nr_ports = 0, .timeout = tm_clock(id) + SLEEP_NS };

    HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

static uint64_t origin(const struct vcpu_runstate_info *r)
{
    return r->state_entry_time - (r->time[0] + r->time[1] + r->time[2] + r->time[3]);
}

/* Another vCPU's runstate area, as its pCPU rewrites it. */
static void peek_runstate(struct vcpu_result *r, unsigned int id, unsigned long i)
{
    unsigned int other = (id + 1 + i / PEEK_EVERY) % nr_started;
    struct vcpu_runstate_info s;

    if (!rs_known[other])
        return;
    tm_runstate_read(&rs_area[other], &s);
    r->peeks++;
    if (origin(&s) != rs_origin[other])
        r->torn++;
}

static void reader(unsigned int id)
{
    struct vcpu_result *r = &res[id];
    uint32_t version = 0;
    uint64_t prev = 0, sec_prev = 0;

    while (!go)
        cpu_relax();
    nap(id);                        /* transitions: the area now holds raw figures */
    {
        struct vcpu_runstate_info s;

        tm_runstate_read(&rs_area[id], &s);
        rs_origin[id] = origin(&s);
        __atomic_store_n(&rs_known[id], true, __ATOMIC_RELEASE);
    }
    for (unsigned long i = 0; i < nr_reads; i++) {
        uint64_t t = tm_clock(id), s = read_secondary(id);
        const struct vcpu_time_info *rec = tm_last_record(id);

        if (rec->version != version) {
            version = rec->version;
            r->records++;
            r->flags |= rec->flags;
            if (!record_ok(rec))
                r->bad_record++;
        }
        if (i == 0)
            r->first = t;
        else if (t < prev)
            r->back++;
        else if (t - prev > r->max_step)
            r->max_step = t - prev;
        if (i && s < sec_prev)
            r->sec_back++;
        prev = t > prev ? t : prev;
        sec_prev = s > sec_prev ? s : sec_prev;
        if (i % GLOBAL_EVERY == 0)
            check_global(r, id);
        if (i % PEEK_EVERY == 0)
            peek_runstate(r, id, i);
        if (i % YIELD_EVERY == YIELD_EVERY - 1)
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        if (i % SLEEP_EVERY == SLEEP_EVERY - 1)
            nap(id);
        r->reads++;
    }
    r->last = prev;
    __atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
}

static void ap_fn(unsigned int id)
{
    reader(id);
}

static void no_events(evtchn_port_t port)
{
    (void)port;
}

static void register_areas(unsigned int n)
{
    long rc = HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag);

    if (rc)
        test_error("vm_assist(runstate_update_flag): %ld", rc);
    for (unsigned int id = 0; id < n; id++) {
        rc = tm_register_runstate(id, &rs_area[id]);
        if (rc)
            test_error("VCPUOP_register_runstate_memory_area(%u): %ld", id, rc);
    }
    for (unsigned int id = 0; id < n; id++) {
        struct vcpu_register_time_memory_area a = { .addr = (uint64_t)(uintptr_t)&sec_area[id] };
        long rc = HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_time_memory_area, id, &a);

        if (rc)
            test_error("VCPUOP_register_vcpu_time_memory_area(%u): %ld", id, rc);
    }
}

void main(void)
{
    unsigned int want, n;

    tm_init("tm-pvclock", no_events);
    nr_reads = cmdline_ulong("reads", 100000);
    want = nr_vcpus();
    register_areas(want > TM_MAX_VCPUS ? TM_MAX_VCPUS : want);
    n = tm_start_vcpus(want, ap_fn);
    nr_started = n;
    printf("tm-pvclock: %u vCPUs, %lu reads each\n", n, nr_reads);
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    reader(0);
    for (unsigned int id = 1; id < n; id++)
        while (!__atomic_load_n(&res[id].done, __ATOMIC_ACQUIRE))
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    for (unsigned int id = 0; id < n; id++) {
        struct vcpu_result *r = &res[id];

        printf("tm-pvclock: vCPU %u: %lu reads, %lu records, %lu us covered\n", id, r->reads,
               r->records, (unsigned long)(r->last - r->first) / 1000);
        printf("tm-pvclock: vCPU %u: backwards %lu, secondary %lu, across vCPUs %lu\n", id,
               r->back, r->sec_back, r->global_back);
        printf("tm-pvclock: vCPU %u: %lu runstate areas of other vCPUs read, %lu torn\n", id,
               r->peeks, r->torn);
        check(!r->torn, "vCPU %u: %lu torn runstate reads", id, r->torn);
        check(r->reads == nr_reads, "vCPU %u: %lu reads", id, r->reads);
        check(!r->bad_record, "vCPU %u: %lu malformed records", id, r->bad_record);
        check(r->records >= 2, "vCPU %u: %lu records (>= 2: rescheduled)", id, r->records);
        if (on_xen() && !(r->flags & XEN_PVCLOCK_TSC_STABLE_BIT))
            continue;               /* Xen promises none of the below then: printed only */
        check(!r->back, "vCPU %u: pvclock went backwards %lu times", id, r->back);
        check(!r->sec_back, "vCPU %u: secondary copy went backwards %lu times", id, r->sec_back);
        check(!r->global_back, "vCPU %u: %lu reads below another vCPU's earlier read",
              id, r->global_back);
    }
    printf("tm-pvclock: XEN_PVCLOCK_TSC_STABLE_BIT %s\n",
           (res[0].flags & XEN_PVCLOCK_TSC_STABLE_BIT) ? "set" : "clear");
    test_end();
}
