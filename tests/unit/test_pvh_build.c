/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The PVH domain builder (xen/arch/x86/pvh_build.c) end to end on the host:
 * the real page allocator over an arena, and small fakes for the domain's
 * page accounting (alloc_domheap_pages) and its p2m (a flat gfn array).
 * Checks what the guest would see (segments, bss, initrd, hvm_start_info,
 * memory map, ACPI tables), the refusal messages, and that a failed build
 * leaves every allocated page accounted to the domain.
 */
#include "harness.h"
#include "mm_arena.h"
#include <asm/config.h>
#include <asm/p2m.h>
#include <asm/pvh_layout.h>
#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/domain_build.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <public/elfnote.h>
#include <public/memory.h>
#include <xen/physmap.h>

#define FRAMES      (48 * 256)              /* 48 MiB of "machine" memory */
#define GUEST_MAX   (64ull << 20)           /* fake p2m covers this much */
#define NR_GFNS     (GUEST_MAX >> 12)

/* ---- fakes: domain page accounting and p2m ---- */

static struct { unsigned long mfn; p2m_type_t t; } p2m[NR_GFNS];
static struct { struct page_info *pg; unsigned int order; } owned[FRAMES];
static unsigned int nr_owned;
static int p2m_fail_after = -1;             /* fail the Nth p2m_set_entry */

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order)
{
    struct page_info *pg;

    if (d->tot_pages + (1ul << order) > d->max_pages)
        return NULL;
    pg = alloc_pages(order);
    if (!pg)
        return NULL;
    memset(page_to_virt(pg), 0, PAGE_SIZE << order);    /* as domheap.c does */
    d->tot_pages += 1ul << order;
    owned[nr_owned].pg = pg;
    owned[nr_owned++].order = order;
    return pg;
}

int p2m_set_entry(struct domain *d, uint64_t gfn, unsigned long mfn, unsigned int order,
                  p2m_type_t t)
{
    (void)d;
    if (p2m_fail_after >= 0 && p2m_fail_after-- == 0)
        return -EINVAL;
    if ((order != 0 && order != 9) || gfn % (1ul << order) || mfn % (1ul << order))
        return -EINVAL;
    if (gfn + (1ul << order) > NR_GFNS)
        return -EINVAL;
    for (unsigned long i = 0; i < (1ul << order); i++)
        p2m[gfn + i].mfn = mfn + i, p2m[gfn + i].t = t;
    return 0;
}

static uint8_t *gpa_ptr(uint64_t gpa, bool ram_only)
{
    uint64_t gfn = gpa >> 12;

    if (gfn >= NR_GFNS || p2m[gfn].t == p2m_invalid)
        return NULL;
    if (ram_only && p2m[gfn].t != p2m_ram_rw)
        return NULL;
    return (uint8_t *)arch_mfn_to_virt(p2m[gfn].mfn) + (gpa & 0xfff);
}

int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *buf, size_t len)
{
    (void)d;
    for (size_t i = 0; i < len; i++) {
        uint8_t *p = gpa_ptr(gpa + i, true);
        if (!p)
            return -EFAULT;
        *p = ((const uint8_t *)buf)[i];
    }
    return 0;
}

int clear_guest_phys(struct domain *d, uint64_t gpa, size_t len)
{
    static const uint8_t zero[1];
    for (size_t i = 0; i < len; i++)
        if (copy_to_guest_phys(d, gpa + i, zero, 1))
            return -EFAULT;
    return 0;
}

/* The memory map the loader records for XENMEM_memory_map. */
static struct e820entry recorded_map[16];
static unsigned int recorded_nr;

int domain_set_memory_map(struct domain *d, const struct e820entry *map, unsigned int nr)
{
    (void)d;
    CHECK(nr <= 16);
    memcpy(recorded_map, map, nr * sizeof(*map));
    recorded_nr = nr;
    return 0;
}

/* What domain_destroy() would do with the pages. */
static void destroy(struct domain *d)
{
    while (nr_owned) {
        nr_owned--;
        free_pages(owned[nr_owned].pg, owned[nr_owned].order);
    }
    d->tot_pages = 0;
}

/* Guest memory as the guest sees it (special pages included). */
static const void *guest(uint64_t gpa)
{
    const void *p = gpa_ptr(gpa, false);
    CHECK(p);
    return p;
}

/* ---- test kernels ---- */

static uint8_t image[8192] __attribute__((aligned(16)));
static uint8_t initrd_data[10000];
static size_t image_size;

static void put(uint8_t *p, uint64_t v, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        p[i] = v >> (8 * i);
}

/* ELF64: one PT_LOAD (0x200 file bytes of 0xAB, then bss) at @paddr, a PVH note. */
static void make_kernel(uint64_t paddr, uint64_t memsz, bool pvh_note)
{
    uint8_t *e = image;
    uint64_t entry = paddr + 0x10;
    size_t note = 0x1000, n = 0;

    memset(image, 0, sizeof(image));
    memcpy(e, "\x7f" "ELF\2\1\1", 7);
    put(e + 16, 2, 2);
    put(e + 18, 62, 2);
    put(e + 20, 1, 4);
    put(e + 32, 64, 8);
    put(e + 54, 56, 2);
    put(e + 56, 2, 2);
    put(e + 64, PT_LOAD, 4);
    put(e + 68, PF_R | PF_X, 4);
    put(e + 72, 0x800, 8);
    put(e + 88, paddr, 8);
    put(e + 96, 0x200, 8);
    put(e + 104, memsz, 8);
    memset(image + 0x800, 0xab, 0x200);
    if (pvh_note) {
        put(image + note, 4, 4);
        put(image + note + 4, 8, 4);
        put(image + note + 8, XEN_ELFNOTE_PHYS32_ENTRY, 4);
        memcpy(image + note + 12, "Xen", 4);
        put(image + note + 16, entry, 8);
        n = 24;
    }
    put(e + 120, PT_NOTE, 4);
    put(e + 128, note, 8);
    put(e + 152, n, 8);
    image_size = note + n;
}

static struct boot_module kmod, imod;
static struct domain dom;

static int build(uint64_t mem, unsigned int vcpus, bool with_initrd, struct pvh_entry *entry)
{
    static bool heap_ready;
    struct domain_config cfg = {
        .domid = 3, .mem_bytes = mem, .max_vcpus = vcpus, .cmdline = "hello args",
        .kernel = &kmod, .initrd = with_initrd ? &imod : NULL,
    };

    if (!heap_ready) {
        arena_setup(FRAMES);
        init_heap_pages(0, FRAMES);
        heap_ready = true;
    }
    memset(p2m, 0, sizeof(p2m));
    memset(&dom, 0, sizeof(dom));
    dom.domain_id = 3;
    dom.max_pages = mem >> 12;
    /* __va(start) must give back our buffer: wrap-around arithmetic. */
    kmod.start = (uintptr_t)image - DIRECTMAP_VIRT_START;
    kmod.end = kmod.start + image_size;
    for (size_t i = 0; i < sizeof(initrd_data); i++)
        initrd_data[i] = i * 7;
    imod.start = (uintptr_t)initrd_data - DIRECTMAP_VIRT_START;
    imod.end = imod.start + sizeof(initrd_data);
    imod.cmdline = "initrd.img rd args";
    unit_log_clear();
    return pvh_build_domain(&dom, &cfg, entry);
}

TEST(good_domain)
{
    struct pvh_entry entry;
    unsigned long free_before;
    const struct hvm_start_info *si;
    const struct hvm_modlist_entry *mod;
    const struct hvm_memmap_table_entry *map;

    make_kernel(0x100000, 0x3000, true);
    CHECK_EQ(build(16 << 20, 2, false, &entry), 0);     /* warm up the heap */
    destroy(&dom);
    free_before = total_free_pages();
    CHECK_EQ(build(16 << 20, 2, true, &entry), 0);
    CHECK(strstr(unit_log, "d3: PVH kernel ELF64 [0x100000, 0x103000) entry 0x100010"));
    CHECK_EQ(dom.tot_pages, (16 << 20) >> 12);          /* RAM + special = mem */
    CHECK_EQ(entry.eip, 0x100010);
    /* Segment bytes, then zeroed bss; zeroed RAM elsewhere. */
    CHECK_EQ(*(const uint8_t *)guest(0x100000), 0xab);
    CHECK_EQ(*(const uint8_t *)guest(0x1001ff), 0xab);
    CHECK_EQ(*(const uint8_t *)guest(0x100200), 0);
    CHECK_EQ(*(const uint8_t *)guest(0x102fff), 0);
    CHECK_EQ(*(const uint8_t *)guest(0xfff000), 0);
    CHECK_EQ(p2m[0xa0].t, p2m_special);
    CHECK_EQ(p2m[0x100].t, p2m_ram_rw);
    CHECK_EQ(p2m[0x9f].t, p2m_ram_rw);
    CHECK_EQ(p2m[0x1000].t, p2m_invalid);               /* nothing past 16 MiB */
    /* hvm_start_info. */
    si = guest(entry.ebx);
    CHECK_EQ(si->magic, XEN_HVM_START_MAGIC_VALUE);
    CHECK_EQ(si->version, 1);
    CHECK_EQ(si->flags, 0);
    CHECK_STR((const char *)guest(si->cmdline_paddr), "hello args");
    CHECK_EQ(si->nr_modules, 1);
    mod = guest(si->modlist_paddr);
    CHECK_EQ(mod->paddr % 4096, 0);
    CHECK(mod->paddr >= 0x103000);
    CHECK_EQ(mod->size, sizeof(initrd_data));
    CHECK_STR((const char *)guest(mod->cmdline_paddr), "rd args");
    for (size_t i = 0; i < sizeof(initrd_data); i += 999)
        CHECK_EQ(*(const uint8_t *)guest(mod->paddr + i), initrd_data[i]);
    map = guest(si->memmap_paddr);
    CHECK_EQ(si->memmap_entries, 5);
    CHECK_EQ(map[4].addr + map[4].size, 16 << 20);
    /* ACPI: the RSDP and, through the XSDT, a MADT with two enabled CPUs. */
    const struct acpi_rsdp *r = guest(si->rsdp_paddr);
    CHECK_EQ(acpi_rsdp_check(r, 36), 2);
    const uint8_t *x = guest(r->xsdt_address);
    uint64_t madt_gpa;
    memcpy(&madt_gpa, x + 44, 8);
    static struct acpi_madt_info mi;
    CHECK_EQ(acpi_madt_parse(guest(madt_gpa), &mi), 0);
    CHECK_EQ(mi.nr_cpus, 2);
    CHECK_EQ(mi.cpus[1].apic_id, 2);
    /* An unprivileged domain's xenstore and console pages: zero special pages. */
    CHECK_EQ(dom.arch.hvm_params.val[HVM_PARAM_STORE_PFN], PVH_XENSTORE_GFN);
    CHECK_EQ(dom.arch.hvm_params.val[HVM_PARAM_CONSOLE_PFN], PVH_CONSOLE_GFN);
    CHECK_EQ(p2m[PVH_XENSTORE_GFN].t, p2m_special);
    CHECK_EQ(p2m[PVH_CONSOLE_GFN].t, p2m_special);
    CHECK_EQ(*(const uint64_t *)guest(PVH_CONSOLE_GFN << 12), 0);
    CHECK_EQ(dom.arch.hvm_params.val[HVM_PARAM_STORE_EVTCHN], 0);
    destroy(&dom);
    CHECK_EQ(total_free_pages(), free_before);
}

TEST(privileged_flags)
{
    struct pvh_entry entry;
    struct domain_config cfg = { .domid = 0, .privileged = true, .mem_bytes = 8 << 20,
                                 .max_vcpus = 1, .cmdline = "", .kernel = &kmod };

    make_kernel(0x200000, 0x1000, true);
    build(8 << 20, 1, false, &entry);
    destroy(&dom);
    dom.max_pages = 8 << 20 >> 12;
    memset(&dom.arch.hvm_params, 0, sizeof(dom.arch.hvm_params));   /* a fresh domain */
    CHECK_EQ(pvh_build_domain(&dom, &cfg, &entry), 0);
    const struct hvm_start_info *si = guest(entry.ebx);
    CHECK_EQ(si->flags, XEN_HVM_SIF_PRIVILEGED | XEN_HVM_SIF_INITDOMAIN);
    CHECK_EQ(si->cmdline_paddr, 0);
    CHECK_EQ(si->nr_modules, 0);
    /* The initial domain gets no xenstore/console page (as Xen's PVH dom0). */
    CHECK_EQ(dom.arch.hvm_params.val[HVM_PARAM_STORE_PFN], 0);
    CHECK_EQ(dom.arch.hvm_params.val[HVM_PARAM_CONSOLE_PFN], 0);
    destroy(&dom);
}

static void expect_refusal(int rc, int want, const char *msg)
{
    char line[200];

    CHECK_EQ(rc, want);
    snprintf(line, sizeof(line), "d3: refused: %s\n", msg);
    if (!strstr(unit_log, line)) {
        snprintf(unit_test_why, sizeof(unit_test_why), "log \"%.200s\" lacks \"%.200s\"",
                 unit_log, line);
        longjmp(unit_test_jmp, 1);
    }
}

TEST(refuse_truncated)
{
    struct pvh_entry entry;

    make_kernel(0x100000, 0x3000, true);
    image_size = 40;
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "truncated ELF header (40 bytes)");
    CHECK_EQ(dom.tot_pages, 0);                 /* refused before any allocation */
    make_kernel(0x100000, 0x3000, true);
    image_size = 0x900;
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "segment 0 file range outside the image");
    image_size = 0;
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "truncated ELF header (0 bytes)");
}

TEST(refuse_no_pvh_note)
{
    struct pvh_entry entry;

    make_kernel(0x100000, 0x3000, false);
    expect_refusal(build(16 << 20, 1, false, &entry), -ENOEXEC,
                   "no XEN_ELFNOTE_PHYS32_ENTRY note (not a PVH kernel)");
    CHECK_EQ(dom.tot_pages, 0);
}

TEST(refuse_segment_outside_ram)
{
    struct pvh_entry entry;

    make_kernel(0xf00000, 0x200000, true);
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "segment 0 [0xf00000, 0x1100000) is outside guest RAM");
    make_kernel(0x9f000, 0x2000, true);
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "segment 0 [0x9f000, 0xa1000) overlaps the legacy hole [0xa0000, 0x100000)");
    make_kernel(0xe0000, 0x1000, true);
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "segment 0 [0xe0000, 0xe1000) overlaps the legacy hole [0xa0000, 0x100000)");
    make_kernel(0xfffffffffffff000ull, 0x1000, true);
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "PHYS32_ENTRY 0xfffffffffffff010 above 4 GiB");
    CHECK_EQ(dom.tot_pages, 0);
    /* The note's entry point outside the segment. */
    make_kernel(0x100000, 0x3000, true);
    put(image + 0x1000 + 16, 0x200000, 8);
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "PHYS32_ENTRY 0x200000 is not in a loaded segment");
    /* Segment misplaced: that is what is reported, not the entry. */
    make_kernel(0xfff00000, 0x1000, true);
    put(image + 0x1000 + 16, 0x100000, 8);
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "segment 0 [0xfff00000, 0xfff01000) is outside guest RAM");
    CHECK_EQ(dom.tot_pages, 0);
    /* A kernel in low RAM is fine. */
    make_kernel(0x10000, 0x1000, true);
    CHECK_EQ(build(16 << 20, 1, false, &entry), 0);
    destroy(&dom);
}

TEST(refuse_initrd_too_big)
{
    struct pvh_entry entry;

    make_kernel(0x100000, 0x3000, true);
    CHECK_EQ(build(2 << 20, 1, false, &entry), 0);
    destroy(&dom);
    make_kernel(0x1fe000, 0x1000, true);                /* kernel ends at the top */
    expect_refusal(build(2 << 20, 1, true, &entry), -ENOSPC,
                   "initrd (9 KiB) does not fit in guest RAM above the kernel");
}

TEST(refuse_bad_config)
{
    struct pvh_entry entry;

    make_kernel(0x100000, 0x3000, true);
    expect_refusal(build(1 << 20, 1, false, &entry), -EINVAL,
                   "memory size too small (minimum 2 MiB)");
    expect_refusal(build(16 << 20, 0, false, &entry), -EINVAL, "bad vCPU count 0");
    expect_refusal(build(16 << 20, MAX_VIRT_CPUS + 1, false, &entry), -EINVAL,
                   "bad vCPU count 129");
    CHECK_EQ(build(16 << 20, MAX_VIRT_CPUS, false, &entry), 0);
    destroy(&dom);
}

/* Out of memory half-way: the pages stay with the domain, destroy frees them. */
TEST(enomem_keeps_pages_owned)
{
    struct pvh_entry entry;
    unsigned long free_before;

    make_kernel(0x100000, 0x3000, true);
    CHECK_EQ(build(16 << 20, 1, false, &entry), 0);
    destroy(&dom);
    free_before = total_free_pages();
    /* Limit below what the layout needs. */
    struct domain_config cfg = { .domid = 3, .mem_bytes = 16 << 20, .max_vcpus = 1,
                                 .cmdline = "", .kernel = &kmod };
    dom.max_pages = 1000;
    unit_log_clear();
    expect_refusal(pvh_build_domain(&dom, &cfg, &entry), -ENOMEM,
                   "out of memory populating 16 MiB of guest memory");
    CHECK(dom.tot_pages > 0 && dom.tot_pages <= 1000);
    CHECK_EQ(total_free_pages(), free_before - dom.tot_pages);
    destroy(&dom);
    CHECK_EQ(total_free_pages(), free_before);
}

TEST(p2m_failure_keeps_pages_owned)
{
    struct pvh_entry entry;
    unsigned long free_before = total_free_pages();

    make_kernel(0x100000, 0x3000, true);
    p2m_fail_after = 5;
    expect_refusal(build(16 << 20, 1, false, &entry), -EINVAL,
                   "cannot map guest memory (-22)");
    p2m_fail_after = -1;
    CHECK(dom.tot_pages > 0);
    destroy(&dom);
    CHECK_EQ(total_free_pages(), free_before);
}

TEST(too_long_cmdline)
{
    struct pvh_entry entry;
    static char line[5000];
    struct domain_config cfg = { .domid = 3, .mem_bytes = 16 << 20, .max_vcpus = 1,
                                 .cmdline = line, .kernel = &kmod };

    make_kernel(0x100000, 0x3000, true);
    build(16 << 20, 1, false, &entry);
    destroy(&dom);
    memset(line, 'a', sizeof(line) - 1);
    dom.max_pages = 4096;
    unit_log_clear();
    expect_refusal(pvh_build_domain(&dom, &cfg, &entry), -E2BIG,
                   "command line too long (4095 bytes at most)");
    CHECK_EQ(dom.tot_pages, 0);
}

TEST_MAIN()
