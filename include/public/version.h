/* SPDX-License-Identifier: MIT */
/*
 * xen_version (hypercall 17) with Xen's numbers and layouts
 * (xen/include/public/version.h).  Every sub-op takes (cmd, arg); the
 * return value is 0 (or the value noted) or a negative XEN_E* error, and
 * a bad @arg gives -XEN_EFAULT.  Strings are NUL-padded to the full size.
 * Unknown sub-ops give -XEN_ENOSYS.
 */
#ifndef PUBLIC_VERSION_H
#define PUBLIC_VERSION_H

#include <stddef.h>
#include <stdint.h>
#include "features.h"

/* arg unused; returns (major << 16) | minor. */
#define XENVER_version      0

/* arg: xen_extraversion_t (OUT), e.g. ".0". */
#define XENVER_extraversion 1
#define XEN_EXTRAVERSION_LEN 16
typedef char xen_extraversion_t[XEN_EXTRAVERSION_LEN];

/* arg: struct xen_compile_info (OUT). */
#define XENVER_compile_info 2
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};

/* arg: xen_capabilities_info_t (OUT): space-separated guest types, e.g. "hvm-3.0-x86_64 ". */
#define XENVER_capabilities 3
#define XEN_CAPABILITIES_INFO_LEN 1024
typedef char xen_capabilities_info_t[XEN_CAPABILITIES_INFO_LEN];

/* arg: xen_changeset_info_t (OUT): source revision, or "unavailable". */
#define XENVER_changeset    4
#define XEN_CHANGESET_INFO_LEN 64
typedef char xen_changeset_info_t[XEN_CHANGESET_INFO_LEN];

/* arg: struct xen_platform_parameters (OUT): where the hypervisor's range starts. */
#define XENVER_platform_parameters 5
struct xen_platform_parameters {
    uint64_t virt_start;            /* xen_ulong_t: 64 bits on x86 */
};
/* The 32-bit guest's layout (compat_ulong_t). */
struct compat_xen_platform_parameters {
    uint32_t virt_start;
};

/* arg: struct xen_feature_info (IN submap_idx, OUT submap: XENFEAT_* bits). */
#define XENVER_get_features 6
struct xen_feature_info {
    uint32_t submap_idx;            /* IN: which 32-bit submap (< XENFEAT_NR_SUBMAPS) */
    uint32_t submap;                /* OUT */
};

/* arg must be NULL (else -XEN_EINVAL); returns the page size. */
#define XENVER_pagesize     7

/* arg: xen_domain_handle_t (OUT): the domain's UUID as the toolstack set it. */
#define XENVER_guest_handle 8
typedef uint8_t xen_domain_handle_t[16];

/* arg: xen_commandline_t (OUT): the hypervisor's command line (control domain). */
#define XENVER_commandline  9
#define XEN_COMMANDLINE_LEN 1024
typedef char xen_commandline_t[XEN_COMMANDLINE_LEN];

/*
 * arg: struct xen_build_id (IN len, OUT buf), or NULL to ask for the size.
 * Returns the build ID's length; -XEN_EINVAL for len 0, -XEN_ENOBUFS if it
 * does not fit, -XEN_ENODATA when the hypervisor has none, -XEN_EPERM for
 * unprivileged callers.
 */
#define XENVER_build_id     10
struct xen_build_id {
    uint32_t len;                   /* IN: size of buf[] */
    uint8_t buf[];                  /* OUT */
};

/* What unprivileged callers read instead of a privileged string. */
#define XEN_DENIED_STRING "<denied>"

_Static_assert(sizeof(xen_extraversion_t) == 16, "extraversion");
_Static_assert(sizeof(struct xen_compile_info) == 144, "compile_info");
_Static_assert(offsetof(struct xen_compile_info, compile_by) == 64, "compile_by");
_Static_assert(offsetof(struct xen_compile_info, compile_domain) == 80, "compile_domain");
_Static_assert(offsetof(struct xen_compile_info, compile_date) == 112, "compile_date");
_Static_assert(sizeof(xen_capabilities_info_t) == 1024, "capabilities");
_Static_assert(sizeof(xen_changeset_info_t) == 64, "changeset");
_Static_assert(sizeof(struct xen_platform_parameters) == 8, "platform_parameters");
_Static_assert(sizeof(struct compat_xen_platform_parameters) == 4, "compat platform_parameters");
_Static_assert(sizeof(struct xen_feature_info) == 8, "feature_info");
_Static_assert(sizeof(xen_domain_handle_t) == 16, "domain_handle");
_Static_assert(sizeof(xen_commandline_t) == 1024, "commandline");
_Static_assert(sizeof(struct xen_build_id) == 4, "build_id");

#endif
