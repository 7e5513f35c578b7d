/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY (mem): a stand-in vcpu_op dispatcher until the vcpu helper's
 * hypercalls/vcpu_op.c is in main (it owns the real one and calls
 * vcpu_op_register_vcpu_info()).  Weak, so the real one wins at link
 * time; delete this file then.  Only VCPUOP_register_vcpu_info (10); and
 * vcpu_time_area_update(), also theirs.
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/shared.h>

#define VCPUOP_register_vcpu_info 10

/* No secondary time areas until the vcpu helper's vcpu_timer.c is in main. */
__attribute__((weak)) void vcpu_time_area_update(struct vcpu *v, const void *ti)
{
    (void)v, (void)ti;
}

__attribute__((weak)) long do_vcpu_op(struct vcpu *v, struct hypercall_args *args)
{
    struct domain *d = v->domain;
    uint32_t cmd = (uint32_t)args->a[0], id = (uint32_t)args->a[1];

    if (id >= d->max_vcpus || !d->vcpu[id])
        return -ENOENT;
    if (cmd != VCPUOP_register_vcpu_info)
        return -ENOSYS;
    return vcpu_op_register_vcpu_info(d->vcpu[id], args->a[2]);
}
