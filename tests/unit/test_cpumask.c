/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* CPU mask helpers (xen/include/xen/cpumask.h). */
#include "harness.h"
#include <xen/cpumask.h>

TEST(set_clear_weight)
{
    cpumask_t m;
    unsigned int cpu, seen = 0;

    cpumask_clear(&m);
    CHECK(cpumask_empty(&m));
    cpumask_set_cpu(0, &m);
    cpumask_set_cpu(5, &m);
    cpumask_set_cpu(NR_CPUS - 1, &m);
    CHECK_EQ(cpumask_weight(&m), 3);
    CHECK(cpumask_test_cpu(5, &m));
    CHECK(!cpumask_test_cpu(6, &m));
    CHECK(!cpumask_test_cpu(NR_CPUS, &m));          /* out of range: never set */
    for_each_cpu(cpu, &m)
        seen |= cpu == 0 ? 1 : cpu == 5 ? 2 : cpu == NR_CPUS - 1 ? 4 : 8;
    CHECK_EQ(seen, 7);
    cpumask_clear_cpu(5, &m);
    CHECK_EQ(cpumask_weight(&m), 2);
    CHECK_EQ(cpumask_next(1, &m), NR_CPUS - 1);
}

TEST(and_copy)
{
    cpumask_t a, b, c;
    unsigned int cpu, n = 0;

    cpumask_clear(&a);
    cpumask_clear(&b);
    for (cpu = 0; cpu < NR_CPUS; cpu += 2)
        cpumask_set_cpu(cpu, &a);
    for (cpu = 0; cpu < NR_CPUS; cpu += 3)
        cpumask_set_cpu(cpu, &b);
    cpumask_and(&c, &a, &b);
    for_each_cpu(cpu, &c) {
        CHECK_EQ(cpu % 6, 0);
        n++;
    }
    CHECK_EQ(n, (NR_CPUS + 5) / 6);
    cpumask_copy(&b, &c);
    CHECK_EQ(cpumask_weight(&b), n);
}

TEST(empty_iteration)
{
    cpumask_t m;
    unsigned int cpu, n = 0;

    cpumask_clear(&m);
    for_each_cpu(cpu, &m)
        n++;
    CHECK_EQ(n, 0);
    CHECK_EQ(cpumask_next(0, &m), NR_CPUS);
}

TEST_MAIN()
