/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest physmap changes (xen/common/physmap.c) and vcpu_info placement
 * (shared_info.c) over the real page allocator, domain heap and p2m:
 * single frames freed out of 2 MiB blocks, populate over old memory,
 * shared_info mapped/moved/unhooked, gmfn moves, remove, pinned vcpu_info
 * frames, MMIO and bad GFNs, and every page back after destruction.
 */
#include <stdarg.h>
#include "harness.h"
#include "mm_arena.h"
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/physmap.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <asm/p2m_pt.h>
#include <public/memory.h>

#define FRAMES 8192                 /* 32 MiB arena */
#define MAX_PAGES 2048

static const struct hvm_vendor_ops test_ops = { .name = "test" };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static unsigned int crashes, time_updates;
void domain_crash(struct domain *d, const char *fmt, ...)
{
    (void)d, (void)fmt;
    crashes++;
}

void update_vcpu_system_time(struct vcpu *v)
{
    (void)v;
    time_updates++;
}

static struct vcpu *current;
struct vcpu *current_vcpu(void) { return current; }

int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len)
{
    (void)v, (void)buf, (void)va, (void)len;
    return -EFAULT;
}

static struct domain dom;
static struct vcpu vcpus[40];
static struct vcpu *vcpu_ptrs[40];
static unsigned long free_start;

static struct domain *fresh(unsigned int nr_vcpus)
{
    static bool heap_done;

    if (!heap_done) {
        arena_setup(FRAMES);
        init_heap_pages(0, FRAMES);
        for (size_t sz = 16; sz <= 256; sz *= 2)    /* keep slabs: stable counts */
            CHECK(xmalloc(sz) != NULL);
        heap_done = true;
    }
    free_start = total_free_pages();
    memset(&dom, 0, sizeof(dom));
    memset(vcpus, 0, sizeof(vcpus));
    dom.max_pages = MAX_PAGES;
    dom.max_vcpus = nr_vcpus;
    dom.vcpu = vcpu_ptrs;
    for (unsigned int i = 0; i < nr_vcpus; i++) {
        vcpus[i].vcpu_id = i;
        vcpus[i].domain = &dom;
        vcpus[i].pause_flags = VPF_down;
        vcpu_ptrs[i] = &vcpus[i];
    }
    CHECK_EQ(p2m_init(&dom), 0);
    CHECK_EQ(shared_info_domain_init(&dom), 0);
    crashes = time_updates = 0;
    return &dom;
}

/* What domain_destroy does with memory; then every page must be back. */
static void destroy(struct domain *d)
{
    shared_info_domain_destroy(d);
    domain_relinquish_pages(d);
    p2m_teardown(d);
    CHECK_EQ(total_free_pages(), free_start);
}

static unsigned long mfn_at(struct domain *d, uint64_t gfn, p2m_type_t *t)
{
    p2m_type_t tt;
    unsigned long mfn = p2m_get_entry(d, gfn, &tt, NULL);

    if (t)
        *t = tt;
    return mfn;
}

static unsigned long shinfo_mfn(struct domain *d)
{
    return arch_virt_to_mfn(d->shared_info);
}

TEST(release_single_frames_from_a_block)
{
    struct domain *d = fresh(1);
    unsigned long free0;

    CHECK_EQ(physmap_populate(d, 0x200, 9, 0), 0);
    CHECK_EQ(d->tot_pages, 512);
    free0 = total_free_pages();
    CHECK(mfn_at(d, 0x2a5, NULL) != INVALID_MFN);
    CHECK_EQ(physmap_release(d, 0x2a5), 0);
    CHECK_EQ(mfn_at(d, 0x2a5, NULL), INVALID_MFN);
    CHECK_EQ(d->tot_pages, 511);
    CHECK(mfn_at(d, 0x2a4, NULL) != INVALID_MFN && mfn_at(d, 0x2a6, NULL) != INVALID_MFN);
    CHECK_EQ(physmap_release(d, 0x2a5), -EINVAL);            /* nothing there now */
    CHECK_EQ(physmap_release(d, 0x9999), -EINVAL);
    for (uint64_t g = 0x200; g < 0x400; g++)
        if (g != 0x2a5)
            CHECK_EQ(physmap_release(d, g), 0);
    CHECK_EQ(d->tot_pages, 0);
    CHECK(total_free_pages() >= free0 + 512 - 2);           /* less split p2m tables */
    CHECK_EQ(d->page_list, NULL);
    destroy(d);
}

TEST(populate_limits_and_bad_ranges)
{
    struct domain *d = fresh(1);

    CHECK_EQ(physmap_populate(d, 0x1000, 12, 0), -ENOMEM);  /* 4096 > max_pages */
    CHECK_EQ(physmap_populate(d, 0x1000, 10, 0), 0);
    CHECK_EQ(physmap_populate(d, 0x2000, 10, 0), 0);
    CHECK_EQ(d->tot_pages, MAX_PAGES);
    CHECK_EQ(physmap_populate(d, 0x3000, 0, 0), -ENOMEM);   /* at max_pages */
    CHECK_EQ(physmap_release(d, 0x1000), 0);
    CHECK_EQ(physmap_populate(d, P2M_MAX_GFN + 1, 0, 0), -EINVAL);
    CHECK_EQ(d->tot_pages, MAX_PAGES - 1);                  /* nothing leaked */
    CHECK_EQ(physmap_populate(d, ~0ULL - 3, 2, 0), -EINVAL); /* wraps */
    CHECK_EQ(physmap_populate(d, 0x5000, 0, 12), -ENOMEM);  /* below 4 KiB: impossible */
    CHECK_EQ(physmap_populate(d, 0x5000, 0, 40), 0);
    destroy(d);
}

TEST(populate_replaces_and_zeroes)
{
    struct domain *d = fresh(1);
    unsigned long old;
    uint8_t *p;

    CHECK_EQ(physmap_populate(d, 0x10, 0, 0), 0);
    old = mfn_at(d, 0x10, NULL);
    p = arch_mfn_to_virt(old);
    p[0] = 0x77;
    CHECK_EQ(physmap_populate(d, 0x10, 0, 0), 0);           /* the old frame is freed */
    CHECK_EQ(d->tot_pages, 1);
    p = arch_mfn_to_virt(mfn_at(d, 0x10, NULL));
    CHECK_EQ(p[0], 0);
    /* Unaligned order-9 extent: mapped with 4 KiB entries. */
    CHECK_EQ(physmap_populate(d, 0x401, 9, 0), 0);
    CHECK_EQ(d->tot_pages, 513);
    CHECK(mfn_at(d, 0x600, NULL) != INVALID_MFN);
    CHECK_EQ(mfn_at(d, 0x601, NULL), INVALID_MFN);
    destroy(d);
}

TEST(populate_over_mmio_crashes)
{
    struct domain *d = fresh(1);

    CHECK_EQ(p2m_set_entry(d, 0x80, 0xfee00, 0, p2m_mmio_direct), 0);
    CHECK_EQ(physmap_populate(d, 0x80, 0, 0), -EPERM);
    CHECK_EQ(crashes, 1);
    CHECK_EQ(d->tot_pages, 0);
    CHECK_EQ(physmap_release(d, 0x80), -EPERM);
    CHECK_EQ(physmap_remove(d, 0x80), -ENOENT);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x80), -EPERM);
    p2m_remove(d, 0x80, 0);
    destroy(d);
}

TEST(shared_info_map_move_unhook)
{
    struct domain *d = fresh(2);
    p2m_type_t t;

    CHECK_EQ(d->shared_info_gfn, GFN_NONE);
    CHECK(d->shared_info->wc_version && !(d->shared_info->wc_version & 1));
    CHECK_EQ(physmap_populate(d, 0x100, 1, 0), 0);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 1, 0x100), -EINVAL);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, ~0ULL), -EINVAL);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, P2M_MAX_GFN + 1), -ENOENT);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_grant_table, 0, 0x100), -EINVAL);
    CHECK_EQ(physmap_add(d, 77, 0, 0x100), -EINVAL);
    CHECK_EQ(d->tot_pages, 2);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x100), 0);
    CHECK_EQ(d->tot_pages, 1);                              /* the RAM there is freed */
    CHECK_EQ(mfn_at(d, 0x100, &t), shinfo_mfn(d));
    CHECK_EQ(t, p2m_special);
    CHECK_EQ(d->shared_info_gfn, 0x100);
    CHECK_EQ(time_updates, 0);                              /* no vCPU of d is current */
    current = d->vcpu[1];
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x100), 0);    /* again: no-op */
    CHECK_EQ(time_updates, 1);                              /* the caller's own time */
    current = NULL;
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x100), 0);    /* again: no-op */
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x101), 0);    /* move */
    CHECK_EQ(d->tot_pages, 0);
    CHECK_EQ(mfn_at(d, 0x100, NULL), INVALID_MFN);
    CHECK_EQ(mfn_at(d, 0x101, NULL), shinfo_mfn(d));
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x500), 0);    /* over nothing */
    CHECK_EQ(mfn_at(d, 0x101, NULL), INVALID_MFN);
    /* decrease_reservation on it unhooks it; hypervisor memory is never freed. */
    CHECK_EQ(physmap_release(d, 0x500), 0);
    CHECK_EQ(d->shared_info_gfn, GFN_NONE);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x500), 0);
    CHECK_EQ(physmap_remove(d, 0x500), 0);
    CHECK_EQ(d->shared_info_gfn, GFN_NONE);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_shared_info, 0, 0x500), 0);
    CHECK_EQ(physmap_populate(d, 0x500, 0, 0), 0);          /* populate over it */
    CHECK_EQ(d->shared_info_gfn, GFN_NONE);
    CHECK(d->shared_info != NULL);
    destroy(d);
}

TEST(gmfn_move_and_remove)
{
    struct domain *d = fresh(1);
    unsigned long a;

    CHECK_EQ(physmap_populate(d, 0x20, 0, 0), 0);
    CHECK_EQ(physmap_populate(d, 0x30, 0, 0), 0);
    a = mfn_at(d, 0x20, NULL);
    CHECK_EQ(physmap_add(d, XENMAPSPACE_gmfn, 0x20, 0x30), 0);
    CHECK_EQ(mfn_at(d, 0x20, NULL), INVALID_MFN);
    CHECK_EQ(mfn_at(d, 0x30, NULL), a);
    CHECK_EQ(d->tot_pages, 1);                              /* 0x30's own page freed */
    CHECK_EQ(physmap_add(d, XENMAPSPACE_gmfn, 0x20, 0x40), -EINVAL);   /* 0x20 empty */
    CHECK_EQ(physmap_add(d, XENMAPSPACE_gmfn, 0x30, 0x30), 0);        /* onto itself */
    CHECK_EQ(mfn_at(d, 0x30, NULL), a);
    CHECK_EQ(physmap_remove(d, 0x30), 0);
    CHECK_EQ(d->tot_pages, 0);
    CHECK_EQ(physmap_remove(d, 0x30), -ENOENT);
    destroy(d);
}

TEST(vcpu_info_registration)
{
    struct domain *d = fresh(2);
    struct vcpu *v0 = d->vcpu[0], *v1 = d->vcpu[1];
    struct vcpu_info *vi;
    unsigned long mfn;

    CHECK_EQ(physmap_populate(d, 0x40, 0, 0), 0);
    mfn = mfn_at(d, 0x40, NULL);
    CHECK(vcpu_info(v0) == &d->shared_info->vcpu_info[0]);
    d->shared_info->vcpu_info[0].arch.cr2 = 0xabc;
    v0->pause_flags = 0;                                    /* running */
    CHECK_EQ(map_vcpu_info(v0, v0, 0x40, PAGE_SIZE - 63), -ENXIO);
    CHECK_EQ(map_vcpu_info(v0, v0, 0x40, 4), -ENXIO);
    CHECK_EQ(map_vcpu_info(v0, v0, 0x41, 0), -EINVAL);      /* not RAM */
    CHECK_EQ(map_vcpu_info(v0, v1, 0x40, 0), -EINVAL);      /* another vCPU, not down */
    CHECK_EQ(map_vcpu_info(v0, v0, 0x40, PAGE_SIZE - 64), 0);
    vi = vcpu_info(v0);
    CHECK(vi == (void *)((char *)arch_mfn_to_virt(mfn) + PAGE_SIZE - 64));
    CHECK_EQ(vi->arch.cr2, 0xabc);                          /* old contents copied */
    CHECK_EQ(vi->evtchn_pending_sel, ~0ULL);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    CHECK_EQ(time_updates, 1);
    CHECK_EQ(map_vcpu_info(v0, v0, 0x40, 0), -EINVAL);      /* once only */
    CHECK_EQ(map_vcpu_info(v1, v0, 0x40, 0), 0);            /* v1 is down: allowed */
    CHECK(vcpu_info_frame_pinned(d, mfn));
    /* The guest frees the page: it leaves the p2m but stays the domain's. */
    CHECK_EQ(physmap_release(d, 0x40), 0);
    CHECK_EQ(mfn_at(d, 0x40, NULL), INVALID_MFN);
    CHECK_EQ(d->tot_pages, 1);
    vcpu_info(v0)->evtchn_upcall_mask = 1;                  /* still ours to write */
    destroy(d);
}

TEST(vcpu_info_beyond_legacy)
{
    struct domain *d = fresh(33);
    struct vcpu *v = d->vcpu[32];

    CHECK(vcpu_info(v) == &v->vcpu_info_dummy);
    v->vcpu_info_dummy.arch.cr2 = 0x55;
    CHECK_EQ(physmap_populate(d, 0x40, 0, 0), 0);
    memset(arch_mfn_to_virt(mfn_at(d, 0x40, NULL)), 0xff, PAGE_SIZE);
    CHECK_EQ(map_vcpu_info(v, d->vcpu[0], 0x40, 128), 0);
    CHECK_EQ(vcpu_info(v)->arch.cr2, 0);                    /* starts from zero ... */
    CHECK_EQ(vcpu_info(v)->evtchn_upcall_mask, 1);          /* ... with upcalls masked */
    CHECK_EQ(vcpu_info(v)->evtchn_pending_sel, ~0ULL);
    destroy(d);
}

TEST(memory_map_copy)
{
    struct domain *d = fresh(1);
    struct e820entry map[2] = { { 0, 0xa0000, E820_RAM }, { 0x100000, 0x100000, E820_RAM } };

    CHECK_EQ(domain_set_memory_map(d, map, 2), 0);
    map[0].type = 9;
    CHECK_EQ(d->nr_e820, 2);
    CHECK_EQ(d->e820[0].type, E820_RAM);
    CHECK_EQ(d->e820[1].addr, 0x100000);
    destroy(d);
}

TEST(block_head_and_split)
{
    struct page_info *pg, *upper;
    unsigned long mfn;

    fresh(1);
    pg = alloc_pages(3);
    CHECK(pg != NULL);
    mfn = page_to_mfn(pg);
    CHECK(page_block_head(mfn + 5) == pg);
    CHECK(page_block_head(mfn) == pg);
    upper = split_pages(pg, 3);
    CHECK(upper == pg + 4);
    CHECK(page_block_head(mfn + 5) == upper);
    CHECK(page_block_head(mfn + 3) == pg);
    EXPECT_BUG(split_pages(pg, 3));                         /* now order 2 */
    EXPECT_BUG(split_pages(pg + 1, 2));                     /* not a head */
    free_pages(pg, 2);
    CHECK(page_block_head(mfn) == NULL);                    /* free */
    CHECK(page_block_head(FRAMES + 10) == NULL);            /* out of range */
    free_pages(upper, 2);
    p2m_teardown(&dom);
    shared_info_domain_destroy(&dom);
    CHECK_EQ(total_free_pages(), free_start);
}

TEST_MAIN()
