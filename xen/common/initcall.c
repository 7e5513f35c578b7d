/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Runs the init hooks registered with presmp_initcall() and __initcall(). */
#include <xen/init.h>
#include <xen/lib.h>

extern const struct initcall __initcall_start[], __initcall_end[];

void do_initcalls(unsigned int stage)
{
    for (const struct initcall *c = __initcall_start; c < __initcall_end; c++) {
        int rc;
        if (c->stage != stage)
            continue;
        rc = c->fn();
        if (rc)
            printk(XENLOG_WARNING "init %s failed: %d\n", c->name, rc);
    }
}
