/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Building a domain's CPUID policy from the host's leaves.
 *
 * Rule: a feature is offered only if the hardware (with NPT) runs it for the
 * guest unaided or we emulate it.  So the host leaves pass through keep-masks
 * (table below); what we emulate is forced on (hypervisor bit, x2APIC,
 * TSC-deadline, APIC, HTT); what needs MSRs or state we do not virtualise is
 * dropped (VMX/SVM, MONITOR, perf counters, machine check, debug store,
 * thermal/power, speculation-control MSRs, PKU, MPX, SGX, PT, LA57, ...).
 *
 * Topology: APIC ID = 2 * vcpu_id (as Xen), i.e. one thread per core with
 * bit 0 of the ID unused, all vCPUs in one package.  Leaf 1 EBX[23:16],
 * leaf 4, leaf 0xB and 0x80000008 ECX all describe that same layout.
 * XSAVE: x87/SSE/AVX and AVX-512 components, as far as the host has them;
 * no supervisor states (no XSAVES).  Out-of-range leaves read as zero.
 */
#include <asm/cpuid_policy.h>
#include <asm/hvm.h>
#include <public/arch-x86/cpuid.h>
#include <pvclock/pvclock.h>
#include <xen/compiler.h>
#include <xen/string.h>

#define B(n) (1u << (n))
enum { EAX, EBX, ECX, EDX };

/* Host leaves we copy, and which bits of each register survive. */
struct cpuid_keep {
    uint32_t leaf;
    uint32_t keep[4];           /* per register; bits outside are cleared */
    uint32_t force[4];          /* bits we set (we emulate them) */
};

#define ALL 0xffffffffu
static const struct cpuid_keep keep_table[] = {
    /* Family/model/stepping (processor type cleared); EBX: brand, CLFLUSH size. */
    { 0x1, { 0x0fff0fff, 0x0000ffff,
             /* SSE3 PCLMUL SSSE3 FMA CX16 PCID SSE4.1 SSE4.2 MOVBE POPCNT AES XSAVE AVX F16C RDRAND */
             B(0) | B(1) | B(9) | B(12) | B(13) | B(17) | B(19) | B(20) | B(22) | B(23) |
             B(25) | B(26) | B(28) | B(29) | B(30),
             /* FPU VME DE PSE TSC MSR PAE CX8 APIC SEP MTRR PGE CMOV PAT PSE36 CLFSH MMX FXSR SSE SSE2 SS */
             B(0) | B(1) | B(2) | B(3) | B(4) | B(5) | B(6) | B(8) | B(9) | B(11) | B(12) |
             B(13) | B(15) | B(16) | B(17) | B(19) | B(23) | B(24) | B(25) | B(26) | B(27) },
           /* x2APIC, TSC-deadline, hypervisor; APIC, HTT */
           { 0, 0, B(21) | B(24) | B(31), B(9) | B(28) } },
    { 0x2, { ALL, ALL, ALL, ALL }, { 0 } },          /* cache descriptors */
    /* Structured features, subleaf 0 only (EAX = max subleaf = 0). */
    { 0x7, { 0,
             /* FSGSBASE BMI1 HLE AVX2 FDP SMEP BMI2 ERMS INVPCID RTM FPU-CSDS AVX512F/DQ RDSEED ADX
                SMAP AVX512IFMA CLFLUSHOPT CLWB AVX512PF/ER/CD SHA AVX512BW/VL */
             B(0) | B(3) | B(4) | B(5) | B(6) | B(7) | B(8) | B(9) | B(10) | B(11) | B(13) |
             B(16) | B(17) | B(18) | B(19) | B(20) | B(21) | B(23) | B(24) | B(26) | B(27) |
             B(28) | B(29) | B(30) | B(31),
             /* PREFETCHWT1 VBMI UMIP VBMI2 GFNI VAES VPCLMUL VNNI BITALG VPOPCNTDQ RDPID MOVDIRI MOVDIR64B */
             B(0) | B(1) | B(2) | B(6) | B(8) | B(9) | B(10) | B(11) | B(12) | B(14) | B(22) |
             B(27) | B(28),
             /* 4VNNIW 4FMAPS FSRM VP2INTERSECT MD_CLEAR SERIALIZE AVX512FP16 */
             B(2) | B(3) | B(4) | B(8) | B(10) | B(14) | B(23) }, { 0 } },
    { 0x80000000, { 0, ALL, ALL, ALL }, { 0 } },     /* EAX set by the builder */
    /* EBX: AMD brand id. */
    { 0x80000001, { ALL, ALL,
                    /* LAHF ABM SSE4A MISALIGNSSE 3DNOWPREFETCH XOP FMA4 TBM */
                    B(0) | B(5) | B(6) | B(7) | B(8) | B(11) | B(16) | B(21),
                    /* leaf-1 mirrors (AMD) minus MCE/MCA, SYSCALL NX MMXEXT FFXSR 1G RDTSCP LM 3DNOW(EXT) */
                    B(0) | B(1) | B(2) | B(3) | B(4) | B(5) | B(6) | B(8) | B(9) | B(11) | B(12) |
                    B(13) | B(15) | B(16) | B(17) | B(20) | B(22) | B(23) | B(24) | B(25) |
                    B(26) | B(27) | B(29) | B(30) | B(31) }, { 0 } },
    { 0x80000002, { ALL, ALL, ALL, ALL }, { 0 } },   /* brand string */
    { 0x80000003, { ALL, ALL, ALL, ALL }, { 0 } },
    { 0x80000004, { ALL, ALL, ALL, ALL }, { 0 } },
    { 0x80000005, { ALL, ALL, ALL, ALL }, { 0 } },   /* L1 cache/TLB */
    { 0x80000006, { ALL, ALL, ALL, ALL }, { 0 } },   /* L2/L3 cache */
    { 0x80000007, { 0, 0, 0, B(8) }, { 0 } },        /* invariant TSC only */
    /* Address sizes; EBX: CLZERO XSAVEERPTR WBNOINVD; ECX set by the builder. */
    { 0x80000008, { 0xffff, B(0) | B(2) | B(9), 0, 0 }, { 0 } },
};

/* Features that need the AVX / AVX-512 XSAVE components: {leaf, reg, bits}. */
struct cpuid_dep { uint32_t leaf; unsigned int reg; uint32_t bits; };
static const struct cpuid_dep needs_avx[] = {
    { 0x1, ECX, B(12) | B(28) | B(29) },            /* FMA AVX F16C */
    { 0x7, EBX, B(5) },                             /* AVX2 */
    { 0x7, ECX, B(9) | B(10) },                     /* VAES VPCLMULQDQ */
    { 0x80000001, ECX, B(11) | B(16) },             /* XOP FMA4 */
};
static const struct cpuid_dep needs_avx512[] = {
    { 0x7, EBX, B(16) | B(17) | B(21) | B(26) | B(27) | B(28) | B(30) | B(31) },
    { 0x7, ECX, B(1) | B(6) | B(11) | B(12) | B(14) },
    { 0x7, EDX, B(2) | B(3) | B(8) | B(23) },
};

#define XCR0_X87_SSE    0x3ull
#define XCR0_YMM        0x4ull
#define XCR0_AVX512     0xe0ull         /* opmask, ZMM_Hi256, Hi16_ZMM */
#define XSAVE_LEGACY_SIZE 576u          /* legacy area + header */

static uint32_t *reg_of(struct cpuid_leaf *l, unsigned int r)
{
    switch (r) {
    case EAX: return &l->a;
    case EBX: return &l->b;
    case ECX: return &l->c;
    default:  return &l->d;
    }
}

/* The stored leaf @leaf (subleaf 0), or NULL if the policy has no slot for it. */
static struct cpuid_leaf *slot(struct cpuid_policy *p, uint32_t leaf)
{
    if (leaf <= CPUID_POLICY_MAX_BASIC)
        return &p->basic[leaf];
    if (leaf >= 0x80000000u && leaf <= CPUID_POLICY_MAX_EXTD)
        return &p->extd[leaf - 0x80000000u];
    return NULL;
}

static void clear_deps(struct cpuid_policy *p, const struct cpuid_dep *deps, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        *reg_of(slot(p, deps[i].leaf), deps[i].reg) &= ~deps[i].bits;
}

static void copy_filtered(struct cpuid_policy *p, const struct cpuid_host *h,
                          uint32_t max_basic, uint32_t max_extd)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(keep_table); i++) {
        const struct cpuid_keep *k = &keep_table[i];
        uint32_t max = k->leaf >= 0x80000000u ? max_extd : max_basic;
        struct cpuid_leaf host = { 0 }, *l = slot(p, k->leaf);

        if (k->leaf <= max)
            host = h->query(k->leaf, 0, h->ctx);
        for (unsigned int r = EAX; r <= EDX; r++)
            *reg_of(l, r) = (*reg_of(&host, r) & k->keep[r]) | k->force[r];
    }
}

/* Smallest s >= 1 with 2^s >= 2 * n: room for APIC IDs 0, 2, .., 2(n-1). */
static unsigned int apic_id_shift(unsigned int n)
{
    unsigned int s = 1;

    while ((1u << s) < 2 * n)
        s++;
    return s;
}

static void build_topology(struct cpuid_policy *p, const struct cpuid_host *h, uint32_t max_basic)
{
    unsigned int s = p->apic_id_shift, ids = 1u << s;

    p->basic[1].b |= (ids > 0xff ? 0xff : ids) << 16;      /* addressable IDs per package */
    /* Leaf 0xB: SMT level (1 thread, 1 ID bit), core level (all vCPUs). */
    p->topo[0] = (struct cpuid_leaf){ 1, 1, (1u << 8) | 0, 0 };
    p->topo[1] = (struct cpuid_leaf){ s, p->nr_vcpus, (2u << 8) | 1, 0 };
    /* AMD: NC = IDs per package - 1, ApicIdSize = s. */
    p->extd[8].c = ((ids - 1 > 0xff ? 0xff : ids - 1)) | (s << 12);

    /* Intel deterministic cache leaf: same package, one core per cache below L3. */
    for (unsigned int i = 0; max_basic >= 4 && i < CPUID_POLICY_NR_CACHE; i++) {
        struct cpuid_leaf c = h->query(4, i, h->ctx);
        uint32_t cores = (ids / 2 > 64 ? 64 : ids / 2) - 1;
        uint32_t sharing = ((c.a >> 5) & 7) >= 3 ? ids - 1 : 1;

        if (!(c.a & 0x1f))
            break;                                      /* no more caches */
        c.a = (c.a & 0x3fff) | (cores << 26) | ((sharing > 0xfff ? 0xfff : sharing) << 14);
        c.d &= 7;
        p->cache[i] = c;
    }
}

static void build_xstate(struct cpuid_policy *p, const struct cpuid_host *h, uint32_t max_basic)
{
    struct cpuid_leaf x0, x1;
    uint64_t mask;
    uint32_t size = XSAVE_LEGACY_SIZE;

    if (max_basic < 0xd || !(p->basic[1].c & B(26)))
        goto no_xsave;
    x0 = h->query(0xd, 0, h->ctx);
    mask = (x0.a | ((uint64_t)x0.d << 32)) & (XCR0_X87_SSE | XCR0_YMM | XCR0_AVX512);
    if ((mask & XCR0_X87_SSE) != XCR0_X87_SSE)
        goto no_xsave;
    if (!(mask & XCR0_YMM) || (mask & XCR0_AVX512) != XCR0_AVX512)
        mask &= ~XCR0_AVX512;
    p->xcr0_mask = mask;

    for (unsigned int i = 2; i < CPUID_POLICY_NR_XSTATE; i++) {
        struct cpuid_leaf c;

        if (!(mask & (1ull << i)))
            continue;
        c = h->query(0xd, i, h->ctx);
        p->xstate[i] = (struct cpuid_leaf){ c.a, c.b, c.c & B(1), 0 };  /* keep 64-byte align */
        if (c.a + c.b > size)
            size = c.a + c.b;
    }
    /* EBX: size for the components a guest enabling all of them uses. */
    p->xstate[0] = (struct cpuid_leaf){ (uint32_t)mask, size, size, (uint32_t)(mask >> 32) };
    x1 = h->query(0xd, 1, h->ctx);
    p->xstate[1].a = x1.a & (B(0) | B(1) | B(2));       /* XSAVEOPT XSAVEC XGETBV1; no XSAVES */
    goto deps;

no_xsave:
    p->basic[1].c &= ~B(26);
    p->xcr0_mask = 0;
    mask = XCR0_X87_SSE;
deps:
    if (!(mask & XCR0_YMM))
        clear_deps(p, needs_avx, ARRAY_SIZE(needs_avx));
    if (!(mask & XCR0_AVX512))
        clear_deps(p, needs_avx512, ARRAY_SIZE(needs_avx512));
}

static void build_xen_leaves(struct cpuid_policy *p, const struct cpuid_host *h)
{
    struct time_scale ts = { 0, 0 };
    uint32_t flags = 0;

    p->xen[0] = (struct cpuid_leaf){ XEN_CPUID_LEAF(XEN_CPUID_MAX_NUM_LEAVES),
                                     XEN_CPUID_SIGNATURE_EBX, XEN_CPUID_SIGNATURE_ECX,
                                     XEN_CPUID_SIGNATURE_EDX };
    p->xen[1].a = (CPUID_XEN_MAJOR << 16) | CPUID_XEN_MINOR;
    p->xen[2] = (struct cpuid_leaf){ 1, XEN_MSR_HYPERCALL_PAGE, 0, 0 };
    /* EBX/ECX (vCPU id, domid) are filled in per lookup. */
    p->xen[4].a = XEN_HVM_CPUID_IOMMU_MAPPINGS | XEN_HVM_CPUID_VCPU_ID_PRESENT |
                  XEN_HVM_CPUID_DOMID_PRESENT;

    /* Time: the guest reads the host TSC unscaled and unoffset (no vTSC). */
    if (p->extd[7].d & B(8))
        flags |= XEN_CPUID_HOST_TSC_RELIABLE;
    if (p->extd[1].d & B(27))
        flags |= XEN_CPUID_RDTSCP_INSTR_AVAIL;
    if (h->tsc_khz)
        set_time_scale(&ts, (uint64_t)h->tsc_khz * 1000);
    p->xen_time[0] = (struct cpuid_leaf){ flags, XEN_CPUID_TSC_MODE_DEFAULT, h->tsc_khz, 0 };
    p->xen_time[1] = (struct cpuid_leaf){ 0, 0, ts.mul_frac, (uint32_t)(int32_t)ts.shift };
    p->xen_time[2].a = h->tsc_khz;
}

void cpuid_policy_build(struct cpuid_policy *p, const struct cpuid_host *h,
                        unsigned int nr_vcpus)
{
    struct cpuid_leaf l0 = h->query(0, 0, h->ctx);
    struct cpuid_leaf e0 = h->query(0x80000000u, 0, h->ctx);
    uint32_t max_basic = l0.a < CPUID_POLICY_MAX_BASIC ? l0.a : CPUID_POLICY_MAX_BASIC;
    uint32_t max_extd = e0.a < 0x80000000u ? 0x80000000u
                        : e0.a < CPUID_POLICY_MAX_EXTD ? e0.a : CPUID_POLICY_MAX_EXTD;

    memset(p, 0, sizeof(*p));
    p->nr_vcpus = nr_vcpus ? nr_vcpus : 1;
    p->apic_id_shift = apic_id_shift(p->nr_vcpus);
    /* "AuthenticAMD" / "HygonGenuine": EBX "Auth" / "Hygo". */
    p->vendor_amd = l0.b == 0x68747541u || l0.b == 0x6f677948u;

    /* Leaf 0xB is ours whatever the host has. */
    p->basic[0] = (struct cpuid_leaf){ max_basic > 0xb ? max_basic : 0xb, l0.b, l0.c, l0.d };
    copy_filtered(p, h, max_basic, max_extd);
    p->extd[0].a = max_extd;

    build_topology(p, h, max_basic);
    build_xstate(p, h, max_basic);
    build_xen_leaves(p, h);
}

/* Subleaf-indexed leaves and the hypervisor range; NULL: read as zero. */
static const struct cpuid_leaf *find(const struct cpuid_policy *p, uint32_t leaf,
                                     uint32_t subleaf)
{
    if (leaf > p->basic[0].a && leaf < 0x40000000u)
        return NULL;
    switch (leaf) {
    case 0x4:
        return subleaf < CPUID_POLICY_NR_CACHE ? &p->cache[subleaf] : NULL;
    case 0x7:
        return subleaf == 0 ? &p->basic[7] : NULL;
    case 0xb:
        return subleaf < 2 ? &p->topo[subleaf] : NULL;
    case 0xd:
        return p->xcr0_mask && subleaf < CPUID_POLICY_NR_XSTATE ? &p->xstate[subleaf] : NULL;
    case XEN_CPUID_LEAF(3):
        return subleaf < 3 ? &p->xen_time[subleaf] : NULL;
    case XEN_CPUID_LEAF(4):
        return subleaf == 0 ? &p->xen[4] : NULL;
    }
    if (leaf >= XEN_CPUID_FIRST_LEAF && leaf < XEN_CPUID_FIRST_LEAF + CPUID_POLICY_NR_XEN)
        return &p->xen[leaf - XEN_CPUID_FIRST_LEAF];
    if (leaf >= 0x80000000u && leaf > p->extd[0].a)
        return NULL;
    return slot((struct cpuid_policy *)p, leaf);
}

void cpuid_policy_lookup(const struct cpuid_policy *p, uint32_t leaf, uint32_t subleaf,
                         const struct cpuid_vcpu_view *vv, struct cpuid_leaf *res)
{
    const struct cpuid_leaf *l = find(p, leaf, subleaf);
    uint32_t apic_id = vcpu_apic_id(vv->vcpu_id);

    *res = l ? *l : (struct cpuid_leaf){ 0, 0, 0, 0 };
    switch (leaf) {
    case 0x1:
        res->b |= apic_id << 24;
        if (vv->osxsave && (res->c & B(26)))
            res->c |= B(27);
        break;
    case 0xb:
        res->c = (res->c & ~0xffu) | (subleaf & 0xff);  /* level number echoes ECX */
        res->d = apic_id;
        break;
    case XEN_CPUID_LEAF(4):
        if (subleaf)
            break;
        res->b = vv->vcpu_id;
        res->c = vv->domid;
        break;
    }
}
