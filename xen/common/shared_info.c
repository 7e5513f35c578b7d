/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The per-domain shared_info page and vcpu_info placement (see
 * xen/shared.h).  Locking: d->physmap_lock serialises registration with
 * the physmap changes that could free a registered frame; vcpu_info
 * readers (event delivery, time updates) use the pointer lock-free: it
 * only ever moves from the default place to a pinned frame, published
 * after the new area is filled.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/shared.h>
#include <xen/string.h>
#include <xen/wallclock.h>
#include <xen/xmalloc.h>
#include <asm/p2m.h>
#include <pvclock/pvclock_info.h>

/* public/vcpu.h's struct vcpu_register_vcpu_info (VCPUOP_register_vcpu_info). */
struct register_vcpu_info_arg {
    uint64_t mfn;                   /* a GFN for HVM/PVH guests */
    uint32_t offset;                /* byte offset of vcpu_info in that page */
    uint32_t rsvd;
};
_Static_assert(sizeof(struct register_vcpu_info_arg) == 16, "vcpu_register_vcpu_info");

int shared_info_domain_init(struct domain *d)
{
    spin_lock_init(&d->physmap_lock);
    d->shared_info_gfn = GFN_NONE;
    d->shared_info = alloc_xenheap_pages(0, MEMF_zero);
    if (!d->shared_info)
        return -ENOMEM;
    domain_update_wallclock(d);
    return 0;
}

void shared_info_domain_destroy(struct domain *d)
{
    struct vcpu *v;

    /* Registered frames are the domain's own: domain_relinquish_pages frees them. */
    for_each_vcpu(d, v) {
        v->vcpu_info = NULL;
        v->vcpu_info_mfn = 0;
    }
    free_xenheap_pages(d->shared_info, 0);
    d->shared_info = NULL;
    xfree(d->e820);
    d->e820 = NULL;
    d->nr_e820 = 0;
}

bool is_shared_info_frame(const struct domain *d, unsigned long mfn)
{
    return d->shared_info && mfn == arch_virt_to_mfn(d->shared_info);
}

bool vcpu_info_frame_pinned(const struct domain *d, unsigned long mfn)
{
    struct vcpu *v;

    for_each_vcpu(d, v)
        if (v->vcpu_info && v->vcpu_info_mfn == mfn)
            return true;
    return false;
}

void domain_update_wallclock(struct domain *d)
{
    uint64_t sec;
    uint32_t nsec;

    wallclock_base(&sec, &nsec);
    pvclock_publish_wallclock(d->shared_info, sec, nsec);
}

void shared_info_mapped(struct domain *d, struct vcpu *caller)
{
    domain_update_wallclock(d);
    /*
     * The other vCPUs' time in shared_info is as fresh as their last
     * schedule-in (it is filled whether mapped or not); refreshing it from
     * here would make two CPUs write one vcpu_time_info at once.
     */
    if (caller && caller->domain == d)
        update_vcpu_system_time(caller);
}

/* The frame at @gfn if it is writable RAM @d owns, else INVALID_MFN. */
static unsigned long own_ram_frame(struct domain *d, uint64_t gfn)
{
    p2m_type_t t;
    unsigned long mfn = p2m_get_entry(d, gfn, &t, NULL);

    if (mfn == INVALID_MFN || t != p2m_ram_rw || !mfn_valid(mfn) ||
        mfn_to_page(mfn)->owner != (uintptr_t)d)
        return INVALID_MFN;
    return mfn;
}

/* Fill the new area from the old one and publish it (physmap_lock held). */
static void move_vcpu_info(struct vcpu *v, struct vcpu_info *new, unsigned long mfn)
{
    struct vcpu_info *old = vcpu_info(v);

    if (old == &v->vcpu_info_dummy) {
        memset(new, 0, sizeof(*new));
        new->evtchn_upcall_mask = 1;
    } else {
        memcpy(new, old, sizeof(*new));
    }
    v->vcpu_info_mfn = mfn;
    __atomic_store_n(&v->vcpu_info, new, __ATOMIC_RELEASE);
    /* Everything may be pending: the guest rescans and nothing is lost. */
    __atomic_store_n(&new->evtchn_pending_sel, ~(xen_ulong_t)0, __ATOMIC_RELEASE);
    __atomic_store_n(&new->evtchn_upcall_pending, 1, __ATOMIC_RELEASE);
}

int map_vcpu_info(struct vcpu *v, struct vcpu *caller, uint64_t gfn, uint32_t offset)
{
    struct domain *d = v->domain;
    unsigned long mfn;
    int rc = 0;

    if (offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
        (offset & (__alignof__(struct vcpu_info) - 1)))
        return -ENXIO;
    spin_lock(&d->physmap_lock);
    if (v->vcpu_info)
        rc = -EINVAL;                       /* once only, as Xen */
    else if (v != caller && !(READ_ONCE(v->pause_flags) & VPF_down))
        rc = -EINVAL;                       /* yourself, or a vCPU that is down */
    else if ((mfn = own_ram_frame(d, gfn)) == INVALID_MFN)
        rc = -EINVAL;
    else
        move_vcpu_info(v, (struct vcpu_info *)((char *)arch_mfn_to_virt(mfn) + offset), mfn);
    spin_unlock(&d->physmap_lock);
    if (!rc)
        update_vcpu_system_time(v);
    return rc;
}

long vcpu_op_register_vcpu_info(struct vcpu *v, uint64_t guest_arg)
{
    struct vcpu *caller = current_vcpu();
    struct register_vcpu_info_arg a;

    if (!caller || copy_from_guest_virt(caller, &a, guest_arg, sizeof(a)))
        return -EFAULT;
    return map_vcpu_info(v, caller, a.mfn, a.offset);
}
