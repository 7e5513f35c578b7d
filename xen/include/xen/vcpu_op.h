/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-vCPU state behind vcpu_op, set_timer_op and sched_op (hypercalls/):
 * initialisation, the registered runstate and secondary time areas, the
 * singleshot, periodic and poll timers; per-domain watchdogs.  Embedded in
 * struct vcpu (v->vop) and struct domain (d->wdog).
 *
 * Guest areas are located once, at registration: the guest-virtual
 * address is translated through the registering vCPU's page tables (the
 * address space Xen uses for the registration-time write on HVM), and
 * later updates write those guest-physical bytes from any CPU.  A guest
 * that later remaps the virtual address must register again (Linux never
 * does; Xen would follow the new mapping).  Writes that fail (the page was
 * removed from the p2m) are ignored, as Xen ignores -EFAULT there.
 */
#ifndef XEN_VCPU_OP_H
#define XEN_VCPU_OP_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <pvclock/pvclock_info.h>

struct vcpu;
struct domain;

/* A guest structure found at registration: up to two guest-physical pieces. */
struct guest_area {
    uint64_t gpa[2];                /* start of each piece */
    uint32_t len0;                  /* bytes in piece 0 (the rest in piece 1) */
    uint32_t size;                  /* total bytes; 0: nothing registered */
};

/* v->vop.initialised (VCPUOP_initialise / INIT-SIPI / the domain builder). */
#define VCPU_UNINITIALISED  0
#define VCPU_INITIALISING   1
#define VCPU_INITIALISED    2

struct vcpu_op_state {
    int initialised;                /* VCPU_* above (atomic) */
    /*
     * Serialises writes to the guest areas.  Taken with interrupts enabled,
     * never from interrupt context: the p2m lock nests inside it, and a p2m
     * update holding that lock waits for other CPUs to take a flush IPI.
     */
    spinlock_t area_lock;
    struct guest_area runstate;     /* struct vcpu_runstate_info (48 or 44 bytes) */
    bool runstate_compat;           /* registered by a 32-bit caller: 44-byte layout */
    struct guest_area time;         /* secondary struct vcpu_time_info (32 bytes) */
    struct timer singleshot;        /* VCPUOP_set_singleshot_timer / set_timer_op */
    struct timer periodic;          /* VCPUOP_set_periodic_timer */
    s_time_t periodic_period;       /* 0: off */
    struct timer poll;              /* SCHEDOP_poll timeout */
    /*
     * Time (vcpu_time.c): the guard keeping the vCPU's pvclock monotonic
     * across pCPUs, under time_lock (interrupts off: the scheduler calls in
     * with its run queue lock held).
     */
    spinlock_t time_lock;
    struct pvclock_guard clock;
    /* Runstate (vcpu.c): odd while vcpu_runstate_change() rewrites the figures. */
    unsigned int runstate_seq;
    bool pinned;                    /* SCHEDOP_pin_override in force (recorded only) */
    bool ready;                     /* timers initialised (vcpu_op_init ran) */
};

#define NR_DOMAIN_WATCHDOGS 2       /* Xen's NR_DOMAIN_WATCHDOG_TIMERS */

struct domain_watchdogs {
    spinlock_t lock;
    unsigned int inuse;             /* bit i: watchdog i+1 armed */
    struct timer timer[NR_DOMAIN_WATCHDOGS];
    bool ready;
};

/* ---- life cycle (called by the domain code) ------------------------------ */
void vcpu_op_init(struct vcpu *v);          /* vcpu_create: timers on v->processor */
void vcpu_op_destroy(struct vcpu *v);       /* vcpu_destroy: kill the timers */
void domain_watchdog_init(struct domain *d);
void domain_watchdog_destroy(struct domain *d);

/* The vCPU has a start state (builder, SIPI) / lost it (INIT). */
void vcpu_set_initialised(struct vcpu *v, bool yes);
bool vcpu_is_initialised(const struct vcpu *v);

/* ---- guest areas (xen/common/guest_area.c) ------------------------------- */
/*
 * Locate @size bytes at guest-virtual @va in @caller's address space for
 * writing.  0, or -EFAULT if a page is not mapped writable.
 */
int guest_area_locate(struct vcpu *caller, uint64_t va, uint32_t size, struct guest_area *a);
/* Write @len bytes at offset @off of the area; 0 or -EFAULT. */
int guest_area_write(struct domain *d, const struct guest_area *a, uint32_t off,
                     const void *buf, uint32_t len);

/* ---- runstate area (xen/common/runstate_area.c) -------------------------- */
struct vcpu_runstate_info;
/* Fill a struct vcpu_runstate_info for @v (time in the current state up to now). */
void vcpu_runstate_info_get(struct vcpu *v, struct vcpu_runstate_info *info);
/*
 * The raw figures, as Xen's runstate area holds them: time[] up to
 * state_entry_time, the current state's share since then left implicit
 * (xen/common/vcpu.c; consistent without the run queue lock).
 */
void vcpu_runstate_info_raw(struct vcpu *v, struct vcpu_runstate_info *info);
/*
 * VCPUOP_register_runstate_memory_area: @va (0 unregisters) in @caller's
 * address space; writes the current state at once.  The caller's mode
 * picks the layout (@compat: 44 bytes for 32-bit callers; Xen picks by the
 * domain's latched shared-info size, the same for a guest that keeps its
 * mode).  Always 0, as in Xen (an unmapped address registers nothing).
 */
int runstate_area_register(struct vcpu *caller, struct vcpu *v, uint64_t va, bool compat);
/*
 * After a runstate transition (scheduler, run queue lock dropped): rewrite
 * @v's registered area, if any.  Cheap when none is registered.
 */
void runstate_area_publish(struct vcpu *v);
/*
 * The write sequence, pure (host-tested): with @update_flag, set
 * XEN_RUNSTATE_UPDATE in the top byte of state_entry_time first, then the
 * whole structure (flag still set), then clear the flag; barriers between.
 * @compat selects the 44-byte 32-bit layout.  @write returns 0 or -errno;
 * a failure is ignored and the sequence goes on (Xen ignores -EFAULT).
 */
typedef int runstate_write_fn(void *ctx, uint32_t off, const void *buf, uint32_t len);
void runstate_area_write_seq(const struct vcpu_runstate_info *info, bool compat,
                             bool update_flag, runstate_write_fn *write, void *ctx);

/* ---- secondary time area (xen/common/vcpu_timer.c) ----------------------- */
/* VCPUOP_register_vcpu_time_memory_area; always 0 (unmapped: nothing registered), as Xen. */
int vcpu_time_area_register(struct vcpu *caller, struct vcpu *v, uint64_t va);
/*
 * For the time code: copy the 32-byte struct vcpu_time_info @ti (version
 * even) into @v's secondary area, version protocol included (odd version
 * first, then the body, then the even version).  No-op if none registered.
 * Interrupts enabled, not in interrupt context (see area_lock).
 */
void vcpu_time_area_update(struct vcpu *v, const void *ti);

/* ---- timers (xen/common/vcpu_timer.c) ------------------------------------ */
/* Arm @v's singleshot timer at absolute system time @when (on this pCPU). */
void vcpu_singleshot_set(struct vcpu *v, s_time_t when);
void vcpu_singleshot_stop(struct vcpu *v);
/* Legacy periodic timer: every @period ns (0 stops it). */
void vcpu_periodic_set(struct vcpu *v, s_time_t period);
/* SCHEDOP_poll: block @v until woken or @timeout (absolute; 0: none). */
void vcpu_poll_block(struct vcpu *v, s_time_t timeout);
/*
 * Block @v (SCHEDOP_block, SCHEDOP_poll) unless an interrupt or event is
 * already pending; race-free like hvm_hlt (the wake-up side is the same
 * hlt_blocked exchange).  True if it blocked.
 */
bool vcpu_block_unless_pending(struct vcpu *v);
/* Wake @v if it is blocked (timer expiry, poll timeout). */
void vcpu_kick_blocked(struct vcpu *v);

/* ---- watchdogs (xen/common/watchdog.c) ----------------------------------- */
/* SCHEDOP_watchdog: id 0 allocates (returns the id), else re-arms or (timeout 0) frees. */
long domain_watchdog(struct domain *d, uint32_t id, uint32_t timeout_s);

/*
 * ---- hooks other parts provide (weak stand-ins in stubs_vcpu.c) ----------
 * send_timer_virq: raise VIRQ_TIMER for @v (event channels, issue 5).
 * vcpu_events_pending: an event is pending for @v (evtchn_upcall_pending).
 * vcpu_unmask_events: SCHEDOP_block's "enable events" (clear the upcall mask).
 * evtchn_poll_port: 1 if @port of @d is pending, 0 if not, -EINVAL if invalid.
 * vcpu_force_time_update: rewrite @v's vcpu_time_info copies now (time code).
 * vcpu_op_register_vcpu_info: VCPUOP_register_vcpu_info for target @v, the
 *   argument at guest-virtual @arg in the caller's (current vCPU's) space.
 */
void send_timer_virq(struct vcpu *v);
bool vcpu_events_pending(struct vcpu *v);
void vcpu_unmask_events(struct vcpu *v);
int evtchn_poll_port(struct domain *d, uint32_t port);
void vcpu_force_time_update(struct vcpu *v);
long vcpu_op_register_vcpu_info(struct vcpu *v, uint64_t arg);

#endif
