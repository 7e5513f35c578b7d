/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Ticket spinlocks with debug checks: taking a lock this CPU already holds
 * (recursion) and releasing a lock held by another CPU (or not held) both
 * BUG with file and line of the caller.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/types.h>

typedef struct spinlock {
    volatile uint16_t head;     /* ticket being served */
    volatile uint16_t tail;     /* next ticket to hand out */
    volatile int16_t owner;     /* CPU holding it, -1 if free */
    const char *file;           /* where it was last taken (debug) */
    unsigned int line;
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { 0, 0, -1, NULL, 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

void _spin_lock(spinlock_t *l, const char *file, unsigned int line);
void _spin_unlock(spinlock_t *l, const char *file, unsigned int line);
bool _spin_trylock(spinlock_t *l, const char *file, unsigned int line);
unsigned long _spin_lock_irqsave(spinlock_t *l, const char *file, unsigned int line);
void _spin_unlock_irqrestore(spinlock_t *l, unsigned long flags, const char *file, unsigned int line);
bool spin_is_locked(const spinlock_t *l);

static inline void spin_lock_init(spinlock_t *l) { *l = (spinlock_t)SPIN_LOCK_UNLOCKED; }

#define spin_lock(l)                  _spin_lock(l, __FILE__, __LINE__)
#define spin_unlock(l)                _spin_unlock(l, __FILE__, __LINE__)
#define spin_trylock(l)               _spin_trylock(l, __FILE__, __LINE__)
#define spin_lock_irqsave(l, f)       ((f) = _spin_lock_irqsave(l, __FILE__, __LINE__))
#define spin_unlock_irqrestore(l, f)  _spin_unlock_irqrestore(l, f, __FILE__, __LINE__)

#endif
