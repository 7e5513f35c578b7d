/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * CPUID policy: made-up host CPUs in, the guest's view out.  Checks the
 * filtering (virtualisation and unemulated features hidden, emulated ones
 * forced), the topology for several vCPU counts, XSAVE components, the Xen
 * leaves and out-of-range leaves.
 */
#include "harness.h"
#include <xen/compiler.h>
#include <asm/cpuid_policy.h>
#include <public/arch-x86/cpuid.h>

struct fake_leaf { uint32_t leaf, subleaf; struct cpuid_leaf r; };

/* An AMD host with SVM, MONITOR, AVX, MPX/PKRU/AVX-512 XSAVE states. */
static const struct fake_leaf amd_host[] = {
    { 0x0, 0, { 0x10, 0x68747541, 0x444d4163, 0x69746e65 } },      /* AuthenticAMD */
    { 0x1, 0, { 0x00830f10 | (3u << 12), 0x05080800 | 0xff000000u, 0xfef83203 | (1u << 5) | (1u << 6),
                0x178bfbff | (1u << 7) | (1u << 14) } },
    { 0x5, 0, { 0x40, 0x40, 3, 0x11 } },
    { 0x6, 0, { 4, 0, 1, 0 } },
    { 0x7, 0, { 0, 0x219c91a9 | (1u << 1) | (1u << 16), (1u << 3) | (1u << 16) | (1u << 2),
                (1u << 26) | (1u << 4) } },
    { 0xa, 0, { 0x07300403, 0, 0, 0x603 } },
    { 0xd, 0, { 0x2df, 0x340, 0xa88, 0 } },                         /* x87 SSE AVX MPX(3,4) 6,7 PKRU(9) */
    { 0xd, 1, { 0xf, 0x340, 0x1800, 0 } },
    { 0xd, 2, { 256, 576, 0, 0 } },
    { 0xd, 3, { 64, 960, 0, 0 } },
    { 0xd, 4, { 64, 1024, 0, 0 } },
    { 0xd, 6, { 512, 1152, 0, 0 } },
    { 0xd, 7, { 1024, 1664, 0, 0 } },
    { 0xd, 9, { 8, 2688, 0, 0 } },
    { 0x80000000, 0, { 0x80000021, 0x68747541, 0x444d4163, 0x69746e65 } },
    { 0x80000001, 0, { 0x00830f10, 0x40000000, 0x35c233ff, 0x2fd3fbff } },   /* SVM = ECX bit 2 */
    { 0x80000002, 0, { 0x20444d41, 0x657a7952, 0x2035206e, 0x30303633 } },
    { 0x80000007, 0, { 0, 0x3b, 0, 0x6799 } },
    { 0x80000008, 0, { 0x3030, 0x791ef257, 0x400f, 0x10000 } },
    { 0x8000000a, 0, { 1, 0x8000, 0, 0x13bcbfff } },
};

/* QEMU's qemu64,+svm as the TCG boot line has it: no XSAVE, max basic 0xd. */
static const struct fake_leaf qemu64_host[] = {
    { 0x0, 0, { 0xd, 0x68747541, 0x444d4163, 0x69746e65 } },
    { 0x1, 0, { 0x000663, 0x00000800, 0x80802001, 0x078bfbfd } },
    { 0x80000000, 0, { 0x8000000a, 0x68747541, 0x444d4163, 0x69746e65 } },
    { 0x80000001, 0, { 0x663, 0, 0x25, 0x2191abfd } },
    { 0x80000008, 0, { 0x3028, 0, 0, 0 } },
    { 0x8000000a, 0, { 1, 0x10, 0, 0x9 } },
};

/* An Intel host with VMX, leaf 4 caches and full AVX-512 state. */
static const struct fake_leaf intel_host[] = {
    { 0x0, 0, { 0x1f, 0x756e6547, 0x6c65746e, 0x49656e69 } },      /* GenuineIntel */
    { 0x1, 0, { 0x50654, 0x00100800, 0x7ffefbff, 0xbfebfbff } },
    { 0x4, 0, { 0x1c004121, 0x01c0003f, 0x3f, 0 } },               /* L1d */
    { 0x4, 1, { 0x1c004143, 0x03c0003f, 0x3ff, 0 } },               /* L2 */
    { 0x4, 2, { 0x1c03c163, 0x0280003f, 0x3fff, 6 } },              /* L3 */
    { 0x7, 0, { 0, 0xd39ffffb, 0x18, 0xbc000400 } },
    { 0xd, 0, { 0xe7, 0x980, 0xa88, 0 } },
    { 0xd, 1, { 0xf, 0x980, 0x100, 0 } },
    { 0xd, 2, { 256, 576, 0, 0 } },
    { 0xd, 5, { 64, 1088, 0, 0 } },
    { 0xd, 6, { 512, 1152, 0, 0 } },
    { 0xd, 7, { 1024, 1664, 0, 0 } },
    { 0x80000000, 0, { 0x80000008, 0, 0, 0 } },
    { 0x80000001, 0, { 0, 0, 0x121, 0x2c100800 } },
    { 0x80000008, 0, { 0x302e, 0, 0, 0 } },
};

struct fake_cpu { const struct fake_leaf *leaves; unsigned int n; };

static struct cpuid_leaf fake_query(uint32_t leaf, uint32_t subleaf, void *ctx)
{
    const struct fake_cpu *cpu = ctx;

    for (unsigned int i = 0; i < cpu->n; i++)
        if (cpu->leaves[i].leaf == leaf && cpu->leaves[i].subleaf == subleaf)
            return cpu->leaves[i].r;
    return (struct cpuid_leaf){ 0, 0, 0, 0 };
}

static struct cpuid_policy pol;

#define BUILD(host, nr) do {                                                  \
        static struct fake_cpu cpu_ = { host, ARRAY_SIZE(host) };             \
        struct cpuid_host h_ = { fake_query, &cpu_, 2500000 };                \
        cpuid_policy_build(&pol, &h_, nr);                                    \
    } while (0)

static struct cpuid_leaf q(uint32_t leaf, uint32_t subleaf, uint32_t vcpu)
{
    struct cpuid_vcpu_view vv = { vcpu, 7, false };
    struct cpuid_leaf r;

    cpuid_policy_lookup(&pol, leaf, subleaf, &vv, &r);
    return r;
}

#define BIT(n) (1u << (n))

static bool is_zero(struct cpuid_leaf l)
{
    return !(l.a | l.b | l.c | l.d);
}

TEST(leaf1_filtering)
{
    struct cpuid_leaf l;

    BUILD(amd_host, 1);
    l = q(1, 0, 0);
    CHECK(l.c & BIT(31));                   /* hypervisor */
    CHECK(l.c & BIT(21));                   /* x2APIC */
    CHECK(l.c & BIT(24));                   /* TSC-deadline (emulated) */
    CHECK(!(l.c & BIT(3)));                 /* MONITOR */
    CHECK(!(l.c & (BIT(5) | BIT(6))));      /* VMX, SMX */
    CHECK(!(l.c & BIT(27)));                /* OSXSAVE: guest CR4 says no */
    CHECK(l.c & BIT(26));                   /* XSAVE */
    CHECK(!(l.d & (BIT(7) | BIT(14))));     /* MCE, MCA */
    CHECK(l.d & BIT(9));                    /* APIC */
    CHECK(l.d & BIT(28));                   /* HTT */
    CHECK(l.d & BIT(12));                   /* MTRR kept (emulated) */
    CHECK_EQ(l.a, 0x00830f10);              /* processor type cleared */
    CHECK_EQ(l.b & 0xffff, 0x0800);         /* brand, CLFLUSH size kept */
}

TEST(osxsave_follows_guest_cr4)
{
    struct cpuid_vcpu_view vv = { 0, 0, true };
    struct cpuid_leaf r;

    BUILD(amd_host, 1);
    cpuid_policy_lookup(&pol, 1, 0, &vv, &r);
    CHECK(r.c & BIT(27));
    BUILD(qemu64_host, 1);                  /* no XSAVE: never OSXSAVE */
    cpuid_policy_lookup(&pol, 1, 0, &vv, &r);
    CHECK(!(r.c & (BIT(26) | BIT(27))));
}

TEST(virtualisation_and_unemulated_hidden)
{
    struct cpuid_leaf l;

    BUILD(amd_host, 1);
    CHECK(!(q(0x80000001, 0, 0).c & BIT(2)));           /* SVM */
    CHECK(!(q(0x80000001, 0, 0).c & BIT(1)));           /* CmpLegacy */
    CHECK(q(0x80000001, 0, 0).d & BIT(29));             /* LM kept */
    CHECK(is_zero(q(0x8000000a, 0, 0)));  /* SVM leaf */
    CHECK(is_zero(q(0xa, 0, 0)));         /* perf */
    CHECK(is_zero(q(0x5, 0, 0)));         /* MONITOR */
    CHECK(is_zero(q(0x6, 0, 0)));         /* thermal */
    l = q(7, 0, 0);
    CHECK_EQ(l.a, 0);                                   /* one subleaf */
    CHECK(!(l.b & (BIT(1) | BIT(14))));                 /* TSC_ADJUST, MPX */
    CHECK(l.b & BIT(0));                                /* FSGSBASE */
    CHECK(!(l.c & (BIT(3) | BIT(16))));                 /* PKU, LA57 */
    CHECK(l.c & BIT(2));                                /* UMIP */
    CHECK(!(l.d & BIT(26)));                            /* IBRS/IBPB MSRs */
    CHECK(l.d & BIT(4));                                /* FSRM */
    CHECK_EQ(q(0x80000007, 0, 0).d, BIT(8));            /* invariant TSC only */
    CHECK_EQ(q(0x80000008, 0, 0).b, BIT(0) | BIT(2) | BIT(9));
    CHECK_EQ(q(0x80000008, 0, 0).a, 0x3030);
}

TEST(leaf_ranges)
{
    BUILD(intel_host, 1);
    CHECK_EQ(q(0, 0, 0).a, 0xd);                        /* capped */
    CHECK_EQ(q(0, 0, 0).b, 0x756e6547);                 /* vendor kept */
    CHECK(is_zero(q(0x1f, 0, 0)));
    CHECK(is_zero(q(0xe, 0, 0)));
    CHECK(is_zero(q(7, 1, 0)));
    CHECK(is_zero(q(0x40000006, 0, 0)));
    CHECK(is_zero(q(0x40000100, 0, 0)));
    CHECK(is_zero(q(0xc0000000, 0, 0)));
    CHECK(!(q(1, 0, 0).c & BIT(5)));                    /* VMX */
    BUILD(amd_host, 1);
    CHECK_EQ(q(0x80000000, 0, 0).a, 0x80000008);        /* capped */
    CHECK_EQ(q(0, 0, 0).a, 0xd);
    BUILD(qemu64_host, 1);
    CHECK_EQ(q(0, 0, 0).a, 0xd);
    CHECK_EQ(q(0x80000000, 0, 0).a, 0x80000008);
    CHECK(is_zero(q(0x8000000a, 0, 0)));
}

TEST(xen_leaves)
{
    struct cpuid_vcpu_view vv = { 3, 42, false };
    struct cpuid_leaf l;

    BUILD(amd_host, 4);
    l = q(0x40000000, 0, 0);
    CHECK_EQ(l.a, 0x40000005);
    CHECK(!memcmp(&l.b, "XenVMMXenVMM", 12));
    CHECK_EQ(q(0x40000001, 0, 0).a, (4 << 16) | 17);
    l = q(0x40000002, 0, 0);
    CHECK_EQ(l.a, 1);
    CHECK_EQ(l.b, 0x40000000);
    CHECK_EQ(l.c, 0);
    cpuid_policy_lookup(&pol, 0x40000004, 0, &vv, &l);
    CHECK_EQ(l.a, XEN_HVM_CPUID_IOMMU_MAPPINGS | XEN_HVM_CPUID_VCPU_ID_PRESENT |
                  XEN_HVM_CPUID_DOMID_PRESENT);
    CHECK_EQ(l.b, 3);
    CHECK_EQ(l.c, 42);
    cpuid_policy_lookup(&pol, 0x40000004, 1, &vv, &l);
    CHECK_EQ(l.a | l.b | l.c | l.d, 0);
    CHECK_EQ(q(0x40000005, 0, 0).b, 0);
    /* Time leaf: host TSC is invariant (0x80000007 EDX bit 8) and has RDTSCP. */
    l = q(0x40000003, 0, 0);
    CHECK_EQ(l.a, XEN_CPUID_HOST_TSC_RELIABLE | XEN_CPUID_RDTSCP_INSTR_AVAIL);
    CHECK_EQ(l.b, XEN_CPUID_TSC_MODE_DEFAULT);
    CHECK_EQ(l.c, 2500000);
    l = q(0x40000003, 1, 0);
    CHECK_EQ(l.a | l.b, 0);                                 /* no offset */
    /* 2.5 GHz: 0.4 ns per tick = mul_frac 0.8 (0xcccccccd) >> 1. */
    CHECK_EQ(l.d, (uint32_t)-1);
    CHECK(l.c >= 0xcccccccc && l.c <= 0xcccccccd);
    CHECK_EQ(q(0x40000003, 2, 0).a, 2500000);
    BUILD(qemu64_host, 1);                                  /* no invariant TSC, no RDTSCP */
    CHECK_EQ(q(0x40000003, 0, 0).a, 0);
}

static void check_topology(unsigned int nr, unsigned int shift)
{
    BUILD(amd_host, nr);
    for (unsigned int v = 0; v < nr; v++) {
        struct cpuid_leaf l1 = q(1, 0, v), b0 = q(0xb, 0, v), b1 = q(0xb, 1, v), b2 = q(0xb, 2, v);

        CHECK_EQ(l1.b >> 24, (2 * v) & 0xff);
        CHECK_EQ(b0.d, 2 * v);
        CHECK_EQ(b1.d, 2 * v);
        CHECK_EQ(b2.d, 2 * v);
    }
    CHECK_EQ((q(1, 0, 0).b >> 16) & 0xff, (1u << shift) > 0xff ? 0xff : 1u << shift);
    CHECK_EQ(q(0xb, 0, 0).a, 1);
    CHECK_EQ(q(0xb, 0, 0).b, 1);
    CHECK_EQ(q(0xb, 0, 0).c, 0x100);
    CHECK_EQ(q(0xb, 1, 0).a, shift);
    CHECK_EQ(q(0xb, 1, 0).b, nr);
    CHECK_EQ(q(0xb, 1, 0).c, 0x201);
    CHECK_EQ(q(0xb, 2, 0).a | q(0xb, 2, 0).b, 0);
    CHECK_EQ(q(0xb, 2, 0).c, 2);
    CHECK_EQ(q(0xb, 0x1ff, 0).c, 0xff);
    CHECK_EQ((q(0x80000008, 0, 0).c >> 12) & 0xf, shift);
    CHECK_EQ(q(0x80000008, 0, 0).c & 0xff, ((1u << shift) - 1) > 0xff ? 0xff : (1u << shift) - 1);
    CHECK_EQ(q(0x80000008, 0, 0).c & ~0xf0ffu, 0);
}

TEST(topology)
{
    check_topology(1, 1);
    check_topology(2, 2);
    check_topology(3, 3);
    check_topology(4, 3);
    check_topology(5, 4);
    check_topology(128, 8);
    BUILD(amd_host, 0);                                 /* bad input: treated as 1 */
    CHECK_EQ(q(0xb, 1, 0).b, 1);
}

TEST(intel_cache_leaf)
{
    BUILD(intel_host, 4);                               /* shift 3: 8 IDs, 4 cores */
    CHECK_EQ(q(4, 0, 0).a >> 26, 3);
    CHECK_EQ((q(4, 0, 0).a >> 14) & 0xfff, 1);          /* L1: one core */
    CHECK_EQ((q(4, 1, 0).a >> 14) & 0xfff, 1);
    CHECK_EQ((q(4, 2, 0).a >> 14) & 0xfff, 7);          /* L3: the package */
    CHECK_EQ(q(4, 2, 0).a & 0x3fff, 0x0163);
    CHECK_EQ(q(4, 2, 0).d, 6);
    CHECK_EQ(q(4, 3, 0).a, 0);                          /* end of list */
    CHECK_EQ(q(4, 9, 0).a, 0);
    BUILD(amd_host, 4);                                 /* AMD: no leaf 4 */
    CHECK_EQ(q(4, 0, 0).a, 0);
}

TEST(xsave_components)
{
    struct cpuid_leaf l;

    BUILD(amd_host, 1);                                 /* x87 SSE AVX MPX opmask ZMM_Hi256 PKRU: no Hi16_ZMM */
    l = q(0xd, 0, 0);
    CHECK_EQ(l.a, 0x7);                                 /* AVX-512 incomplete: dropped; MPX, PKRU never */
    CHECK_EQ(l.d, 0);
    CHECK_EQ(l.b, 832);
    CHECK_EQ(l.c, 832);
    l = q(0xd, 1, 0);
    CHECK_EQ(l.a, 0x7);                                 /* no XSAVES */
    CHECK_EQ(l.b | l.c | l.d, 0);
    CHECK_EQ(q(0xd, 2, 0).a, 256);
    CHECK_EQ(q(0xd, 2, 0).b, 576);
    CHECK_EQ(q(0xd, 3, 0).a, 0);
    CHECK_EQ(q(0xd, 9, 0).a, 0);
    CHECK_EQ(q(0xd, 63, 0).a, 0);
    CHECK(!(q(7, 0, 0).b & BIT(16)));                   /* AVX512F hidden with its state */
    CHECK(q(1, 0, 0).c & BIT(28));                      /* AVX kept */

    BUILD(intel_host, 1);                               /* full AVX-512 */
    l = q(0xd, 0, 0);
    CHECK_EQ(l.a, 0xe7);
    CHECK_EQ(l.c, 2688);
    CHECK_EQ(q(0xd, 7, 0).b, 1664);
    CHECK(q(7, 0, 0).b & BIT(16));
}

TEST(no_xsave_host)
{
    struct cpuid_leaf l;

    BUILD(qemu64_host, 2);
    l = q(0xd, 0, 0);
    CHECK_EQ(l.a | l.b | l.c | l.d, 0);
    l = q(1, 0, 0);
    CHECK(!(l.c & (BIT(26) | BIT(28))));
    CHECK(l.c & BIT(31));
    CHECK(l.c & BIT(21));
    CHECK(!(q(0x80000001, 0, 0).c & BIT(2)));           /* SVM */
    CHECK_EQ(l.b >> 24, 0);
    CHECK_EQ(q(1, 0, 1).b >> 24, 2);
}

TEST_MAIN()
