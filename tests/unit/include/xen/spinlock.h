/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Host stand-in for <xen/spinlock.h>: checks pairing, and taking a lock the
 * calling thread holds already (recursion) BUGs, as on the hypervisor.  The
 * owner is the thread (unit_spin_self, stubs.c), so tests may also race
 * threads over the code under test: a lock another thread holds is waited for.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H
#include <xen/lib.h>
extern __thread char unit_spin_self;
typedef struct spinlock { char *owner; } spinlock_t;
#define SPIN_LOCK_UNLOCKED { NULL }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED
static inline void spin_lock_init(spinlock_t *l) { l->owner = NULL; }
static inline bool spin_trylock(spinlock_t *l)
{
    char *none = NULL;

    return __atomic_compare_exchange_n(&l->owner, &none, &unit_spin_self, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}
static inline void spin_lock(spinlock_t *l)
{
    BUG_ON(__atomic_load_n(&l->owner, __ATOMIC_RELAXED) == &unit_spin_self);
    while (!spin_trylock(l))
        __builtin_ia32_pause();
}
static inline void spin_unlock(spinlock_t *l)
{
    BUG_ON(__atomic_load_n(&l->owner, __ATOMIC_RELAXED) != &unit_spin_self);
    __atomic_store_n(&l->owner, NULL, __ATOMIC_RELEASE);
}
static inline bool spin_is_locked(const spinlock_t *l)
{
    return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) != NULL;
}
#define spin_lock_irqsave(l, f) ((f) = 0, spin_lock(l))
#define spin_unlock_irqrestore(l, f) ((void)(f), spin_unlock(l))
#endif
