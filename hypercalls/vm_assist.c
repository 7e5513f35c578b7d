/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * vm_assist(cmd, type), Xen's semantics for HVM/PVH domains: the only
 * valid assist is runstate_update_flag (any other type, or one beyond the
 * bitmap, -EINVAL); VMASST_CMD_enable/disable set or clear it in
 * d->vm_assist (read with domain_vm_assist()); other commands -ENOSYS.
 * Both arguments are unsigned int in Xen's prototype.
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <public/xen.h>

#define HVM_VM_ASSIST_MASK (1UL << VMASST_TYPE_runstate_update_flag)

long do_vm_assist(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t cmd = (uint32_t)args->a[0], type = (uint32_t)args->a[1];
    struct domain *d = v->domain;

    if (type >= 64 || !((HVM_VM_ASSIST_MASK >> type) & 1))
        return -EINVAL;
    switch (cmd) {
    case VMASST_CMD_enable:
        __atomic_fetch_or(&d->vm_assist, 1UL << type, __ATOMIC_SEQ_CST);
        return 0;
    case VMASST_CMD_disable:
        __atomic_fetch_and(&d->vm_assist, ~(1UL << type), __ATOMIC_SEQ_CST);
        return 0;
    default:
        return -ENOSYS;
    }
}
