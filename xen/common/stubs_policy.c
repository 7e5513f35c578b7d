/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY stand-ins for functions other helpers implement (svm: hvm_ops;
 * dom: scheduler and domain lifecycle; p2m: guest memory access), so the
 * policy branch links on its own.  Each goes as soon as the real one is in
 * main.  None of them is reached while no domain exists.
 */
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>

const struct hvm_vendor_ops *hvm_ops;

void vcpu_wake(struct vcpu *v) { (void)v; }
void vcpu_block(struct vcpu *v) { (void)v; }
void vcpu_up(struct vcpu *v) { (void)v; }

void domain_shutdown(struct domain *d, int reason)
{
    printk("d%u: shutdown %d (stub)\n", d->domain_id, reason);
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
    printk("d%u: crashed (stub): %s\n", d->domain_id, fmt);
}

int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *buf, size_t len)
{
    (void)d, (void)gpa, (void)buf, (void)len;
    return -EFAULT;
}

int copy_from_guest_phys(struct domain *d, void *buf, uint64_t gpa, size_t len)
{
    (void)d, (void)buf, (void)gpa, (void)len;
    return -EFAULT;
}

int guest_virt_to_phys(struct vcpu *v, uint64_t va, uint32_t pfec, uint64_t *gpa)
{
    (void)v, (void)va, (void)pfec, (void)gpa;
    return -EFAULT;
}
