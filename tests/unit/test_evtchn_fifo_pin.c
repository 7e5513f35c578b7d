/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FIFO event channels over the real p2m, physmap and page allocator
 * (event_fifo_map.c): only the guest's writable RAM is accepted, a
 * registered control block or event-array page survives the guest
 * freeing it (it stays the domain's, the hypervisor keeps writing it),
 * and every page is back after destruction.
 */
#include "harness.h"
#include "mm_arena.h"
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/event_fifo.h>
#include <xen/lib.h>
#include <xen/physmap.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>
#include <asm/p2m.h>

#define FRAMES 4096

static const struct hvm_vendor_ops test_ops = { .name = "test" };
const struct hvm_vendor_ops *hvm_ops = &test_ops;
const struct evtchn_port_ops evtchn_port_ops_2l;

void domain_crash(struct domain *d, const char *fmt, ...) { (void)d, (void)fmt; }
void update_vcpu_system_time(struct vcpu *v) { (void)v; }
struct vcpu *current_vcpu(void) { return NULL; }
int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len)
{
    (void)v, (void)buf, (void)va, (void)len;
    return -EFAULT;
}

static struct evtchn chn5 = { .state = ECS_IPI, .port = 5,
                              .priority = EVTCHN_FIFO_PRIORITY_DEFAULT };
struct evtchn *evtchn_from_port(struct domain *d, uint32_t port)
{
    (void)d;
    return port == 5 ? &chn5 : NULL;
}

static unsigned int upcalls;
void vcpu_mark_events_pending(struct vcpu *v) { (void)v, upcalls++; }

static struct domain dom;
static struct vcpu vcpu0, *vcpu_ptrs[1] = { &vcpu0 };

static unsigned long mfn_at(uint64_t gfn)
{
    p2m_type_t t;

    return p2m_get_entry(&dom, gfn, &t, NULL);
}

TEST(pinned_frames_survive_the_guest_freeing_them)
{
    struct evtchn_init_control c = { .control_gfn = 0x40, .offset = 0, .vcpu = 0 };
    struct evtchn_expand_array e = { .array_gfn = 0x41 };
    struct evtchn_fifo_control_block *cb;
    unsigned long free_start, cb_mfn, arr_mfn;

    arena_setup(FRAMES);
    init_heap_pages(0, FRAMES);
    for (size_t sz = 16; sz <= 256; sz *= 2)    /* keep slabs: stable counts */
        CHECK(xmalloc(sz) != NULL);
    /* The FIFO state's sizes too (freed blocks stay in their slabs). */
    xfree(xzalloc(sizeof(struct evtchn_fifo_domain)));
    xfree(xzalloc(sizeof(struct evtchn_fifo_vcpu)));
    free_start = total_free_pages();
    dom.max_pages = 64;
    dom.max_vcpus = 1;
    dom.vcpu = vcpu_ptrs;
    vcpu0.domain = &dom;
    CHECK_EQ(p2m_init(&dom), 0);
    CHECK_EQ(shared_info_domain_init(&dom), 0);
    dom.evtchn.nr_ports = 8;
    CHECK_EQ(physmap_populate(&dom, 0x40, 0, 0), 0);
    CHECK_EQ(physmap_populate(&dom, 0x41, 0, 0), 0);
    cb_mfn = mfn_at(0x40);
    arr_mfn = mfn_at(0x41);

    c.control_gfn = 0x42;                   /* nothing there */
    CHECK_EQ(evtchn_fifo_init_control(&dom, &c), -EINVAL);
    c.control_gfn = 0x40;
    CHECK_EQ(evtchn_fifo_init_control(&dom, &c), 0);
    e.array_gfn = 1ull << 40;               /* beyond the guest-physical width */
    CHECK_EQ(evtchn_fifo_expand_array(&dom, &e), -EINVAL);
    e.array_gfn = 0x41;
    CHECK_EQ(evtchn_fifo_expand_array(&dom, &e), 0);
    CHECK(evtchn_fifo_frame_pinned(&dom, cb_mfn) && evtchn_fifo_frame_pinned(&dom, arr_mfn));

    /* The guest frees both: they leave the p2m but stay the domain's. */
    CHECK_EQ(physmap_release(&dom, 0x40), 0);
    CHECK_EQ(physmap_release(&dom, 0x41), 0);
    CHECK_EQ(mfn_at(0x40), INVALID_MFN);
    CHECK_EQ(dom.tot_pages, 2);
    dom.evtchn.ops->set_pending(&vcpu0, &chn5);     /* still safe to write */
    cb = arch_mfn_to_virt(cb_mfn);
    CHECK_EQ(cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 5);
    CHECK_EQ(cb->ready, 1u << EVTCHN_FIFO_PRIORITY_DEFAULT);
    CHECK_EQ(upcalls, 1);

    /* Destruction: FIFO state, then the domain's pages, all come back. */
    evtchn_fifo_destroy(&dom);
    CHECK(!evtchn_fifo_frame_pinned(&dom, cb_mfn));
    shared_info_domain_destroy(&dom);
    domain_relinquish_pages(&dom);
    p2m_teardown(&dom);
    CHECK_EQ(total_free_pages(), free_start);
}

TEST_MAIN()
