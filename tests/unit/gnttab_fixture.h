/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Two-domain fixture for the grant-table unit tests (test_gnttab*.c): the
 * real page allocator, domain heap, p2m and physmap under the grant code,
 * domains A (ID 1, the granter) and B (ID 2, the mapper) with RAM at GFNs
 * 0..RAM_PAGES-1, and stubs for what a hypervisor would provide
 * (domain_get() honours is_dying, hypercall_preempt_check() is scripted).
 * Included once per test binary.
 */
#ifndef TESTS_UNIT_GNTTAB_FIXTURE_H
#define TESTS_UNIT_GNTTAB_FIXTURE_H

#include <stdarg.h>
#include "harness.h"
#include "mm_arena.h"
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/page_ref.h>
#include <xen/physmap.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <public/memory.h>

#define FRAMES      8192
#define RAM_PAGES   64
#define A_ID        1
#define B_ID        2
#define MAP_GFN     0x10000             /* where B maps grants */

static const struct hvm_vendor_ops test_ops = { .name = "test" };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static unsigned int crashes;
void domain_crash(struct domain *d, const char *fmt, ...)
{
    (void)d, (void)fmt;
    crashes++;
}

void update_vcpu_system_time(struct vcpu *v) { (void)v; }

static struct vcpu *current;
struct vcpu *current_vcpu(void) { return current; }

static struct domain doms[3];           /* [1] = A, [2] = B */
static struct vcpu vcpus[3];
static struct vcpu *vcpu_ptrs[3][1];
static int holds;

struct domain *domain_get(domid_t id)
{
    if (id < 1 || id > 2 || !doms[id].grant_table || doms[id].is_dying)
        return NULL;
    holds++;
    return &doms[id];
}

void domain_put(struct domain *d)
{
    (void)d;
    holds--;
}

static int preempt_after = -1;          /* -1: never; else after this many checks */
bool hypercall_preempt_check(void)
{
    return preempt_after >= 0 && preempt_after-- == 0;
}

static unsigned long free_start;

static struct domain *make_domain(domid_t id)
{
    struct domain *d = &doms[id];

    memset(d, 0, sizeof(*d));
    memset(&vcpus[id], 0, sizeof(vcpus[id]));
    d->domain_id = id;
    d->max_pages = 1024;
    d->max_vcpus = 1;
    vcpus[id].domain = d;
    vcpus[id].arch.hcall_64bit = true;
    vcpu_ptrs[id][0] = &vcpus[id];
    d->vcpu = vcpu_ptrs[id];
    CHECK_EQ(p2m_init(d), 0);
    CHECK_EQ(shared_info_domain_init(d), 0);
    CHECK_EQ(gnttab_domain_init(d), 0);
    CHECK_EQ(physmap_populate(d, 0, 6, 0), 0);          /* 64 pages at GFN 0 */
    return d;
}

/* Fresh heap state, A and B. */
static void setup(void)
{
    static bool heap_done;

    if (!heap_done) {
        arena_setup(FRAMES);
        init_heap_pages(0, FRAMES);
        for (size_t sz = 16; sz <= 4096; sz *= 2)   /* keep slabs: stable counts */
            CHECK(xmalloc(sz) != NULL);
        heap_done = true;
    }
    free_start = total_free_pages();
    crashes = 0;
    holds = 0;
    preempt_after = -1;
    make_domain(A_ID);
    make_domain(B_ID);
    current = &vcpus[B_ID];
}

/* What domain_destroy does, in its order. */
static void destroy(struct domain *d)
{
    d->is_dying = true;
    gnttab_domain_destroy(d);
    p2m_teardown(d);
    shared_info_domain_destroy(d);
    domain_relinquish_pages(d);
}

/* Both gone: every page must be back. */
static void teardown(void)
{
    for (domid_t id = 1; id <= 2; id++)
        if (!doms[id].is_dying)
            destroy(&doms[id]);
    CHECK_EQ(page_ref_orphans(), 0);
    CHECK_EQ(holds, 0);
    CHECK_EQ(total_free_pages(), free_start);
}

static __attribute__((unused)) unsigned long mfn_of(struct domain *d, uint64_t gfn, p2m_type_t *t)
{
    p2m_type_t tt;
    unsigned long mfn = p2m_get_entry(d, gfn, &tt, NULL);

    if (t)
        *t = tt;
    return mfn;
}

static __attribute__((unused)) uint8_t *page_of(struct domain *d, uint64_t gfn)
{
    return arch_mfn_to_virt(mfn_of(d, gfn, NULL));
}

/* The guest side: write a grant entry of @d as a guest would. */
static void grant(struct domain *d, grant_ref_t ref, domid_t to, uint64_t gfn, uint16_t flags)
{
    struct grant_table *gt = d->grant_table;

    if (gt->version == 1) {
        struct grant_entry_v1 *e = (void *)gnttab_shared_header(gt, ref);

        e->domid = to;
        e->frame = (uint32_t)gfn;
        __atomic_store_n(&e->flags, flags, __ATOMIC_SEQ_CST);
    } else {
        union grant_entry_v2 *e = (void *)gnttab_shared_header(gt, ref);

        e->hdr.domid = to;
        e->full_page.frame = gfn;
        __atomic_store_n(&e->hdr.flags, flags, __ATOMIC_SEQ_CST);
    }
}

/* GTF_reading|GTF_writing as the guest sees them (v1 flags, v2 status). */
static uint16_t busy(struct domain *d, grant_ref_t ref)
{
    struct grant_table *gt = d->grant_table;
    uint16_t w = gt->version == 1 ? gnttab_shared_header(gt, ref)->flags
                                  : gt->status[ref / 2048][ref % 2048];

    return w & (GTF_reading | GTF_writing);
}

/* Pin under the table lock as the ops do. */
static __attribute__((unused)) int pin(struct domain *rd, grant_ref_t ref, domid_t ld, bool ro, bool map,
               unsigned long *mfn)
{
    uint16_t start, len;
    unsigned long m;
    int rc;

    spin_lock(&rd->grant_table->lock);
    rc = gnttab_pin(rd, ref, ld, ro, map, mfn ? mfn : &m, &start, &len);
    spin_unlock(&rd->grant_table->lock);
    return rc;
}

static __attribute__((unused)) void unpin(struct domain *rd, grant_ref_t ref, bool ro, unsigned long mfn)
{
    spin_lock(&rd->grant_table->lock);
    gnttab_unpin(rd->grant_table, ref, ro);
    spin_unlock(&rd->grant_table->lock);
    put_page(mfn_to_page(mfn));
}

static __attribute__((unused)) int16_t map(domid_t dom, grant_ref_t ref, uint64_t gfn, uint32_t flags, uint32_t *handle)
{
    struct gnttab_map_grant_ref op = { .host_addr = gfn << PAGE_SHIFT, .flags = flags,
                                       .ref = ref, .dom = dom };

    gnttab_map_one(&doms[B_ID], &op);
    if (handle)
        *handle = op.handle;
    return op.status;
}

static __attribute__((unused)) int16_t unmap(uint32_t handle, uint64_t gfn)
{
    return gnttab_unmap_one(&doms[B_ID], gfn << PAGE_SHIFT, handle, 0);
}

#endif
