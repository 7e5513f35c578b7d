/* SPDX-License-Identifier: MIT */
/*
 * Grant tables: grant_table_op (hypercall 20) takes (cmd, arg, count) with
 * arg pointing at an array of @count sub-op structures; Xen's numbers and
 * layouts (xen/include/public/grant_table.h).  Per-entry results are the
 * GNTST_* values in each entry's status field; the hypercall itself
 * returns 0 or a -XEN_E* error for the batch.
 *
 * Layouts: the plain structures are the 64-bit guest ABI (guest handles
 * and xen_pfn_t are 64 bits wide).  32-bit guests use the compat layouts
 * (compat_gnttab_*) where they differ: handles and frame numbers are 32
 * bits there, and 64-bit integers are only 4-byte aligned.
 */
#ifndef PUBLIC_GRANT_TABLE_H
#define PUBLIC_GRANT_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "xen.h"

typedef uint32_t grant_ref_t;           /* index into the granting domain's table */
typedef uint32_t grant_handle_t;        /* a mapping, returned by map_grant_ref */
typedef uint16_t grant_status_t;        /* v2: one per entry, in the status frames */

/* ---- The grant table itself (shared between guest and hypervisor) ---- */

/* Version 1 entry: 8 bytes. */
struct grant_entry_v1 {
    uint16_t flags;                     /* GTF_* [guest and hypervisor] */
    domid_t domid;                      /* who may use it [guest] */
    uint32_t frame;                     /* GFN granted / to transfer into [guest] */
};

/* Entries reserved for the toolstack; guests must not use them. */
#define GNTTAB_NR_RESERVED_ENTRIES  8
#define GNTTAB_RESERVED_CONSOLE     0
#define GNTTAB_RESERVED_XENSTORE    1

/* Entry type (flags bits 0-1). */
#define GTF_invalid             (0u << 0)
#define GTF_permit_access       (1u << 0)
#define GTF_accept_transfer     (2u << 0)
#define GTF_transitive          (3u << 0)   /* v2 only */
#define GTF_type_mask           (3u << 0)
/* GTF_permit_access flags. */
#define _GTF_readonly           2
#define GTF_readonly            (1u << _GTF_readonly)   /* guest: map read-only */
#define _GTF_reading            3
#define GTF_reading             (1u << _GTF_reading)    /* hypervisor: in use for reading */
#define _GTF_writing            4
#define GTF_writing             (1u << _GTF_writing)    /* hypervisor: in use for writing */
#define _GTF_PWT                5
#define GTF_PWT                 (1u << _GTF_PWT)
#define _GTF_PCD                6
#define GTF_PCD                 (1u << _GTF_PCD)
#define _GTF_PAT                7
#define GTF_PAT                 (1u << _GTF_PAT)
#define _GTF_sub_page           8
#define GTF_sub_page            (1u << _GTF_sub_page)   /* v2: sub_page entry */
/* GTF_accept_transfer flags. */
#define _GTF_transfer_committed 2
#define GTF_transfer_committed  (1u << _GTF_transfer_committed)
#define _GTF_transfer_completed 3
#define GTF_transfer_completed  (1u << _GTF_transfer_completed)

/* Version 2 entry: 16 bytes; the status bits live in separate frames. */
struct grant_entry_header {
    uint16_t flags;
    domid_t domid;
};

union grant_entry_v2 {
    struct grant_entry_header hdr;
    struct {                            /* accept_transfer, or permit_access without sub_page */
        struct grant_entry_header hdr;
        uint32_t pad0;
        uint64_t frame;
    } full_page;
    struct {                            /* permit_access with GTF_sub_page */
        struct grant_entry_header hdr;
        uint16_t page_off;
        uint16_t length;
        uint64_t frame;
    } sub_page;
    struct {                            /* GTF_transitive: use @gref of @trans_domid */
        struct grant_entry_header hdr;
        domid_t trans_domid;
        uint16_t pad0;
        grant_ref_t gref;
    } transitive;
    uint32_t __spacer[4];
};

/* ---- Sub-ops ---- */
#define GNTTABOP_map_grant_ref       0
#define GNTTABOP_unmap_grant_ref     1
#define GNTTABOP_setup_table         2
#define GNTTABOP_dump_table          3
#define GNTTABOP_transfer            4
#define GNTTABOP_copy                5
#define GNTTABOP_query_size          6
#define GNTTABOP_unmap_and_replace   7
#define GNTTABOP_set_version         8
#define GNTTABOP_get_status_frames   9
#define GNTTABOP_get_version        10
#define GNTTABOP_swap_grant_ref     11
#define GNTTABOP_cache_flush        12

/* GNTMAP_* flags of map_grant_ref. */
#define _GNTMAP_device_map          0
#define GNTMAP_device_map           (1u << _GNTMAP_device_map)
#define _GNTMAP_host_map            1
#define GNTMAP_host_map             (1u << _GNTMAP_host_map)
#define _GNTMAP_readonly            2
#define GNTMAP_readonly             (1u << _GNTMAP_readonly)
#define _GNTMAP_application_map     3
#define GNTMAP_application_map      (1u << _GNTMAP_application_map)
#define _GNTMAP_contains_pte        4
#define GNTMAP_contains_pte         (1u << _GNTMAP_contains_pte)
#define _GNTMAP_guest_avail0        16
#define GNTMAP_guest_avail_mask     ((uint32_t)~0u << _GNTMAP_guest_avail0)

/* Map @ref of @dom at @host_addr (for HVM/PVH: a GPA). */
struct gnttab_map_grant_ref {
    uint64_t host_addr;                 /* IN */
    uint32_t flags;                     /* IN: GNTMAP_* */
    grant_ref_t ref;                    /* IN */
    domid_t dom;                        /* IN */
    int16_t status;                     /* OUT: GNTST_* */
    grant_handle_t handle;              /* OUT */
    uint64_t dev_bus_addr;              /* OUT */
};

struct gnttab_unmap_grant_ref {
    uint64_t host_addr;                 /* IN */
    uint64_t dev_bus_addr;              /* IN */
    grant_handle_t handle;              /* IN */
    int16_t status;                     /* OUT */
};

/* Size @dom's table to @nr_frames and list its frames (PV) at @frame_list. */
struct gnttab_setup_table {
    domid_t dom;                        /* IN */
    uint32_t nr_frames;                 /* IN */
    int16_t status;                     /* OUT */
    uint64_t frame_list;                /* IN: guest handle of xen_pfn_t[nr_frames] (OUT) */
};

struct gnttab_dump_table {
    domid_t dom;                        /* IN */
    int16_t status;                     /* OUT */
};

struct gnttab_transfer {
    uint64_t mfn;                       /* IN: xen_pfn_t */
    domid_t domid;                      /* IN */
    grant_ref_t ref;                    /* IN */
    int16_t status;                     /* OUT */
};

#define _GNTCOPY_source_gref        0
#define GNTCOPY_source_gref         (1u << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref          1
#define GNTCOPY_dest_gref           (1u << _GNTCOPY_dest_gref)

struct gnttab_copy_ptr {
    union {
        grant_ref_t ref;                /* with GNTCOPY_*_gref */
        uint64_t gmfn;                  /* xen_pfn_t, without */
    } u;
    domid_t domid;
    uint16_t offset;
};

/* Copy @len bytes between two (granted or own) frames, within one page each. */
struct gnttab_copy {
    struct gnttab_copy_ptr source, dest; /* IN */
    uint16_t len;                       /* IN */
    uint16_t flags;                     /* IN: GNTCOPY_* */
    int16_t status;                     /* OUT */
};

struct gnttab_query_size {
    domid_t dom;                        /* IN */
    uint32_t nr_frames;                 /* OUT */
    uint32_t max_nr_frames;             /* OUT */
    int16_t status;                     /* OUT */
};

struct gnttab_unmap_and_replace {
    uint64_t host_addr;                 /* IN */
    uint64_t new_addr;                  /* IN */
    grant_handle_t handle;              /* IN */
    int16_t status;                     /* OUT */
};

struct gnttab_set_version {
    uint32_t version;                   /* IN: 1 or 2; OUT: the version now in use */
};

struct gnttab_get_status_frames {
    uint32_t nr_frames;                 /* IN */
    domid_t dom;                        /* IN */
    int16_t status;                     /* OUT */
    uint64_t frame_list;                /* IN: guest handle of uint64_t[nr_frames] (OUT) */
};

struct gnttab_get_version {
    domid_t dom;                        /* IN */
    uint16_t pad;
    uint32_t version;                   /* OUT */
};

struct gnttab_swap_grant_ref {
    grant_ref_t ref_a;                  /* IN */
    grant_ref_t ref_b;                  /* IN */
    int16_t status;                     /* OUT */
};

#define GNTTAB_CACHE_CLEAN          (1u << 0)
#define GNTTAB_CACHE_INVAL          (1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF    (1u << 31)

struct gnttab_cache_flush {
    union {
        uint64_t dev_bus_addr;
        grant_ref_t ref;
    } a;
    uint16_t offset;
    uint16_t length;
    uint32_t op;                        /* GNTTAB_CACHE_* */
};

/* ---- Compat (32-bit guest) layouts where they differ ---- */
struct compat_gnttab_setup_table {
    domid_t dom;
    uint32_t nr_frames;
    int16_t status;
    uint32_t frame_list;                /* 32-bit handle of 32-bit frame numbers */
};

struct compat_gnttab_transfer {
    uint32_t mfn;
    domid_t domid;
    grant_ref_t ref;
    int16_t status;
};

struct compat_gnttab_copy_ptr {
    union {
        grant_ref_t ref;
        uint32_t gmfn;
    } u;
    domid_t domid;
    uint16_t offset;
};

struct compat_gnttab_copy {
    struct compat_gnttab_copy_ptr source, dest;
    uint16_t len;
    uint16_t flags;
    int16_t status;
};

struct compat_gnttab_get_status_frames {
    uint32_t nr_frames;
    domid_t dom;
    int16_t status;
    uint32_t frame_list;                /* 32-bit handle of uint64_t[] */
};

/* ---- Per-entry status codes ---- */
#define GNTST_okay                  0
#define GNTST_general_error        (-1)
#define GNTST_bad_domain           (-2)
#define GNTST_bad_gntref           (-3)
#define GNTST_bad_handle           (-4)
#define GNTST_bad_virt_addr        (-5)
#define GNTST_bad_dev_addr         (-6)
#define GNTST_no_device_space      (-7)
#define GNTST_permission_denied    (-8)
#define GNTST_bad_page             (-9)
#define GNTST_bad_copy_arg        (-10)
#define GNTST_address_too_big     (-11)
#define GNTST_eagain              (-12)
#define GNTST_no_space            (-13)

/* Messages indexed by -status (Xen's GNTTABOP_error_msgs wording). */
#define GNTTABOP_error_msgs {                   \
    "okay",                                     \
    "undefined error",                          \
    "unrecognised domain id",                   \
    "invalid grant reference",                  \
    "invalid mapping handle",                   \
    "invalid virtual address",                  \
    "invalid device address",                   \
    "no spare translation slot in the I/O MMU", \
    "permission denied",                        \
    "bad page",                                 \
    "copy arguments cross page boundary",       \
    "page address size too large",              \
    "operation not done; try again",            \
    "out of space",                             \
}

/* Layouts identical for 32- and 64-bit guests. */
_Static_assert(sizeof(struct grant_entry_v1) == 8, "grant_entry_v1");
_Static_assert(offsetof(struct grant_entry_v1, frame) == 4, "grant_entry_v1.frame");
_Static_assert(sizeof(struct grant_entry_header) == 4, "grant_entry_header");
_Static_assert(sizeof(union grant_entry_v2) == 16, "grant_entry_v2");
_Static_assert(offsetof(union grant_entry_v2, full_page.frame) == 8, "v2 full_page.frame");
_Static_assert(offsetof(union grant_entry_v2, sub_page.page_off) == 4, "v2 sub_page.page_off");
_Static_assert(offsetof(union grant_entry_v2, transitive.gref) == 8, "v2 transitive.gref");
_Static_assert(sizeof(grant_status_t) == 2, "grant_status_t");
_Static_assert(sizeof(struct gnttab_map_grant_ref) == 32, "map_grant_ref");
_Static_assert(offsetof(struct gnttab_map_grant_ref, status) == 18, "map.status");
_Static_assert(offsetof(struct gnttab_map_grant_ref, handle) == 20, "map.handle");
_Static_assert(offsetof(struct gnttab_map_grant_ref, dev_bus_addr) == 24, "map.dev_bus_addr");
_Static_assert(sizeof(struct gnttab_unmap_grant_ref) == 24, "unmap_grant_ref");
_Static_assert(offsetof(struct gnttab_unmap_grant_ref, status) == 20, "unmap.status");
_Static_assert(sizeof(struct gnttab_dump_table) == 4, "dump_table");
_Static_assert(sizeof(struct gnttab_query_size) == 16, "query_size");
_Static_assert(offsetof(struct gnttab_query_size, status) == 12, "query_size.status");
_Static_assert(sizeof(struct gnttab_unmap_and_replace) == 24, "unmap_and_replace");
_Static_assert(sizeof(struct gnttab_set_version) == 4, "set_version");
_Static_assert(sizeof(struct gnttab_get_version) == 8, "get_version");
_Static_assert(sizeof(struct gnttab_swap_grant_ref) == 12, "swap_grant_ref");
_Static_assert(sizeof(struct gnttab_cache_flush) == 16, "cache_flush");
_Static_assert(sizeof(struct compat_gnttab_setup_table) == 16, "compat setup_table");
_Static_assert(sizeof(struct compat_gnttab_transfer) == 16, "compat transfer");
_Static_assert(sizeof(struct compat_gnttab_copy) == 24, "compat copy");
_Static_assert(sizeof(struct compat_gnttab_get_status_frames) == 12, "compat status_frames");
/* 64-bit layouts (a 32-bit compiler aligns uint64_t to 4: use the compat ones). */
_Static_assert(sizeof(void *) != 8 || sizeof(struct gnttab_setup_table) == 24, "setup_table");
_Static_assert(sizeof(void *) != 8 || offsetof(struct gnttab_setup_table, frame_list) == 16,
               "setup_table.frame_list");
_Static_assert(sizeof(void *) != 8 || sizeof(struct gnttab_transfer) == 24, "transfer");
_Static_assert(sizeof(void *) != 8 || sizeof(struct gnttab_copy) == 40, "copy");
_Static_assert(sizeof(void *) != 8 || offsetof(struct gnttab_copy, dest) == 16, "copy.dest");
_Static_assert(sizeof(void *) != 8 || offsetof(struct gnttab_copy, status) == 36, "copy.status");
_Static_assert(sizeof(void *) != 8 || sizeof(struct gnttab_get_status_frames) == 16,
               "get_status_frames");

#endif
