/* SPDX-License-Identifier: MIT */
/*
 * Interface versions.  The guest ABI (everything a guest may call or map)
 * has ONE version macro, with the value of the Xen release whose interface
 * we implement (Xen 4.17: 0x00040e00, unchanged since 4.14).  The control
 * ABI used only by the control domain's toolstack (domctl, sysctl) is
 * versioned separately: its structures change between releases, and its
 * callers put the version in every request.
 */
#ifndef PUBLIC_XEN_COMPAT_H
#define PUBLIC_XEN_COMPAT_H

/* The guest ABI version (Xen's __XEN_LATEST_INTERFACE_VERSION__). */
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00040e00

/*
 * A guest may ask for an older interface by defining
 * __XEN_INTERFACE_VERSION__; our headers implement only the latest, so
 * anything else is refused at compile time rather than silently mismatched.
 */
#ifndef __XEN_INTERFACE_VERSION__
#define __XEN_INTERFACE_VERSION__ __XEN_LATEST_INTERFACE_VERSION__
#endif
_Static_assert(__XEN_INTERFACE_VERSION__ == __XEN_LATEST_INTERFACE_VERSION__,
               "include/public implements only the latest guest interface");

/*
 * The control ABI version: the interface_version field of every domctl
 * and sysctl request (Xen 4.17: XEN_DOMCTL_INTERFACE_VERSION and
 * XEN_SYSCTL_INTERFACE_VERSION are both 0x15).  domctl.h and sysctl.h
 * define their Xen names as this value.
 */
#define XEN_CONTROL_INTERFACE_VERSION 0x00000015

#endif
