/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: hypercall numbers, reserved domain IDs and console_io
 * commands, with Xen's values (xen/include/public/xen.h).  Fixed-width
 * types only; usable by the hypervisor, test guests and the toolstack.
 *
 * Calling convention (HVM/PVH): VMMCALL on AMD, VMCALL on Intel, with
 *   64-bit guests: RAX = number; RDI, RSI, RDX, R10, R8 = arguments 1-5
 *   32-bit guests: EAX = number; EBX, ECX, EDX, ESI, EDI = arguments 1-5
 * and the result in RAX/EAX (a negative XEN_E* value on error).  Only
 * kernel mode (CPL 0) may make hypercalls.
 */
#ifndef PUBLIC_XEN_H
#define PUBLIC_XEN_H

#include <stdint.h>
#include "xen-compat.h"
#include <public/arch-x86/xen.h>

#define __HYPERVISOR_set_trap_table        0
#define __HYPERVISOR_mmu_update            1
#define __HYPERVISOR_set_gdt               2
#define __HYPERVISOR_stack_switch          3
#define __HYPERVISOR_set_callbacks         4
#define __HYPERVISOR_fpu_taskswitch        5
#define __HYPERVISOR_sched_op_compat       6
#define __HYPERVISOR_platform_op           7
#define __HYPERVISOR_set_debugreg          8
#define __HYPERVISOR_get_debugreg          9
#define __HYPERVISOR_update_descriptor    10
#define __HYPERVISOR_memory_op            12
#define __HYPERVISOR_multicall            13
#define __HYPERVISOR_update_va_mapping    14
#define __HYPERVISOR_set_timer_op         15
#define __HYPERVISOR_event_channel_op_compat 16
#define __HYPERVISOR_xen_version          17
#define __HYPERVISOR_console_io           18
#define __HYPERVISOR_physdev_op_compat    19
#define __HYPERVISOR_grant_table_op       20
#define __HYPERVISOR_vm_assist            21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                 23
#define __HYPERVISOR_vcpu_op              24
#define __HYPERVISOR_set_segment_base     25
#define __HYPERVISOR_mmuext_op            26
#define __HYPERVISOR_xsm_op               27
#define __HYPERVISOR_nmi_op               28
#define __HYPERVISOR_sched_op             29
#define __HYPERVISOR_callback_op          30
#define __HYPERVISOR_xenoprof_op          31
#define __HYPERVISOR_event_channel_op     32
#define __HYPERVISOR_physdev_op           33
#define __HYPERVISOR_hvm_op               34
#define __HYPERVISOR_sysctl               35
#define __HYPERVISOR_domctl               36
#define __HYPERVISOR_kexec_op             37
#define __HYPERVISOR_tmem_op              38
#define __HYPERVISOR_argo_op              39
#define __HYPERVISOR_xenpmu_op            40
#define __HYPERVISOR_dm_op                41
#define __HYPERVISOR_hypfs_op             42
#define __HYPERVISOR_arch_0               48
#define __HYPERVISOR_arch_1               49
#define __HYPERVISOR_arch_2               50
#define __HYPERVISOR_arch_3               51
#define __HYPERVISOR_arch_4               52
#define __HYPERVISOR_arch_5               53
#define __HYPERVISOR_arch_6               54
#define __HYPERVISOR_arch_7               55

/* console_io commands. */
#define CONSOLEIO_write         0       /* (count, buffer): 0 or -errno */
#define CONSOLEIO_read          1       /* (count, buffer): bytes read; control domain */

/* Domain IDs (same spelling as xen/sched.h, which defines some of them too). */
typedef uint16_t domid_t;
#define DOMID_FIRST_RESERVED 0x7ff0
#define DOMID_SELF          0x7ff0
#define DOMID_IO            0x7ff1
#define DOMID_XEN           0x7ff2
#define DOMID_COW           0x7ff3
#define DOMID_INVALID       0x7ff4
#define DOMID_IDLE          0x7fff

_Static_assert(sizeof(domid_t) == 2, "domid_t");

/* ---- abi: virtual IRQs, vm_assist, multicall ---- */

/* Virtual IRQs bound with EVTCHNOP_bind_virq: V = per vCPU, G = global. */
#define VIRQ_TIMER       0  /* V: timer (singleshot/periodic) expired */
#define VIRQ_DEBUG       1  /* V: debug key asked the guest to dump state */
#define VIRQ_CONSOLE     2  /* G: control domain: serial input for CONSOLEIO_read */
#define VIRQ_DOM_EXC     3  /* G: control domain: a domain shut down / crashed */
#define VIRQ_TBUF        4  /* G: control domain: trace buffer records */
#define VIRQ_DEBUGGER    6  /* G: control domain: a domain paused for a debugger */
#define VIRQ_XENOPROF    7  /* V: profiling sample */
#define VIRQ_CON_RING    8  /* G: control domain: hypervisor console ring has data */
#define VIRQ_PCPU_STATE  9  /* G: control domain: physical CPU state changed */
#define VIRQ_MEM_EVENT  10  /* G: control domain: memory event */
#define VIRQ_ARGO       11  /* G: Argo message */
#define VIRQ_ENOMEM     12  /* G: control domain: hypervisor low on memory */
#define VIRQ_XENPMU     13  /* V: PMU interrupt */
#define VIRQ_ARCH_0     16  /* 16-23: architecture-specific */
#define VIRQ_ARCH_7     23
#define NR_VIRQS        24

/*
 * vm_assist(cmd, type) (hypercall 21): turn a per-domain assist on or off.
 * HVM/PVH domains accept only runstate_update_flag (others -XEN_EINVAL);
 * unknown commands give -XEN_ENOSYS.
 */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1
#define VMASST_TYPE_4gb_segments         0  /* PV only */
#define VMASST_TYPE_4gb_segments_notify  1  /* PV only */
#define VMASST_TYPE_writable_pagetables  2  /* PV only */
#define VMASST_TYPE_pae_extended_cr3     3  /* PV only */
#define VMASST_TYPE_architectural_iopl   4  /* PV only */
/* Set XEN_RUNSTATE_UPDATE in state_entry_time while updating the runstate area. */
#define VMASST_TYPE_runstate_update_flag 5
#define VMASST_TYPE_m2p_strict          32  /* 64-bit PV only */

/*
 * multicall(list, nr_calls) (hypercall 13): run @nr_calls hypercalls
 * described by an array of entries in guest memory; each entry's result
 * is written back (a sub-call's error is not the multicall's).  A
 * multicall inside a multicall gets -XEN_EINVAL as its result.  The
 * hypercall returns 0, or -XEN_EFAULT when the list cannot be read or a
 * result cannot be written.  When preempted, the guest re-executes it with
 * (list, nr_calls) advanced past the finished entries.
 */
struct multicall_entry {            /* 64-bit guests */
    uint64_t op;                    /* IN: hypercall number */
    uint64_t result;                /* OUT: its return value */
    uint64_t args[6];               /* IN (and a preempted sub-call's continuation) */
};
struct compat_multicall_entry {     /* 32-bit guests */
    uint32_t op;
    uint32_t result;
    uint32_t args[6];
};

_Static_assert(sizeof(struct multicall_entry) == 64, "multicall_entry");
_Static_assert(sizeof(struct compat_multicall_entry) == 32, "compat_multicall_entry");
/*
 * ---- shared_info, vcpu_info, vcpu_time_info (x86_64 layout) ----------------
 * One shared_info page per domain, mapped by the guest where it chooses
 * (XENMEM_add_to_physmap, XENMAPSPACE_shared_info).  It holds the
 * vcpu_info of vCPUs 0..XEN_LEGACY_MAX_VCPUS-1 until a vCPU moves its own
 * with VCPUOP_register_vcpu_info.  See arch-x86/xen.h for which layout a
 * guest gets.
 */

/*
 * pvclock: system time (ns since boot) at any TSC value is
 *   system_time + ((((tsc - tsc_timestamp) << tsc_shift) * tsc_to_system_mul) >> 32)
 * with a negative tsc_shift meaning a right shift.  The hypervisor makes
 * version odd before an update and even again after it; a reader retries
 * while it is odd or changed across its read (a seqlock).
 */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;         /* TSC at the last update */
    uint64_t system_time;           /* ns since boot at tsc_timestamp */
    uint32_t tsc_to_system_mul;     /* 0.32 fixed-point multiplier */
    int8_t   tsc_shift;
    uint8_t  flags;                 /* XEN_PVCLOCK_* */
    uint8_t  pad1[2];
};

#define XEN_PVCLOCK_TSC_STABLE_BIT  (1 << 0)   /* TSC is synchronised across vCPUs */
#define XEN_PVCLOCK_GUEST_STOPPED   (1 << 1)

struct vcpu_info {
    uint8_t evtchn_upcall_pending;  /* set by Xen, cleared by the guest */
    uint8_t evtchn_upcall_mask;     /* set by the guest: no upcalls */
    xen_ulong_t evtchn_pending_sel; /* 2-level ABI: which pending word to scan */
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};

struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    /* 2-level event channels: 64 x 64 bits of pending and mask. */
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    /*
     * Wallclock (UTC) at system time 0: the guest adds pvclock system time.
     * wc_version is odd while an update is in progress, like version above.
     */
    uint32_t wc_version;
    uint32_t wc_sec;                /* seconds since the epoch, low 32 bits */
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;             /* high 32 bits of the seconds */
    struct arch_shared_info arch;
};

_Static_assert(sizeof(struct vcpu_time_info) == 32, "vcpu_time_info");
_Static_assert(__builtin_offsetof(struct vcpu_time_info, tsc_timestamp) == 8, "tsc_timestamp");
_Static_assert(__builtin_offsetof(struct vcpu_time_info, system_time) == 16, "system_time");
_Static_assert(__builtin_offsetof(struct vcpu_time_info, tsc_to_system_mul) == 24, "mul");
_Static_assert(__builtin_offsetof(struct vcpu_time_info, tsc_shift) == 28, "tsc_shift");
_Static_assert(__builtin_offsetof(struct vcpu_time_info, flags) == 29, "flags");
_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info");
_Static_assert(__builtin_offsetof(struct vcpu_info, evtchn_upcall_mask) == 1, "upcall_mask");
_Static_assert(__builtin_offsetof(struct vcpu_info, evtchn_pending_sel) == 8, "pending_sel");
_Static_assert(__builtin_offsetof(struct vcpu_info, arch) == 16, "vcpu_info.arch");
_Static_assert(__builtin_offsetof(struct vcpu_info, time) == 32, "vcpu_info.time");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_pending) == 2048, "evtchn_pending");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_mask) == 2560, "evtchn_mask");
_Static_assert(__builtin_offsetof(struct shared_info, wc_version) == 3072, "wc_version");
_Static_assert(__builtin_offsetof(struct shared_info, wc_sec_hi) == 3084, "wc_sec_hi");
_Static_assert(__builtin_offsetof(struct shared_info, arch) == 3088, "shared_info.arch");
_Static_assert(sizeof(struct shared_info) == 3136, "shared_info");

#endif
