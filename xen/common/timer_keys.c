/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The 't' debug key: dump every CPU's software timer queue. */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/symbols.h>
#include <xen/time.h>
#include <xen/timer.h>

/* Name of the function containing @addr, from the image's symbol table. */
static const char *symbol_name(unsigned long addr)
{
    struct symtab tab = xen_symtab();
    const char *name = symtab_lookup(&tab, addr, NULL, NULL);

    return name ? name : "??";
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
