/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-CPU software timer queues on top of timer_heap.c, run from
 * TIMER_SOFTIRQ (the 't' debug key is in timer_keys.c).
 *
 * Locking: each queue's lock (taken with interrupts off) protects its heap
 * and the status/expires/heap_pos of every timer whose ->cpu names it.
 * t->cpu changes only with the old and new queue locks both held, so
 * lock_timer() re-checks it after locking.
 *
 * Storage: a static array of TIMER_QUEUE_SLOTS per CPU.  TODO: once the
 * heap allocator (xmalloc) is merged, grow a full queue with
 * timer_heap_resize() instead of failing with -ENOSPC.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/config.h>
#include <asm/processor.h>

#define TIMER_QUEUE_SLOTS 256

struct timer_queue {
    spinlock_t lock;
    struct timer_heap heap;
    struct timer *running;      /* callback in progress (read unlocked) */
    struct timer *slots[TIMER_QUEUE_SLOTS];
};

static struct timer_queue queues[NR_CPUS];

static struct timer_queue *lock_timer(struct timer *t, unsigned long *flags)
{
    for (;;) {
        unsigned int cpu = READ_ONCE(t->cpu);
        struct timer_queue *q = &queues[cpu];

        spin_lock_irqsave(&q->lock, *flags);
        if (cpu == t->cpu)
            return q;
        spin_unlock_irqrestore(&q->lock, *flags);
    }
}

/*
 * The hardware deadline for @first (NULL: none, 0 disarms).  A timer may
 * be set to expire at 0 or before (a guest's singleshot timeout of 0, a
 * poll timeout of 1 ns): that is a deadline in the past, which must fire
 * at once -- passed on as 0 it disarmed the CPU's timer, and this timer
 * and every later one on that CPU (the vCPUs' APIC timers, the scheduler's
 * slice) never ran again: a guest halted there slept for ever.
 */
static s_time_t hw_deadline(const struct timer *first)
{
    if (!first)
        return 0;
    return first->expires > 0 ? first->expires : 1;
}

/* @q's earliest timer changed: get its CPU to re-program its APIC timer. */
static void kick_queue(struct timer_queue *q)
{
    unsigned int cpu = q - queues;
    struct timer *first = timer_heap_first(&q->heap);

    if (cpu == smp_processor_id())
        reprogram_timer(hw_deadline(first));
    else
        cpu_raise_softirq(cpu, TIMER_SOFTIRQ);
}

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    BUG_ON(cpu >= NR_CPUS || !fn);
    *t = (struct timer){ .function = fn, .data = data, .cpu = cpu,
                         .status = TIMER_STATUS_inactive };
}

int set_timer(struct timer *t, s_time_t expires)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);
    int rc = 0;

    t->expires = expires;
    if (t->status == TIMER_STATUS_active) {
        timer_heap_update(&q->heap, t);
    } else if (t->status == TIMER_STATUS_killed) {
        rc = -EINVAL;
    } else if ((rc = timer_heap_add(&q->heap, t)) == 0) {
        t->status = TIMER_STATUS_active;
    } else {
        printk(XENLOG_WARNING "timer: CPU%u queue full (%u), timer %p not armed\n",
               t->cpu, q->heap.size, t);
    }
    if (rc == 0 && timer_heap_first(&q->heap) == t)
        kick_queue(q);
    spin_unlock_irqrestore(&q->lock, flags);
    return rc;
}

void stop_timer(struct timer *t)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);

    if (t->status == TIMER_STATUS_active) {
        timer_heap_remove(&q->heap, t);
        t->status = TIMER_STATUS_inactive;
    }
    spin_unlock_irqrestore(&q->lock, flags);
}

void kill_timer(struct timer *t)
{
    unsigned long flags;
    struct timer_queue *q = lock_timer(t, &flags);

    if (t->status == TIMER_STATUS_active)
        timer_heap_remove(&q->heap, t);
    t->status = TIMER_STATUS_killed;
    spin_unlock_irqrestore(&q->lock, flags);

    /* Its callback may have been started on any CPU it was queued on. */
    for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
        while (cpu != smp_processor_id() && READ_ONCE(queues[cpu].running) == t)
            cpu_relax();
}

/* Lock the queues of @t's CPU and of @cpu, lower index first. */
static unsigned int lock_two(struct timer *t, unsigned int cpu, unsigned long *flags)
{
    for (;;) {
        unsigned int old = READ_ONCE(t->cpu);
        unsigned int lo = min(old, cpu), hi = max(old, cpu);

        spin_lock_irqsave(&queues[lo].lock, *flags);
        if (hi != lo)
            spin_lock(&queues[hi].lock);
        if (old == t->cpu)
            return old;
        if (hi != lo)
            spin_unlock(&queues[hi].lock);
        spin_unlock_irqrestore(&queues[lo].lock, *flags);
    }
}

static void unlock_two(unsigned int a, unsigned int b, unsigned long flags)
{
    if (a != b)
        spin_unlock(&queues[max(a, b)].lock);
    spin_unlock_irqrestore(&queues[min(a, b)].lock, flags);
}

void migrate_timer(struct timer *t, unsigned int cpu)
{
    unsigned long flags;
    unsigned int old;

    BUG_ON(cpu >= NR_CPUS);
    old = lock_two(t, cpu, &flags);
    if (old != cpu && t->status == TIMER_STATUS_active) {
        timer_heap_remove(&queues[old].heap, t);
        if (timer_heap_add(&queues[cpu].heap, t) == 0) {
            t->cpu = cpu;
            if (timer_heap_first(&queues[cpu].heap) == t)
                kick_queue(&queues[cpu]);
        } else {
            /* Cannot fail: we just made room. */
            BUG_ON(timer_heap_add(&queues[old].heap, t));
            printk(XENLOG_WARNING "timer: CPU%u queue full, %p stays on CPU%u\n",
                   cpu, t, old);
        }
    } else {
        t->cpu = cpu;
    }
    unlock_two(old, cpu, flags);
}

/* TIMER_SOFTIRQ: run what has expired, then arm the APIC for the rest. */
static void timer_softirq_action(void)
{
    struct timer_queue *q = &queues[smp_processor_id()];
    s_time_t now = NOW();
    unsigned long flags;
    struct timer *t;

    spin_lock_irqsave(&q->lock, flags);
    while ((t = timer_heap_first(&q->heap)) != NULL && t->expires <= now) {
        void (*fn)(void *) = t->function;
        void *data = t->data;

        timer_heap_remove(&q->heap, t);
        t->status = TIMER_STATUS_inactive;
        WRITE_ONCE(q->running, t);
        spin_unlock_irqrestore(&q->lock, flags);
        fn(data);               /* may re-arm, stop or kill t */
        spin_lock_irqsave(&q->lock, flags);
        WRITE_ONCE(q->running, NULL);
    }
    reprogram_timer(hw_deadline(t));
    spin_unlock_irqrestore(&q->lock, flags);
}

void timer_init(void)
{
    for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
        spin_lock_init(&queues[cpu].lock);
        timer_heap_init(&queues[cpu].heap, queues[cpu].slots, TIMER_QUEUE_SLOTS);
    }
    open_softirq(TIMER_SOFTIRQ, timer_softirq_action);
}

void timer_dump_queue(unsigned int cpu, s_time_t now,
                      const char *(*sym)(unsigned long addr))
{
    struct timer_queue *q;
    unsigned long flags;

    if (cpu >= NR_CPUS)
        return;
    q = &queues[cpu];
    spin_lock_irqsave(&q->lock, flags);
    printk("CPU%02u: %u timer(s)%s\n", cpu, q->heap.size,
           timer_heap_valid(&q->heap) ? "" : " HEAP CORRUPT");
    for (unsigned int i = 0; i < q->heap.size; i++) {
        const struct timer *t = q->heap.slot[i];

        printk("  ex=%+12lldus timer=%p cb=%s(%p) data=%p\n",
               (long long)(t->expires - now) / 1000, t,
               sym((unsigned long)t->function), t->function, t->data);
    }
    spin_unlock_irqrestore(&q->lock, flags);
}
