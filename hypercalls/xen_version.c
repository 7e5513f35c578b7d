/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * xen_version(cmd, arg): we report Xen 4.17 with extraversion ".0", the
 * interface our guests are written against.  Sub-ops not implemented yet
 * return -ENOSYS (as Xen does for unknown ones).
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/version.h>

#define XEN_MAJOR 4
#define XEN_MINOR 17

static long ver_version(struct vcpu *v, uint64_t arg)
{
    (void)v, (void)arg;
    return (XEN_MAJOR << 16) | XEN_MINOR;
}

static long ver_extraversion(struct vcpu *v, uint64_t arg)
{
    xen_extraversion_t extra = ".0";

    return copy_to_guest_virt(v, arg, extra, sizeof(extra)) ? -EFAULT : 0;
}

static long ver_pagesize(struct vcpu *v, uint64_t arg)
{
    (void)v, (void)arg;
    return PAGE_SIZE;
}

static long (*const xenver_ops[])(struct vcpu *, uint64_t) = {
    [XENVER_version]      = ver_version,
    [XENVER_extraversion] = ver_extraversion,
    [XENVER_pagesize]     = ver_pagesize,
};

long do_xen_version(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t cmd = (uint32_t)args->a[0];     /* int in Xen's prototype */

    if (cmd >= ARRAY_SIZE(xenver_ops) || !xenver_ops[cmd])
        return -ENOSYS;
    return xenver_ops[cmd](v, args->a[1]);
}
