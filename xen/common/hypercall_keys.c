/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Debug keys for the per-domain hypercall counters (d->hypercall_count,
 * counted by hypercall_dispatch, sub-calls of a multicall included):
 * 'p' prints them per domain, 'P' resets them.  The letters are Xen's
 * "print/reset performance counters" keys, whose closest analogue this is.
 * Counters are racy 64-bit counts: a reset may lose a concurrent increment.
 */
#include <xen/hypercall.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/sched.h>

static void dump_hypercall_counts(unsigned char key)
{
    unsigned long flags;

    (void)key;
    printk("'p' pressed -> dumping hypercall counters\n");
    spin_lock_irqsave(&domlist_lock, flags);
    if (!domain_list)
        printk("No domains\n");
    for (struct domain *d = domain_list; d; d = d->next_in_list) {
        printk("Domain %u (%s):\n", d->domain_id, d->name);
        hypercall_dump_counts(d);
    }
    spin_unlock_irqrestore(&domlist_lock, flags);
}
DEFINE_KEYHANDLER('p', dump_hypercall_counts, "print hypercall counters per domain");

static void reset_hypercall_counts(unsigned char key)
{
    unsigned long flags;

    (void)key;
    printk("'P' pressed -> resetting hypercall counters\n");
    spin_lock_irqsave(&domlist_lock, flags);
    for (struct domain *d = domain_list; d; d = d->next_in_list)
        for (unsigned int nr = 0; nr < ARRAY_SIZE(d->hypercall_count); nr++)
            WRITE_ONCE(d->hypercall_count[nr], 0);
    spin_unlock_irqrestore(&domlist_lock, flags);
}
DEFINE_KEYHANDLER('P', reset_hypercall_counts, "reset hypercall counters");
