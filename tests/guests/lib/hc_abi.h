/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The public ABI for the hypercall test guests (hc-*): our include/public/
 * headers, plus TEMPORARY copies (Xen 4.17's numbers and layouts, from
 * xen/include/public/{vcpu,memory,sched}.h) of what is not in main yet
 * (the vcpu and mem helpers' headers); replace them by includes then.
 */
#ifndef GUEST_HC_ABI_H
#define GUEST_HC_ABI_H

#include <stdint.h>
#include <public/xen.h>             /* multicall_entry, VMASST_* */
#include <public/features.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

/* ---- sched.h (beyond lib/xen_public.h) ---- */
struct sched_poll {
    uint64_t ports;                 /* guest handle: evtchn_port_t (uint32_t)[] */
    uint32_t nr_ports;
    uint32_t pad;
    uint64_t timeout;               /* absolute system time (ns); 0: none */
};

/* ---- vcpu.h ---- */
#define VCPUOP_initialise                   0
#define VCPUOP_up                           1
#define VCPUOP_down                         2
#define VCPUOP_is_up                        3
#define VCPUOP_get_runstate_info            4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer           6
#define VCPUOP_stop_periodic_timer          7
#define VCPUOP_set_singleshot_timer         8
#define VCPUOP_stop_singleshot_timer        9
#define VCPUOP_register_vcpu_info           10
#define VCPUOP_register_vcpu_time_memory_area 13

#define RUNSTATE_running    0
#define RUNSTATE_runnable   1
#define RUNSTATE_blocked    2
#define RUNSTATE_offline    3

struct vcpu_runstate_info {
    int32_t state;
    uint32_t pad;
    uint64_t state_entry_time;
    uint64_t time[4];
};
struct vcpu_register_runstate_memory_area {
    uint64_t addr;                  /* guest virtual address of the area */
};
#define VCPU_SSHOTTMR_future (1u << 0)
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;
    uint32_t flags;
    uint32_t pad;
};
struct vcpu_register_vcpu_info {
    uint64_t mfn;                   /* GFN for HVM */
    uint32_t offset;
    uint32_t rsvd;
};
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};
struct vcpu_register_time_memory_area {
    uint64_t addr;                  /* guest virtual address of a vcpu_time_info */
};

/* hvm/hvm_vcpu.h: VCPUOP_initialise for HVM guests. */
#define VCPU_HVM_MODE_32B   0
#define VCPU_HVM_MODE_64B   1
struct vcpu_hvm_x86_32 {
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t eip, eflags;
    uint32_t cr0, cr3, cr4;
    uint32_t pad1;
    uint64_t efer;
    uint32_t cs_base, ds_base, ss_base, es_base, tr_base;
    uint32_t cs_limit, ds_limit, ss_limit, es_limit, tr_limit;
    uint16_t cs_ar, ds_ar, ss_ar, es_ar, tr_ar;
    uint16_t pad2[3];
};
struct vcpu_hvm_x86_64 {
    uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
    uint64_t rip, rflags;
    uint64_t cr0, cr3, cr4, efer;
};
struct vcpu_hvm_context {
    uint32_t mode;
    uint32_t pad;
    union {
        struct vcpu_hvm_x86_32 x86_32;
        struct vcpu_hvm_x86_64 x86_64;
    } cpu_regs;
};

/* ---- memory.h ---- */
#define XENMEM_increase_reservation     0
#define XENMEM_decrease_reservation     1
#define XENMEM_maximum_ram_page         2
#define XENMEM_current_reservation      3
#define XENMEM_maximum_reservation      4
#define XENMEM_populate_physmap         6
#define XENMEM_add_to_physmap           7
#define XENMEM_memory_map               9
#define XENMEM_machine_memory_map       10
#define XENMEM_remove_from_physmap      15
#define MEMOP_CMD_MASK                  0x3f

#define XENMAPSPACE_shared_info         0
#define XENMAPSPACE_grant_table         1

struct xen_memory_reservation {
    uint64_t extent_start;          /* guest handle: array of GFNs */
    uint64_t nr_extents;
    uint32_t extent_order;
    uint32_t mem_flags;
    uint16_t domid;
};
struct xen_add_to_physmap {
    uint16_t domid;
    uint16_t size;
    uint32_t space;
    uint64_t idx;
    uint64_t gpfn;
};
struct xen_remove_from_physmap {
    uint16_t domid;
    uint64_t gpfn;
};
struct xen_memory_map {
    uint32_t nr_entries;
    uint64_t buffer;                /* guest handle: struct e820_entry[] */
};
struct e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

/* ---- shared_info (the fields the tests read) ---- */
struct vcpu_info_hdr {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    uint8_t pad[6];
    uint64_t evtchn_pending_sel;
    uint64_t arch_cr2, arch_pfec;   /* arch_vcpu_info */
    struct vcpu_time_info time;
};                                  /* struct vcpu_info: 64 bytes */

_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll");
_Static_assert(sizeof(struct vcpu_runstate_info) == 48, "runstate info");
_Static_assert(sizeof(struct vcpu_time_info) == 32, "vcpu_time_info");
_Static_assert(sizeof(struct vcpu_hvm_context) == 128, "vcpu_hvm_context");
_Static_assert(sizeof(struct xen_memory_reservation) == 32, "reservation");
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "add_to_physmap");
_Static_assert(sizeof(struct xen_remove_from_physmap) == 16, "remove_from_physmap");
_Static_assert(sizeof(struct xen_memory_map) == 16, "memory_map");
_Static_assert(sizeof(struct e820_entry) == 20, "e820 entry");
_Static_assert(sizeof(struct vcpu_info_hdr) == 64, "vcpu_info");

#endif
