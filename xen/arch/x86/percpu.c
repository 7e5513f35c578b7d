/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Per-CPU data areas and the %gs accessor set-up. */
#include <xen/percpu.h>
#include <asm/processor.h>

struct percpu percpu_data[NR_CPUS];
unsigned int nr_cpu_ids = 1;

void percpu_init_this_cpu(unsigned int cpu)
{
    struct percpu *p = &percpu_data[cpu];

    p->self = p;
    p->cpu_id = cpu;
    wrmsr(MSR_GS_BASE, (uint64_t)p);
}
