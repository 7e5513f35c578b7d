/* SPDX-License-Identifier: MIT */
/*
 * vcpu_op (hypercall 24): vcpu_op(cmd, vcpuid, arg), with Xen's numbers and
 * layouts (xen/include/public/vcpu.h of Xen 4.17).  Layouts are those of a
 * 64-bit guest; where a 32-bit (compat) guest's differs it is noted.
 * VCPUOP_initialise of an HVM/PVH vCPU takes struct vcpu_hvm_context
 * (public/hvm/hvm_vcpu.h).
 */
#ifndef PUBLIC_VCPU_H
#define PUBLIC_VCPU_H

#include <public/xen.h>

#define VCPUOP_initialise                    0  /* struct vcpu_hvm_context */
#define VCPUOP_up                            1  /* arg ignored */
#define VCPUOP_down                          2  /* arg ignored */
#define VCPUOP_is_up                         3  /* returns 1 if up, 0 if down */
#define VCPUOP_get_runstate_info             4  /* struct vcpu_runstate_info (OUT) */
#define VCPUOP_register_runstate_memory_area 5  /* struct vcpu_register_runstate_memory_area */
#define VCPUOP_set_periodic_timer            6  /* struct vcpu_set_periodic_timer */
#define VCPUOP_stop_periodic_timer           7  /* arg ignored */
#define VCPUOP_set_singleshot_timer          8  /* struct vcpu_set_singleshot_timer */
#define VCPUOP_stop_singleshot_timer         9  /* arg ignored */
#define VCPUOP_register_vcpu_info           10  /* struct vcpu_register_vcpu_info */
#define VCPUOP_send_nmi                     11  /* arg must be NULL */
#define VCPUOP_get_physid                   12  /* struct vcpu_get_physid (OUT) */
#define VCPUOP_register_vcpu_time_memory_area 13 /* struct vcpu_register_time_memory_area */
/* Xen 4.18 and later; Xen 4.17 (our reference) returns -ENOSYS for them. */
#define VCPUOP_register_runstate_phys_area  14
#define VCPUOP_register_vcpu_time_phys_area 15

/* Runstates (vcpu_runstate_info.state). */
#define RUNSTATE_running  0     /* on a physical CPU */
#define RUNSTATE_runnable 1     /* ready, waiting for a CPU (steal time) */
#define RUNSTATE_blocked  2     /* waiting for an event */
#define RUNSTATE_offline  3     /* down, or paused by the hypervisor/toolstack */

/*
 * Set in state_entry_time while the hypervisor rewrites a registered
 * runstate area, when the guest enabled VMASST_TYPE_runstate_update_flag.
 */
#define XEN_RUNSTATE_UPDATE (1ULL << 63)

/*
 * 48 bytes for 64-bit guests.  A 32-bit guest's layout packs the 64-bit
 * fields at 4-byte alignment: state_entry_time at 4, time[] at 12, 44 bytes.
 */
struct vcpu_runstate_info {
    int32_t state;                  /* RUNSTATE_* */
    uint32_t pad;                   /* implicit in Xen's header */
    uint64_t state_entry_time;      /* system time (ns) the state was entered */
    uint64_t time[4];               /* ns spent in each RUNSTATE_* */
};
#define VCPU_RUNSTATE_INFO_COMPAT_SIZE 44

/*
 * The guest-virtual address of a struct vcpu_runstate_info the hypervisor
 * keeps up to date (0 unregisters).  A 32-bit guest's address is 32-bit.
 */
struct vcpu_register_runstate_memory_area {
    uint64_t addr;
};

struct vcpu_set_periodic_timer {
    uint64_t period_ns;             /* >= 1 ms */
};

/* 16 bytes for 64-bit guests, 12 for 32-bit ones (no tail padding). */
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;        /* absolute system time */
    uint32_t flags;                 /* VCPU_SSHOTTMR_* */
    uint32_t pad;                   /* implicit in Xen's header */
};
#define _VCPU_SSHOTTMR_future 0
/* Once "-ETIME if already past"; Xen 4.17.x (and we) ignore it: a past timeout fires at once. */
#define VCPU_SSHOTTMR_future  (1u << _VCPU_SSHOTTMR_future)
#define VCPU_SET_SINGLESHOT_TIMER_COMPAT_SIZE 12

struct vcpu_register_vcpu_info {
    uint64_t mfn;                   /* gfn of the page holding the vcpu_info */
    uint32_t offset;                /* its offset in that page */
    uint32_t rsvd;
};

struct vcpu_get_physid {
    uint64_t phys_id;
};

/* The guest-virtual address of a secondary struct vcpu_time_info (0 unregisters). */
struct vcpu_register_time_memory_area {
    uint64_t addr;
};

_Static_assert(sizeof(struct vcpu_runstate_info) == 48, "vcpu_runstate_info");
_Static_assert(__builtin_offsetof(struct vcpu_runstate_info, state_entry_time) == 8,
               "vcpu_runstate_info.state_entry_time");
_Static_assert(__builtin_offsetof(struct vcpu_runstate_info, time) == 16,
               "vcpu_runstate_info.time");
_Static_assert(sizeof(struct vcpu_register_runstate_memory_area) == 8, "runstate area");
_Static_assert(sizeof(struct vcpu_set_periodic_timer) == 8, "periodic timer");
_Static_assert(sizeof(struct vcpu_set_singleshot_timer) == 16, "singleshot timer");
_Static_assert(__builtin_offsetof(struct vcpu_set_singleshot_timer, flags) == 8,
               "singleshot flags");
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16, "register_vcpu_info");
_Static_assert(sizeof(struct vcpu_register_time_memory_area) == 8, "time area");

#endif
