/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY stubs (dom helper) for functions other helpers implement, so
 * the hypervisor links before their work is merged.  All weak: the real
 * definitions win as they land; delete each stub once it is in main.
 *   hvm_ops, hvm_{domain,vcpu}_{init,destroy}   svm (xen/arch/x86/hvm/hvm.c)
 *   pvh_build_domain                            loader (xen/arch/x86/pvh_build.c)
 *   guest_console_flush                         policy/p2m (guest console)
 * With hvm_ops NULL no domain is ever built, so none of these runs.
 */
#include <xen/domain_build.h>
#include <xen/errno.h>
#include <xen/guest_console.h>
#include <xen/sched.h>
#include <asm/hvm.h>

#define STUB __attribute__((weak))

STUB const struct hvm_vendor_ops *hvm_ops;

STUB int hvm_domain_init(struct domain *d)
{
    (void)d;
    return 0;
}

STUB void hvm_domain_destroy(struct domain *d)
{
    (void)d;
}

STUB int hvm_vcpu_init(struct vcpu *v)
{
    (void)v;
    return 0;
}

STUB void hvm_vcpu_destroy(struct vcpu *v)
{
    (void)v;
}

STUB int pvh_build_domain(struct domain *d, const struct domain_config *cfg,
                          struct pvh_entry *entry)
{
    (void)d; (void)cfg; (void)entry;
    return -ENOSYS;
}

STUB void guest_console_flush(struct domain *d)
{
    (void)d;
}
