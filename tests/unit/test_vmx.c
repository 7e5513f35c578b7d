/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * VMX pure logic (xen/arch/x86/vmx/checks.c): controls against the
 * allowed-0/1 capability MSRs, access-rights conversion, CR fixed bits,
 * EPT violation decoding, the VPID pool, and the EPT entry format driven
 * through the shared p2m table walk (p2m_pt.c) on the test heap.
 */
#include "harness.h"
#include "mm_arena.h"
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/page.h>
#include <asm/p2m_pt.h>
#include "xen/arch/x86/vmx/checks.h"

TEST(ctl_adjust_allowed_settings)
{
    /* must be 1: bits 1,2,4; may be 1: bits 0-7 */
    uint64_t cap = ((uint64_t)0xff << 32) | 0x16;
    uint32_t out = 0xdead;

    CHECK_EQ(vmx_ctl_adjust(cap, 0x1, 0x20, &out), 0);
    CHECK_EQ(out, 0x37);                        /* forced + required + optional */
    /* An optional bit the CPU does not allow is simply dropped. */
    CHECK_EQ(vmx_ctl_adjust(cap, 0x1, 0x100, &out), 0);
    CHECK_EQ(out, 0x17);
    /* A required bit it does not allow: reported, *out untouched. */
    out = 0xdead;
    CHECK_EQ(vmx_ctl_adjust(cap, 0x300, 0, &out), 0x300);
    CHECK_EQ(out, 0xdead);
    /* TRUE_* style: nothing forced, everything allowed. */
    CHECK_EQ(vmx_ctl_adjust(0xffffffff00000000ull, 0x80000000u, 0, &out), 0);
    CHECK_EQ(out, 0x80000000u);
}

TEST(msr_bitmap_positions)
{
    unsigned int byte = 0, bit = 0;

    CHECK_EQ(vmx_msr_bitmap_pos(0, &byte, &bit), 0);
    CHECK_EQ(byte, 0);
    CHECK_EQ(bit, 0);
    CHECK_EQ(vmx_msr_bitmap_pos(0x176, &byte, &bit), 0);       /* SYSENTER_EIP */
    CHECK_EQ(byte, 0x176 / 8);
    CHECK_EQ(bit, 0x176 % 8);
    CHECK_EQ(vmx_msr_bitmap_pos(0x1fff, &byte, &bit), 0);
    CHECK_EQ(byte, 1023);
    CHECK_EQ(vmx_msr_bitmap_pos(0xc0000102, &byte, &bit), 0);  /* KERNEL_GS_BASE */
    CHECK_EQ(byte, 1024 + 0x102 / 8);
    CHECK_EQ(bit, 0x102 % 8);
    /* The write quarter of the last high MSR stays inside the page. */
    CHECK_EQ(vmx_msr_bitmap_pos(0xc0001fff, &byte, &bit), 0);
    CHECK(byte + VMX_MSR_BITMAP_WRITE < 4096);
    /* Outside both ranges: no bit, always intercepted. */
    CHECK_EQ(vmx_msr_bitmap_pos(0x2000, &byte, &bit), -1);
    CHECK_EQ(vmx_msr_bitmap_pos(0x40000000, &byte, &bit), -1);  /* hypercall page MSR */
    CHECK_EQ(vmx_msr_bitmap_pos(0xc0010000, &byte, &bit), -1);
    CHECK_EQ(vmx_msr_bitmap_pos(0xbfffffff, &byte, &bit), -1);
    CHECK_EQ(vmx_msr_bitmap_pos(0xffffffff, &byte, &bit), -1);
}

TEST(access_rights_conversion)
{
    /* 64-bit code (L, P, S, type 0xb) and flat 32-bit data (G, D/B). */
    CHECK_EQ(vmx_ar_from_attr(0xa9b), 0xa09b);
    CHECK_EQ(vmx_ar_from_attr(0xc93), 0xc093);
    CHECK_EQ(vmx_attr_from_ar(0xa09b), 0xa9b);
    CHECK_EQ(vmx_attr_from_ar(0xc093), 0xc93);
    /* Not present: unusable; unusable reads back as a null attr. */
    CHECK(vmx_ar_from_attr(0x0) & VMX_AR_UNUSABLE);
    CHECK(vmx_ar_from_attr(0x13) & VMX_AR_UNUSABLE);
    CHECK_EQ(vmx_attr_from_ar(VMX_AR_UNUSABLE | 0x93), 0);
    for (unsigned int a = 0; a < 0x1000; a++)
        if (a & 0x80)
            CHECK_EQ(vmx_attr_from_ar(vmx_ar_from_attr(a)), a);
}

TEST(cr_fixed_bits)
{
    /* Typical: CR0 fixed0 PE|NE|PG, fixed1 all; CR4 fixed0 VMXE. */
    CHECK_EQ(vmx_fix_cr(0x11, 0x80000021, 0xffffffff), 0x80000031);
    CHECK_EQ(vmx_fix_cr(0x20, 0x2000, 0x3767ff), 0x2020);
    CHECK_EQ(vmx_fix_cr(1ull << 23, 0x2000, 0x3767ff), 0x2000);   /* forbidden bit dropped */
}

TEST(ept_violation_to_npf)
{
    /* Write to a not-present page, final translation, linear address valid. */
    uint64_t ec = vmx_ept_qual_to_npf(EPT_QUAL_WRITE | EPT_QUAL_GLA_VALID | EPT_QUAL_FINAL);

    CHECK_EQ(ec & 1, 0);                        /* not present */
    CHECK(ec & 2);                              /* write */
    CHECK(ec & (1ull << 32));                   /* final address */
    /* Fetch from a present, read-only entry while walking guest tables. */
    ec = vmx_ept_qual_to_npf(EPT_QUAL_FETCH | (5u << 3) | EPT_QUAL_GLA_VALID);
    CHECK(ec & 1);
    CHECK(ec & (1ull << 4));
    CHECK(ec & (1ull << 33));
    CHECK_EQ(ec & 2, 0);
}

TEST(vpid_pool)
{
    static struct vpid_pool pool;
    uint16_t a = vpid_alloc(&pool), b = vpid_alloc(&pool);

    CHECK_EQ(a, 1);                             /* never the host's 0 */
    CHECK_EQ(b, 2);
    vpid_free(&pool, a);
    CHECK_EQ(vpid_alloc(&pool), 1);             /* reused after free */
    vpid_free(&pool, 0);                        /* ignored */
    vpid_free(&pool, VPID_MAX + 1);             /* ignored */
    for (unsigned int i = 3; i <= VPID_MAX; i++)
        CHECK_EQ(vpid_alloc(&pool), i);
    CHECK_EQ(vpid_alloc(&pool), 0);             /* exhausted */
    vpid_free(&pool, 77);
    CHECK_EQ(vpid_alloc(&pool), 77);
}

/* ---- EPT through the shared table walk -------------------------------- */

#define FRAMES 1024

static unsigned long table_alloc(struct p2m_pt *pt)
{
    void *va = alloc_xenheap_pages(0, MEMF_zero);

    (void)pt;
    return va ? arch_virt_to_mfn(va) : INVALID_MFN;
}

static void table_free(struct p2m_pt *pt, unsigned long mfn)
{
    (void)pt;
    free_xenheap_pages(arch_mfn_to_virt(mfn), 0);
}

static void ept_pt(struct p2m_pt *pt)
{
    static bool heap;

    if (!heap) {
        arena_setup(FRAMES);
        init_heap_pages(0, FRAMES);
        heap = true;
    }
    *pt = (struct p2m_pt){ .fmt = &p2m_pt_ept, .use_nx = true,
                           .alloc_table = table_alloc, .free_table = table_free };
    CHECK_EQ(p2m_pt_init(pt), 0);
}

TEST(ept_leaf_bits)
{
    struct p2m_pt pt = { .fmt = &p2m_pt_ept };
    uint64_t rw = p2m_pt_leaf_flags(&pt, p2m_ram_rw, 0);
    uint64_t ro = p2m_pt_leaf_flags(&pt, p2m_ram_ro, 0);
    uint64_t mmio = p2m_pt_leaf_flags(&pt, p2m_mmio_direct, 0);

    CHECK_EQ(rw & 7, EPT_R | EPT_W | EPT_X);
    CHECK_EQ((rw >> EPT_MT_SHIFT) & 7, EPT_MT_WB);
    CHECK_EQ(ro & 7, EPT_R | EPT_X);            /* never W without R (a misconfiguration) */
    CHECK_EQ(mmio & 7, EPT_R | EPT_W);          /* MMIO: no execute, uncached */
    CHECK_EQ((mmio >> EPT_MT_SHIFT) & 7, EPT_MT_UC);
    CHECK_EQ(p2m_pt_leaf_flags(&pt, p2m_ram_rw, P2M_ORDER_2M) & EPT_LARGE, EPT_LARGE);
    CHECK_EQ(p2m_pt_leaf_flags(&pt, p2m_ram_rw, 0) & EPT_LARGE, 0);
    CHECK_EQ((rw & P2M_TYPE_MASK) >> P2M_TYPE_SHIFT, p2m_ram_rw);
    CHECK_EQ(p2m_pt_leaf_flags(&pt, p2m_invalid, 0), 0);
    CHECK_EQ(p2m_pt_leaf_flags(&pt, (p2m_type_t)99, 0), 0);
    /* The NPT default is untouched. */
    pt.fmt = NULL;
    CHECK_EQ(p2m_pt_leaf_flags(&pt, p2m_ram_rw, 0) & _PAGE_PRESENT, _PAGE_PRESENT);
}

TEST(ept_tables_4k_2m_split_teardown)
{
    struct p2m_pt pt;
    struct p2m_pt_update u;
    p2m_type_t t;
    unsigned int order;
    uint64_t *root, *l3, *l2;

    ept_pt(&pt);
    CHECK_EQ(p2m_pt_set(&pt, 0x200, 0x400, P2M_ORDER_2M, p2m_ram_rw, &u), 0);
    CHECK_EQ(p2m_pt_set(&pt, 0x5, 0x77, 0, p2m_ram_ro, &u), 0);
    CHECK_EQ(pt.nr_tables, 4);                  /* root, L3, L2, L1 */
    /* Non-leaf entries are RWX with no memory type; the 2 MiB leaf has bit 7. */
    root = arch_mfn_to_virt(pt.root_mfn);
    CHECK_EQ(root[0] & 0xfff, EPT_R | EPT_W | EPT_X);
    l3 = arch_mfn_to_virt((root[0] & PADDR_MASK) >> PAGE_SHIFT);
    l2 = arch_mfn_to_virt((l3[0] & PADDR_MASK) >> PAGE_SHIFT);
    CHECK(l2[1] & EPT_LARGE);
    CHECK_EQ((l2[1] & PADDR_MASK) >> PAGE_SHIFT, 0x400);
    CHECK_EQ(l2[0] & (EPT_LARGE | 0xff8), 0);   /* a table: no large bit, no memory type */
    CHECK_EQ(p2m_pt_get(&pt, 0x234, &t, &order), 0x434);
    CHECK_EQ(t, p2m_ram_rw);
    CHECK_EQ(order, 9);
    CHECK_EQ(p2m_pt_get(&pt, 0x5, &t, &order), 0x77);
    CHECK_EQ(t, p2m_ram_ro);
    CHECK_EQ(p2m_pt_get(&pt, 0x6, &t, NULL), INVALID_MFN);
    /* 4 KiB change inside the 2 MiB page splits it; the rest keeps mapping. */
    CHECK_EQ(p2m_pt_set(&pt, 0x210, 0, 0, p2m_invalid, &u), 0);
    CHECK(u.flush);
    CHECK_EQ(pt.nr_tables, 5);
    CHECK_EQ(l2[1] & EPT_LARGE, 0);
    CHECK_EQ(p2m_pt_get(&pt, 0x210, NULL, NULL), INVALID_MFN);
    CHECK_EQ(p2m_pt_get(&pt, 0x211, &t, &order), 0x411);
    CHECK_EQ(order, 0);
    /* Mapping 2 MiB over it again unlinks the L1, freed after the flush. */
    CHECK_EQ(p2m_pt_set(&pt, 0x200, 0x600, P2M_ORDER_2M, p2m_ram_rw, &u), 0);
    CHECK(u.freed_table != INVALID_MFN);
    p2m_pt_release(&pt, &u);
    CHECK_EQ(pt.nr_tables, 4);
    /* Bad input. */
    CHECK_EQ(p2m_pt_set(&pt, 0x201, 0x600, P2M_ORDER_2M, p2m_ram_rw, &u), -EINVAL);
    CHECK_EQ(p2m_pt_set(&pt, 0x1, 0x1, 0, (p2m_type_t)99, &u), -EINVAL);
    CHECK_EQ(p2m_pt_set(&pt, P2M_MAX_GFN + 1, 0x1, 0, p2m_ram_rw, &u), -EINVAL);
    p2m_pt_destroy(&pt);                        /* BUGs unless every table came back */
    CHECK_EQ(pt.nr_tables, 0);
}

TEST_MAIN()
