/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Software timers.  Each CPU keeps its armed timers in a binary min-heap
 * ordered by expiry; the local APIC timer is programmed for the earliest.
 * When it fires, TIMER_SOFTIRQ runs every expired callback on that CPU,
 * with the queue lock dropped (a callback may re-arm its own timer).
 *
 *   static struct timer poll_timer;
 *   init_timer(&poll_timer, poll_fn, NULL, 0);           // fires on CPU 0
 *   set_timer(&poll_timer, NOW() + MILLISECS(10));       // absolute ns
 *
 * Storage is owned by the caller; a timer must be killed (kill_timer)
 * before its memory is freed.  Host-testable: the heap part (timer_heap_*)
 * needs only this header and xen/common/timer_heap.c.
 */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/types.h>

enum timer_status {
    TIMER_STATUS_inactive,      /* not queued */
    TIMER_STATUS_active,        /* in the heap of CPU @cpu */
    TIMER_STATUS_killed,        /* kill_timer()ed: never queued again */
};

struct timer {
    s_time_t expires;           /* absolute system time (ns) */
    void (*function)(void *);
    void *data;
    unsigned int cpu;           /* whose queue it (would) sit on */
    unsigned int heap_pos;      /* index in that heap while active */
    uint8_t status;             /* enum timer_status; queue lock of @cpu */
};

/* Set up @t to call @fn(@data) on @cpu.  Must be done before any other use. */
void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu);
/*
 * Arm (or move) @t to expire at absolute time @expires.  Returns 0, or
 * -ENOSPC if the CPU's queue is full (reported on the console; the timer
 * stays inactive) or -EINVAL for a killed timer.
 */
int set_timer(struct timer *t, s_time_t expires);
/* Disarm @t; harmless if it is not armed.  Its callback may still be running. */
void stop_timer(struct timer *t);
/* Disarm @t for good and wait until its callback is not running elsewhere. */
void kill_timer(struct timer *t);
/* Move @t to @cpu's queue (keeping its expiry if armed). */
void migrate_timer(struct timer *t, unsigned int cpu);
static inline bool timer_is_active(const struct timer *t)
{
    return t->status == TIMER_STATUS_active;
}

/* Boot CPU: set up all queues and TIMER_SOFTIRQ (called from time_init). */
void timer_init(void);
/* Print @cpu's queue (heap order), naming callbacks with @sym. */
void timer_dump_queue(unsigned int cpu, s_time_t now,
                      const char *(*sym)(unsigned long addr));

/*
 * The heap itself: slot[0] is the earliest timer; t->heap_pos is kept
 * equal to t's index, so removal from the middle is O(log n).
 */
struct timer_heap {
    struct timer **slot;
    unsigned int size;          /* timers in the heap */
    unsigned int capacity;      /* entries in slot[] */
};

void timer_heap_init(struct timer_heap *h, struct timer **slots, unsigned int capacity);
/* Insert @t (not in any heap); -ENOSPC if full. */
int timer_heap_add(struct timer_heap *h, struct timer *t);
/* Remove @t, which must be in @h. */
void timer_heap_remove(struct timer_heap *h, struct timer *t);
/* Restore order after @t->expires changed (t is in @h). */
void timer_heap_update(struct timer_heap *h, struct timer *t);
/* Earliest timer, or NULL if empty. */
struct timer *timer_heap_first(const struct timer_heap *h);
/* Switch to a larger slot array (contents copied); -EINVAL if too small. */
int timer_heap_resize(struct timer_heap *h, struct timer **slots, unsigned int capacity);
/* Check the heap property and every heap_pos (debug and tests). */
bool timer_heap_valid(const struct timer_heap *h);

#endif
