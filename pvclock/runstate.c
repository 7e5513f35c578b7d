/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Runstate accounting and the area's consumer; see runstate.h. */
#include "runstate.h"

#define read_barrier()  __atomic_thread_fence(__ATOMIC_ACQUIRE)

void runstate_charge(int64_t time[RUNSTATE_COUNT], int64_t *entry, unsigned int state,
                     int64_t now)
{
    if (now <= *entry)
        return;
    if (state < RUNSTATE_COUNT)
        time[state] += now - *entry;
    *entry = now;
}

int64_t runstate_switch_in_time(int64_t now, int64_t out, int64_t entry, int was_runnable,
                                int64_t gap_max)
{
    if (!was_runnable || out > now || now - out > gap_max)
        return now;
    return out > entry ? out : entry;
}

int runstate_snapshot(const volatile struct vcpu_runstate_info *src,
                      struct vcpu_runstate_info *dst, unsigned long max_tries)
{
    for (unsigned long i = 0; i < max_tries; i++) {
        uint64_t entry = src->state_entry_time;

        read_barrier();
        dst->state = src->state;
        for (unsigned int s = 0; s < RUNSTATE_COUNT; s++)
            dst->time[s] = src->time[s];
        read_barrier();
        dst->state_entry_time = entry;
        if (!(entry & XEN_RUNSTATE_UPDATE) && entry == src->state_entry_time)
            return 1;
    }
    dst->state_entry_time &= ~XEN_RUNSTATE_UPDATE;
    return 0;
}

uint64_t runstate_time_in(const struct vcpu_runstate_info *r, unsigned int state, uint64_t now)
{
    uint64_t t = state < RUNSTATE_COUNT ? r->time[state] : 0;

    if ((unsigned int)r->state == state && now > r->state_entry_time)
        t += now - r->state_entry_time;
    return t;
}

uint64_t runstate_total(const struct vcpu_runstate_info *r, uint64_t now)
{
    uint64_t t = 0;

    for (unsigned int s = 0; s < RUNSTATE_COUNT; s++)
        t += runstate_time_in(r, s, now);
    return t;
}

uint64_t runstate_steal(const struct vcpu_runstate_info *r, uint64_t now)
{
    return runstate_time_in(r, RUNSTATE_runnable, now);
}
