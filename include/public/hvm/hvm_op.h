/* SPDX-License-Identifier: MIT */
/*
 * hvm_op (hypercall 34, __HYPERVISOR_hvm_op) with Xen 4.17's numbers and
 * layouts (xen/include/public/hvm/hvm_op.h).  Call: hvm_op(op, arg), op an
 * unsigned long, arg a pointer to the op's structure (or NULL where said).
 * The layouts are the same for 32- and 64-bit guests.  Parameter indices
 * for HVMOP_{set,get}_param are in <public/hvm/params.h>.
 */
#ifndef PUBLIC_HVM_HVM_OP_H
#define PUBLIC_HVM_HVM_OP_H

#include <stdint.h>
#include <public/xen.h>

/* Read or write one parameter of a domain (DOMID_SELF or a domain ID). */
#define HVMOP_set_param             0
#define HVMOP_get_param             1
struct xen_hvm_param {
    domid_t  domid;     /* IN */
    uint16_t pad;
    uint32_t index;     /* IN: HVM_PARAM_* */
    uint64_t value;     /* IN (set) / OUT (get) */
};

/*
 * 2-4: moved to dm_op in Xen 4.9; the numbers stay reserved (a 4.17
 * hypervisor answers -ENOSYS).  Layouts kept for reference.
 */
#define HVMOP_set_pci_intx_level    2
struct xen_hvm_set_pci_intx_level {
    domid_t  domid;
    uint8_t  domain, bus, device, intx;
    uint8_t  level;     /* 0 deasserted, 1 asserted */
};
#define HVMOP_set_isa_irq_level     3
struct xen_hvm_set_isa_irq_level {
    domid_t  domid;
    uint8_t  isa_irq;   /* 0-15 */
    uint8_t  level;
};
#define HVMOP_set_pci_link_route    4
struct xen_hvm_set_pci_link_route {
    domid_t  domid;
    uint8_t  link;      /* 0-3 */
    uint8_t  isa_irq;   /* 1-15, 0 disables */
};

/* Flush the TLBs of all of the caller's vCPUs; arg must be NULL. */
#define HVMOP_flush_tlbs            5

/* Memory types reported by HVMOP_get_mem_type. */
#define HVMMEM_ram_rw               0
#define HVMMEM_ram_ro               1
#define HVMMEM_mmio_dm              2
#define HVMMEM_unused               3
#define HVMMEM_ioreq_server         4

/* A hint from PV drivers that a top-level page table is going away. */
#define HVMOP_pagetable_dying       9
struct xen_hvm_pagetable_dying {
    domid_t  domid;     /* must be the caller's domain */
    uint16_t pad[3];
    uint64_t gpa;       /* guest-physical address of the top-level table */
};

/* Hypervisor system time in ns since boot. */
#define HVMOP_get_time              10
struct xen_hvm_get_time {
    uint64_t now;       /* OUT */
};

/* Put a record into the hypervisor's trace buffers. */
#define HVMOP_xentrace              11
#define XEN_HVM_TRACE_EXTRA_MAX     7           /* 32-bit words (TRACE_EXTRA_MAX) */
#define XEN_HVM_TRACE_SUBCLS_SHIFT  12          /* event must be below 1 << 12 */
struct xen_hvm_xentrace {
    uint16_t event, extra_bytes;
    uint8_t  extra[XEN_HVM_TRACE_EXTRA_MAX * sizeof(uint32_t)];
};

/* 12, 13: tools-only, replaced by XENMEM_access_op (-ENOSYS). */
#define HVMOP_set_mem_access        12
#define HVMOP_get_mem_access        13

/* The HVMMEM_* type of one guest frame. */
#define HVMOP_get_mem_type          15
struct xen_hvm_get_mem_type {
    domid_t  domid;     /* IN */
    uint16_t mem_type;  /* OUT: HVMMEM_* */
    uint16_t pad[2];
    uint64_t pfn;       /* IN */
};

/*
 * x86: deliver event-channel upcalls of one vCPU as a local APIC vector
 * (preferred over the domain-wide HVM_PARAM_CALLBACK_IRQ).  vector >= 0x10.
 */
#define HVMOP_set_evtchn_upcall_vector 23
struct xen_hvm_evtchn_upcall_vector {
    uint32_t vcpu;
    uint8_t  vector;
};

/* Tell a vm_event monitor the guest asked for attention; arg must be NULL. */
#define HVMOP_guest_request_vm_event 24

/* Alternate p2m views (VMX only: -EOPNOTSUPP on AMD hardware). */
#define HVMOP_altp2m                25
#define HVMOP_ALTP2M_INTERFACE_VERSION 0x00000001

_Static_assert(sizeof(struct xen_hvm_param) == 16, "xen_hvm_param");
_Static_assert(__builtin_offsetof(struct xen_hvm_param, index) == 4, "xen_hvm_param.index");
_Static_assert(__builtin_offsetof(struct xen_hvm_param, value) == 8, "xen_hvm_param.value");
_Static_assert(sizeof(struct xen_hvm_set_pci_intx_level) == 8, "set_pci_intx_level");
_Static_assert(sizeof(struct xen_hvm_set_isa_irq_level) == 4, "set_isa_irq_level");
_Static_assert(sizeof(struct xen_hvm_set_pci_link_route) == 4, "set_pci_link_route");
_Static_assert(sizeof(struct xen_hvm_pagetable_dying) == 16, "pagetable_dying");
_Static_assert(__builtin_offsetof(struct xen_hvm_pagetable_dying, gpa) == 8, "pagetable_dying.gpa");
_Static_assert(sizeof(struct xen_hvm_get_time) == 8, "get_time");
_Static_assert(sizeof(struct xen_hvm_xentrace) == 32, "xentrace");
_Static_assert(sizeof(struct xen_hvm_get_mem_type) == 16, "get_mem_type");
_Static_assert(__builtin_offsetof(struct xen_hvm_get_mem_type, pfn) == 8, "get_mem_type.pfn");
_Static_assert(sizeof(struct xen_hvm_evtchn_upcall_vector) == 8, "evtchn_upcall_vector");
_Static_assert(__builtin_offsetof(struct xen_hvm_evtchn_upcall_vector, vector) == 4,
               "evtchn_upcall_vector.vector");

#endif
