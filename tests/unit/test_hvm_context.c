/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * VCPUOP_initialise's context check (xen/arch/x86/hvm/vcpu_context.c):
 * good 32- and 64-bit contexts, every rule of Xen's arch_set_info_hvm_guest
 * broken once, the VMRUN consistency rules we add, CR4 bits from CPUID.
 */
#include "harness.h"
#include <xen/errno.h>
#include <asm/cpuid_policy.h>
#include <asm/hvm.h>
#include <public/hvm/hvm_vcpu.h>

#define CR0_PE (1u << 0)
#define CR0_ET (1u << 4)
#define CR0_NW (1u << 29)
#define CR0_CD (1u << 30)
#define CR0_PG (1u << 31)
#define CR4_PAE (1u << 5)
#define CR4_SMEP (1u << 20)
#define EFER_SCE (1u << 0)
#define EFER_LME (1u << 8)
#define EFER_LMA (1u << 10)
#define EFER_NXE (1u << 11)
#define EFER_SVME (1u << 12)

static struct cpuid_policy pol;

/* A CPU with VME DE PSE TSC PAE PGE FXSR SSE, leaf 7 SMEP, SYSCALL NX LM. */
static void policy(bool smep, bool nx)
{
    memset(&pol, 0, sizeof(pol));
    pol.basic[0].a = 0xd;
    pol.basic[1].d = (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 6) |
                     (1u << 13) | (1u << 24) | (1u << 25);
    pol.basic[7].b = smep ? 1u << 7 : 0;
    pol.extd[0].a = 0x80000008;
    pol.extd[1].d = (1u << 11) | (1u << 29) | (nx ? 1u << 20 : 0);
}

static int check(const struct vcpu_hvm_context *c, struct hvm_vcpu_state *o, const char **why)
{
    return hvm_vcpu_context_check(c, &pol, o, why);
}

static struct vcpu_hvm_context ctx64(void)
{
    struct vcpu_hvm_context c = { .mode = VCPU_HVM_MODE_64B };

    c.cpu_regs.x86_64 = (struct vcpu_hvm_x86_64){
        .rip = 0xffffffff81000000ull, .rsp = 0x9000, .rsi = 7, .rflags = 0x202,
        .cr0 = CR0_PG | CR0_PE, .cr3 = 0x1000, .cr4 = CR4_PAE, .efer = EFER_LME };
    return c;
}

static struct vcpu_hvm_context ctx32(void)
{
    struct vcpu_hvm_context c = { .mode = VCPU_HVM_MODE_32B };
    struct vcpu_hvm_x86_32 *r = &c.cpu_regs.x86_32;

    r->eip = 0x100000;
    r->ebx = 0x1234;
    r->eflags = 0x2;
    r->cr0 = CR0_PE;
    r->cs_limit = r->ds_limit = r->ss_limit = r->es_limit = ~0u;
    r->cs_ar = 0xc9a;               /* G, D, P, S, code read */
    r->ds_ar = r->ss_ar = r->es_ar = 0xc92;
    r->tr_ar = 0x89;                /* P, available 32-bit TSS */
    r->tr_limit = 0x67;
    return c;
}

#define EXPECT_EINVAL(c) do {                                         \
        struct hvm_vcpu_state o_;                                     \
        const char *w_ = NULL;                                        \
        CHECK_EQ(check(&(c), &o_, &w_), -EINVAL);                     \
        CHECK(w_ != NULL);                                            \
    } while (0)

TEST(good_64bit)
{
    struct vcpu_hvm_context c = ctx64();
    struct hvm_vcpu_state o;
    const char *why = "x";

    policy(false, true);
    CHECK_EQ(check(&c, &o, &why), 0);
    CHECK(why == NULL);
    CHECK_EQ(o.regs.rip, 0xffffffff81000000ull);
    CHECK_EQ(o.regs.rsi, 7);
    CHECK_EQ(o.regs.rsp, 0x9000);
    CHECK_EQ(o.regs.rflags, 0x202);
    CHECK_EQ(o.efer, EFER_LME | EFER_LMA);
    CHECK_EQ(o.cr0, CR0_PG | CR0_PE | CR0_ET);
    CHECK_EQ(o.cs.attr, 0xa9b);
    CHECK_EQ(o.ss.attr, 0xc93);
    CHECK_EQ(o.tr.attr, 0x8b);
    CHECK_EQ(o.tr.limit, 0x67);
    /* RFLAGS: reserved bits dropped, bit 1 forced. */
    c.cpu_regs.x86_64.rflags = ~0ull;
    CHECK_EQ(check(&c, &o, NULL), 0);
    CHECK_EQ(o.regs.rflags, 0x3f7fd7);
}

TEST(bad_64bit)
{
    struct vcpu_hvm_context c;

    policy(false, true);
    c = ctx64(); c.cpu_regs.x86_64.rip = 0x0000800000000000ull; EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.cr0 = CR0_PE; EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.cr4 = 0; EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.efer = 0; EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.cr0 = CR0_PG; EXPECT_EINVAL(c);          /* PG without PE */
    c = ctx64(); c.cpu_regs.x86_64.cr0 |= CR0_NW; EXPECT_EINVAL(c);         /* NW without CD */
    c = ctx64(); c.cpu_regs.x86_64.cr0 |= 1ull << 32; EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.cr3 = 1ull << 52; EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.cr4 |= CR4_SMEP; EXPECT_EINVAL(c);       /* not offered */
    c = ctx64(); c.cpu_regs.x86_64.efer |= EFER_SVME; EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.efer |= 1ull << 20; EXPECT_EINVAL(c);    /* unknown */
    c = ctx64(); c.pad = 1; EXPECT_EINVAL(c);
    c = ctx64(); c.mode = 2; EXPECT_EINVAL(c);
    c = ctx64(); c.mode = 0xffffffff; EXPECT_EINVAL(c);
    /* CD+NW is allowed; NX only with the feature. */
    c = ctx64(); c.cpu_regs.x86_64.cr0 |= CR0_NW | CR0_CD;
    CHECK_EQ(check(&c, &(struct hvm_vcpu_state){ 0 }, NULL), 0);
    c = ctx64(); c.cpu_regs.x86_64.efer |= EFER_NXE | EFER_SCE;
    CHECK_EQ(check(&c, &(struct hvm_vcpu_state){ 0 }, NULL), 0);
    policy(true, false);
    EXPECT_EINVAL(c);
    c = ctx64(); c.cpu_regs.x86_64.cr4 |= CR4_SMEP;
    CHECK_EQ(check(&c, &(struct hvm_vcpu_state){ 0 }, NULL), 0);
}

TEST(good_32bit)
{
    struct vcpu_hvm_context c = ctx32();
    struct hvm_vcpu_state o;

    policy(false, true);
    CHECK_EQ(check(&c, &o, NULL), 0);
    CHECK_EQ(o.cs.attr, 0xc9b);     /* accessed bit set */
    CHECK_EQ(o.ds.attr, 0xc93);
    CHECK_EQ(o.tr.attr, 0x8b);      /* busy */
    CHECK_EQ(o.cs.sel, 0);
    CHECK_EQ(o.cs.limit, ~0u);
    CHECK_EQ(o.regs.rip, 0x100000);
    CHECK_EQ(o.regs.rbx, 0x1234);
    CHECK_EQ(o.cr0, CR0_PE | CR0_ET);
    CHECK_EQ(o.efer, 0);
    /* Null DS and ES are fine. */
    c.cpu_regs.x86_32.ds_ar = c.cpu_regs.x86_32.es_ar = 0;
    CHECK_EQ(check(&c, &o, NULL), 0);
    CHECK_EQ(o.ds.attr, 0);
    /* Readable code in DS. */
    c = ctx32(); c.cpu_regs.x86_32.ds_ar = 0xc9a;
    CHECK_EQ(check(&c, &o, NULL), 0);
    /* Real-mode-like 16-bit segments with the EIP inside a byte-granular limit. */
    c = ctx32();
    c.cpu_regs.x86_32.cs_limit = 0xffff;
    c.cpu_regs.x86_32.cs_ar = 0x9b;
    c.cpu_regs.x86_32.eip = 0xffff;
    CHECK_EQ(check(&c, &o, NULL), 0);
    /* Page granularity: limit 0xf covers 0xffff. */
    c = ctx32(); c.cpu_regs.x86_32.cs_limit = 0xf; c.cpu_regs.x86_32.eip = 0xffff;
    CHECK_EQ(check(&c, &o, NULL), 0);
}

TEST(long_mode_from_32bit)
{
    struct vcpu_hvm_context c = ctx32();
    struct hvm_vcpu_state o;

    policy(false, true);
    /* LME without paging: long mode enabled, not active (no LMA). */
    c.cpu_regs.x86_32.efer = EFER_LME;
    CHECK_EQ(check(&c, &o, NULL), 0);
    CHECK_EQ(o.efer, EFER_LME);
    /* With paging and PAE: compatibility mode, LMA set. */
    c.cpu_regs.x86_32.cr0 = CR0_PE | CR0_PG;
    c.cpu_regs.x86_32.cr4 = CR4_PAE;
    CHECK_EQ(check(&c, &o, NULL), 0);
    CHECK_EQ(o.efer, EFER_LME | EFER_LMA);
    /* ... without PAE VMRUN would refuse it. */
    c.cpu_regs.x86_32.cr4 = 0;
    EXPECT_EINVAL(c);
    /* CS.L and CS.D together in long mode. */
    c.cpu_regs.x86_32.cr4 = CR4_PAE;
    c.cpu_regs.x86_32.cs_ar = 0xe9a;
    EXPECT_EINVAL(c);
    /* LMA without LME. */
    c = ctx32(); c.cpu_regs.x86_32.efer = EFER_LMA; EXPECT_EINVAL(c);
}

TEST(bad_32bit)
{
    struct vcpu_hvm_context c;

    policy(false, true);
    c = ctx32(); c.cpu_regs.x86_32.pad1 = 1; EXPECT_EINVAL(c);
    c = ctx32(); c.cpu_regs.x86_32.pad2[2] = 1; EXPECT_EINVAL(c);
    c = ctx32(); c.cpu_regs.x86_32.cs_ar = 0; EXPECT_EINVAL(c);             /* null CS */
    c = ctx32(); c.cpu_regs.x86_32.ss_ar = 0; EXPECT_EINVAL(c);             /* null SS */
    c = ctx32(); c.cpu_regs.x86_32.tr_ar = 0; EXPECT_EINVAL(c);             /* null TR */
    c = ctx32(); c.cpu_regs.x86_32.cs_ar |= 0x1000; EXPECT_EINVAL(c);       /* pad bits */
    c = ctx32(); c.cpu_regs.x86_32.tr_ar = 0x9b; EXPECT_EINVAL(c);          /* code as TR */
    c = ctx32(); c.cpu_regs.x86_32.tr_ar = 0x81; EXPECT_EINVAL(c);          /* 16-bit TSS */
    c = ctx32(); c.cpu_regs.x86_32.tr_ar = 0x09; EXPECT_EINVAL(c);          /* not present */
    c = ctx32(); c.cpu_regs.x86_32.cs_ar = 0xc8b; EXPECT_EINVAL(c);         /* system as CS */
    c = ctx32(); c.cpu_regs.x86_32.cs_ar = 0xc92; EXPECT_EINVAL(c);         /* data as CS */
    c = ctx32(); c.cpu_regs.x86_32.cs_ar = 0xc1a; EXPECT_EINVAL(c);         /* not present */
    c = ctx32(); c.cpu_regs.x86_32.ss_ar = 0xc9a; EXPECT_EINVAL(c);         /* code as SS */
    c = ctx32(); c.cpu_regs.x86_32.ss_ar = 0xc90; EXPECT_EINVAL(c);         /* read-only SS */
    c = ctx32(); c.cpu_regs.x86_32.ds_ar = 0xc98; EXPECT_EINVAL(c);         /* exec-only DS */
    c = ctx32(); c.cpu_regs.x86_32.es_ar = 0xc98; EXPECT_EINVAL(c);
    c = ctx32(); c.cpu_regs.x86_32.cs_ar = 0x9b; c.cpu_regs.x86_32.cs_limit = 0xffff;
    c.cpu_regs.x86_32.eip = 0x10000; EXPECT_EINVAL(c);                      /* beyond limit */
    c = ctx32(); c.cpu_regs.x86_32.ss_ar = 0xcf2; EXPECT_EINVAL(c);         /* SS.DPL 3 */
    c = ctx32(); c.cpu_regs.x86_32.cs_ar = 0xcfa; c.cpu_regs.x86_32.ss_ar = 0xcf2;
    c.cpu_regs.x86_32.tr_ar = 0x89;
    CHECK_EQ(check(&c, &(struct hvm_vcpu_state){ 0 }, NULL), 0);            /* ring 3 start */
    c.cpu_regs.x86_32.ds_ar = 0xc92;                                        /* DS.DPL 0 <= 3 */
    CHECK_EQ(check(&c, &(struct hvm_vcpu_state){ 0 }, NULL), 0);
    c = ctx32(); c.cpu_regs.x86_32.ds_ar = 0xcf2; EXPECT_EINVAL(c);         /* DS.DPL > CS.DPL */
    c = ctx32(); c.cpu_regs.x86_32.es_ar = 0xcf2; EXPECT_EINVAL(c);
    c = ctx32(); c.cpu_regs.x86_32.cr0 = CR0_PG; EXPECT_EINVAL(c);          /* PG without PE */
    c = ctx32(); c.cpu_regs.x86_32.cr4 = 1u << 13; EXPECT_EINVAL(c);        /* VMXE */
}

TEST(cr4_valid_bits)
{
    policy(false, false);
    uint64_t v = hvm_cr4_valid_bits(&pol);

    CHECK_EQ(v & 0x3ff, 0x3ff & ~(1u << 6));    /* VME..OSXMMEXCPT, no MCE */
    CHECK(!(v & CR4_SMEP));
    pol.basic[7].b = 1u << 7;
    CHECK(hvm_cr4_valid_bits(&pol) & CR4_SMEP);
    pol.basic[0].a = 1;                         /* leaf 7 beyond the max leaf */
    CHECK(!(hvm_cr4_valid_bits(&pol) & CR4_SMEP));
    memset(&pol, 0, sizeof(pol));
    CHECK_EQ(hvm_cr4_valid_bits(&pol), 1u << 8);    /* PCE only */
    pol.basic[0].a = 1;
    pol.basic[1].d = 1u << 14;                  /* MCA -> MCE */
    CHECK_EQ(hvm_cr4_valid_bits(&pol), (1u << 8) | (1u << 6));
}

TEST_MAIN()
