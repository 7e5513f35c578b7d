/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * event_channel_op(cmd, arg) (hypercall 32): copy the sub-op's structure
 * in from the caller (-EFAULT), run it (xen/common/event_ops.c has the
 * semantics and error codes), copy it back out when it has OUT fields.
 * Unknown sub-ops and bind_pirq (no physical IRQs here): -ENOSYS /
 * -EOPNOTSUPP.  init_control, expand_array: the FIFO ABI (event_fifo.c);
 * the option `evtchn_fifo=0` refuses init_control with -ENOSYS, on which
 * Linux stays on the 2-level ABI.  The structures have the same layout for
 * 32- and 64-bit callers.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/event_channel.h>

bool opt_evtchn_fifo = true;
boolean_param("evtchn_fifo", opt_evtchn_fifo);

typedef int evtchn_op_fn(struct vcpu *v, void *arg);

static int op_alloc_unbound(struct vcpu *v, void *a)   { return evtchn_alloc_unbound(v->domain, a); }
static int op_bind_interdomain(struct vcpu *v, void *a) { return evtchn_bind_interdomain(v->domain, a); }
static int op_bind_virq(struct vcpu *v, void *a)        { return evtchn_bind_virq(v->domain, a); }
static int op_bind_ipi(struct vcpu *v, void *a)         { return evtchn_bind_ipi(v->domain, a); }
static int op_status(struct vcpu *v, void *a)           { return evtchn_status(v->domain, a); }

static int op_bind_pirq(struct vcpu *v, void *a)
{
    (void)v, (void)a;
    return -EOPNOTSUPP;
}

static int op_close(struct vcpu *v, void *a)
{
    return evtchn_close(v->domain, ((struct evtchn_close *)a)->port);
}

static int op_send(struct vcpu *v, void *a)
{
    return evtchn_send(v->domain, ((struct evtchn_send *)a)->port);
}

static int op_bind_vcpu(struct vcpu *v, void *a)
{
    struct evtchn_bind_vcpu *b = a;

    return evtchn_bind_vcpu(v->domain, b->port, b->vcpu);
}

static int op_unmask(struct vcpu *v, void *a)
{
    return evtchn_unmask(v->domain, ((struct evtchn_unmask *)a)->port);
}

static int op_reset(struct vcpu *v, void *a)
{
    return evtchn_reset(v->domain, ((struct evtchn_reset *)a)->dom);
}

static int op_init_control(struct vcpu *v, void *a)
{
    if (!opt_evtchn_fifo)
        return -ENOSYS;
    return evtchn_fifo_init_control(v->domain, a);
}

static int op_expand_array(struct vcpu *v, void *a)
{
    if (!opt_evtchn_fifo)
        return -ENOSYS;
    return evtchn_fifo_expand_array(v->domain, a);
}

static int op_set_priority(struct vcpu *v, void *a)
{
    struct evtchn_set_priority *p = a;

    return evtchn_fifo_set_priority(v->domain, p->port, p->priority);
}

static const struct {
    evtchn_op_fn *fn;
    uint8_t size;                   /* of the argument structure */
    bool out;                       /* copied back */
} ops[] = {
#define OP(name, out) [EVTCHNOP_##name] = { op_##name, sizeof(struct evtchn_##name), out }
    OP(bind_interdomain, true), OP(bind_virq, true), OP(bind_pirq, true),
    OP(close, false), OP(send, false), OP(status, true), OP(alloc_unbound, true),
    OP(bind_ipi, true), OP(bind_vcpu, false), OP(unmask, false), OP(reset, false),
    OP(init_control, true), OP(expand_array, false), OP(set_priority, false),
#undef OP
};

long do_event_channel_op(struct vcpu *v, struct hypercall_args *args)
{
    uint64_t cmd = args->a[0], arg = args->a[1];
    union { struct evtchn_status s; struct evtchn_init_control c; uint64_t align; } buf;
    int rc;

    if (cmd >= ARRAY_SIZE(ops) || !ops[cmd].fn)
        return -ENOSYS;
    BUILD_BUG_ON(sizeof(struct evtchn_status) > sizeof(buf) ||
                 sizeof(struct evtchn_bind_interdomain) > sizeof(buf));
    if (copy_from_guest_virt(v, &buf, arg, ops[cmd].size))
        return -EFAULT;
    rc = ops[cmd].fn(v, &buf);
    if (!rc && ops[cmd].out && copy_to_guest_virt(v, arg, &buf, ops[cmd].size))
        return -EFAULT;
    return rc;
}
