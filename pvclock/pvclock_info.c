/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The vcpu_time_info / wallclock version protocol; see pvclock_info.h. */
#include "pvclock_info.h"

/* Stores before it are visible before stores after it (x86: compiler barrier). */
#define write_barrier() __atomic_thread_fence(__ATOMIC_RELEASE)
/* Loads before it complete before loads after it (x86: compiler barrier). */
#define read_barrier()  __atomic_thread_fence(__ATOMIC_ACQUIRE)

uint32_t pvclock_publish(volatile struct vcpu_time_info *t, uint64_t tsc,
                         uint64_t system_time, const struct time_scale *ts, uint8_t flags)
{
    uint32_t v = t->version;
    uint32_t odd = (v | 1) + ((v & 1) ? 2 : 0); /* odd, and never one a reader saw */

    t->version = odd;
    write_barrier();
    t->tsc_timestamp = tsc;
    t->system_time = system_time;
    t->tsc_to_system_mul = ts->mul_frac;
    t->tsc_shift = (int8_t)ts->shift;
    t->flags = flags;
    write_barrier();
    t->version = odd + 1;                       /* not re-read: the guest may write it */
    return odd + 1;
}

void pvclock_snapshot(const volatile struct vcpu_time_info *src, struct vcpu_time_info *dst)
{
    uint32_t v;

    do {
        v = src->version;
        read_barrier();
        dst->tsc_timestamp = src->tsc_timestamp;
        dst->system_time = src->system_time;
        dst->tsc_to_system_mul = src->tsc_to_system_mul;
        dst->tsc_shift = src->tsc_shift;
        dst->flags = src->flags;
        read_barrier();
    } while ((v & 1) || v != src->version);
    dst->version = v;
}

uint64_t pvclock_time_at(const struct vcpu_time_info *t, uint64_t tsc)
{
    struct time_scale ts = { t->tsc_shift, t->tsc_to_system_mul };
    uint64_t delta = tsc > t->tsc_timestamp ? tsc - t->tsc_timestamp : 0;
    uint64_t ns = scale_delta(delta, &ts);

    return t->system_time + ns < t->system_time ? UINT64_MAX : t->system_time + ns;
}

void pvclock_publish_wallclock(volatile struct shared_info *s, uint64_t sec, uint32_t nsec)
{
    uint32_t v = s->wc_version;

    s->wc_version = (v | 1) + ((v & 1) ? 2 : 0);
    write_barrier();
    s->wc_sec = (uint32_t)sec;
    s->wc_sec_hi = (uint32_t)(sec >> 32);
    s->wc_nsec = nsec;
    write_barrier();
    s->wc_version = s->wc_version + 1;
}

void pvclock_read_wallclock(const volatile struct shared_info *s, uint64_t *sec, uint32_t *nsec)
{
    uint32_t v;

    do {
        v = s->wc_version;
        read_barrier();
        *sec = ((uint64_t)s->wc_sec_hi << 32) | s->wc_sec;
        *nsec = s->wc_nsec;
        read_barrier();
    } while ((v & 1) || v != s->wc_version);
}

static uint64_t max_u64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

void pvclock_guard_leave(struct pvclock_guard *g, uint64_t tsc)
{
    if (g->valid)
        g->floor = max_u64(g->floor, pvclock_time_at(&g->last, tsc));
}

void pvclock_guard_record(struct pvclock_guard *g, uint64_t tsc, uint64_t now,
                          const struct time_scale *ts, uint8_t flags,
                          struct vcpu_time_info *out)
{
    uint64_t st = max_u64(now, g->floor);

    if (g->valid)
        st = max_u64(st, pvclock_time_at(&g->last, tsc));
    *out = (struct vcpu_time_info){
        .tsc_timestamp = tsc, .system_time = st,
        .tsc_to_system_mul = ts->mul_frac, .tsc_shift = (int8_t)ts->shift, .flags = flags,
    };
    g->last = *out;
    g->floor = st;
    g->valid = 1;
}
