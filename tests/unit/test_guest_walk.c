/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The guest page-table walker (xen/arch/x86/guest_walk.c) in every paging
 * mode, and guest memory access through the p2m (p2m_copy.c, guest_copy.c):
 * large pages, permissions, reserved bits, non-canonical addresses, tables
 * outside RAM, non-RAM types, page-crossing copies.
 */
#include "harness.h"
#include "mm_arena.h"
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>
#include <asm/guest_walk.h>
#include <asm/hvm.h>
#include <asm/p2m.h>

#define P   (1ULL << 0)
#define RW  (1ULL << 1)
#define US  (1ULL << 2)
#define PS  (1ULL << 7)
#define NX  (1ULL << 63)
#define ALL (P | RW | US)

/* ---- Fake guest RAM for the bare walker: gpa [0, RAM_SIZE) ---- */
#define RAM_PAGES 64
#define RAM_SIZE  (RAM_PAGES * 4096ULL)
static uint8_t ram[RAM_SIZE];
static uint64_t next_page;          /* bump allocator for tables */
static unsigned int reads;

static int fake_read(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val)
{
    (void)ctx;
    reads++;
    if (gpa + size > RAM_SIZE || (size != 4 && size != 8))
        return -EFAULT;
    *val = 0;
    memcpy(val, ram + gpa, size);
    return 0;
}

static void fake_write(uint64_t gpa, uint64_t val, unsigned int size)
{
    memcpy(ram + gpa, &val, size);
}

static void (*wr)(uint64_t gpa, uint64_t val, unsigned int size) = fake_write;

static uint64_t new_table(void)
{
    uint64_t pa = next_page;

    next_page += 4096;
    return pa;
}

/* A page-table layout to build: entry size, index bits, levels. */
struct layout { unsigned int esz, bits, levels; };
static const struct layout LM = { 8, 9, 4 }, PAE = { 8, 9, 2 }, TWO = { 4, 10, 2 };

/* Read back an entry of our own tables (from the fake RAM or the p2m). */
static uint64_t (*rd)(uint64_t gpa, unsigned int size);
static uint64_t fake_rd(uint64_t gpa, unsigned int size)
{
    uint64_t v = 0;

    memcpy(&v, ram + gpa, size);
    return v;
}

/*
 * Map @va -> @pa with a leaf at @leaf_level carrying @leaf_flags; tables
 * on the way get @tflags (when newly created).  @top is the top table.
 */
static void map(const struct layout *l, uint64_t top, uint64_t va, uint64_t pa,
                unsigned int leaf_level, uint64_t leaf_flags, uint64_t tflags)
{
    uint64_t table = top;

    for (unsigned int level = l->levels; ; level--) {
        unsigned int shift = 12 + l->bits * (level - 1);
        uint64_t slot = table + ((va >> shift) & ((1ULL << l->bits) - 1)) * l->esz;
        uint64_t e = rd(slot, l->esz);

        if (level == leaf_level) {
            wr(slot, pa | leaf_flags, l->esz);
            return;
        }
        if (!(e & P)) {
            e = new_table() | tflags;
            wr(slot, e, l->esz);
        }
        table = e & (l->esz == 8 ? 0x000ffffffffff000ULL : 0xfffff000ULL);
    }
}

static struct guest_paging pg;

static void reset(uint64_t cr0, uint64_t cr4, uint64_t efer)
{
    memset(ram, 0, sizeof(ram));
    next_page = 0x1000;
    reads = 0;
    rd = fake_rd;
    wr = fake_write;
    pg = (struct guest_paging){ .cr0 = cr0 | 1, .cr4 = cr4, .efer = efer };
    pg.cr3 = new_table();
}

static int xlate(uint64_t va, uint32_t pfec, uint64_t *gpa)
{
    *gpa = ~0ULL;
    return guest_walk(&pg, va, pfec, fake_read, NULL, gpa);
}

#define CHECK_XLATE(va, pfec, want)                                   \
    do {                                                              \
        uint64_t g_;                                                  \
        CHECK_EQ(xlate((va), (pfec), &g_), 0);                        \
        CHECK_EQ(g_, (want));                                         \
    } while (0)
#define CHECK_FAULT(va, pfec)                                         \
    do {                                                              \
        uint64_t g_;                                                  \
        CHECK_EQ(xlate((va), (pfec), &g_), -EFAULT);                  \
    } while (0)

#define PG  GUEST_CR0_PG
#define WP  GUEST_CR0_WP
#define LONG_MODE() reset(PG | WP, GUEST_CR4_PAE, GUEST_EFER_LMA | GUEST_EFER_NXE)

TEST(paging_off)
{
    reset(0, 0, 0);
    CHECK_XLATE(0x12345678, 0, 0x12345678);
    CHECK_XLATE(0xffffffff, PFEC_write | PFEC_user | PFEC_insn_fetch, 0xffffffff);
    CHECK_FAULT(0x100000000ULL, 0);
    CHECK_EQ(reads, 0);                             /* no tables read */
}

TEST(two_level_4k_and_4m)
{
    reset(PG, GUEST_CR4_PSE, 0);
    map(&TWO, pg.cr3, 0x00403000, 0x7000, 1, ALL, ALL);
    CHECK_XLATE(0x00403abc, PFEC_write | PFEC_user, 0x7abc);
    CHECK_FAULT(0x00404000, 0);                     /* next PTE empty */
    CHECK_FAULT(0x00800000, 0);                     /* no PDE */
    /* 4 MiB page with PSE-36 bits: entry bits 20-13 are address bits 39-32. */
    map(&TWO, pg.cr3, 0xc0000000, 0x12c00000 | (0x3ULL << 13), 2, ALL | PS, ALL);
    CHECK_XLATE(0xc0123456, 0, 0x312d23456ULL);
    /* Bit 21 of a 4 MiB entry is reserved. */
    map(&TWO, pg.cr3, 0x80000000, 0x400000 | (1ULL << 21), 2, ALL | PS, ALL);
    CHECK_FAULT(0x80000000, 0);
    CHECK_FAULT(0x1c0000000ULL, 0);                 /* beyond 32 bits */
    /* Without CR4.PSE the PS bit is ignored: the entry points to a table. */
    pg.cr4 = 0;
    map(&TWO, pg.cr3, 0x01000000, 0x5000, 2, ALL | PS, ALL);
    wr(0x5000 + 4 * 3, 0x9000 | ALL, 4);
    CHECK_XLATE(0x01003010, 0, 0x9010);
}

TEST(pae_4k_and_2m)
{
    reset(PG | WP, GUEST_CR4_PAE, GUEST_EFER_NXE);
    pg.cr3 = 0x20 + 0x3000;                        /* 32-byte aligned PDPT */
    next_page = 0x4000;
    wr(pg.cr3 + 8 * 2, new_table() | P, 8);        /* PDPTE for 2-3 GiB */
    map(&PAE, 0x4000, 0x80201000, 0x6000, 1, ALL, ALL);
    CHECK_XLATE(0x80201fff, PFEC_write | PFEC_user, 0x6fff);
    map(&PAE, 0x4000, 0x80400000, 0x40000000, 2, ALL | PS, ALL);
    CHECK_XLATE(0x805fffff, 0, 0x401fffff);
    CHECK_FAULT(0x40000000, 0);                    /* PDPTE 1 not present */
    /* PDPTE reserved bits (RW/US are reserved there). */
    wr(pg.cr3 + 8 * 2, 0x4000 | P | RW, 8);
    CHECK_FAULT(0x80201000, 0);
    wr(pg.cr3 + 8 * 2, 0x4000 | P, 8);
    /* NX with EFER.NXE: data fine, fetch faults; without NXE, bit 63 is reserved. */
    map(&PAE, 0x4000, 0x80202000, 0x8000, 1, ALL | NX, ALL);
    CHECK_XLATE(0x80202000, 0, 0x8000);
    CHECK_FAULT(0x80202000, PFEC_insn_fetch);
    CHECK_XLATE(0x80201000, PFEC_insn_fetch, 0x6000);
    pg.efer = 0;
    CHECK_FAULT(0x80202000, 0);
    CHECK_XLATE(0x80201000, 0, 0x6000);
    /* Reserved bits 13-20 of a 2 MiB leaf. */
    pg.efer = GUEST_EFER_NXE;
    map(&PAE, 0x4000, 0x80600000, 0x40200000 | (1ULL << 13), 2, ALL | PS, ALL);
    CHECK_FAULT(0x80600000, 0);
    CHECK_FAULT(0x100000000ULL, 0);
}

TEST(long_mode_4k_2m_1g)
{
    LONG_MODE();
    map(&LM, pg.cr3, 0xffff800000123000ULL, 0x9000, 1, ALL, ALL);
    CHECK_XLATE(0xffff800000123456ULL, PFEC_write, 0x9456);
    map(&LM, pg.cr3, 0x00007f0000200000ULL, 0x12345600000ULL, 2, ALL | PS, ALL);
    CHECK_XLATE(0x00007f00003fffffULL, PFEC_user, 0x123457fffffULL);
    map(&LM, pg.cr3, 0x0000004080000000ULL, 0x4c0000000ULL, 3, ALL | PS, ALL);
    CHECK_XLATE(0x00000040bfffffffULL, PFEC_user | PFEC_write, 0x4ffffffffULL);
    /* Reserved bits: 2 MiB leaf bit 13, 1 GiB leaf bit 29, PS in the L4, NX without NXE. */
    map(&LM, pg.cr3, 0x40000000ULL, 0x200000 | (1ULL << 13), 2, ALL | PS, ALL);
    CHECK_FAULT(0x40000000ULL, 0);
    map(&LM, pg.cr3, 0x80000000ULL, 0x40000000 | (1ULL << 29), 3, ALL | PS, ALL);
    CHECK_FAULT(0x80000000ULL, 0);
    map(&LM, pg.cr3, 0x0000010000000000ULL, 0x0, 4, ALL | PS, ALL);
    CHECK_FAULT(0x0000010000000000ULL, 0);
    map(&LM, pg.cr3, 0x1000, 0xa000, 1, ALL | NX, ALL);
    CHECK_XLATE(0x1000, 0, 0xa000);
    pg.efer = GUEST_EFER_LMA;
    CHECK_FAULT(0x1000, 0);
    pg.efer = GUEST_EFER_LMA | GUEST_EFER_NXE;
    /* Not present at each level. */
    CHECK_FAULT(0x0000600000000000ULL, 0);
    CHECK_FAULT(0xffff800040000000ULL, 0);
    CHECK_FAULT(0xffff800000400000ULL, 0);
    CHECK_FAULT(0xffff800000124000ULL, 0);
}

TEST(long_mode_non_canonical_and_la57)
{
    LONG_MODE();
    map(&LM, pg.cr3, 0x00007ffffffff000ULL, 0x9000, 1, ALL, ALL);
    CHECK_XLATE(0x00007ffffffff000ULL, 0, 0x9000);
    CHECK_FAULT(0x0000800000000000ULL, 0);
    CHECK_FAULT(0x8000000000000000ULL, 0);
    CHECK_FAULT(0xffff7fffffffffffULL, 0);
    CHECK_FAULT(0x00017ffffffff000ULL, 0);          /* aliases the good one */
    pg.cr4 |= GUEST_CR4_LA57;
    CHECK_FAULT(0x00007ffffffff000ULL, 0);
}

TEST(permissions)
{
    LONG_MODE();
    map(&LM, pg.cr3, 0x1000, 0x9000, 1, P | RW, ALL);          /* supervisor page */
    map(&LM, pg.cr3, 0x2000, 0xa000, 1, P | US, ALL);          /* read-only user page */
    CHECK_XLATE(0x1000, PFEC_write, 0x9000);
    CHECK_FAULT(0x1000, PFEC_user);
    CHECK_FAULT(0x1000, PFEC_user | PFEC_write);
    CHECK_XLATE(0x2000, PFEC_user, 0xa000);
    CHECK_FAULT(0x2000, PFEC_user | PFEC_write);
    CHECK_FAULT(0x2000, PFEC_write);                            /* CR0.WP */
    pg.cr0 &= ~WP;
    CHECK_XLATE(0x2000, PFEC_write, 0xa000);                    /* supervisor, no WP */
    CHECK_FAULT(0x2000, PFEC_user | PFEC_write);
    pg.cr0 |= WP;
    /* Rights are the AND over all levels: RW or US missing in an upper table. */
    map(&LM, pg.cr3, 0x0000008000001000ULL, 0xb000, 1, ALL, P | US);
    CHECK_XLATE(0x0000008000001000ULL, PFEC_user, 0xb000);
    CHECK_FAULT(0x0000008000001000ULL, PFEC_user | PFEC_write);
    map(&LM, pg.cr3, 0x0000010000001000ULL, 0xc000, 1, ALL, P | RW);
    CHECK_XLATE(0x0000010000001000ULL, PFEC_write, 0xc000);
    CHECK_FAULT(0x0000010000001000ULL, PFEC_user);
    /* NX in an upper table; SMEP for supervisor fetches from user pages. */
    map(&LM, pg.cr3, 0x0000018000001000ULL, 0xd000, 1, ALL, ALL | NX);
    CHECK_XLATE(0x0000018000001000ULL, PFEC_user, 0xd000);
    CHECK_FAULT(0x0000018000001000ULL, PFEC_user | PFEC_insn_fetch);
    CHECK_XLATE(0x2000, PFEC_insn_fetch, 0xa000);
    pg.cr4 |= GUEST_CR4_SMEP;
    CHECK_FAULT(0x2000, PFEC_insn_fetch);
    CHECK_XLATE(0x2000, PFEC_insn_fetch | PFEC_user, 0xa000);
    CHECK_XLATE(0x1000, PFEC_insn_fetch, 0x9000);
}

TEST(tables_outside_ram)
{
    LONG_MODE();
    pg.cr3 = RAM_SIZE + 0x1000;
    CHECK_FAULT(0x1000, 0);
    LONG_MODE();
    wr(pg.cr3, (RAM_SIZE + 0x5000) | ALL, 8);      /* L4 -> L3 beyond RAM */
    CHECK_FAULT(0x1000, 0);
    reset(PG, GUEST_CR4_PAE, 0);
    pg.cr3 = RAM_SIZE;                              /* PDPT outside RAM */
    CHECK_FAULT(0xc0000000, 0);
}

/* ---- The whole stack: p2m-backed guest RAM and hvm_ops->get_paging ---- */
#define FRAMES 4096
static struct domain dom;
static struct vcpu vcpu = { .domain = &dom };
static struct guest_paging stack_pg;
static void test_get_paging(struct vcpu *v, struct guest_paging *p) { (void)v; *p = stack_pg; }
static const struct hvm_vendor_ops test_ops = { .name = "test", .get_paging = test_get_paging };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static void p2m_write(uint64_t gpa, uint64_t val, unsigned int size)
{
    CHECK_EQ(copy_to_guest_phys(&dom, gpa, &val, size), 0);
}

static uint64_t p2m_rd(uint64_t gpa, unsigned int size)
{
    uint64_t v = 0;

    CHECK_EQ(copy_from_guest_phys(&dom, &v, gpa, size), 0);
    return v;
}

/* 32 frames of guest RAM at gfn 0-31 (gfn 8 read-only), MMIO at gfn 40. */
static void stack_setup(void)
{
    static bool heap;
    struct page_info *pg32;

    if (!heap) {
        arena_setup(FRAMES);
        init_heap_pages(0, FRAMES);
        heap = true;
    }
    memset(&dom, 0, sizeof(dom));
    CHECK_EQ(p2m_init(&dom), 0);
    pg32 = alloc_pages(5);
    CHECK(pg32 != NULL);
    memset(page_to_virt(pg32), 0, 32 * 4096);
    for (unsigned int i = 0; i < 32; i++)
        CHECK_EQ(p2m_set_entry(&dom, i, page_to_mfn(pg32) + i, 0,
                               i == 8 ? p2m_ram_ro : p2m_ram_rw), 0);
    CHECK_EQ(p2m_set_entry(&dom, 40, page_to_mfn(pg32) + 1, 0, p2m_mmio_direct), 0);
    CHECK_EQ(p2m_set_entry(&dom, 41, page_to_mfn(pg32) + 2, 0, p2m_grant_map_rw), 0);
    CHECK_EQ(p2m_set_entry(&dom, 42, page_to_mfn(pg32) + 3, 0, p2m_special), 0);
    next_page = 0x1000;
    rd = p2m_rd;
    wr = p2m_write;
    stack_pg = (struct guest_paging){ .cr0 = PG | WP | 1, .cr4 = GUEST_CR4_PAE,
                                      .efer = GUEST_EFER_LMA | GUEST_EFER_NXE };
    stack_pg.cr3 = new_table();
}

static void stack_teardown(void)
{
    unsigned long mfn = p2m_get_entry(&dom, 0, NULL, NULL);

    p2m_teardown(&dom);
    free_pages(mfn_to_page(mfn), 5);
}

TEST(phys_copy_types_and_crossing)
{
    char buf[8192], out[8192];

    stack_setup();
    for (unsigned int i = 0; i < sizeof(buf); i++)
        buf[i] = (char)(i * 7);
    CHECK_EQ(copy_to_guest_phys(&dom, 0x10ff0, buf, sizeof(buf)), 0);   /* 3 pages */
    CHECK_EQ(copy_from_guest_phys(&dom, out, 0x10ff0, sizeof(out)), 0);
    CHECK(memcmp(buf, out, sizeof(buf)) == 0);
    CHECK_EQ(clear_guest_phys(&dom, 0x11000, 16), 0);
    CHECK_EQ(copy_from_guest_phys(&dom, out, 0x10ff0, 32), 0);
    CHECK(memcmp(out, buf, 16) == 0);
    for (unsigned int i = 16; i < 32; i++)
        CHECK_EQ(out[i], 0);
    /* Read-only RAM: readable, not writable, not clearable. */
    CHECK_EQ(copy_from_guest_phys(&dom, out, 0x8000, 16), 0);
    CHECK_EQ(copy_to_guest_phys(&dom, 0x8000, buf, 1), -EFAULT);
    CHECK_EQ(clear_guest_phys(&dom, 0x8ff0, 1), -EFAULT);
    CHECK_EQ(copy_to_guest_phys(&dom, 0x7ff0, buf, 32), -EFAULT);      /* crosses into it */
    /* Not RAM: MMIO, grant, hole, beyond the last page; p2m_special is fine. */
    CHECK_EQ(copy_from_guest_phys(&dom, out, 40 * 4096, 4), -EFAULT);
    CHECK_EQ(copy_to_guest_phys(&dom, 41 * 4096, buf, 4), -EFAULT);
    CHECK_EQ(copy_from_guest_phys(&dom, out, 35 * 4096, 4), -EFAULT);
    CHECK_EQ(copy_from_guest_phys(&dom, out, 31 * 4096 + 4090, 8), -EFAULT);
    CHECK_EQ(copy_to_guest_phys(&dom, 42 * 4096, buf, 8), 0);
    CHECK_EQ(copy_from_guest_phys(&dom, out, ~0ULL - 3, 8), -EFAULT);  /* wraps */
    CHECK_EQ(copy_from_guest_phys(&dom, out, 1ULL << 60, 8), -EFAULT);
    CHECK_EQ(copy_from_guest_phys(&dom, out, 0x5000, 0), 0);
    stack_teardown();
}

TEST(virt_copy_through_guest_tables)
{
    char buf[6000], out[6000];
    uint64_t gpa;

    stack_setup();
    /* va 0x400000.. -> gpa 0x10000.. (4 pages), then an unmapped page. */
    for (unsigned int i = 0; i < 4; i++)
        map(&LM, stack_pg.cr3, 0x400000 + i * 0x1000ULL, 0x10000 + i * 0x1000ULL, 1, ALL, ALL);
    map(&LM, stack_pg.cr3, 0x500000, 0x8000, 1, ALL, ALL);             /* ro RAM */
    map(&LM, stack_pg.cr3, 0x501000, 0x6000, 1, P | US, ALL);          /* ro in the guest */
    map(&LM, stack_pg.cr3, 0x502000, 40 * 4096ULL, 1, ALL, ALL);       /* MMIO */
    CHECK_EQ(guest_virt_to_phys(&vcpu, 0x401234, PFEC_write, &gpa), 0);
    CHECK_EQ(gpa, 0x11234);
    for (unsigned int i = 0; i < sizeof(buf); i++)
        buf[i] = (char)(i ^ 0x5a);
    CHECK_EQ(copy_to_guest_virt(&vcpu, 0x400f00, buf, sizeof(buf)), 0);
    CHECK_EQ(copy_from_guest_phys(&dom, out, 0x10f00, sizeof(out)), 0);
    CHECK(memcmp(buf, out, sizeof(buf)) == 0);
    memset(out, 0, sizeof(out));
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x400f00, sizeof(out)), 0);
    CHECK(memcmp(buf, out, sizeof(buf)) == 0);
    /* Crossing into the unmapped fifth page. */
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x403ff0, 32), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x403ff0, 16), 0);
    /* Guest read-only page: supervisor write faults with CR0.WP, not without. */
    CHECK_EQ(copy_to_guest_virt(&vcpu, 0x501000, buf, 4), -EFAULT);
    stack_pg.cr0 &= ~WP;
    CHECK_EQ(copy_to_guest_virt(&vcpu, 0x501000, buf, 4), 0);
    stack_pg.cr0 |= WP;
    /* p2m read-only RAM and MMIO behind a valid guest mapping. */
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x500000, 4), 0);
    CHECK_EQ(copy_to_guest_virt(&vcpu, 0x500000, buf, 4), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x502000, 4), -EFAULT);
    /* CPL 3: the kernel page tables here are user-accessible, supervisor-only is not. */
    map(&LM, stack_pg.cr3, 0x503000, 0x12000, 1, P | RW, ALL);
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x503000, 4), 0);
    stack_pg.cpl = 3;
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x503000, 4), -EFAULT);
    stack_pg.cpl = 0;
    /* Non-canonical, wrapping, NULL. */
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x0000800000000000ULL, 4), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, ~0ULL - 1, 4), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0, 4), -EFAULT);
    /* A guest table in an MMIO page or outside RAM. */
    p2m_write(stack_pg.cr3 + 8 * 1, (40 * 4096ULL) | ALL, 8);           /* L4[1] -> MMIO */
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x0000008000000000ULL, 4), -EFAULT);
    p2m_write(stack_pg.cr3 + 8 * 2, (1ULL << 40) | ALL, 8);             /* L4[2] -> far away */
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x0000010000000000ULL, 4), -EFAULT);
    stack_pg.cr3 = 35 * 4096;                                           /* hole */
    CHECK_EQ(guest_virt_to_phys(&vcpu, 0x400000, 0, &gpa), -EFAULT);
    /* Paging off: identity, 32-bit. */
    stack_pg = (struct guest_paging){ .cr0 = 1 };
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x10f00, 16), 0);
    CHECK(memcmp(buf, out, 16) == 0);
    CHECK_EQ(copy_from_guest_virt(&vcpu, out, 0x100000000ULL, 4), -EFAULT);
    stack_teardown();
}

TEST(no_vendor_no_access)
{
    uint64_t gpa;
    const struct hvm_vendor_ops *saved = hvm_ops;
    char c;

    hvm_ops = NULL;
    CHECK_EQ(guest_virt_to_phys(&vcpu, 0, 0, &gpa), -EFAULT);
    CHECK_EQ(copy_from_guest_virt(&vcpu, &c, 0, 1), -EFAULT);
    hvm_ops = saved;
}

TEST_MAIN()
