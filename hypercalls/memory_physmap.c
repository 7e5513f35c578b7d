/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * XENMEM_add_to_physmap, add_to_physmap_batch and remove_from_physmap:
 * argument checks and errors as Xen 4.17, the work in xen/physmap.h.
 *
 * Permissions (Xen's xatp_permission_check / XSM_TARGET): a domain may
 * change its own physmap, the control domain anyone's; dev_mmio is for the
 * hardware domain on itself (-EACCES otherwise) and means nothing on x86.
 * Foreign mappings (XENMAPSPACE_gmfn_foreign) come with the toolstack:
 * add_to_physmap refuses them with -ENOSYS as Xen does, and the batch
 * reports -EOPNOTSUPP per entry for the control domain (a deliberate
 * difference: Xen maps them) and -EPERM for anyone else, as Xen.
 */
#include <xen/deny.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/physmap.h>
#include <asm/p2m.h>
#include <public/memory.h>
#include "memory_op.h"

static long physmap_permission(struct vcpu *v, struct domain *d, unsigned int space)
{
    if (space == XENMAPSPACE_dev_mmio && (!v->domain->is_privileged || d != v->domain))
        return -EACCES;
    return memop_may_target(v->domain, d) ? 0 : -EPERM;
}

/* One page of any space (the batch's per-entry result). */
static int add_one(struct domain *d, unsigned int space, uint64_t idx, uint64_t gfn)
{
    int rc;

    if (space == XENMAPSPACE_gmfn_foreign && !d->is_privileged) {
        log_denied(d, "add_to_physmap_batch gmfn_foreign of GFN %#lx", (unsigned long)idx);
        return -EPERM;      /* Xen: only the hardware domain (arch_acquire_resource_check) */
    }
    if (space == XENMAPSPACE_gmfn_foreign)
        return -EOPNOTSUPP;
    rc = gfn == ~0ULL ? -EINVAL : physmap_add(d, space, idx, gfn);
    if ((rc == -EINVAL || rc == -ENOENT) && space == XENMAPSPACE_gmfn)
        log_denied(d, "add_to_physmap of GFN %#lx at GFN %#lx (not its RAM, or no such GFN)",
                   (unsigned long)idx, (unsigned long)gfn);
    return rc;
}

/* XENMAPSPACE_gmfn_range from page @start on; > 0: pages done when preempted. */
static long add_range(struct domain *d, struct xen_add_to_physmap *x, uint64_t start)
{
    uint64_t done = 0;

    if (x->gpfn == ~0ULL)
        return -EINVAL;
    if (x->size < start)
        return -EILSEQ;
    if (x->gpfn + x->size < x->gpfn || x->idx + x->size < x->idx)
        return -EOVERFLOW;
    for (uint64_t left = x->size - start; left > done;) {
        int rc = physmap_add(d, XENMAPSPACE_gmfn, x->idx + start + done,
                             x->gpfn + start + done);
        if (rc < 0)
            return rc;
        if (left > ++done && hypercall_preempt_check())
            return (long)(start + done);
    }
    return 0;
}

long memop_add_to_physmap(struct vcpu *v, struct hypercall_args *args, unsigned int op,
                          uint64_t start)
{
    struct xen_add_to_physmap x;
    struct domain *d;
    long rc;

    if (start != (uint16_t)start)
        return -EDOM;
    if (copy_from_guest_virt(v, &x, args->a[1], sizeof(x)))
        return -EFAULT;
    if (x.space == XENMAPSPACE_gmfn_foreign)
        return -ENOSYS;
    d = memop_get(v, x.domid);
    if (!d)
        return -ESRCH;
    rc = physmap_permission(v, d, x.space);
    if (!rc)
        rc = x.space == XENMAPSPACE_gmfn_range ? add_range(d, &x, start)
                                                : add_one(d, x.space, x.idx, x.gpfn);
    memop_put(v, d);
    return rc > 0 ? memop_continue(args, op, (uint64_t)rc) : rc;
}

/* Entries from @extent on; > 0: the entry to resume at when preempted. */
static long add_batch(struct vcpu *v, struct domain *d, const struct xen_add_to_physmap_batch *b,
                      uint64_t extent)
{
    if (b->size < extent)
        return -EILSEQ;
    if (b->size == extent)
        return extent ? -EILSEQ : 0;
    if (b->space == XENMAPSPACE_dev_mmio && b->u.res0)
        return -EOPNOTSUPP;
    while (b->size > extent) {
        uint64_t idx, gfn;
        int32_t rc;

        if (copy_from_guest_virt(v, &idx, b->idxs + extent * sizeof(idx), sizeof(idx)) ||
            copy_from_guest_virt(v, &gfn, b->gpfns + extent * sizeof(gfn), sizeof(gfn)))
            return -EFAULT;
        if (gfn == ~0ULL)
            return -EINVAL;
        rc = add_one(d, b->space, idx, gfn);
        if (copy_to_guest_virt(v, b->errs + extent * sizeof(rc), &rc, sizeof(rc)))
            return -EFAULT;
        if (b->size > ++extent && hypercall_preempt_check())
            return (long)extent;
    }
    return 0;
}

long memop_add_to_physmap_batch(struct vcpu *v, struct hypercall_args *args,
                                unsigned int op, uint64_t start)
{
    struct xen_add_to_physmap_batch b;
    struct domain *d;
    long rc;

    if (start != (uint16_t)start)
        return -EDOM;
    if (copy_from_guest_virt(v, &b, args->a[1], sizeof(b)))
        return -EFAULT;
    if (b.space == XENMAPSPACE_gmfn_range)
        return -EOPNOTSUPP;
    d = memop_get(v, b.domid);
    if (!d)
        return -ESRCH;
    rc = physmap_permission(v, d, b.space);
    if (!rc)
        rc = add_batch(v, d, &b, start);
    memop_put(v, d);
    return rc > 0 ? memop_continue(args, op, (uint64_t)rc) : rc;
}

long memop_remove_from_physmap(struct vcpu *v, struct hypercall_args *args,
                               unsigned int op, uint64_t start)
{
    struct xen_remove_from_physmap r;
    struct domain *d;
    long rc;

    (void)op;
    if (start)
        return -EINVAL;
    if (copy_from_guest_virt(v, &r, args->a[1], sizeof(r)))
        return -EFAULT;
    d = memop_get(v, r.domid);
    if (!d)
        return -ESRCH;
    rc = memop_may_target(v->domain, d) ? physmap_remove(d, r.gpfn) : -EPERM;
    memop_put(v, d);
    return rc;
}
