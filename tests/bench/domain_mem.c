/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypervisor memory per domain, asked of the hypervisor itself where the
 * guest is a control domain with Xen's control ABI (Xen 4.17's dom0): free
 * pages (XEN_SYSCTL_physinfo) before and after building a domain the way a
 * toolstack does -- XEN_DOMCTL_createdomain (PVH: HVM + HAP, LAPIC only, 1
 * vCPU), XEN_DOMCTL_max_vcpus (creates the vCPU), XEN_DOMCTL_max_mem, and
 * 16 MiB populated with XENMEM_populate_physmap in 4 KiB pages -- minus
 * the pages the domain owns (XEN_DOMCTL_getdomaininfo).  The domain never
 * runs and is destroyed afterwards.  libxl would also size the paging pool
 * (XEN_DOMCTL_shadow_op); this leaves Xen's initial pool, a lower bound.
 * On ours (no sysctl/domctl yet) the first call fails and the row is n/a:
 * scripts/bench measures ours from its debug keys instead.
 *
 * The control ABI is not in include/public (versioned apart; ours has no
 * domctl yet): the few structures needed are declared here with Xen
 * 4.17's layouts (interface version 0x15 for both).
 */
#include "bench.h"

#define HYPERVISOR_sysctl_nr        35
#define HYPERVISOR_domctl_nr        36
#define CONTROL_VERSION             0x15
#define SYSCTL_physinfo             3
#define DOMCTL_createdomain         1
#define DOMCTL_destroydomain        2
#define DOMCTL_getdomaininfo        5
#define DOMCTL_max_mem              11
#define DOMCTL_max_vcpus            15
#define CDF_hvm                     (1u << 0)
#define CDF_hap                     (1u << 1)
#define X86_EMU_LAPIC               (1u << 0)
#define GRANT_version(v)            ((v) & 0xf)
#define DOMAIN_PAGES                4096u       /* 16 MiB */

struct sysctl {
    uint32_t cmd, interface_version;
    union {
        struct {
            uint32_t threads_per_core, cores_per_socket, nr_cpus, max_cpu_id;
            uint32_t nr_nodes, max_node_id, cpu_khz, capabilities;
            uint32_t arch_capabilities, pad;
            uint64_t total_pages, free_pages, scrub_pages, outstanding_pages, max_mfn;
            uint32_t hw_cap[8];
        } physinfo;
        uint8_t pad[128];
    } u;
};

struct domctl {
    uint32_t cmd, interface_version;
    uint16_t domain, _pad[3];
    union {
        struct {
            uint32_t ssidref;
            uint8_t handle[16];
            uint32_t flags, iommu_opts, max_vcpus, max_evtchn_port;
            int32_t max_grant_frames, max_maptrack_frames;
            uint32_t grant_opts, vmtrace_size, cpupool_id;
            uint32_t emulation_flags, misc_flags;
        } createdomain;
        struct {
            uint16_t domain, pad1;
            uint32_t flags;
            uint64_t tot_pages, max_pages;
        } getdomaininfo;
        struct { uint64_t max_memkb; } max_mem;
        struct { uint32_t max; } max_vcpus;
        uint8_t pad[128];
    } u;
};
_Static_assert(sizeof(struct sysctl) == 136, "xen_sysctl");
_Static_assert(__builtin_offsetof(struct sysctl, u.physinfo.free_pages) == 56, "free_pages");
_Static_assert(sizeof(struct domctl) == 144, "xen_domctl");
_Static_assert(__builtin_offsetof(struct domctl, u.createdomain.emulation_flags) == 72,
               "arch config");

static uint64_t gfns[DOMAIN_PAGES];

static long domctl(struct domctl *d, uint32_t cmd, uint16_t domid)
{
    d->cmd = cmd;
    d->interface_version = CONTROL_VERSION;
    d->domain = domid;
    return hypercall5(HYPERVISOR_domctl_nr, (unsigned long)d, 0, 0, 0, 0);
}

static long free_pages(uint64_t *pages)
{
    struct sysctl s = { .cmd = SYSCTL_physinfo, .interface_version = CONTROL_VERSION };
    long rc = hypercall5(HYPERVISOR_sysctl_nr, (unsigned long)&s, 0, 0, 0, 0);

    *pages = s.u.physinfo.free_pages;
    return rc;
}

/* Build the domain; its id in *domid (0 if none was created). */
static long build(uint16_t *domid, uint64_t *owned)
{
    struct domctl d = { 0 };
    long rc;

    d.u.createdomain.flags = CDF_hvm | CDF_hap;
    d.u.createdomain.max_vcpus = 1;
    d.u.createdomain.max_evtchn_port = 1023;
    d.u.createdomain.max_grant_frames = -1;
    d.u.createdomain.max_maptrack_frames = -1;
    d.u.createdomain.grant_opts = GRANT_version(1);
    d.u.createdomain.emulation_flags = X86_EMU_LAPIC;
    rc = domctl(&d, DOMCTL_createdomain, 0);
    if (rc)
        return rc;
    *domid = d.domain;

    d = (struct domctl){ .u.max_vcpus.max = 1 };
    if ((rc = domctl(&d, DOMCTL_max_vcpus, *domid)))
        return rc;
    d = (struct domctl){ .u.max_mem.max_memkb = DOMAIN_PAGES * 4 + 1024 };
    if ((rc = domctl(&d, DOMCTL_max_mem, *domid)))
        return rc;

    for (unsigned int i = 0; i < DOMAIN_PAGES; i++)
        gfns[i] = i;
    struct xen_memory_reservation r = {
        .extent_start = (uint64_t)gfns, .nr_extents = DOMAIN_PAGES, .extent_order = 0,
        .domid = *domid,
    };
    rc = HYPERVISOR_memory_op(XENMEM_populate_physmap, &r);
    if (rc != DOMAIN_PAGES)
        return rc < 0 ? rc : -1;

    d = (struct domctl){ 0 };
    if ((rc = domctl(&d, DOMCTL_getdomaininfo, *domid)))
        return rc;
    *owned = d.u.getdomaininfo.tot_pages;
    return 0;
}

void bench_domain_memory(void)
{
    uint64_t before = 0, after = 0, owned = 0;
    uint16_t domid = 0;
    long rc = free_pages(&before);

    if (!rc)
        rc = build(&domid, &owned);
    if (!rc)
        rc = free_pages(&after);
    if (domid) {
        struct domctl d = { 0 };
        long drc = domctl(&d, DOMCTL_destroydomain, domid);

        if (drc)
            printf("bench: destroying d%u: %ld\n", domid, drc);
    }
    if (rc) {
        printf("BENCH domain_memory n/a %ld hypervisor memory per domain (KiB)\n", rc);
        return;
    }
    unsigned long kib = (unsigned long)(before - after - owned) * 4;

    printf("bench: d%u owned %lu pages; %lu -> %lu pages free\n", domid,
           (unsigned long)owned, (unsigned long)before, (unsigned long)after);
    printf("BENCH domain_memory %lu %lu 1 hypervisor memory per domain (KiB)\n", kib, kib);
}
