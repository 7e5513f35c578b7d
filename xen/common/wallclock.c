/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The wallclock base: UTC at system time 0, set once at boot from the RTC
 * (see xen/wallclock.h).  Written before any domain exists, read-only
 * afterwards.
 */
#include <xen/time.h>
#include <xen/wallclock.h>

#define NSEC_PER_SEC 1000000000ULL

static uint64_t base_sec;
static uint32_t base_nsec;

void wallclock_set(uint64_t sec, uint32_t nsec, s_time_t at)
{
    /* base = (sec, nsec) - at, borrowing from the seconds as needed. */
    uint64_t at_ns = at > 0 ? (uint64_t)at : 0;
    uint64_t back_sec = at_ns / NSEC_PER_SEC, back_nsec = at_ns % NSEC_PER_SEC;

    if (nsec >= NSEC_PER_SEC)
        nsec = NSEC_PER_SEC - 1;
    if (back_sec > sec || (back_sec == sec && back_nsec > nsec)) {
        base_sec = 0;
        base_nsec = 0;
        return;
    }
    if (nsec < back_nsec) {
        sec--;
        nsec += NSEC_PER_SEC;
    }
    base_sec = sec - back_sec;
    base_nsec = (uint32_t)(nsec - back_nsec);
}

void wallclock_base(uint64_t *sec, uint32_t *nsec)
{
    *sec = base_sec;
    *nsec = base_nsec;
}
