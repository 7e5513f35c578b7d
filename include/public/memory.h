/* SPDX-License-Identifier: MIT */
/*
 * memory_op (hypercall 12): memory_op(cmd, arg), with Xen's numbers and
 * x86_64 layouts (xen/include/public/memory.h).  Guest handles are plain
 * 64-bit guest virtual addresses.
 *
 * Continuations: for the reservation ops the bits of cmd above
 * MEMOP_EXTENT_SHIFT hold the extent to start from (0 on a fresh call); a
 * preempted call resumes there.  Their result is the number of extents
 * done (all of them on success), never a negative errno: a bad argument
 * gives the start extent back.
 */
#ifndef PUBLIC_MEMORY_H
#define PUBLIC_MEMORY_H

#include <public/xen.h>

#define MEMOP_EXTENT_SHIFT 6                        /* cmd[:6] = start extent */
#define MEMOP_CMD_MASK     ((1u << MEMOP_EXTENT_SHIFT) - 1)

#define XENMEM_increase_reservation     0
#define XENMEM_decrease_reservation     1   /* struct xen_memory_reservation */
#define XENMEM_maximum_ram_page         2   /* arg unused: highest host frame + 1 */
#define XENMEM_current_reservation      3   /* domid_t *: pages the domain owns */
#define XENMEM_maximum_reservation      4   /* domid_t *: its page limit */
#define XENMEM_machphys_mfn_list        5
#define XENMEM_populate_physmap         6   /* struct xen_memory_reservation */
#define XENMEM_add_to_physmap           7   /* struct xen_add_to_physmap */
#define XENMEM_memory_map               9   /* struct xen_memory_map */
#define XENMEM_machine_memory_map      10
#define XENMEM_exchange                11
#define XENMEM_machphys_mapping        12
#define XENMEM_set_memory_map          13
#define XENMEM_maximum_gpfn            14   /* domid_t *: highest GFN ever mapped */
#define XENMEM_remove_from_physmap     15   /* struct xen_remove_from_physmap */
#define XENMEM_set_pod_target          16
#define XENMEM_get_pod_target          17
#define XENMEM_paging_op               20
#define XENMEM_access_op               21
#define XENMEM_sharing_op              22
#define XENMEM_add_to_physmap_batch    23   /* struct xen_add_to_physmap_batch */
#define XENMEM_claim_pages             24
#define XENMEM_machphys_compat_mfn_list 25
#define XENMEM_get_vnumainfo           26
#define XENMEM_reserved_device_memory_map 27
#define XENMEM_acquire_resource        28

/* xen_memory_reservation.mem_flags */
#define XENMEMF_address_bits(x)     (x)             /* machine address limit; 0: none */
#define XENMEMF_get_address_bits(x) ((x) & 0xffu)
#define XENMEMF_node(x)             (((x) + 1) << 8)
#define XENMEMF_get_node(x)         ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand  (1u << 16)
#define XENMEMF_exact_node_request  (1u << 17)
#define XENMEMF_exact_node(n)       (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode               (1u << 18)

struct xen_memory_reservation {
    uint64_t extent_start;          /* xen_pfn_t array: GFN of each extent */
    xen_ulong_t nr_extents;
    uint32_t extent_order;          /* each extent is 2^order pages */
    uint32_t mem_flags;             /* XENMEMF_* */
    domid_t domid;                  /* DOMID_SELF, or another (control domain) */
};

/* XENMEM_current_reservation, maximum_reservation, maximum_gpfn. */
struct xen_memory_domain {
    domid_t domid;
};

#define XENMAPSPACE_shared_info  0  /* idx 0: the domain's shared_info page */
#define XENMAPSPACE_grant_table  1  /* grant-table frame idx */
#define XENMAPSPACE_gmfn         2  /* move the page at GFN idx */
#define XENMAPSPACE_gmfn_range   3  /* size pages from GFN idx (add_to_physmap only) */
#define XENMAPSPACE_gmfn_foreign 4  /* another domain's page (batch only) */
#define XENMAPSPACE_dev_mmio     5  /* Arm only */

#define XENMAPIDX_grant_table_status 0x80000000u

struct xen_add_to_physmap {
    domid_t domid;
    uint16_t size;                  /* pages, for XENMAPSPACE_gmfn_range */
    uint32_t space;                 /* XENMAPSPACE_* */
    xen_ulong_t idx;                /* index into the space */
    xen_pfn_t gpfn;                 /* where the page should appear */
};

struct xen_add_to_physmap_batch {
    domid_t domid;
    uint16_t space;
    uint16_t size;
    union {
        domid_t foreign_domid;      /* XENMAPSPACE_gmfn_foreign */
        uint16_t res0;              /* the other spaces: 0 */
    } u;
    uint64_t idxs;                  /* xen_ulong_t array */
    uint64_t gpfns;                 /* xen_pfn_t array */
    uint64_t errs;                  /* int32_t array, OUT: per-entry result */
};

struct xen_remove_from_physmap {
    domid_t domid;
    xen_pfn_t gpfn;
};

struct xen_memory_map {
    uint32_t nr_entries;            /* IN: room in buffer; OUT: entries written */
    uint64_t buffer;                /* struct e820entry array */
};

/* The BIOS INT 15h E820 format (packed: 20 bytes). */
struct e820entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

struct xen_memory_exchange {
    struct xen_memory_reservation in;
    struct xen_memory_reservation out;
    xen_ulong_t nr_exchanged;
};

_Static_assert(sizeof(struct xen_memory_reservation) == 32, "xen_memory_reservation");
_Static_assert(__builtin_offsetof(struct xen_memory_reservation, extent_order) == 16, "extent_order");
_Static_assert(__builtin_offsetof(struct xen_memory_reservation, domid) == 24, "domid");
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap");
_Static_assert(__builtin_offsetof(struct xen_add_to_physmap, idx) == 8, "xatp.idx");
_Static_assert(sizeof(struct xen_add_to_physmap_batch) == 32, "xen_add_to_physmap_batch");
_Static_assert(__builtin_offsetof(struct xen_add_to_physmap_batch, idxs) == 8, "xatpb.idxs");
_Static_assert(sizeof(struct xen_remove_from_physmap) == 16, "xen_remove_from_physmap");
_Static_assert(sizeof(struct xen_memory_map) == 16, "xen_memory_map");
_Static_assert(sizeof(struct e820entry) == 20, "e820entry");
_Static_assert(sizeof(struct xen_memory_exchange) == 72, "xen_memory_exchange");

#endif
