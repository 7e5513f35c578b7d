/* SPDX-License-Identifier: MIT */
/*
 * Xen ELF notes (guest ABI): note owner "Xen", types numbered as in Xen's
 * public/elfnote.h.  Numeric notes are 1, 2, 4 or 8 bytes (little-endian);
 * string notes are NUL-terminated.  A PVH kernel needs only
 * XEN_ELFNOTE_PHYS32_ENTRY: the 32-bit physical entry point.
 */
#ifndef PUBLIC_ELFNOTE_H
#define PUBLIC_ELFNOTE_H

#define XEN_ELFNOTE_INFO                0   /* NAME=VALUE (string) */
#define XEN_ELFNOTE_ENTRY               1   /* PV virtual entry point */
#define XEN_ELFNOTE_HYPERCALL_PAGE      2   /* PV hypercall page (virtual) */
#define XEN_ELFNOTE_VIRT_BASE           3
#define XEN_ELFNOTE_PADDR_OFFSET        4
#define XEN_ELFNOTE_XEN_VERSION         5   /* string, e.g. "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS            6   /* string, e.g. "linux" */
#define XEN_ELFNOTE_GUEST_VERSION       7   /* string */
#define XEN_ELFNOTE_LOADER              8   /* string, e.g. "generic" */
#define XEN_ELFNOTE_PAE_MODE            9   /* string */
#define XEN_ELFNOTE_FEATURES            10  /* string: "feat|!required_feat" */
#define XEN_ELFNOTE_BSD_SYMTAB          11  /* string */
#define XEN_ELFNOTE_HV_START_LOW        12
#define XEN_ELFNOTE_L1_MFN_VALID        13
#define XEN_ELFNOTE_SUSPEND_CANCEL      14
#define XEN_ELFNOTE_INIT_P2M            15
#define XEN_ELFNOTE_MOD_START_PFN       16
#define XEN_ELFNOTE_SUPPORTED_FEATURES  17  /* bitmap of XENFEAT_* */
#define XEN_ELFNOTE_PHYS32_ENTRY        18  /* PVH: 32-bit physical entry point */
#define XEN_ELFNOTE_PHYS32_RELOC        19  /* PVH relocation (not supported here) */

#endif
