/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hvm_op(op, arg) (hypercall 34) with Xen 4.17's semantics (do_hvm_op):
 *   set_param / get_param    struct xen_hvm_param; -EFAULT, index >=
 *                            HVM_NR_PARAMS -EINVAL, unknown domain -ESRCH,
 *                            another domain without being the control
 *                            domain -EPERM, then the parameter's own rules
 *                            (asm/hvm_params.h)
 *   flush_tlbs               arg must be NULL (-EINVAL); flushes every vCPU
 *   pagetable_dying          another domain -EOPNOTSUPP; our own -EINVAL
 *                            (Xen acts only for shadow paging; we use NPT)
 *   get_time                 ns since boot
 *   xentrace                 checked, then dropped (no trace buffers)
 *   get_mem_type             HVMMEM_* of a frame (same domain rules)
 *   set_evtchn_upcall_vector vector < 0x10 -EINVAL, no such vCPU -ENOENT
 *   guest_request_vm_event   arg must be NULL; no monitor: nothing to do
 *   altp2m                   -EOPNOTSUPP (as Xen on AMD)
 *   anything else            -ENOSYS (2-4, 12, 13 included, as Xen 4.17)
 * Handlers copy in, call the mechanism (xen/arch/x86/hvm/params.c), copy out.
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/hvm.h>
#include <asm/hvm_params.h>
#include <asm/p2m.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

/* The domain a hypercall names; another one is held (domain_get) until target_put(). */
struct target {
    struct domain *d;
    bool self;
};

/* DOMID_SELF or our own ID; else -ESRCH if none, -EPERM unless we are the control domain. */
static int target_get(struct vcpu *v, domid_t domid, struct target *t)
{
    t->self = domid == DOMID_SELF || domid == v->domain->domain_id;
    if (t->self) {
        t->d = v->domain;
        return 0;
    }
    t->d = domain_get(domid);
    if (!t->d)
        return -ESRCH;
    if (!v->domain->is_privileged) {
        domain_put(t->d);
        return -EPERM;
    }
    return 0;
}

static void target_put(struct target *t)
{
    if (!t->self)
        domain_put(t->d);
}

static long hvmop_set_param(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_param a;
    struct target t;
    bool crash;
    int rc;

    if (copy_from_guest_virt(v, &a, arg, sizeof(a)))
        return -EFAULT;
    if (a.index >= HVM_NR_PARAMS)
        return -EINVAL;
    rc = target_get(v, a.domid, &t);
    if (rc)
        return rc;
    rc = hvm_param_set(t.d, a.index, a.value, t.self, &crash);
    target_put(&t);
    if (crash)
        domain_crash(v->domain, "bad HVM param %u value %#lx", a.index,
                     (unsigned long)a.value);
    return rc;
}

static long hvmop_get_param(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_param a;
    struct target t;
    int rc;

    if (copy_from_guest_virt(v, &a, arg, sizeof(a)))
        return -EFAULT;
    if (a.index >= HVM_NR_PARAMS)
        return -EINVAL;
    rc = target_get(v, a.domid, &t);
    if (rc)
        return rc;
    rc = hvm_param_get(t.d, a.index, &a.value, t.self);
    target_put(&t);
    if (!rc && copy_to_guest_virt(v, arg, &a, sizeof(a)))
        rc = -EFAULT;
    return rc;
}

static long hvmop_flush_tlbs(struct vcpu *v, uint64_t arg)
{
    if (arg)
        return -EINVAL;
    if (hvm_ops && hvm_ops->flush_guest_tlbs)
        hvm_ops->flush_guest_tlbs(v->domain);
    return 0;
}

static long hvmop_pagetable_dying(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_pagetable_dying a;

    if (copy_from_guest_virt(v, &a, arg, sizeof(a)))
        return -EFAULT;
    if (a.domid == DOMID_SELF || a.domid == v->domain->domain_id)
        return -EINVAL;                 /* a hint for shadow paging only */
    return domain_lookup(a.domid) ? -EOPNOTSUPP : -ESRCH;
}

static long hvmop_get_time(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_get_time t = { .now = (uint64_t)NOW() };

    return copy_to_guest_virt(v, arg, &t, sizeof(t)) ? -EFAULT : 0;
}

static long hvmop_xentrace(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_xentrace tr;

    if (copy_from_guest_virt(v, &tr, arg, sizeof(tr)))
        return -EFAULT;
    if (tr.extra_bytes > sizeof(tr.extra) || (tr.event >> XEN_HVM_TRACE_SUBCLS_SHIFT))
        return -EINVAL;
    return 0;                           /* no trace buffers: dropped, as Xen with tracing off */
}

/* Xen's classification of p2m types (hvmop_get_mem_type). */
static uint16_t mem_type_of(p2m_type_t t)
{
    switch (t) {
    case p2m_ram_rw:
    case p2m_grant_map_rw:
    case p2m_special:                   /* Xen maps such pages as RAM */
        return HVMMEM_ram_rw;
    case p2m_ram_ro:
    case p2m_grant_map_ro:
        return HVMMEM_ram_ro;
    default:                            /* nothing, MMIO, foreign */
        return HVMMEM_mmio_dm;
    }
}

static long hvmop_get_mem_type(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_get_mem_type a;
    struct target t;
    p2m_type_t type;
    int rc;

    if (copy_from_guest_virt(v, &a, arg, sizeof(a)))
        return -EFAULT;
    rc = target_get(v, a.domid, &t);
    if (rc)
        return rc;
    p2m_get_entry(t.d, a.pfn, &type, NULL);
    target_put(&t);
    a.mem_type = mem_type_of(type);
    return copy_to_guest_virt(v, arg, &a, sizeof(a)) ? -EFAULT : 0;
}

static long hvmop_set_upcall_vector(struct vcpu *v, uint64_t arg)
{
    struct xen_hvm_evtchn_upcall_vector op;
    struct domain *d = v->domain;

    if (copy_from_guest_virt(v, &op, arg, sizeof(op)))
        return -EFAULT;
    if (op.vector < 0x10)
        return -EINVAL;
    if (op.vcpu >= d->max_vcpus || !d->vcpu[op.vcpu])
        return -ENOENT;
    hvm_set_upcall_vector(d->vcpu[op.vcpu], op.vector);
    return 0;
}

static long hvmop_guest_request(struct vcpu *v, uint64_t arg)
{
    (void)v;
    return arg ? -EINVAL : 0;           /* no vm_event monitor to tell */
}

static long hvmop_altp2m(struct vcpu *v, uint64_t arg)
{
    (void)v, (void)arg;
    return -EOPNOTSUPP;
}

static long (*const hvmop_table[])(struct vcpu *, uint64_t) = {
    [HVMOP_set_param]                = hvmop_set_param,
    [HVMOP_get_param]                = hvmop_get_param,
    [HVMOP_flush_tlbs]               = hvmop_flush_tlbs,
    [HVMOP_pagetable_dying]          = hvmop_pagetable_dying,
    [HVMOP_get_time]                 = hvmop_get_time,
    [HVMOP_xentrace]                 = hvmop_xentrace,
    [HVMOP_get_mem_type]             = hvmop_get_mem_type,
    [HVMOP_set_evtchn_upcall_vector] = hvmop_set_upcall_vector,
    [HVMOP_guest_request_vm_event]   = hvmop_guest_request,
    [HVMOP_altp2m]                   = hvmop_altp2m,
};

long do_hvm_op(struct vcpu *v, struct hypercall_args *args)
{
    uint64_t op = args->a[0];           /* unsigned long in Xen's prototype */

    if (op >= ARRAY_SIZE(hvmop_table) || !hvmop_table[op])
        return -ENOSYS;
    return hvmop_table[op](v, args->a[1]);
}
