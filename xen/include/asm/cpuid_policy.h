/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A domain's CPUID policy: the host's leaves, filtered once at domain
 * creation (xen/arch/x86/hvm/cpuid_policy.c), plus Xen's hypervisor leaves.
 * Per-vCPU values (APIC ID, vCPU id, OSXSAVE) are patched in at lookup.
 * Pure logic on plain data: the host is asked through a callback, so the
 * filtering is unit-tested on the host with made-up CPUs.
 */
#ifndef ASM_CPUID_POLICY_H
#define ASM_CPUID_POLICY_H

#include <xen/types.h>

struct cpuid_leaf { uint32_t a, b, c, d; };

#define CPUID_POLICY_MAX_BASIC  0xdu         /* highest basic leaf offered */
#define CPUID_POLICY_MAX_EXTD   0x80000008u  /* highest extended leaf offered */
#define CPUID_POLICY_NR_CACHE   8            /* leaf 4 subleaves kept */
#define CPUID_POLICY_NR_XSTATE  63           /* leaf 0xD subleaves */
#define CPUID_POLICY_NR_XEN     6            /* 0x40000000..0x40000005 */

struct cpuid_policy {
    struct cpuid_leaf basic[CPUID_POLICY_MAX_BASIC + 1];   /* subleaf 0 of each */
    struct cpuid_leaf cache[CPUID_POLICY_NR_CACHE];        /* leaf 4 */
    struct cpuid_leaf topo[2];                             /* leaf 0xB levels 0, 1 */
    struct cpuid_leaf xstate[CPUID_POLICY_NR_XSTATE];      /* leaf 0xD */
    struct cpuid_leaf extd[CPUID_POLICY_MAX_EXTD - 0x80000000u + 1];
    struct cpuid_leaf xen[CPUID_POLICY_NR_XEN];
    struct cpuid_leaf xen_time[3];                         /* 0x40000003 subleaves */
    uint64_t xcr0_mask;          /* XSAVE components offered (0: no XSAVE) */
    unsigned int nr_vcpus;
    unsigned int apic_id_shift;  /* bits of APIC ID below the package */
    bool vendor_amd;             /* AMD/Hygon host (VMMCALL, not VMCALL) */
};

/* How the policy builder sees the host. */
struct cpuid_host {
    struct cpuid_leaf (*query)(uint32_t leaf, uint32_t subleaf, void *ctx);
    void *ctx;
    uint32_t tsc_khz;            /* guest TSC frequency (= host TSC) */
};

/* Per-vCPU facts the lookup needs. */
struct cpuid_vcpu_view {
    uint32_t vcpu_id;
    uint32_t domid;
    bool osxsave;                /* guest CR4.OSXSAVE */
};

/* Xen version reported in leaf 0x40000001 (what Xen 4.17 reports). */
#define CPUID_XEN_MAJOR 4
#define CPUID_XEN_MINOR 17

/* Fill @p for a domain of @nr_vcpus (1..MAX_VIRT_CPUS) from @host. */
void cpuid_policy_build(struct cpuid_policy *p, const struct cpuid_host *host,
                        unsigned int nr_vcpus);
/* The guest's view of CPUID(@leaf, @subleaf); out-of-range leaves read 0. */
void cpuid_policy_lookup(const struct cpuid_policy *p, uint32_t leaf, uint32_t subleaf,
                         const struct cpuid_vcpu_view *vv, struct cpuid_leaf *res);

#endif
