/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The 't' debug key: dump every CPU's software timer queue. */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/time.h>
#include <xen/timer.h>

/*
 * Name of the function starting at @addr, from the image's symbol table.
 * TODO: use the traps helper's symbol lookup once it is merged.
 */
extern const unsigned long symtab_count, symtab_addrs[];
extern const char *const symtab_names[];

static const char *symbol_name(unsigned long addr)
{
    unsigned long lo = 0, hi = symtab_count;

    while (hi - lo > 1) {           /* last entry with address <= addr */
        unsigned long mid = (lo + hi) / 2;
        if (symtab_addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    return symtab_count && symtab_addrs[lo] == addr ? symtab_names[lo] : "?";
}

static void dump_timerq(unsigned char key)
{
    s_time_t now = NOW();

    (void)key;
    printk("'t' pressed -> dumping timer queues\n");
    printk("Now: %lld ns\n", (long long)now);
    for (unsigned int cpu = 0; cpu < nr_cpu_ids && cpu < NR_CPUS; cpu++)
        timer_dump_queue(cpu, now, symbol_name);
}
DEFINE_KEYHANDLER('t', dump_timerq, "dump timer queues");
