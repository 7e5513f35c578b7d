/* SPDX-License-Identifier: MIT */
/*
 * xen_version (hypercall 17) with Xen's numbers and layouts
 * (xen/include/public/version.h).  Every sub-op takes (cmd, arg).
 */
#ifndef PUBLIC_VERSION_H
#define PUBLIC_VERSION_H

#include <stdint.h>

#define XENVER_version      0   /* arg unused; returns (major << 16) | minor */
#define XENVER_extraversion 1   /* arg: xen_extraversion_t (OUT) */
#define XENVER_compile_info 2   /* arg: struct xen_compile_info (OUT) */
#define XENVER_capabilities 3   /* arg: xen_capabilities_info_t (OUT) */
#define XENVER_changeset    4   /* arg: xen_changeset_info_t (OUT) */
#define XENVER_platform_parameters 5    /* arg: struct xen_platform_parameters (OUT) */
#define XENVER_get_features 6   /* arg: struct xen_feature_info (IN submap_idx, OUT submap) */
#define XENVER_pagesize     7   /* arg unused; returns the page size */
#define XENVER_guest_handle 8   /* arg: xen_domain_handle_t (OUT) */
#define XENVER_commandline  9   /* arg: xen_commandline_t (OUT) */
#define XENVER_build_id     10  /* arg: struct xen_build_id (IN len, OUT buf) */

#define XEN_EXTRAVERSION_LEN 16
typedef char xen_extraversion_t[XEN_EXTRAVERSION_LEN];

struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};

typedef char xen_capabilities_info_t[1024];
typedef char xen_changeset_info_t[64];
typedef char xen_commandline_t[1024];
typedef uint8_t xen_domain_handle_t[16];

struct xen_platform_parameters {
    uint64_t virt_start;            /* xen_ulong_t: 64 bits on x86 */
};

struct xen_feature_info {
    uint32_t submap_idx;            /* IN: which 32-bit submap */
    uint32_t submap;                /* OUT */
};

struct xen_build_id {
    uint32_t len;                   /* IN: size of buf[] */
    uint8_t buf[];
};

_Static_assert(sizeof(xen_extraversion_t) == 16, "extraversion");
_Static_assert(sizeof(struct xen_compile_info) == 144, "compile_info");
_Static_assert(sizeof(struct xen_platform_parameters) == 8, "platform_parameters");
_Static_assert(sizeof(struct xen_feature_info) == 8, "feature_info");
_Static_assert(sizeof(struct xen_build_id) == 4, "build_id");

#endif
