/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Ticket spinlocks with recursion and wrong-owner checks. */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/spinlock.h>
#include <asm/processor.h>

static void check_not_held(spinlock_t *l, const char *file, unsigned int line)
{
    if (unlikely(l->owner == (int16_t)smp_processor_id()))
        bug_fail("spinlock taken recursively", file, line);
}

void _spin_lock(spinlock_t *l, const char *file, unsigned int line)
{
    uint16_t ticket;

    check_not_held(l, file, line);
    ticket = __atomic_fetch_add(&l->tail, 1, __ATOMIC_ACQUIRE);
    while (__atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != ticket)
        cpu_relax();
    l->owner = smp_processor_id();
    l->file = file;
    l->line = line;
    this_cpu()->lock_depth++;
}

bool _spin_trylock(spinlock_t *l, const char *file, unsigned int line)
{
    uint16_t head = l->head;
    uint32_t old = ((uint32_t)head << 16) | head;    /* tail == head: free */
    uint32_t new = ((uint32_t)(head + 1) << 16) | head;

    check_not_held(l, file, line);
    /* head and tail are adjacent 16-bit fields: compare-exchange both. */
    if (!__atomic_compare_exchange_n((uint32_t *)&l->head, &old, new, false,
                                     __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return false;
    l->owner = smp_processor_id();
    l->file = file;
    l->line = line;
    this_cpu()->lock_depth++;
    return true;
}

void _spin_unlock(spinlock_t *l, const char *file, unsigned int line)
{
    if (unlikely(l->owner != (int16_t)smp_processor_id()))
        bug_fail(l->owner < 0 ? "releasing a spinlock that is not held"
                              : "releasing a spinlock held by another CPU",
                 file, line);
    l->owner = -1;
    this_cpu()->lock_depth--;
    __atomic_store_n(&l->head, (uint16_t)(l->head + 1), __ATOMIC_RELEASE);
}

unsigned long _spin_lock_irqsave(spinlock_t *l, const char *file, unsigned int line)
{
    unsigned long flags = local_irq_save();
    _spin_lock(l, file, line);
    return flags;
}

void _spin_unlock_irqrestore(spinlock_t *l, unsigned long flags, const char *file,
                             unsigned int line)
{
    _spin_unlock(l, file, line);
    local_irq_restore(flags);
}

/* One 32-bit load, so head and tail come from the same instant. */
bool spin_is_locked(const spinlock_t *l)
{
    uint32_t v = __atomic_load_n((const volatile uint32_t *)&l->head, __ATOMIC_ACQUIRE);

    return (uint16_t)v != (uint16_t)(v >> 16);
}
