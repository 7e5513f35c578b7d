/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * grant_table_op(cmd, uop, count) (hypercall 20), Xen 4.17's ABI: @uop
 * points at @count sub-op structures; each gets its GNTST_* status, the
 * hypercall returns 0 or -errno for the batch (-EFAULT on an unreadable
 * entry, -EINVAL for a negative count or stray bits in cmd).
 *
 * Batched sub-ops (map, unmap, unmap_and_replace, copy, swap, cache_flush)
 * are preemptible: before every entry but the first, pending softirqs stop
 * the batch with -ERESTART and (uop, count) advanced past the entries done,
 * so the guest re-executes the rest.  cache_flush carries its resume point
 * in cmd's bits above GNTTABOP_CMD_MASK, as Xen.  The single-structure
 * sub-ops (setup_table, query_size, get_status_frames, dump_table) want
 * count == 1.
 *
 * Xen 4.17 lets translated (HVM/PVH) callers -- every domain here -- reach
 * only query_size, setup_table, set/get_version, copy, map, unmap and
 * swap (hvm_grant_table_op: "All other commands need auditing"); the rest
 * is -ENOSYS for them.  We do the same by default; the boolean option
 * `gnttab_all_ops` (our extension) opens dump_table, unmap_and_replace,
 * get_status_frames and cache_flush too.  transfer is not offered (-EOPNOTSUPP, as Xen with
 * gnttab=no-transfer).  32-bit callers use Xen's compat layouts where they
 * differ (copy, setup_table with 32-bit frame numbers, get_status_frames).
 */
#include <xen/errno.h>
#include <xen/deny.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/grant_table.h>

#define GNTTABOP_CMD_MASK   0xfffu          /* Xen: GNTTABOP_CONTINUATION_ARG_SHIFT 12 */

static bool opt_gnttab_all_ops;
boolean_param("gnttab_all_ops", opt_gnttab_all_ops);

/* What hvm_grant_table_op() passes on (matched on the whole cmd, as Xen). */
static bool xen_translated_op(uint64_t cmd)
{
    switch (cmd) {
    case GNTTABOP_query_size: case GNTTABOP_setup_table:
    case GNTTABOP_set_version: case GNTTABOP_get_version:
    case GNTTABOP_copy: case GNTTABOP_map_grant_ref:
    case GNTTABOP_unmap_grant_ref: case GNTTABOP_swap_grant_ref:
        return true;
    default:
        return false;
    }
}

/* ---- batched sub-ops ---------------------------------------------------- */

/* One entry, in place; a negative errno ends the batch. */
typedef int entry_fn_t(struct domain *d, void *e, uint32_t *opaque);

struct batch_op {
    entry_fn_t *fn;
    size_t size;                    /* of one entry */
    size_t out_off, out_len;        /* what goes back to the guest */
};

static int e_map(struct domain *d, void *e, uint32_t *o)
{
    struct gnttab_map_grant_ref *m = e;

    (void)o;
    gnttab_map_one(d, e);
    if ((m->status == GNTST_general_error || m->status == GNTST_permission_denied) &&
        m->dom != DOMID_SELF && m->dom != d->domain_id)
        log_denied(d, "GNTTABOP_map_grant_ref of d%u's ref %u: %d", m->dom, m->ref, m->status);
    return 0;
}

static int e_unmap(struct domain *d, void *e, uint32_t *o)
{
    struct gnttab_unmap_grant_ref *u = e;

    (void)o;
    u->status = gnttab_unmap_one(d, u->host_addr, u->handle, 0);
    return 0;
}

static int e_unmap_replace(struct domain *d, void *e, uint32_t *o)
{
    struct gnttab_unmap_and_replace *u = e;

    (void)o;
    u->status = gnttab_unmap_one(d, u->host_addr, u->handle, u->new_addr);
    return 0;
}

/* A copy refused on another domain's side (ungranted ref, or its GFN). */
static void deny_copy(struct domain *d, const struct gnttab_copy *c)
{
    const struct gnttab_copy_ptr *s = &c->source, *t = &c->dest;
    bool other = (s->domid != DOMID_SELF && s->domid != d->domain_id) ||
                 (t->domid != DOMID_SELF && t->domid != d->domain_id);

    if (other && (c->status == GNTST_general_error || c->status == GNTST_permission_denied))
        log_denied(d, "GNTTABOP_copy d%u -> d%u: %d", s->domid, t->domid, c->status);
}

static int e_copy(struct domain *d, void *e, uint32_t *o)
{
    struct gnttab_copy *c = e;

    (void)o;
    c->status = gnttab_copy_one(d, c);
    deny_copy(d, c);
    return 0;
}

/* A 32-bit caller's copy entry: 32-bit frame numbers, 24 bytes. */
static void ptr_from_compat(struct gnttab_copy_ptr *p, const struct compat_gnttab_copy_ptr *c,
                            bool gref)
{
    if (gref)
        p->u.ref = c->u.ref;
    else
        p->u.gmfn = c->u.gmfn;
    p->domid = c->domid;
    p->offset = c->offset;
}

static int e_copy_compat(struct domain *d, void *e, uint32_t *o)
{
    struct compat_gnttab_copy *c = e;
    struct gnttab_copy n = { .len = c->len, .flags = c->flags };

    (void)o;
    ptr_from_compat(&n.source, &c->source, c->flags & GNTCOPY_source_gref);
    ptr_from_compat(&n.dest, &c->dest, c->flags & GNTCOPY_dest_gref);
    c->status = gnttab_copy_one(d, &n);
    return 0;
}

static int e_swap(struct domain *d, void *e, uint32_t *o)
{
    struct gnttab_swap_grant_ref *s = e;

    (void)o;
    s->status = (int16_t)gnttab_swap(d, s->ref_a, s->ref_b);
    return 0;
}

static int e_cache_flush(struct domain *d, void *e, uint32_t *opaque)
{
    return gnttab_cache_flush_one(d, e, opaque);
}

#define FIELD(t, f) offsetof(struct t, f), sizeof(((struct t *)0)->f)

static const struct batch_op batch_ops[] = {
    [GNTTABOP_map_grant_ref]     = { e_map, sizeof(struct gnttab_map_grant_ref),
                                     0, sizeof(struct gnttab_map_grant_ref) },
    [GNTTABOP_unmap_grant_ref]   = { e_unmap, sizeof(struct gnttab_unmap_grant_ref),
                                     FIELD(gnttab_unmap_grant_ref, status) },
    [GNTTABOP_unmap_and_replace] = { e_unmap_replace, sizeof(struct gnttab_unmap_and_replace),
                                     FIELD(gnttab_unmap_and_replace, status) },
    [GNTTABOP_copy]              = { e_copy, sizeof(struct gnttab_copy),
                                     FIELD(gnttab_copy, status) },
    [GNTTABOP_swap_grant_ref]    = { e_swap, sizeof(struct gnttab_swap_grant_ref),
                                     FIELD(gnttab_swap_grant_ref, status) },
    [GNTTABOP_cache_flush]       = { e_cache_flush, sizeof(struct gnttab_cache_flush),
                                     0, 0 },
};

static const struct batch_op compat_copy = {
    e_copy_compat, sizeof(struct compat_gnttab_copy), FIELD(compat_gnttab_copy, status)
};

static long run_batch(struct vcpu *v, struct hypercall_args *args, unsigned int cmd,
                      uint32_t opaque)
{
    const struct batch_op *b = cmd == GNTTABOP_copy && !v->arch.hcall_64bit ? &compat_copy
                                                                           : &batch_ops[cmd];
    uint64_t uop = args->a[1];
    uint32_t count = (uint32_t)args->a[2], i;
    uint8_t buf[64];
    int rc;

    for (i = 0; i < count; i++, uop += b->size) {
        if (i && hypercall_preempt_check())
            break;
        if (copy_from_guest_virt(v, buf, uop, b->size))
            return -EFAULT;
        rc = b->fn(v->domain, buf, &opaque);
        if (rc < 0)
            return rc;
        if (rc > 0)
            break;                          /* cache_flush: resume this entry */
        opaque = 0;
        if (b->out_len && copy_to_guest_virt(v, uop + b->out_off, buf + b->out_off, b->out_len))
            return -EFAULT;
    }
    if (i == count)
        return 0;
    args->a[0] = cmd | opaque;
    args->a[1] = uop;
    args->a[2] = count - i;
    return -ERESTART;
}

/* ---- single-structure sub-ops ------------------------------------------- */

/* The domain @domid names for @v, with Xen's XSM_TARGET check; GNTST_*. */
static int target(struct vcpu *v, domid_t domid, struct domain **out)
{
    struct domain *d = gnttab_get_domain(v->domain, domid);

    *out = NULL;
    if (!d)
        return GNTST_bad_domain;
    if (d != v->domain && !v->domain->is_privileged) {
        log_denied(v->domain, "grant_table_op on d%u", d->domain_id);
        gnttab_put_domain(v->domain, d);
        return GNTST_permission_denied;
    }
    *out = d;
    return GNTST_okay;
}

/* Write the GFNs of @nr frames (status: status frames) to @list; GNTST_*. */
static int16_t put_frame_list(struct vcpu *v, struct grant_table *gt, bool status,
                              uint64_t list, uint32_t nr)
{
    int16_t st = GNTST_okay;

    /* A 32-bit caller's setup_table list holds 32-bit frame numbers (truncated, as Xen). */
    size_t size = !v->arch.hcall_64bit && !status ? sizeof(uint32_t) : sizeof(uint64_t);

    for (uint32_t i = 0; i < nr; i++) {
        uint64_t gfn = gnttab_frame_gfn(gt, status, i);

        if (copy_to_guest_virt(v, list + i * size, &gfn, size))  /* little-endian */
            st = GNTST_bad_virt_addr;
    }
    return st;
}

static int16_t setup_table(struct vcpu *v, struct gnttab_setup_table *op)
{
    struct domain *d;
    struct grant_table *gt;
    int16_t st = (int16_t)target(v, op->dom, &d);
    int rc;

    if (st != GNTST_okay)
        return st;
    gt = d->grant_table;
    spin_lock(&gt->lock);
    rc = op->nr_frames > gt->max_frames ? -EINVAL : gnttab_grow(gt, op->nr_frames);
    spin_unlock(&gt->lock);
    st = rc ? GNTST_general_error : put_frame_list(v, gt, false, op->frame_list, op->nr_frames);
    gnttab_put_domain(v->domain, d);
    return st;
}

static int16_t get_status_frames(struct vcpu *v, struct gnttab_get_status_frames *op)
{
    struct domain *d;
    int16_t st = (int16_t)target(v, op->dom, &d);

    if (st != GNTST_okay)
        return st;
    if (op->nr_frames > READ_ONCE(d->grant_table->nr_status))
        st = GNTST_general_error;
    else
        st = put_frame_list(v, d->grant_table, true, op->frame_list, op->nr_frames);
    gnttab_put_domain(v->domain, d);
    return st;
}

static int16_t query_size(struct vcpu *v, struct gnttab_query_size *op)
{
    struct domain *d;
    int16_t st = (int16_t)target(v, op->dom, &d);

    if (st != GNTST_okay)
        return st;
    op->nr_frames = READ_ONCE(d->grant_table->nr_frames);
    op->max_nr_frames = d->grant_table->max_frames;
    gnttab_put_domain(v->domain, d);
    return GNTST_okay;
}

static int16_t dump_table(struct vcpu *v, struct gnttab_dump_table *op)
{
    struct domain *d;
    int16_t st = (int16_t)target(v, op->dom, &d);

    if (st != GNTST_okay)
        return st;
    gnttab_dump(d);
    gnttab_put_domain(v->domain, d);
    return GNTST_okay;
}

/* Copy in (@size bytes), run @fn, copy back [@out_off, +@out_len); count must be 1. */
static long single(struct vcpu *v, struct hypercall_args *args, size_t size,
                   void (*fn)(struct vcpu *v, void *op), size_t out_off, size_t out_len)
{
    uint8_t op[32];

    if ((uint32_t)args->a[2] != 1)
        return -EINVAL;
    if (copy_from_guest_virt(v, op, args->a[1], size))
        return -EFAULT;
    fn(v, op);
    return copy_to_guest_virt(v, args->a[1] + out_off, op + out_off, out_len) ? -EFAULT : 0;
}

static void w_setup(struct vcpu *v, void *op)
{
    ((struct gnttab_setup_table *)op)->status = setup_table(v, op);
}

static void w_status_frames(struct vcpu *v, void *op)
{
    ((struct gnttab_get_status_frames *)op)->status = get_status_frames(v, op);
}

static void w_query(struct vcpu *v, void *op)
{
    ((struct gnttab_query_size *)op)->status = query_size(v, op);
}

static void w_dump(struct vcpu *v, void *op)
{
    ((struct gnttab_dump_table *)op)->status = dump_table(v, op);
}

/* 32-bit callers: a 32-bit frame_list handle (zero-extended), the status at +8. */
static void w_setup_compat(struct vcpu *v, void *op)
{
    struct compat_gnttab_setup_table *c = op;
    struct gnttab_setup_table n = { .dom = c->dom, .nr_frames = c->nr_frames,
                                    .frame_list = c->frame_list };

    c->status = setup_table(v, &n);
}

static void w_status_frames_compat(struct vcpu *v, void *op)
{
    struct compat_gnttab_get_status_frames *c = op;
    struct gnttab_get_status_frames n = { .dom = c->dom, .nr_frames = c->nr_frames,
                                          .frame_list = c->frame_list };

    c->status = get_status_frames(v, &n);
}

static long op_setup_table(struct vcpu *v, struct hypercall_args *args)
{
    if (!v->arch.hcall_64bit)
        return single(v, args, sizeof(struct compat_gnttab_setup_table), w_setup_compat,
                      FIELD(compat_gnttab_setup_table, status));
    return single(v, args, sizeof(struct gnttab_setup_table), w_setup,
                  FIELD(gnttab_setup_table, status));
}

static long op_get_status_frames(struct vcpu *v, struct hypercall_args *args)
{
    if (!v->arch.hcall_64bit)
        return single(v, args, sizeof(struct compat_gnttab_get_status_frames),
                      w_status_frames_compat, FIELD(compat_gnttab_get_status_frames, status));
    return single(v, args, sizeof(struct gnttab_get_status_frames), w_status_frames,
                  FIELD(gnttab_get_status_frames, status));
}

static long op_query_size(struct vcpu *v, struct hypercall_args *args)
{
    return single(v, args, sizeof(struct gnttab_query_size), w_query,
                  0, sizeof(struct gnttab_query_size));
}

static long op_dump_table(struct vcpu *v, struct hypercall_args *args)
{
    return single(v, args, sizeof(struct gnttab_dump_table), w_dump,
                  FIELD(gnttab_dump_table, status));
}

static long op_set_version(struct vcpu *v, struct hypercall_args *args)
{
    struct gnttab_set_version op;
    long rc;

    if (copy_from_guest_virt(v, &op, args->a[1], sizeof(op)))
        return -EFAULT;
    rc = gnttab_set_version(v->domain, op.version);
    op.version = READ_ONCE(v->domain->grant_table->version);
    return copy_to_guest_virt(v, args->a[1], &op, sizeof(op)) ? -EFAULT : rc;
}

static long op_get_version(struct vcpu *v, struct hypercall_args *args)
{
    struct gnttab_get_version op;
    struct domain *d;
    int st;

    if (copy_from_guest_virt(v, &op, args->a[1], sizeof(op)))
        return -EFAULT;
    st = target(v, op.dom, &d);
    if (st != GNTST_okay)
        return st == GNTST_bad_domain ? -ESRCH : -EPERM;
    op.version = READ_ONCE(d->grant_table->version);
    gnttab_put_domain(v->domain, d);
    return copy_to_guest_virt(v, args->a[1] + offsetof(struct gnttab_get_version, version),
                              &op.version, sizeof(op.version)) ? -EFAULT : 0;
}

static long op_transfer(struct vcpu *v, struct hypercall_args *args)
{
    (void)v, (void)args;
    return -EOPNOTSUPP;
}

typedef long single_fn_t(struct vcpu *v, struct hypercall_args *args);

static single_fn_t *const single_ops[] = {
    [GNTTABOP_setup_table]       = op_setup_table,
    [GNTTABOP_transfer]          = op_transfer,
    [GNTTABOP_query_size]        = op_query_size,
    [GNTTABOP_set_version]       = op_set_version,
    [GNTTABOP_get_status_frames] = op_get_status_frames,
    [GNTTABOP_get_version]       = op_get_version,
    [GNTTABOP_dump_table]        = op_dump_table,
};

long do_grant_table_op(struct vcpu *v, struct hypercall_args *args)
{
    unsigned int cmd = (unsigned int)args->a[0] & GNTTABOP_CMD_MASK;
    uint32_t opaque = (uint32_t)args->a[0] & ~GNTTABOP_CMD_MASK;

    if (!opt_gnttab_all_ops && !xen_translated_op((uint32_t)args->a[0]))
        return -ENOSYS;
    if ((int32_t)args->a[2] < 0)
        return -EINVAL;
    if (cmd != GNTTABOP_cache_flush && opaque)
        return -EINVAL;
    if (!v->domain->grant_table)
        return -ENOSYS;
    if (cmd < ARRAY_SIZE(batch_ops) && batch_ops[cmd].fn)
        return run_batch(v, args, cmd, opaque);
    if (cmd < ARRAY_SIZE(single_ops) && single_ops[cmd])
        return single_ops[cmd](v, args);
    return -ENOSYS;
}
