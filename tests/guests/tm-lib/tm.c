/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The tm-* guests' shared helpers; see tm.h. */
#include "tm.h"

#define AP_STACK_SIZE 16384
#define START_WAIT_NS 3000000000ull     /* per vCPU */

extern uint64_t ap_stack_top;           /* head.S: the stack an AP starts on */

static struct vcpu_time_info last[TM_MAX_VCPUS];
static uint8_t stacks[TM_MAX_VCPUS][AP_STACK_SIZE] __attribute__((aligned(16)));
static void (*vcpu_fn)(unsigned int id);
static volatile unsigned int starting_id;
static volatile unsigned int started;

void tm_init(const char *name, ev_handler_t fn)
{
    hctest_init(name);
    ev_init(fn);
}

uint64_t tm_clock(unsigned int vcpu)
{
    struct vcpu_time_info *s = &last[vcpu % TM_MAX_VCPUS];

    pvclock_snapshot(&ev_shinfo->vcpu_info[vcpu].time, s);
    return pvclock_time_at(s, rdtsc());
}

const struct vcpu_time_info *tm_last_record(unsigned int vcpu)
{
    return &last[vcpu % TM_MAX_VCPUS];
}

long tm_register_runstate(unsigned int vcpu, struct vcpu_runstate_info *area)
{
    struct vcpu_register_runstate_memory_area a = { .addr = (uint64_t)(uintptr_t)area };

    return HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, vcpu, &a);
}

void tm_runstate_read(const volatile struct vcpu_runstate_info *area,
                      struct vcpu_runstate_info *out)
{
    if (!runstate_snapshot(area, out, 100000000ul))
        test_failure("runstate area stayed XEN_RUNSTATE_UPDATE for 10^8 reads");
}

static void ap_main(void)
{
    unsigned int id = starting_id;

    __atomic_store_n(&started, id, __ATOMIC_RELEASE);
    vcpu_fn(id);
}

unsigned int tm_start_vcpus(unsigned int n, void (*fn)(unsigned int id))
{
    static struct vcpu_hvm_context ctx;
    unsigned int id;

    vcpu_fn = fn;
    if (n > TM_MAX_VCPUS)
        n = TM_MAX_VCPUS;
    for (id = 1; id < n; id++) {
        uint64_t end;
        long rc;

        ap_prepare(ap_main);
        ap_stack_top = (uint64_t)(stacks[id] + AP_STACK_SIZE);
        starting_id = id;
        ap_context_pm32(&ctx);
        rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, id, &ctx);
        if (!rc)
            rc = HYPERVISOR_vcpu_op(VCPUOP_up, id, NULL);
        if (rc) {
            printf("tm: vCPU %u: initialise/up: %ld\n", id, rc);
            break;
        }
        end = tm_clock(0) + START_WAIT_NS;
        while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) != id && tm_clock(0) < end)
            cpu_relax();
        if (started != id)
            test_error("vCPU %u did not start", id);
    }
    return id;
}

void tm_lock(volatile int *l)
{
    while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
        while (*l)
            cpu_relax();
}

void tm_unlock(volatile int *l)
{
    __atomic_store_n(l, 0, __ATOMIC_RELEASE);
}
