/* SPDX-License-Identifier: MIT */
/*
 * The Xen CPUID interface (guest ABI), written from Xen's documentation of
 * public/arch-x86/cpuid.h: the hypervisor leaves start at 0x40000000 (the
 * first free 0x100-aligned base; we have no Viridian leaves to skip).
 *
 *   base + 0: EAX = largest Xen leaf, EBX:ECX:EDX = "XenVMMXenVMM"
 *   base + 1: EAX = major << 16 | minor version; EBX..EDX reserved (0)
 *   base + 2: EAX = number of hypercall pages (always 1), EBX = base of the
 *             Xen MSRs (0x40000000: writing a GPA there fills the hypercall
 *             page), ECX/EDX = feature bits (PV only)
 *   base + 3: time; subleaf 0: EAX = flags (bit 0 vtsc, bit 1 host TSC is
 *             safe/invariant, bit 2 rdtscp), EBX = tsc_mode, ECX = guest TSC
 *             kHz, EDX = incarnation; subleaf 1: EAX:EBX = TSC offset,
 *             ECX = tsc_to_system_mul, EDX = tsc_shift (signed);
 *             subleaf 2: EAX = physical CPU kHz
 *   base + 4: HVM features in EAX (below); EBX = vCPU id and ECX = domain id
 *             when the matching flag is set
 *   base + 5: PV-specific parameters (all zero for HVM/PVH guests)
 * Only <stdint.h>-style constants: usable by guests and the hypervisor.
 */
#ifndef PUBLIC_ARCH_X86_CPUID_H
#define PUBLIC_ARCH_X86_CPUID_H

#define XEN_CPUID_FIRST_LEAF    0x40000000u
#define XEN_CPUID_LEAF(i)       (XEN_CPUID_FIRST_LEAF + (i))

/* "XenVMMXenVMM" as little-endian register contents. */
#define XEN_CPUID_SIGNATURE_EBX 0x566e6558u     /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX 0x65584d4du     /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX 0x4d4d566eu     /* "nVMM" */

/* Leaf 2, ECX. */
#define XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD (1u << 0)

/* Leaf 3, subleaf 0, EAX. */
#define XEN_CPUID_TSC_EMULATED      (1u << 0)
#define XEN_CPUID_HOST_TSC_RELIABLE (1u << 1)
#define XEN_CPUID_RDTSCP_INSTR_AVAIL (1u << 2)
/* tsc_mode values (EBX). */
#define XEN_CPUID_TSC_MODE_DEFAULT          0
#define XEN_CPUID_TSC_MODE_ALWAYS_EMULATE   1
#define XEN_CPUID_TSC_MODE_NEVER_EMULATE    2
#define XEN_CPUID_TSC_MODE_PVRDTSCP         3

/* Leaf 4, EAX. */
#define XEN_HVM_CPUID_APIC_ACCESS_VIRT (1u << 0) /* xAPIC registers virtualised in hardware */
#define XEN_HVM_CPUID_X2APIC_VIRT      (1u << 1) /* x2APIC MSRs virtualised in hardware */
#define XEN_HVM_CPUID_IOMMU_MAPPINGS   (1u << 2) /* foreign/grant mappings are in the IOMMU */
#define XEN_HVM_CPUID_VCPU_ID_PRESENT  (1u << 3) /* EBX holds the vCPU id */
#define XEN_HVM_CPUID_DOMID_PRESENT    (1u << 4) /* ECX holds the domain id */

/* Largest leaf index (base + 5 as in Xen 4.17). */
#define XEN_CPUID_MAX_NUM_LEAVES 5

/* The hypercall-page MSR (at the base named by leaf 2 EBX). */
#define XEN_MSR_HYPERCALL_PAGE  0x40000000u

#endif
