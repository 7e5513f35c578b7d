/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * CPU masks: one bit per logical CPU number, NR_CPUS bits.  Set, clear and
 * test are atomic (other CPUs update the online map); the whole-mask
 * helpers are not, and are meant for masks owned by the caller.
 */
#ifndef XEN_CPUMASK_H
#define XEN_CPUMASK_H

#include <xen/types.h>
#include <asm/config.h>

#define BITS_PER_LONG   64
#define CPUMASK_LONGS   ((NR_CPUS + BITS_PER_LONG - 1) / BITS_PER_LONG)

typedef struct cpumask {
    unsigned long bits[CPUMASK_LONGS];
} cpumask_t;

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_or(&m->bits[cpu / BITS_PER_LONG], 1ul << (cpu % BITS_PER_LONG),
                      __ATOMIC_SEQ_CST);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_and(&m->bits[cpu / BITS_PER_LONG], ~(1ul << (cpu % BITS_PER_LONG)),
                       __ATOMIC_SEQ_CST);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
    return cpu < NR_CPUS &&
           (__atomic_load_n(&m->bits[cpu / BITS_PER_LONG], __ATOMIC_ACQUIRE) >>
            (cpu % BITS_PER_LONG)) & 1;
}

static inline void cpumask_clear(cpumask_t *m)
{
    for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
        m->bits[i] = 0;
}

static inline void cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
    for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
        dst->bits[i] = __atomic_load_n(&src->bits[i], __ATOMIC_ACQUIRE);
}

/* dst = a & b */
static inline void cpumask_and(cpumask_t *dst, const cpumask_t *a, const cpumask_t *b)
{
    for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
        dst->bits[i] = a->bits[i] & b->bits[i];
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
    unsigned int n = 0;

    for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
        for (unsigned long b = __atomic_load_n(&m->bits[i], __ATOMIC_ACQUIRE); b; b &= b - 1)
            n++;                /* no libgcc: no __builtin_popcount */
    return n;
}

static inline bool cpumask_empty(const cpumask_t *m)
{
    return cpumask_weight(m) == 0;
}

/* First set bit at or after @cpu, or NR_CPUS. */
static inline unsigned int cpumask_next(unsigned int cpu, const cpumask_t *m)
{
    for (; cpu < NR_CPUS; cpu++)
        if (cpumask_test_cpu(cpu, m))
            return cpu;
    return NR_CPUS;
}

#define for_each_cpu(cpu, mask)                                 \
    for ((cpu) = cpumask_next(0, (mask)); (cpu) < NR_CPUS;      \
         (cpu) = cpumask_next((cpu) + 1, (mask)))

#endif
