/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * vcpu_op(cmd, vcpuid, arg), Xen 4.17's semantics for HVM/PVH guests:
 *   a vcpuid that names no vCPU of the caller's domain: -ENOENT;
 *   initialise: struct vcpu_hvm_context; -EEXIST once the vCPU has a start
 *     state, -EINVAL for a bad context; the vCPU stays down;
 *   up: -EINVAL if never initialised; down: the last vCPU going down powers
 *     the domain off; is_up: 1 or 0;
 *   get_runstate_info, register_runstate_memory_area (always 0, as Xen),
 *   register_vcpu_time_memory_area (always 0), register_vcpu_info (mem);
 *   set/stop_singleshot_timer: only on the caller itself (-EINVAL); a past
 *     timeout fires at once.  VCPU_SSHOTTMR_future is ignored, as in the Xen
 *     4.17 we compare against (Debian's 4.17.x has Xen commit 19c6cbd90965
 *     "xen/vcpu: ignore VCPU_SSHOTTMR_future"; the original -ETIME is gone,
 *     checked with scripts/run-on-xen); set/stop_periodic_timer
 *     on any vCPU, period 1 ms .. 2^62 ns (-EINVAL);
 *   get_physid: -EINVAL (only for a pinned hardware domain in Xen);
 *   send_nmi: -EINVAL unless arg is NULL (as Xen), then -ENOSYS: NMIs are
 *     not delivered to guests yet;
 *   the 4.18 phys-area sub-ops, unknown ones: -ENOSYS.
 * Arguments are read from the caller's address space (bad pointer:
 * -EFAULT); 32-bit callers get Xen's compat sizes (addresses 4 bytes, the
 * singleshot struct 12, runstate info 44).
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/time.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <public/hvm/hvm_vcpu.h>
#include <public/vcpu.h>

#define STIME_DELTA_MAX ((s_time_t)(1ULL << 62))    /* Xen's limit on periods */

typedef long vcpu_op_fn(struct vcpu *caller, struct vcpu *t, uint64_t arg);

static bool caller_32bit(struct vcpu *caller)
{
    struct guest_paging pg = { .cs_long = true };

    if (hvm_ops && hvm_ops->get_paging)
        hvm_ops->get_paging(caller, &pg);
    return !pg.cs_long;
}

/* A guest address argument: 8 bytes, or 4 from a 32-bit caller. */
static int read_addr(struct vcpu *caller, uint64_t arg, uint64_t *va)
{
    uint32_t va32;

    if (!caller_32bit(caller))
        return copy_from_guest_virt(caller, va, arg, sizeof(*va));
    if (copy_from_guest_virt(caller, &va32, arg, sizeof(va32)))
        return -EFAULT;
    *va = va32;
    return 0;
}

static long op_initialise(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    struct vcpu_hvm_context ctx;

    if (copy_from_guest_virt(caller, &ctx, arg, sizeof(ctx)))
        return -EFAULT;
    return hvm_vcpu_initialise(t, &ctx);
}

static long op_up(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    (void)caller, (void)arg;
    if (!vcpu_is_initialised(t))
        return -EINVAL;
    vcpu_up(t);
    return 0;
}

static long op_down(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    struct domain *d = t->domain;
    struct vcpu *o;
    bool others_up = false;

    (void)caller, (void)arg;
    for_each_vcpu(d, o)
        if (o != t && !(READ_ONCE(o->pause_flags) & VPF_down))
            others_up = true;
    if (!others_up) {
        domain_shutdown(d, SHUTDOWN_poweroff);      /* the last vCPU going down */
        return 0;
    }
    vcpu_down(t);
    return 0;
}

static long op_is_up(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    (void)caller, (void)arg;
    return !(READ_ONCE(t->pause_flags) & VPF_down);
}

static long op_get_runstate_info(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    struct vcpu_runstate_info info;
    uint8_t compat[VCPU_RUNSTATE_INFO_COMPAT_SIZE];

    vcpu_runstate_info_get(t, &info);
    if (!caller_32bit(caller))
        return copy_to_guest_virt(caller, arg, &info, sizeof(info)) ? -EFAULT : 0;
    memcpy(compat, &info.state, 4);
    memcpy(compat + 4, &info.state_entry_time, 8);
    memcpy(compat + 12, info.time, sizeof(info.time));
    return copy_to_guest_virt(caller, arg, compat, sizeof(compat)) ? -EFAULT : 0;
}

static long op_register_runstate(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    uint64_t va;

    if (read_addr(caller, arg, &va))
        return -EFAULT;
    return runstate_area_register(caller, t, va, caller_32bit(caller));
}

static long op_set_periodic(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    struct vcpu_set_periodic_timer set;

    if (copy_from_guest_virt(caller, &set, arg, sizeof(set)))
        return -EFAULT;
    if (set.period_ns < (uint64_t)MILLISECS(1) || set.period_ns > (uint64_t)STIME_DELTA_MAX)
        return -EINVAL;
    vcpu_periodic_set(t, (s_time_t)set.period_ns);
    return 0;
}

static long op_stop_periodic(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    (void)caller, (void)arg;
    vcpu_periodic_set(t, 0);
    return 0;
}

static long op_set_singleshot(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    struct vcpu_set_singleshot_timer set = { 0 };
    size_t size = caller_32bit(caller) ? VCPU_SET_SINGLESHOT_TIMER_COMPAT_SIZE : sizeof(set);

    if (t != caller)
        return -EINVAL;
    if (copy_from_guest_virt(caller, &set, arg, size))
        return -EFAULT;
    vcpu_singleshot_set(t, (s_time_t)set.timeout_abs_ns);   /* >= 2^63 fires now, as Xen */
    return 0;
}

static long op_stop_singleshot(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    (void)arg;
    if (t != caller)
        return -EINVAL;
    vcpu_singleshot_stop(t);
    return 0;
}

static long op_register_vcpu_info(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    (void)caller;
    return vcpu_op_register_vcpu_info(t, arg);
}

static long op_send_nmi(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    (void)caller, (void)t;
    return arg ? -EINVAL : -ENOSYS;
}

static long op_get_physid(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    (void)caller, (void)t, (void)arg;
    return -EINVAL;
}

static long op_register_time(struct vcpu *caller, struct vcpu *t, uint64_t arg)
{
    uint64_t va;

    if (read_addr(caller, arg, &va))
        return -EFAULT;
    return vcpu_time_area_register(caller, t, va);
}

static vcpu_op_fn *const vcpu_ops[] = {
    [VCPUOP_initialise]                    = op_initialise,
    [VCPUOP_up]                            = op_up,
    [VCPUOP_down]                          = op_down,
    [VCPUOP_is_up]                         = op_is_up,
    [VCPUOP_get_runstate_info]             = op_get_runstate_info,
    [VCPUOP_register_runstate_memory_area] = op_register_runstate,
    [VCPUOP_set_periodic_timer]            = op_set_periodic,
    [VCPUOP_stop_periodic_timer]           = op_stop_periodic,
    [VCPUOP_set_singleshot_timer]          = op_set_singleshot,
    [VCPUOP_stop_singleshot_timer]         = op_stop_singleshot,
    [VCPUOP_register_vcpu_info]            = op_register_vcpu_info,
    [VCPUOP_send_nmi]                      = op_send_nmi,
    [VCPUOP_get_physid]                    = op_get_physid,
    [VCPUOP_register_vcpu_time_memory_area] = op_register_time,
};

long do_vcpu_op(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t cmd = (uint32_t)args->a[0];    /* int in Xen's prototype */
    uint32_t id = (uint32_t)args->a[1];     /* unsigned int */
    struct domain *d = v->domain;
    struct vcpu *t;

    if (id >= d->max_vcpus || !(t = READ_ONCE(d->vcpu[id])))
        return -ENOENT;
    if (cmd >= ARRAY_SIZE(vcpu_ops) || !vcpu_ops[cmd])
        return -ENOSYS;
    return vcpu_ops[cmd](v, t, args->a[2]);
}
