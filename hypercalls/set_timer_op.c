/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * set_timer_op(timeout): the calling vCPU's singleshot timer at absolute
 * system time @timeout (ns), as Xen: 0 stops it; a negative timeout, or one
 * more than 2^50 ns (about 13 days) ahead, is taken as Linux's wrapped
 * jiffies and fires in 100 ms instead.  Always returns 0.  64-bit callers
 * pass the timeout in one register, 32-bit ones as low and high halves.
 */
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/hvm.h>

long do_set_timer_op(struct vcpu *v, struct hypercall_args *args)
{
    struct guest_paging pg = { .cs_long = true };
    s_time_t timeout, offset;

    if (hvm_ops && hvm_ops->get_paging)
        hvm_ops->get_paging(v, &pg);
    timeout = (s_time_t)(pg.cs_long ? args->a[0]
                                    : ((args->a[1] << 32) | (uint32_t)args->a[0]));
    offset = timeout - NOW();
    if (timeout == 0)
        vcpu_singleshot_stop(v);
    else if (timeout < 0 || (offset > 0 && (offset >> 50) != 0))
        vcpu_singleshot_set(v, NOW() + MILLISECS(100));
    else
        vcpu_singleshot_set(v, timeout);
    return 0;
}
