/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The per-domain shared_info page, vcpu_info placement and the guest's
 * view of time in them (xen/common/shared_info.c, xen/arch/x86/vcpu_time.c).
 *
 * shared_info is one hypervisor page per domain (not counted in
 * tot_pages), allocated zeroed at domain_create() and freed at
 * domain_destroy().  The guest sees it only once it maps it with
 * XENMEM_add_to_physmap(XENMAPSPACE_shared_info) (xen/physmap.h).
 *
 * vcpu_info: vCPU n < XEN_LEGACY_MAX_VCPUS uses shared_info->vcpu_info[n]
 * until it registers its own with VCPUOP_register_vcpu_info; vCPUs above
 * that use a private dummy until then (as Xen's dummy_vcpu_info, but per
 * vCPU).  A registered frame is pinned: a guest that frees or remaps it
 * only loses its own mapping; the frame stays the domain's (counted in
 * tot_pages) until the domain is destroyed, so the hypervisor's pointer
 * never dangles.  Registration is once per vCPU (again: -EINVAL), as Xen.
 *
 * Event-channel and time code use vcpu_info(v) for the current location.
 */
#ifndef XEN_SHARED_H
#define XEN_SHARED_H

#include <xen/compiler.h>
#include <xen/sched.h>

#define GFN_NONE (~0ULL)            /* shared_info_gfn when not mapped */

/* Hypervisor pointer to @v's vcpu_info wherever it is now. */
static inline struct vcpu_info *vcpu_info(struct vcpu *v)
{
    struct vcpu_info *vi = READ_ONCE(v->vcpu_info);

    if (vi)
        return vi;
    if (v->vcpu_id < XEN_LEGACY_MAX_VCPUS)
        return &v->domain->shared_info->vcpu_info[v->vcpu_id];
    return &v->vcpu_info_dummy;
}

/* domain_create(): allocate and fill shared_info (0 or -ENOMEM). */
int shared_info_domain_init(struct domain *d);
/* domain_destroy(): free shared_info and the memory map; drop vcpu_info pins. */
void shared_info_domain_destroy(struct domain *d);

/* Is @mfn the frame of @d's shared_info? */
bool is_shared_info_frame(const struct domain *d, unsigned long mfn);
/* Is @mfn a frame some vCPU of @d registered its vcpu_info in? (physmap_lock held) */
bool vcpu_info_frame_pinned(const struct domain *d, unsigned long mfn);

/*
 * Move @v's vcpu_info to guest frame @gfn at byte @offset (the worker of
 * VCPUOP_register_vcpu_info; @caller is the vCPU making the call).  As Xen:
 * -ENXIO if the area does not fit in the page or is not 8-byte aligned,
 * -EINVAL if already registered, if @v is neither @caller nor down, or if
 * @gfn is not writable RAM of the domain.  The old contents are copied
 * (a vCPU >= 32 starts from zero with upcalls masked), every event
 * selector bit is set so nothing pending is lost, and the time is filled.
 */
int map_vcpu_info(struct vcpu *v, struct vcpu *caller, uint64_t gfn, uint32_t offset);

/*
 * VCPOP_register_vcpu_info for the vcpu_op dispatcher: copy struct
 * vcpu_register_vcpu_info from the caller's @guest_arg (-EFAULT) and call
 * map_vcpu_info().
 */
long vcpu_op_register_vcpu_info(struct vcpu *v, uint64_t guest_arg);

/* Write the wallclock into @d's shared_info (wc_version protocol). */
void domain_update_wallclock(struct domain *d);
/*
 * The guest just mapped shared_info (physmap_lock held: one wallclock
 * writer at a time): refresh the wallclock, and the time of @caller if it
 * is one of @d's vCPUs.
 */
void shared_info_mapped(struct domain *d, struct vcpu *caller);

/*
 * Refresh @v's vcpu_info time (pvclock: system_time = NOW() at
 * tsc_timestamp, the TSC scale) under the version protocol.  Called when
 * a vCPU is scheduled in, on registration and when shared_info is mapped;
 * only where @v cannot be scheduled in meanwhile (its own context, or
 * down), so there is one writer at a time.  Reads of guest memory here
 * never loop, so a guest scribbling on the area only confuses itself.
 */
void update_vcpu_system_time(struct vcpu *v);
/* The same, under the name the vcpu_op code uses (xen/vcpu_op.h). */
void vcpu_force_time_update(struct vcpu *v);
/*
 * Copy @ti (a struct vcpu_time_info) to @v's secondary time area, if one
 * is registered (the vcpu helper's xen/common/vcpu_timer.c; a TEMPORARY
 * weak no-op in stubs_mem.c until then).
 */
void vcpu_time_area_update(struct vcpu *v, const void *ti);

#endif
