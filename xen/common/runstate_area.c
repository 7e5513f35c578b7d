/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Runstate areas (VCPUOP_register_runstate_memory_area): after every
 * runstate transition of a vCPU the scheduler calls runstate_area_publish(),
 * which rewrites the struct vcpu_runstate_info the guest registered.  With
 * VMASST_TYPE_runstate_update_flag enabled the rewrite is bracketed by
 * XEN_RUNSTATE_UPDATE in state_entry_time, so a reader on another vCPU can
 * tell a torn copy (Xen's update_runstate_area).  A 32-bit caller's area
 * gets the 44-byte layout.  The area holds the raw figures, as Xen's:
 * time[] up to state_entry_time, the current state's share since then
 * implicit; VCPUOP_get_runstate_info instead counts up to now.
 * Writes are serialised per vCPU by vop.area_lock, and the snapshot is
 * taken under it, so the last write always carries the newest state.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <public/vcpu.h>
#include <public/xen.h>

/* state_entry_time's offset in each layout; its top byte holds the flag. */
#define ENTRY_OFF(compat) ((compat) ? 4u : 8u)

static void encode(const struct vcpu_runstate_info *info, bool compat, uint8_t *buf)
{
    if (!compat) {
        memcpy(buf, info, sizeof(*info));
        return;
    }
    memcpy(buf, &info->state, 4);
    memcpy(buf + 4, &info->state_entry_time, 8);
    memcpy(buf + 12, info->time, sizeof(info->time));
}

void runstate_area_write_seq(const struct vcpu_runstate_info *info, bool compat,
                             bool update_flag, runstate_write_fn *write, void *ctx)
{
    uint32_t size = compat ? VCPU_RUNSTATE_INFO_COMPAT_SIZE : sizeof(*info);
    uint32_t top = ENTRY_OFF(compat) + 7;   /* little endian: bits 56-63 */
    struct vcpu_runstate_info r = *info;
    uint8_t buf[sizeof(r)];

    r.pad = 0;
    if (update_flag) {
        r.state_entry_time |= XEN_RUNSTATE_UPDATE;
        encode(&r, compat, buf);
        write(ctx, top, &buf[top], 1);
        barrier();              /* x86 keeps stores in order: smp_wmb */
    }
    encode(&r, compat, buf);
    write(ctx, 0, buf, size);
    if (update_flag) {
        r.state_entry_time &= ~XEN_RUNSTATE_UPDATE;
        encode(&r, compat, buf);
        barrier();              /* x86 keeps stores in order: smp_wmb */
        write(ctx, top, &buf[top], 1);
    }
}

void vcpu_runstate_info_get(struct vcpu *v, struct vcpu_runstate_info *info)
{
    s_time_t entry, times[NR_RUNSTATES];

    memset(info, 0, sizeof(*info));
    info->state = vcpu_runstate_snapshot(v, &entry, times);
    info->state_entry_time = (uint64_t)entry;
    for (unsigned int i = 0; i < NR_RUNSTATES; i++)
        info->time[i] = (uint64_t)times[i];
}

struct area_ctx {
    struct domain *d;
    const struct guest_area *a;
};

/* Failures are ignored, as Xen ignores -EFAULT when updating the area. */
static int write_area(void *ctx, uint32_t off, const void *buf, uint32_t len)
{
    struct area_ctx *c = ctx;

    return guest_area_write(c->d, c->a, off, buf, len);
}

/* Area lock held. */
static void publish_locked(struct vcpu *v)
{
    struct area_ctx c = { v->domain, &v->vop.runstate };
    struct vcpu_runstate_info info;

    if (!v->vop.runstate.size)
        return;
    vcpu_runstate_info_raw(v, &info);
    runstate_area_write_seq(&info, v->vop.runstate_compat,
                            domain_vm_assist(v->domain, VMASST_TYPE_runstate_update_flag),
                            write_area, &c);
}

void runstate_area_publish(struct vcpu *v)
{

    if (!READ_ONCE(v->vop.runstate.size) || !v->vop.ready)
        return;
    spin_lock(&v->vop.area_lock);
    publish_locked(v);
    spin_unlock(&v->vop.area_lock);
}

int runstate_area_register(struct vcpu *caller, struct vcpu *v, uint64_t va, bool compat)
{
    struct guest_area a = { 0 };

    if (va && guest_area_locate(caller, va, compat ? VCPU_RUNSTATE_INFO_COMPAT_SIZE
                                                   : sizeof(struct vcpu_runstate_info), &a))
        a.size = 0;                 /* unmapped: nothing to update, still 0 */
    spin_lock(&v->vop.area_lock);
    v->vop.runstate = a;
    v->vop.runstate_compat = compat;
    publish_locked(v);
    spin_unlock(&v->vop.area_lock);
    return 0;
}
