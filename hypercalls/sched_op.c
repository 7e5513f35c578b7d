/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * sched_op(cmd, arg): yield, block, shutdown.  Other sub-ops (poll,
 * remote_shutdown, shutdown_code, watchdog) return -ENOSYS until they are
 * implemented (issue 4).
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/sched.h>

static long sched_yield(struct vcpu *v, uint64_t arg)
{
    (void)v, (void)arg;
    return 0;                       /* the run loop reschedules when it must */
}

static long sched_block(struct vcpu *v, uint64_t arg)
{
    (void)arg;
    vcpu_block(v);                  /* until an event (interrupt) wakes it */
    return 0;
}

/*
 * Reasons 0-4 (poweroff .. watchdog) are accepted; Xen would also take
 * soft_reset and pass unknown values to the toolstack, which we lack.
 */
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

static long (*const schedop_ops[])(struct vcpu *, uint64_t) = {
    [SCHEDOP_yield]    = sched_yield,
    [SCHEDOP_block]    = sched_block,
    [SCHEDOP_shutdown] = sched_shutdown,
};

long do_sched_op(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t cmd = (uint32_t)args->a[0];     /* int in Xen's prototype */

    if (cmd >= ARRAY_SIZE(schedop_ops) || !schedop_ops[cmd])
        return -ENOSYS;
    return schedop_ops[cmd](v, args->a[1]);
}
