/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * XENMEM_populate_physmap / decrease_reservation / increase_reservation
 * (struct xen_memory_reservation) and XENMEM_exchange, with Xen's rules:
 *
 * - The result is the number of extents done, counting from 0 across
 *   continuations; a bad argument (unreadable struct, nr_extents too large
 *   to encode a continuation, start beyond nr_extents, unknown domain, no
 *   permission, bad flags, extent_order above the caller's limit) gives
 *   the start extent back, never an errno.
 * - Extents are processed in order; the first failing one (bad pointer in
 *   the list, no memory, nothing to free, ...) ends the call.
 * - Between extents a pending softirq preempts the call: cmd becomes
 *   op | (extents done << MEMOP_EXTENT_SHIFT) and the guest re-executes it.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/physmap.h>
#include <asm/p2m.h>
#include <public/memory.h>
#include "memory_op.h"

#define NO_NODE         0xffu       /* XENMEMF_get_node(0) */
#define MAX_NUMNODES    64          /* Xen x86 default: node numbers accepted */

struct memop_args {
    struct vcpu *v;                 /* the caller (its address space holds the list) */
    struct domain *d;               /* the domain changed */
    uint64_t list;                  /* guest address of the xen_pfn_t array */
    uint64_t nr_extents, nr_done;
    unsigned int order, address_bits;
    bool no_memory;                 /* exact request for a node we lack */
    bool pod;                       /* XENMEMF_populate_on_demand */
};

typedef int extent_fn_t(struct memop_args *a, uint64_t gfn);

static int populate_one(struct memop_args *a, uint64_t gfn)
{
    /* No populate-on-demand: on oneself Xen refuses it too. */
    if (a->pod || a->no_memory)
        return -ENOMEM;
    return physmap_populate(a->d, gfn, a->order, a->address_bits);
}

static int decrease_one(struct memop_args *a, uint64_t gfn)
{
    for (uint64_t j = 0; j < (1ULL << a->order); j++) {
        int rc = physmap_release(a->d, gfn + j);
        if (rc)
            return rc;
    }
    return 0;
}

static int increase_one(struct memop_args *a, uint64_t gfn)
{
    (void)gfn;                      /* translated guest: the list is not used */
    return a->no_memory ? -ENOMEM : physmap_increase(a->d, a->order);
}

/* Run @fn over extents nr_done.. until done, failed or preempted. */
static bool run_extents(struct memop_args *a, extent_fn_t *fn, bool uses_list)
{
    for (uint64_t i = a->nr_done; i < a->nr_extents; i++) {
        uint64_t gfn = 0;

        if (i != a->nr_done && hypercall_preempt_check()) {
            a->nr_done = i;
            return true;
        }
        if ((uses_list && copy_from_guest_virt(a->v, &gfn, a->list + i * sizeof(gfn),
                                               sizeof(gfn))) ||
            fn(a, gfn)) {
            a->nr_done = i;
            return false;
        }
    }
    a->nr_done = a->nr_extents;
    return false;
}

/* Xen's propagate_node: may @caller ask for this node (and get memory)? */
static bool node_ok(const struct domain *caller, uint32_t flags, bool *no_memory)
{
    unsigned int node = XENMEMF_get_node(flags);
    bool exact = flags & XENMEMF_exact_node_request;

    if (node == NO_NODE)
        return true;
    if (!caller->is_privileged)
        return !exact;
    *no_memory = exact && node != 0;
    return node < MAX_NUMNODES;
}

/* Xen's construct_memop_from_reservation; false for bad flags. */
static bool parse_flags(struct memop_args *a, const struct xen_memory_reservation *r)
{
    unsigned int bits = XENMEMF_get_address_bits(r->mem_flags);

    if (bits && bits <= PAGE_SHIFT)
        return false;
    a->address_bits = bits;
    a->pod = r->mem_flags & XENMEMF_populate_on_demand;
    if (r->mem_flags & XENMEMF_vnode)
        return true;                /* no virtual NUMA: the node is ignored, as Xen */
    return node_ok(a->v->domain, r->mem_flags, &a->no_memory);
}

long memop_reservation(struct vcpu *v, struct hypercall_args *args, unsigned int op,
                       uint64_t start)
{
    static extent_fn_t *const fns[] = {
        [XENMEM_increase_reservation] = increase_one,
        [XENMEM_decrease_reservation] = decrease_one,
        [XENMEM_populate_physmap] = populate_one,
    };
    struct xen_memory_reservation r;
    struct memop_args a = { .v = v, .nr_done = start };
    bool preempted;

    if (copy_from_guest_virt(v, &r, args->a[1], sizeof(r)) ||
        r.nr_extents > (UINT32_MAX >> MEMOP_EXTENT_SHIFT) || start >= r.nr_extents)
        return (long)start;
    a.d = memop_get(v, r.domid);
    if (!a.d || !parse_flags(&a, &r) || !memop_may_target(v->domain, a.d) ||
        r.extent_order > memop_max_order(v->domain)) {
        memop_put(v, a.d);
        return (long)start;
    }
    a.list = r.extent_start;
    a.nr_extents = r.nr_extents;
    a.order = r.extent_order;
    preempted = run_extents(&a, fns[op], op != XENMEM_increase_reservation);
    memop_put(v, a.d);
    return preempted ? memop_continue(args, op, a.nr_done) : (long)a.nr_done;
}

/* Xen's sanity checks on the two halves of an exchange. */
static bool exchange_sane(const struct xen_memory_exchange *x)
{
    return x->nr_exchanged <= x->in.nr_extents && x->in.domid == x->out.domid &&
           (~0ULL >> x->in.extent_order) >= x->in.nr_extents &&
           (~0ULL >> x->out.extent_order) >= x->out.nr_extents &&
           (x->in.nr_extents << x->in.extent_order) ==
               (x->out.nr_extents << x->out.extent_order);
}

/*
 * XENMEM_exchange: Xen's argument checks and errors, then -EOPNOTSUPP.
 * PV guests use it for machine-contiguous memory; a PVH/HVM guest has no
 * use for it, so the exchange itself is not implemented.
 */
long memop_exchange(struct vcpu *v, struct hypercall_args *args, unsigned int op,
                    uint64_t start)
{
    struct xen_memory_exchange x;
    struct domain *d;
    bool no_memory = false;
    long rc;

    (void)op;
    if (start)
        return -EINVAL;
    if (copy_from_guest_virt(v, &x, args->a[1], sizeof(x)))
        return -EFAULT;
    if (max(x.in.extent_order, x.out.extent_order) > memop_max_order(v->domain))
        return -EPERM;
    if (!exchange_sane(&x))
        return -EINVAL;
    if (x.nr_exchanged == x.in.nr_extents)
        return 0;
    if (!node_ok(v->domain, x.out.mem_flags, &no_memory))
        return -EINVAL;
    d = memop_get(v, x.in.domid);
    if (!d)
        return -ESRCH;
    rc = memop_may_target(v->domain, d) ? -EOPNOTSUPP : -EPERM;
    memop_put(v, d);
    return rc;
}
