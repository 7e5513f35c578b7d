/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * memory_op(cmd, arg): dispatch on cmd's low 6 bits (the rest is the start
 * extent of a continuation, see public/memory.h) and the small sub-ops:
 * maximum_ram_page, current/maximum_reservation, maximum_gpfn, memory_map.
 * Sub-ops we do not implement return -ENOSYS, as Xen does for unknown ones.
 *
 * Argument layouts are the x86_64 ones; a 32-bit caller (compat layouts in
 * Xen) is not translated.  Every guest pointer goes through
 * copy_{from,to}_guest_virt (-EFAULT on a bad one).
 */
#include <xen/deny.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/p2m.h>
#include <public/memory.h>
#include "memory_op.h"

#define MAX_ORDER_DOMU      9       /* Xen x86 CONFIG_DOMU_MAX_ORDER */
#define MAX_ORDER_CTLDOM    18      /* Xen x86 CONFIG_CTLDOM_MAX_ORDER */

struct domain *memop_get(struct vcpu *v, domid_t domid)
{
    if (domid == DOMID_SELF || domid == v->domain->domain_id)
        return v->domain;
    return domain_get(domid);
}

void memop_put(struct vcpu *v, struct domain *d)
{
    if (d && d != v->domain)
        domain_put(d);
}

bool memop_may_target(struct domain *caller, const struct domain *d)
{
    if (caller == d || caller->is_privileged)
        return true;
    log_denied(caller, "memory_op on d%u", d->domain_id);
    return false;
}

unsigned int memop_max_order(const struct domain *caller)
{
    return caller->is_privileged ? MAX_ORDER_CTLDOM : MAX_ORDER_DOMU;
}

long memop_continue(struct hypercall_args *args, unsigned int op, uint64_t at)
{
    args->a[0] = op | (at << MEMOP_EXTENT_SHIFT);
    return -ERESTART;
}

static long memop_maximum_ram_page(struct vcpu *v, struct hypercall_args *args,
                                   unsigned int op, uint64_t start)
{
    (void)v, (void)args, (void)op;
    return start ? -EINVAL : (long)max_page;
}

/* current_reservation, maximum_reservation, maximum_gpfn. */
static long memop_domain_query(struct vcpu *v, struct hypercall_args *args,
                               unsigned int op, uint64_t start)
{
    struct xen_memory_domain q;
    struct domain *d;
    long rc;

    if (start)
        return -EINVAL;
    if (copy_from_guest_virt(v, &q, args->a[1], sizeof(q)))
        return -EFAULT;
    d = memop_get(v, q.domid);
    if (!d)
        return -ESRCH;
    if (!memop_may_target(v->domain, d))
        rc = -EPERM;
    else if (op == XENMEM_current_reservation)
        rc = (long)READ_ONCE(d->tot_pages);
    else if (op == XENMEM_maximum_reservation)
        rc = (long)d->max_pages;
    else
        rc = (long)p2m_max_mapped_gfn(d);
    memop_put(v, d);
    return rc;
}

/*
 * The caller's memory map: as many entries as fit (no error when the
 * buffer is too small, as Xen), the count written back; -ENOSYS if the
 * domain has none.
 */
static long memop_memory_map(struct vcpu *v, struct hypercall_args *args,
                             unsigned int op, uint64_t start)
{
    struct domain *d = v->domain;
    struct xen_memory_map map;

    (void)op, (void)start;
    if (copy_from_guest_virt(v, &map, args->a[1], sizeof(map)))
        return -EFAULT;
    if (!d->nr_e820)
        return -ENOSYS;
    map.nr_entries = min(map.nr_entries, d->nr_e820);
    if (copy_to_guest_virt(v, map.buffer, d->e820, map.nr_entries * sizeof(*d->e820)) ||
        copy_to_guest_virt(v, args->a[1], &map, sizeof(map)))
        return -EFAULT;
    return 0;
}

static memop_fn_t *const memop_table[MEMOP_CMD_MASK + 1] = {
    [XENMEM_increase_reservation] = memop_reservation,
    [XENMEM_decrease_reservation] = memop_reservation,
    [XENMEM_populate_physmap]     = memop_reservation,
    [XENMEM_maximum_ram_page]     = memop_maximum_ram_page,
    [XENMEM_current_reservation]  = memop_domain_query,
    [XENMEM_maximum_reservation]  = memop_domain_query,
    [XENMEM_maximum_gpfn]         = memop_domain_query,
    [XENMEM_memory_map]           = memop_memory_map,
    [XENMEM_exchange]             = memop_exchange,
    [XENMEM_add_to_physmap]       = memop_add_to_physmap,
    [XENMEM_add_to_physmap_batch] = memop_add_to_physmap_batch,
    [XENMEM_remove_from_physmap]  = memop_remove_from_physmap,
};

long do_memory_op(struct vcpu *v, struct hypercall_args *args)
{
    unsigned int op = (unsigned int)(args->a[0] & MEMOP_CMD_MASK);
    uint64_t start = args->a[0] >> MEMOP_EXTENT_SHIFT;

    if (!memop_table[op])
        return -ENOSYS;
    return memop_table[op](v, args, op, start);
}
