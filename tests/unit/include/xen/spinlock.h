/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Host stand-in for <xen/spinlock.h>: single-threaded, checks pairing only. */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H
#include <xen/lib.h>
typedef struct spinlock { int held; } spinlock_t;
#define SPIN_LOCK_UNLOCKED { 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED
static inline void spin_lock_init(spinlock_t *l) { l->held = 0; }
static inline void spin_lock(spinlock_t *l) { BUG_ON(l->held); l->held = 1; }
static inline void spin_unlock(spinlock_t *l) { BUG_ON(!l->held); l->held = 0; }
static inline bool spin_trylock(spinlock_t *l) { if (l->held) return false; l->held = 1; return true; }
static inline bool spin_is_locked(const spinlock_t *l) { return l->held; }
#define spin_lock_irqsave(l, f) ((f) = 0, spin_lock(l))
#define spin_unlock_irqrestore(l, f) ((void)(f), spin_unlock(l))
#endif
