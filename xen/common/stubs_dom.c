/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY stub (dom helper) for pvh_build_domain(), which the loader
 * helper implements (xen/arch/x86/pvh_build.c), so the hypervisor links
 * before that work is merged.  Weak: the real one wins when it lands;
 * delete this file then.  Until then every boot domain is destroyed right
 * after creation ("not built").
 */
#include <xen/domain_build.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>

__attribute__((weak))
int pvh_build_domain(struct domain *d, const struct domain_config *cfg,
                     struct pvh_entry *entry)
{
    (void)cfg; (void)entry;
    printk("d%u: refused: no PVH loader in this build\n", d->domain_id);
    return -ENOSYS;
}
