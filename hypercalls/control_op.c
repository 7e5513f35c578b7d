/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * domctl and sysctl: the toolstack's operations.  We have no toolstack
 * interface, so only the checks a caller meets before the work, in Xen
 * 4.17's order (common/domctl.c, common/sysctl.c, dummy XSM):
 *   unreadable argument -EFAULT (we read the common header, 12 bytes; Xen
 *     copies the whole structure);
 *   interface_version other than 0x15 -> -EACCES;
 *   domctl: a domain that does not exist -> -ESRCH (except createdomain
 *     and getdomaininfo, which need none);
 *   anyone but the control domain -> -EPERM, with a "denied:" line;
 *   the control domain: -ENOSYS (not implemented).
 */
#include <xen/deny.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/p2m.h>

#define XEN_DOMCTL_INTERFACE_VERSION    0x00000015
#define XEN_SYSCTL_INTERFACE_VERSION    0x00000015
#define XEN_DOMCTL_createdomain         1
#define XEN_DOMCTL_getdomaininfo        5

/* The head both structures start with (public/domctl.h, public/sysctl.h). */
struct control_head {
    uint32_t cmd;
    uint32_t interface_version;
    uint16_t domain;                /* domctl only */
    uint16_t pad;
};

static bool domctl_needs_domain(uint32_t cmd)
{
    return cmd != XEN_DOMCTL_createdomain && cmd != XEN_DOMCTL_getdomaininfo;
}

static long control_op(struct vcpu *v, uint64_t arg, bool dom)
{
    struct control_head h;
    struct domain *d;

    if (copy_from_guest_virt(v, &h, arg, dom ? sizeof(h) : 8))
        return -EFAULT;
    if (h.interface_version != (dom ? XEN_DOMCTL_INTERFACE_VERSION
                                    : XEN_SYSCTL_INTERFACE_VERSION))
        return -EACCES;
    if (dom && domctl_needs_domain(h.cmd)) {
        d = domain_get(h.domain);
        if (!d)
            return -ESRCH;
        domain_put(d);
    }
    if (!v->domain->is_privileged) {
        log_denied(v->domain, "%s cmd %u (control domain only)", dom ? "domctl" : "sysctl",
                   h.cmd);
        return -EPERM;
    }
    return -ENOSYS;
}

long do_domctl(struct vcpu *v, struct hypercall_args *args)
{
    return control_op(v, args->a[0], true);
}

long do_sysctl(struct vcpu *v, struct hypercall_args *args)
{
    return control_op(v, args->a[0], false);
}
