/* SPDX-License-Identifier: MIT */
/*
 * x86 parts of the shared_info / vcpu_info layouts, with Xen's values
 * (xen/include/public/arch-x86/xen.h and xen-x86_64.h).  We define the
 * x86_64 ("native") layout only; `unsigned long` fields of Xen's headers
 * are uint64_t here.
 *
 * Which layout a guest sees: Xen keeps a per-domain "32-bit shared info"
 * flag.  For HVM/PVH domains it starts clear (native 64-bit layout) and is
 * latched from the guest's execution mode when the guest writes the
 * hypercall-page MSR or sets HVM_PARAM_CALLBACK_IRQ (hvm_latch_shinfo_size
 * in xen/arch/x86/hvm/hvm.c): a guest doing that from 32-bit code gets the
 * compat layout (32-bit xen_ulong_t, evtchn bitmaps of 32 x 32 bits,
 * wc_sec_hi inside arch_shared_info).  We always serve the native layout;
 * 64-bit guests (Linux, our test guests) cannot tell the difference.  A
 * 32-bit guest that reads shared_info after such a latch would differ.
 */
#ifndef PUBLIC_ARCH_X86_XEN_H
#define PUBLIC_ARCH_X86_XEN_H

#include <stdint.h>

typedef uint64_t xen_ulong_t;       /* `unsigned long` of a 64-bit guest */
typedef uint64_t xen_pfn_t;         /* a guest frame number */

/* vCPUs whose vcpu_info lives in shared_info (the others must register one). */
#define XEN_LEGACY_MAX_VCPUS    32

/* vcpu_info.evtchn_upcall_mask exists (x86). */
#define XEN_HAVE_PV_UPCALL_MASK 1

struct arch_vcpu_info {
    uint64_t cr2;                   /* PV only; unused by HVM/PVH */
    uint64_t pad;                   /* sizeof(struct vcpu_info) == 64 */
};

struct arch_shared_info {
    uint64_t max_pfn;               /* PV p2m list: number of entries */
    xen_pfn_t pfn_to_mfn_frame_list_list;
    uint64_t nmi_reason;
    uint64_t p2m_cr3;               /* PV linear p2m list (0: not set up) */
    uint64_t p2m_vaddr;
    uint64_t p2m_generation;
};

_Static_assert(sizeof(struct arch_vcpu_info) == 16, "arch_vcpu_info");
_Static_assert(sizeof(struct arch_shared_info) == 48, "arch_shared_info");

#endif
