/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* SVM pure logic (xen/arch/x86/svm/checks.c) and the VMCB layout. */
#include "harness.h"
#include <asm/domain.h>
#include "xen/arch/x86/svm/checks.h"
#include "xen/arch/x86/svm/vmcb.h"      /* its _Static_asserts run here too */

TEST(msrpm_positions)
{
    CHECK_EQ(msrpm_bit(0), 0);
    CHECK_EQ(msrpm_bit(0x1fff), 2 * 0x1fff);
    CHECK_EQ(msrpm_bit(0x174), 2 * 0x174);                 /* SYSENTER_CS */
    CHECK_EQ(msrpm_bit(0xc0000080), 0x800 * 8 + 2 * 0x80);  /* EFER */
    CHECK_EQ(msrpm_bit(0xc0000102), 0x800 * 8 + 2 * 0x102); /* KERNEL_GS_BASE */
    CHECK_EQ(msrpm_bit(0xc0010117), 0x1000 * 8 + 2 * 0x117);
    /* Outside the three ranges: no bit (always intercepted). */
    CHECK_EQ(msrpm_bit(0x2000), -1);
    CHECK_EQ(msrpm_bit(0x40000000), -1);                   /* hypercall MSR */
    CHECK_EQ(msrpm_bit(0xc0002000), -1);
    CHECK_EQ(msrpm_bit(0xbfffffff), -1);
    CHECK_EQ(msrpm_bit(0xc0012000), -1);
    CHECK_EQ(msrpm_bit(0xffffffff), -1);
    /* The last write bit stays inside the 6 KiB the ranges use. */
    CHECK(msrpm_bit(0xc0011fff) + 1 < 0x1800 * 8);
}

TEST(asid_pool_generations)
{
    struct asid_pool pool;
    uint32_t asid;
    uint64_t gen;

    asid_pool_init(&pool, 4);                   /* ASIDs 1..3 */
    CHECK(!asid_pool_take(&pool, &asid, &gen));
    CHECK_EQ(asid, 1);
    CHECK_EQ(gen, 1);
    CHECK(!asid_pool_take(&pool, &asid, &gen));
    CHECK(!asid_pool_take(&pool, &asid, &gen));
    CHECK_EQ(asid, 3);
    /* Exhausted: new generation, whole-TLB flush, never ASID 0. */
    CHECK(asid_pool_take(&pool, &asid, &gen));
    CHECK_EQ(asid, 1);
    CHECK_EQ(gen, 2);
    CHECK(gen != 0);
}

TEST(asid_pool_degenerate)
{
    struct asid_pool pool;
    uint32_t asid;
    uint64_t gen;

    /* No guest ASID at all (svm_probe refuses such a CPU): a BUG, not ASID 0 or 1. */
    asid_pool_init(&pool, 1);
    EXPECT_BUG(asid_pool_take(&pool, &asid, &gen));
    asid_pool_init(&pool, 0);
    EXPECT_BUG(asid_pool_take(&pool, &asid, &gen));
}

TEST(exit_slots)
{
    CHECK_EQ(svm_exit_slot(0x72), 0x72);                   /* CPUID */
    CHECK_EQ(svm_exit_slot(0x400), SVM_SLOT_HIGH);         /* NPF */
    CHECK_EQ(svm_exit_slot(0x403), SVM_SLOT_HIGH + 3);     /* VMGEXIT */
    CHECK_EQ(svm_exit_slot(~0ull), SVM_SLOT_OTHER);        /* VMEXIT_INVALID */
    CHECK_EQ(svm_exit_slot(0x3f0), SVM_SLOT_OTHER);        /* undefined codes */
    CHECK_EQ(svm_exit_slot(0x40f), SVM_SLOT_OTHER);
    CHECK_EQ(svm_exit_slot(1ull << 40), SVM_SLOT_OTHER);
    for (uint64_t code = 0; code < 0x1000; code++)
        CHECK(svm_exit_slot(code) < NR_EXIT_COUNTERS);
    CHECK_EQ(svm_slot_code(0x7f), 0x7f);
    CHECK_EQ(svm_slot_code(SVM_SLOT_HIGH), 0x400);
    CHECK_EQ(svm_slot_code(SVM_SLOT_OTHER), ~0ull);
}

#define SCE (1ull << 0)
#define LME (1ull << 8)
#define LMA (1ull << 10)
#define NXE (1ull << 11)
#define SVME (1ull << 12)
#define ALL (SCE | LME | LMA | NXE)

TEST(efer_writes)
{
    CHECK(efer_write_valid(0, SCE | LME | NXE, 0, ALL));
    CHECK(!efer_write_valid(0, SVME, 0, ALL));             /* SVM is not offered */
    CHECK(!efer_write_valid(0, 1ull << 14, 0, ALL));       /* FFXSR: not offered */
    CHECK(!efer_write_valid(0, 1ull << 63, 0, ALL));
    CHECK(!efer_write_valid(0, NXE, 0, ALL & ~NXE));       /* host without NX */
    /* LME cannot change with paging on. */
    CHECK(!efer_write_valid(0, LME, CR0_PG_BIT, ALL));
    CHECK(!efer_write_valid(LME | LMA, LMA, CR0_PG_BIT, ALL));
    CHECK(efer_write_valid(LME | LMA, LME | LMA | NXE, CR0_PG_BIT, ALL));
    /* LMA is read-only: writes keep the old value. */
    CHECK_EQ(efer_after_write(LME | LMA, LME), LME | LMA);
    CHECK_EQ(efer_after_write(LME, LME | LMA), LME);
}

TEST(pat_values)
{
    CHECK(pat_valid(0x0007040600070406ull));               /* reset value */
    CHECK(pat_valid(0x0505050505050505ull));               /* WP */
    CHECK(pat_valid(0));
    CHECK(!pat_valid(0x0007040600070402ull));              /* type 2 reserved */
    CHECK(!pat_valid(0x0307040600070406ull));              /* type 3 reserved */
    CHECK(!pat_valid(0x0807040600070406ull));              /* > 7 */
    CHECK(!pat_valid(0xff07040600070406ull));
}

TEST(xcr0_values)
{
    uint64_t host = XSTATE_X87 | XSTATE_SSE | XSTATE_YMM;

    CHECK(xcr0_valid(XSTATE_X87, host));
    CHECK(xcr0_valid(XSTATE_X87 | XSTATE_SSE, host));
    CHECK(xcr0_valid(host, host));
    CHECK(!xcr0_valid(0, host));                            /* x87 is mandatory */
    CHECK(!xcr0_valid(XSTATE_SSE, host));
    CHECK(!xcr0_valid(XSTATE_X87 | XSTATE_YMM, host));      /* AVX needs SSE */
    CHECK(!xcr0_valid(host | XSTATE_AVX512, host));         /* not on this host */
    host |= XSTATE_AVX512;
    CHECK(xcr0_valid(host, host));
    CHECK(!xcr0_valid(host & ~XSTATE_OPMASK, host));        /* AVX-512 all or none */
    CHECK(!xcr0_valid(XSTATE_X87 | XSTATE_SSE | XSTATE_AVX512, host)); /* needs AVX */
}

TEST(fxsave_x87_initial_state)
{
    uint8_t fx[512] __attribute__((aligned(16)));
    /* byte offsets that each make the x87 part non-initial */
    static const unsigned int x87_bytes[] = {
        0, 1,           /* FCW */
        2, 3,           /* FSW */
        4,              /* FTW (abridged) */
        6, 7,           /* FOP */
        8, 15,          /* FIP */
        16, 23,         /* FDP */
        32, 41, 48, 159 /* ST0 mantissa and exponent, ST1, ST7's last byte */
    };

    memset(fx, 0, sizeof(fx));
    fx[0] = 0x7f;
    fx[1] = 0x03;                                   /* FCW 0x37f: FNINIT */
    CHECK(fxsave_x87_initial(fx));
    fx[24] = 0x80;
    fx[25] = 0x1f;                                  /* MXCSR: not x87 */
    memset(fx + 160, 0xa5, 512 - 160);              /* XMM and the rest */
    CHECK(fxsave_x87_initial(fx));
    for (unsigned int i = 0; i < sizeof(x87_bytes) / sizeof(x87_bytes[0]); i++) {
        uint8_t saved = fx[x87_bytes[i]];

        fx[x87_bytes[i]] ^= 0x40;
        CHECK(!fxsave_x87_initial(fx));
        fx[x87_bytes[i]] = saved;
    }
    CHECK(fxsave_x87_initial(fx));
    fx[0] = 0;                                      /* FCW 0x300: not initial */
    CHECK(!fxsave_x87_initial(fx));
}

TEST(vmcb_layout)
{
    CHECK_EQ(sizeof(struct vmcb), 4096);
    CHECK_EQ(__builtin_offsetof(struct vmcb, exitcode), 0x70);
    CHECK_EQ(__builtin_offsetof(struct vmcb, rax), 0x5f8);
}

TEST_MAIN()
