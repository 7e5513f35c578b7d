/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY stubs for what the p2m/hypercall code calls but other helpers
 * implement (svm: hvm_ops; dom: domain_shutdown/crash, vcpu_block;
 * policy: guest_console_write).  Delete each one as the real one lands
 * in main.
 */
#include <xen/guest_console.h>
#include <xen/lib.h>
#include <stdarg.h>
#include <xen/sched.h>
#include <asm/hvm.h>

const struct hvm_vendor_ops *hvm_ops;

void domain_crash(struct domain *d, const char *fmt, ...)
{
    va_list ap;
    char why[160];

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    printk("d%u: crashed: %s\n", d->domain_id, why);
}

void domain_shutdown(struct domain *d, int reason)
{
    printk("d%u: shutdown: reason %d\n", d->domain_id, reason);
}

void vcpu_block(struct vcpu *v)
{
    (void)v;
}

void guest_console_write(struct domain *d, const char *buf, size_t len)
{
    printk("(d%u) %.*s", d->domain_id, (int)len, buf);
}
