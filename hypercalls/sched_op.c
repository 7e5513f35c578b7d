/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sched_op(cmd, arg), Xen 4.17's semantics:
 *   yield: 0, after the vCPU went back behind the others queued on its
 *     pCPU.  block: enable event delivery, then sleep unless an interrupt
 *     or event is already pending (checked again after blocking: no lost
 *     wake-up).  shutdown: struct sched_shutdown, reasons 0-4 (-EINVAL
 *     beyond; Xen would pass them to the toolstack, which we lack).
 *   shutdown_code: store a reason for a later shutdown (first one wins; -EINVAL
 *     beyond watchdog, as shutdown).
 *   poll: at most 128 ports (-EINVAL); returns 0 at once if an event is
 *     pending; each port read from the guest (-EFAULT) and checked by the
 *     event channel code (no port is valid until it exists: -EINVAL); else
 *     blocks until woken or the timeout.
 *   remote_shutdown: another domain (-ESRCH if none, -EPERM unless the
 *     caller is the control domain).  watchdog: per-domain watchdogs.
 *   pin_override: hardware domain only (-EPERM); as Xen's
 *     vcpu_set_tmp_affinity: pcpu >= NR_CPUS or offline -EINVAL, pinning
 *     while pinned -EBUSY, undoing (pcpu < 0) with no pin -EINVAL.  vCPUs
 *     never move between pCPUs here, so the pin is only recorded.
 *   anything else: -ENOSYS.
 */
#include <xen/deny.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <public/sched.h>

static long sched_yield(struct vcpu *v, uint64_t arg)
{
    (void)arg;
    vcpu_yield(v);                  /* the others queued on its pCPU go first */
    return 0;
}

static long sched_block(struct vcpu *v, uint64_t arg)
{
    (void)arg;
    vcpu_unmask_events(v);
    vcpu_block_unless_pending(v);
    return 0;
}

static long sched_shutdown(struct vcpu *v, uint64_t arg)
{
    struct sched_shutdown s;

    if (copy_from_guest_virt(v, &s, arg, sizeof(s)))
        return -EFAULT;
    if (s.reason > SHUTDOWN_watchdog)
        return -EINVAL;
    domain_shutdown(v->domain, (int)s.reason);
    return 0;
}

static long sched_shutdown_code(struct vcpu *v, uint64_t arg)
{
    struct sched_shutdown s;

    if (copy_from_guest_virt(v, &s, arg, sizeof(s)))
        return -EFAULT;
    if (s.reason > SHUTDOWN_watchdog)
        return -EINVAL;
    domain_set_shutdown_code(v->domain, (int)s.reason);
    return 0;
}

static bool is_32bit(struct vcpu *v)
{
    struct guest_paging pg = { .cs_long = true };

    if (hvm_ops && hvm_ops->get_paging)
        hvm_ops->get_paging(v, &pg);
    return !pg.cs_long;
}

static int read_poll(struct vcpu *v, uint64_t arg, struct sched_poll *p)
{
    uint32_t c[4];                  /* 32-bit: ports, nr_ports, timeout lo, hi */

    if (!is_32bit(v))
        return copy_from_guest_virt(v, p, arg, sizeof(*p));
    if (copy_from_guest_virt(v, c, arg, SCHED_POLL_COMPAT_SIZE))
        return -EFAULT;
    *p = (struct sched_poll){ .ports = c[0], .nr_ports = c[1],
                              .timeout = ((uint64_t)c[3] << 32) | c[2] };
    return 0;
}

static long sched_poll(struct vcpu *v, uint64_t arg)
{
    struct sched_poll p;

    if (read_poll(v, arg, &p))
        return -EFAULT;
    if (p.nr_ports > SCHED_POLL_MAX_PORTS)
        return -EINVAL;
    if (hvm_pending_interrupt(v) >= 0 || vcpu_events_pending(v))
        return 0;
    for (uint32_t i = 0; i < p.nr_ports; i++) {
        uint32_t port;
        int rc;

        if (copy_from_guest_virt(v, &port, p.ports + 4ull * i, sizeof(port)))
            return -EFAULT;
        rc = evtchn_poll_port(v->domain, port);
        if (rc)
            return rc < 0 ? rc : 0;     /* invalid, or already pending */
    }
    vcpu_poll_block(v, (s_time_t)p.timeout);
    return 0;
}

static long sched_remote_shutdown(struct vcpu *v, uint64_t arg)
{
    struct sched_remote_shutdown s;
    struct domain *d;
    long rc = 0;

    if (copy_from_guest_virt(v, &s, arg, sizeof(s)))
        return -EFAULT;
    d = domain_get(s.domain_id);        /* held: not destroyed under us */
    if (!d)
        return -ESRCH;
    if (!v->domain->is_privileged) {
        log_denied(v->domain, "SCHEDOP_remote_shutdown of d%u", d->domain_id);
        rc = -EPERM;
    } else if (s.reason > SHUTDOWN_watchdog)
        rc = -EINVAL;
    else
        domain_shutdown(d, (int)s.reason);
    domain_put(d);
    return rc;
}

static long sched_watchdog(struct vcpu *v, uint64_t arg)
{
    struct sched_watchdog w;

    if (copy_from_guest_virt(v, &w, arg, sizeof(w)))
        return -EFAULT;
    return domain_watchdog(v->domain, w.id, w.timeout);
}

static long sched_pin_override(struct vcpu *v, uint64_t arg)
{
    struct sched_pin_override p;

    if (!v->domain->is_privileged)
        return -EPERM;
    if (copy_from_guest_virt(v, &p, arg, sizeof(p)))
        return -EFAULT;
    if (p.pcpu >= NR_CPUS)
        return -EINVAL;
    if (p.pcpu < 0)
        return __atomic_exchange_n(&v->vop.pinned, false, __ATOMIC_SEQ_CST) ? 0 : -EINVAL;
    if (v->vop.pinned)
        return -EBUSY;
    if (!cpu_online((unsigned int)p.pcpu))
        return -EINVAL;
    v->vop.pinned = true;
    return 0;
}

static long (*const schedop_ops[])(struct vcpu *, uint64_t) = {
    [SCHEDOP_yield]           = sched_yield,
    [SCHEDOP_block]           = sched_block,
    [SCHEDOP_shutdown]        = sched_shutdown,
    [SCHEDOP_poll]            = sched_poll,
    [SCHEDOP_remote_shutdown] = sched_remote_shutdown,
    [SCHEDOP_shutdown_code]   = sched_shutdown_code,
    [SCHEDOP_watchdog]        = sched_watchdog,
    [SCHEDOP_pin_override]    = sched_pin_override,
};

long do_sched_op(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t cmd = (uint32_t)args->a[0];     /* int in Xen's prototype */

    if (cmd >= ARRAY_SIZE(schedop_ops) || !schedop_ops[cmd])
        return -ENOSYS;
    return schedop_ops[cmd](v, args->a[1]);
}
