/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Host tests of the FIFO event-channel ABI (event_fifo.c, event_fifo_ctl.c)
 * over plain memory: a fake guest (frames by GFN, a port table, upcall
 * counts) and a consumer that follows Linux's drivers/xen/events/
 * events_fifo.c (take READY, walk each queue from its head clearing
 * LINKED, ack by clearing PENDING).
 */
#include "harness.h"
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/event_fifo.h>
#include <xen/sched.h>

/* ---- the fake machine ------------------------------------------------ */
#define NVCPUS   3                  /* vCPUs 0 and 1 exist; 2 is a hole */
#define NPORTS   2048
#define GFN_BASE 0x1000u
#define NGFNS    200u
#define MFN_OF(gfn) ((gfn) + 0x50000ul)

static struct domain dom;
static struct vcpu vcpus[NVCPUS];
static struct vcpu *vcpu_ptrs[NVCPUS];
static struct shared_info shinfo;
static struct evtchn ports[NPORTS];
static void *frames[NGFNS];
static int pins;                    /* frames pinned now */
static unsigned int upcalls[NVCPUS];

void *xzalloc(size_t size) { return calloc(1, size); }
void xfree(void *p) { free(p); }
void *_xmalloc_array(size_t e, size_t n, bool zero) { (void)zero; return calloc(n, e); }

struct evtchn *evtchn_from_port(struct domain *d, uint32_t port)
{
    (void)d;
    return port && port < NPORTS && ports[port].state != ECS_FREE ? &ports[port] : NULL;
}

void vcpu_mark_events_pending(struct vcpu *v) { upcalls[v->vcpu_id]++; }

/* destroy's wait for the port ops under way: ops must be 2-level by then. */
static int pins_at_wait = -1;       /* frames still pinned when it waited */
void evtchn_wait_port_ops(struct domain *d)
{
    CHECK(d->evtchn.ops == &evtchn_port_ops_2l);
    pins_at_wait = pins;
}
const struct evtchn_port_ops evtchn_port_ops_2l;  /* (only its address matters here) */

static void *frame(uint64_t gfn)
{
    if (gfn < GFN_BASE || gfn >= GFN_BASE + NGFNS)
        return NULL;
    if (!frames[gfn - GFN_BASE]) {
        frames[gfn - GFN_BASE] = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
        memset(frames[gfn - GFN_BASE], 0, PAGE_SIZE);
    }
    return frames[gfn - GFN_BASE];
}

void *evtchn_fifo_pin_frame(struct domain *d, uint64_t gfn, unsigned long *slot)
{
    void *va = frame(gfn);

    (void)d;
    if (va) {
        *slot = MFN_OF(gfn);
        pins++;
    }
    return va;
}

void evtchn_fifo_unpin_frame(struct domain *d, unsigned long *slot)
{
    (void)d;
    CHECK(*slot != INVALID_MFN);
    *slot = INVALID_MFN;
    pins--;
}

static void setup(void)
{
    evtchn_fifo_destroy(&dom);
    CHECK_EQ(pins, 0);
    memset(&dom, 0, sizeof(dom));
    memset(vcpus, 0, sizeof(vcpus));
    memset(ports, 0, sizeof(ports));
    memset(&shinfo, 0, sizeof(shinfo));
    memset(upcalls, 0, sizeof(upcalls));
    for (unsigned int i = 0; i < NGFNS; i++) {
        free(frames[i]);
        frames[i] = NULL;
    }
    dom.domain_id = 1;
    dom.max_vcpus = NVCPUS;
    dom.vcpu = vcpu_ptrs;
    dom.shared_info = &shinfo;
    dom.evtchn.nr_ports = NPORTS;
    for (unsigned int i = 0; i < NVCPUS; i++) {
        vcpus[i].vcpu_id = i;
        vcpus[i].domain = &dom;
        vcpu_ptrs[i] = i < 2 ? &vcpus[i] : NULL;
    }
    for (unsigned int p = 0; p < NPORTS; p++) {
        ports[p].port = p;
        ports[p].priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    }
    unit_log_clear();
}

/* Bind @port (IPI-like) to @vcpu. */
static struct evtchn *bind(uint32_t port, unsigned int vcpu)
{
    ports[port].state = ECS_IPI;
    ports[port].notify_vcpu_id = vcpu;
    return &ports[port];
}

#define CB_GFN(v)    (GFN_BASE + (v))
#define ARRAY_GFN(i) (GFN_BASE + 10 + (i))

static int init_control(unsigned int vcpu, uint64_t gfn, uint32_t offset)
{
    struct evtchn_init_control c = { .control_gfn = gfn, .offset = offset, .vcpu = vcpu };
    int rc = evtchn_fifo_init_control(&dom, &c);

    CHECK_EQ(c.link_bits, EVTCHN_FIFO_LINK_BITS);
    return rc;
}

static int expand(uint64_t gfn)
{
    struct evtchn_expand_array e = { .array_gfn = gfn };

    return evtchn_fifo_expand_array(&dom, &e);
}

static struct evtchn_fifo_control_block *cb(unsigned int vcpu)
{
    return frame(CB_GFN(vcpu));
}

static event_word_t *word(uint32_t port)
{
    return (event_word_t *)frame(ARRAY_GFN(port / 1024)) + port % 1024;
}

/* The guest's setup as Linux: control blocks for vCPUs 0, 1; a page, all masked. */
static void fifo_guest(void)
{
    CHECK_EQ(init_control(0, CB_GFN(0), 0), 0);
    CHECK_EQ(init_control(1, CB_GFN(1), 0), 0);
    for (unsigned int i = 0; i < 1024; i++)
        word(i)[0] = 1u << EVTCHN_FIFO_MASKED;
    CHECK_EQ(expand(ARRAY_GFN(0)), 0);
}

static void guest_unmask(uint32_t port)
{
    __atomic_fetch_and(word(port), ~(1u << EVTCHN_FIFO_MASKED), __ATOMIC_SEQ_CST);
}

static void raise(uint32_t port)
{
    struct evtchn *chn = &ports[port];

    dom.evtchn.ops->set_pending(&vcpus[chn->notify_vcpu_id], chn);
}

/* ---- the guest's consumer (Linux events_fifo.c semantics) -------------- */
struct consumer {
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];  /* local copies; 0: reread the control block */
    uint32_t got[256];
    unsigned int n;
};
static struct consumer cons[NVCPUS];

static uint32_t clear_linked(event_word_t *w)
{
    event_word_t old = __atomic_load_n(w, __ATOMIC_SEQ_CST), new;

    do
        new = old & ~((1u << EVTCHN_FIFO_LINKED) | EVTCHN_FIFO_LINK_MASK);
    while (!__atomic_compare_exchange_n(w, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return old & EVTCHN_FIFO_LINK_MASK;
}

/* Consume one event of queue @q; false once the queue is empty. */
static bool consume_one(unsigned int v, unsigned int q)
{
    struct consumer *c = &cons[v];
    uint32_t port = c->head[q] ? c->head[q] : cb(v)->head[q];
    event_word_t *w = word(port);

    c->head[q] = clear_linked(w);
    if ((*w & (1u << EVTCHN_FIFO_PENDING)) && !(*w & (1u << EVTCHN_FIFO_MASKED))) {
        CHECK(c->n < 256);
        c->got[c->n++] = port;
        __atomic_fetch_and(w, ~(1u << EVTCHN_FIFO_PENDING), __ATOMIC_SEQ_CST);
    }
    return c->head[q] != 0;
}

/* Handle events on vCPU @v until none are ready. */
static void consume(unsigned int v)
{
    uint32_t ready = __atomic_exchange_n(&cb(v)->ready, 0, __ATOMIC_SEQ_CST);

    while (ready) {
        unsigned int q = __builtin_ctz(ready);

        if (!consume_one(v, q))
            ready &= ~(1u << q);
        ready |= __atomic_exchange_n(&cb(v)->ready, 0, __ATOMIC_SEQ_CST);
    }
}

static void expect_got(unsigned int v, const uint32_t *want, unsigned int n)
{
    CHECK_EQ(cons[v].n, n);
    for (unsigned int i = 0; i < n; i++)
        CHECK_EQ(cons[v].got[i], want[i]);
    cons[v].n = 0;
}

static void start(void)
{
    setup();
    memset(cons, 0, sizeof(cons));
    fifo_guest();
}

/* ---- tests -------------------------------------------------------------- */

#define P(bit) (1u << EVTCHN_FIFO_##bit)
#define GOT(v, ...) do { static const uint32_t w_[] = { __VA_ARGS__ }; \
                         expect_got(v, w_, sizeof(w_) / sizeof(w_[0])); } while (0)

TEST(link_order_and_ready)
{
    start();
    for (uint32_t p = 3; p <= 9; p += 2) {
        bind(p, 0);
        guest_unmask(p);
    }
    raise(5);
    raise(3);
    raise(9);
    CHECK_EQ(cb(0)->head[7], 5);
    CHECK_EQ(*word(5) & EVTCHN_FIFO_LINK_MASK, 3);
    CHECK_EQ(*word(3) & EVTCHN_FIFO_LINK_MASK, 9);
    CHECK_EQ(*word(9), P(PENDING) | P(LINKED));
    CHECK_EQ(cb(0)->ready, 1u << 7);
    CHECK_EQ(upcalls[0], 1);                /* READY 0->1 only */
    CHECK(dom.evtchn.ops->is_busy(&dom, &ports[3]));
    consume(0);
    GOT(0, 5, 3, 9);
    CHECK_EQ(*word(5) | *word(3) | *word(9), 0);
    CHECK(!dom.evtchn.ops->is_busy(&dom, &ports[3]));
}

TEST(priorities)
{
    start();
    bind(4, 0);
    bind(6, 0);
    bind(8, 0);
    for (uint32_t p = 4; p <= 8; p += 2)
        guest_unmask(p);
    CHECK_EQ(dom.evtchn.ops->set_priority(&dom, &ports[6], 2), 0);
    CHECK_EQ(dom.evtchn.ops->set_priority(&dom, &ports[8], EVTCHN_FIFO_PRIORITY_MIN), 0);
    CHECK_EQ(dom.evtchn.ops->set_priority(&dom, &ports[8], EVTCHN_FIFO_PRIORITY_MIN + 1), -EINVAL);
    CHECK_EQ(evtchn_fifo_set_priority(&dom, 8, 16), -EINVAL);
    CHECK_EQ(evtchn_fifo_set_priority(&dom, 1000, 1), -EINVAL);   /* not bound */
    raise(8);
    raise(4);
    raise(6);
    CHECK_EQ(cb(0)->ready, (1u << 2) | (1u << 7) | (1u << 15));
    CHECK_EQ(upcalls[0], 3);
    CHECK_EQ(cb(0)->head[2], 6);
    CHECK_EQ(cb(0)->head[15], 8);
    consume(0);
    GOT(0, 6, 4, 8);
}

TEST(masked_not_linked_until_unmask)
{
    start();
    bind(10, 0);
    raise(10);                              /* still masked */
    CHECK_EQ(*word(10), P(PENDING) | P(MASKED));
    CHECK_EQ(cb(0)->ready, 0);
    CHECK_EQ(upcalls[0], 0);
    CHECK(dom.evtchn.ops->is_pending(&dom, &ports[10]));
    CHECK(dom.evtchn.ops->is_masked(&dom, &ports[10]));
    dom.evtchn.ops->unmask(&dom, &ports[10]);
    CHECK_EQ(*word(10), P(PENDING) | P(LINKED));
    CHECK_EQ(cb(0)->head[7], 10);
    CHECK_EQ(upcalls[0], 1);
    consume(0);
    GOT(0, 10);
    /* Unmasking something not pending links nothing. */
    dom.evtchn.ops->unmask(&dom, &ports[10]);
    CHECK_EQ(*word(10), 0);
    CHECK_EQ(cb(0)->ready, 0);
    /* clear_pending, then the guest unmasks: nothing to deliver. */
    *word(10) = P(MASKED);
    raise(10);
    dom.evtchn.ops->clear_pending(&dom, &ports[10]);
    dom.evtchn.ops->unmask(&dom, &ports[10]);
    CHECK_EQ(*word(10), 0);
    consume(0);
    GOT(0);
}

TEST(linked_event_not_linked_twice)
{
    start();
    bind(11, 0);
    bind(12, 0);
    guest_unmask(11);
    guest_unmask(12);
    raise(11);
    raise(11);                              /* already LINKED: no self-link */
    CHECK_EQ(*word(11) & EVTCHN_FIFO_LINK_MASK, 0);
    raise(12);
    raise(11);
    raise(12);
    CHECK_EQ(*word(11) & EVTCHN_FIFO_LINK_MASK, 12);
    CHECK_EQ(*word(12) & EVTCHN_FIFO_LINK_MASK, 0);
    CHECK_EQ(upcalls[0], 1);
    consume(0);
    GOT(0, 11, 12);
}

TEST(head_and_tail_as_guest_consumes)
{
    start();
    for (uint32_t p = 20; p < 24; p++) {
        bind(p, 0);
        guest_unmask(p);
    }
    /* Queue emptied: the stale tail's word is not LINKED, so 21 becomes head. */
    raise(20);
    consume(0);
    GOT(0, 20);
    raise(21);
    CHECK_EQ(cb(0)->head[7], 21);
    CHECK_EQ(*word(20), 0);                 /* the consumed word is left alone */
    CHECK_EQ(upcalls[0], 2);
    /* Partly consumed: 22 goes behind the still-linked tail 21... */
    raise(22);
    cb(0)->ready = 0;                       /* the guest took READY... */
    CHECK(consume_one(0, 7));               /* ...and handled only 21 */
    GOT(0, 21);
    raise(23);                              /* tail 22 still linked */
    CHECK_EQ(*word(22) & EVTCHN_FIFO_LINK_MASK, 23);
    CHECK_EQ(cb(0)->ready, 0);              /* linked behind: no new READY */
    CHECK(consume_one(0, 7));
    CHECK(!consume_one(0, 7));
    GOT(0, 22, 23);
    /* The same port raised again after consumption is its queue's head. */
    raise(23);
    CHECK_EQ(cb(0)->head[7], 23);
    consume(0);
    GOT(0, 23);
    /* Masked by the guest while linked: delivered later only if unmasked. */
    raise(20);
    *word(20) |= P(MASKED);
    consume(0);
    GOT(0);
    CHECK_EQ(*word(20), P(PENDING) | P(MASKED));
    dom.evtchn.ops->unmask(&dom, &ports[20]);
    consume(0);
    GOT(0, 20);
}

TEST(move_between_queues)
{
    start();
    bind(30, 0);
    bind(31, 0);
    bind(32, 0);
    for (uint32_t p = 30; p <= 32; p++)
        guest_unmask(p);
    raise(30);                              /* tail of (v0, 7) */
    /* Still linked: a new priority waits for the next link. */
    CHECK_EQ(dom.evtchn.ops->set_priority(&dom, &ports[30], 3), 0);
    raise(30);
    CHECK_EQ(cb(0)->ready, 1u << 7);
    consume(0);
    GOT(0, 30);
    /* Relinked on (v0, 3): the old queue forgets 30 as its tail. */
    raise(30);
    CHECK_EQ(cb(0)->head[3], 30);
    CHECK_EQ(ports[30].last_priority, 3);
    raise(31);                              /* (v0, 7) is empty: 31 is its head */
    CHECK_EQ(cb(0)->head[7], 31);
    CHECK_EQ(*word(30) & EVTCHN_FIFO_LINK_MASK, 0);
    consume(0);
    GOT(0, 30, 31);
    /* Another vCPU: READY and the upcall go to vCPU 1. */
    ports[32].notify_vcpu_id = 1;
    raise(32);
    CHECK_EQ(cb(1)->head[7], 32);
    CHECK_EQ(cb(1)->ready, 1u << 7);
    CHECK_EQ(upcalls[1], 1);
    CHECK_EQ(ports[32].last_vcpu_id, 1);
    consume(1);
    GOT(1, 32);
    /* Linked on v1, rebound to v0 before the guest consumed: v1's queue keeps it. */
    raise(32);
    ports[32].notify_vcpu_id = 0;
    raise(32);
    CHECK_EQ(cb(0)->ready, 0);
    consume(1);
    GOT(1, 32);
    raise(32);                              /* now linked (not consumed) on v0 */
    CHECK_EQ(ports[32].last_vcpu_id, 0);
    /* v1's old tail 32 is forgotten: 33 must not be linked behind it into v0's queue. */
    bind(33, 1);
    guest_unmask(33);
    raise(33);
    CHECK_EQ(cb(1)->head[7], 33);
    CHECK_EQ(*word(32) & EVTCHN_FIFO_LINK_MASK, 0);
    consume(0);
    consume(1);
    GOT(0, 32);
    GOT(1, 33);
}

TEST(vcpu_without_control_block)
{
    setup();
    CHECK_EQ(init_control(0, CB_GFN(0), 0), 0);
    CHECK_EQ(expand(ARRAY_GFN(0)), 0);
    bind(40, 1);
    raise(40);                              /* dropped, with a warning */
    CHECK(strstr(unit_log, "without a control block"));
    CHECK_EQ(*word(40), 0);
    CHECK_EQ(upcalls[1], 0);
}

TEST(ports_beyond_the_array)
{
    start();
    bind(1500, 0);
    CHECK(dom.evtchn.ops->is_masked(&dom, &ports[1500]));
    CHECK(!dom.evtchn.ops->is_pending(&dom, &ports[1500]));
    CHECK(!dom.evtchn.ops->is_busy(&dom, &ports[1500]));
    raise(1500);
    CHECK(ports[1500].fifo_pending);
    CHECK_EQ(upcalls[0], 0);
    dom.evtchn.ops->unmask(&dom, &ports[1500]);     /* no word: nothing */
    /* The guest adds the page with 1500 unmasked: it is raised then. */
    CHECK_EQ(*word(1500), 0);
    CHECK_EQ(expand(ARRAY_GFN(1)), 0);
    CHECK(!ports[1500].fifo_pending);
    CHECK_EQ(cb(0)->head[7], 1500);
    consume(0);
    GOT(0, 1500);
}

TEST(expand_array_bounds)
{
    setup();
    CHECK_EQ(expand(ARRAY_GFN(0)), -EOPNOTSUPP);        /* before init_control */
    CHECK_EQ(init_control(0, CB_GFN(0), 0), 0);
    CHECK_EQ(expand(0), -EINVAL);                       /* not guest RAM */
    CHECK_EQ(expand(GFN_BASE + NGFNS), -EINVAL);
    for (unsigned int i = 0; i < EVTCHN_FIFO_MAX_ARRAY_PAGES; i++)
        CHECK_EQ(expand(ARRAY_GFN(i)), 0);
    CHECK_EQ(EVTCHN_FIFO_MAX_ARRAY_PAGES, 128);
    CHECK_EQ(expand(ARRAY_GFN(0)), -ENOSPC);
    CHECK_EQ(pins, 1 + 128);
    CHECK(evtchn_fifo_word(&dom, EVTCHN_FIFO_NR_CHANNELS - 1) != NULL);
    CHECK(evtchn_fifo_word(&dom, EVTCHN_FIFO_NR_CHANNELS) == NULL);
    CHECK(evtchn_fifo_word(&dom, ~0u) == NULL);
}

TEST(init_control_validation)
{
    setup();
    CHECK_EQ(init_control(NVCPUS, CB_GFN(0), 0), -ENOENT);
    CHECK_EQ(init_control(2, CB_GFN(0), 0), -ENOENT);   /* not created */
    CHECK_EQ(init_control(~0u, CB_GFN(0), 0), -ENOENT);
    CHECK_EQ(init_control(0, CB_GFN(0), 4), -EINVAL);   /* not 8-byte aligned */
    CHECK_EQ(init_control(0, CB_GFN(0), PAGE_SIZE - 72 + 8), -EINVAL);  /* crosses the page */
    CHECK_EQ(init_control(0, CB_GFN(0), ~0u & ~7u), -EINVAL);
    CHECK_EQ(init_control(0, 5, 0), -EINVAL);           /* not guest RAM */
    CHECK(dom.evtchn.fifo == NULL);                     /* still 2-level */
    CHECK(dom.evtchn.ops == NULL);
    CHECK_EQ(pins, 0);
    CHECK_EQ(init_control(0, CB_GFN(0), PAGE_SIZE - 72), 0);   /* last place that fits */
    CHECK(dom.evtchn.ops == &evtchn_port_ops_fifo);
    CHECK_EQ(init_control(0, CB_GFN(3), 0), -EINVAL);   /* twice */
    CHECK_EQ(init_control(1, 5, 0), -EINVAL);
    CHECK_EQ(init_control(1, CB_GFN(1), 64), 0);
    CHECK_EQ(pins, 2);
    CHECK(evtchn_fifo_frame_pinned(&dom, MFN_OF(CB_GFN(0))));
    CHECK(!evtchn_fifo_frame_pinned(&dom, MFN_OF(CB_GFN(3))));
    /* vCPU 1's heads sit at offset 64 of its frame. */
    CHECK_EQ(expand(ARRAY_GFN(0)), 0);
    bind(7, 1);
    raise(7);
    CHECK_EQ(((struct evtchn_fifo_control_block *)((char *)cb(1) + 64))->head[7], 7);
}

TEST(switch_keeps_pending_state)
{
    setup();
    bind(3, 0);
    bind(70, 1);
    bind(71, 0);
    ports[3].priority = 0;
    shinfo.evtchn_pending[0] = 1u << 3;
    shinfo.evtchn_pending[1] = 1u << (70 - 64);
    CHECK_EQ(init_control(0, CB_GFN(0), 0), 0);
    CHECK_EQ(init_control(1, CB_GFN(1), 0), 0);
    CHECK(ports[3].fifo_pending && ports[70].fifo_pending && !ports[71].fifo_pending);
    CHECK_EQ(ports[3].priority, EVTCHN_FIFO_PRIORITY_DEFAULT);
    CHECK_EQ(expand(ARRAY_GFN(0)), 0);      /* a zeroed page: all unmasked */
    consume(0);
    consume(1);
    GOT(0, 3);
    GOT(1, 70);
}

TEST(destroy_releases_everything)
{
    start();
    CHECK_EQ(expand(ARRAY_GFN(1)), 0);
    CHECK_EQ(pins, 4);
    CHECK(evtchn_fifo_frame_pinned(&dom, MFN_OF(ARRAY_GFN(1))));
    pins_at_wait = -1;
    evtchn_fifo_destroy(&dom);
    CHECK_EQ(pins_at_wait, 4);                          /* waited, then unpinned */
    CHECK_EQ(pins, 0);
    CHECK(dom.evtchn.fifo == NULL);
    CHECK(dom.evtchn.ops == &evtchn_port_ops_2l);       /* back on 2-level */
    CHECK(!evtchn_fifo_frame_pinned(&dom, MFN_OF(ARRAY_GFN(1))));
    CHECK(!evtchn_fifo_frame_pinned(&dom, MFN_OF(CB_GFN(0))));
    CHECK(evtchn_fifo_word(&dom, 1) == NULL);
    evtchn_fifo_destroy(&dom);              /* twice is harmless */
    CHECK_EQ(pins, 0);
    /* The guest may start FIFO over (EVTCHNOP_reset then init_control). */
    CHECK_EQ(init_control(0, CB_GFN(0), 0), 0);
    CHECK_EQ(pins, 1);
}

TEST(print_state)
{
    start();
    bind(5, 0);
    guest_unmask(5);
    raise(5);
    unit_log_clear();
    dom.evtchn.ops->print_state(&dom, &ports[5]);
    CHECK(strstr(unit_log, "P1 M0 L1 B0 link=0 prio=7"));
    unit_log_clear();
    dom.evtchn.ops->print_state(&dom, &ports[1500]);
    CHECK(strstr(unit_log, "no word"));
}

/* ---- a concurrent guest ------------------------------------------------ */
static volatile bool guest_stop;

/* A conforming guest masking and unmasking @arg's word (unmask only while not BUSY). */
static void *mask_toggler(void *arg)
{
    event_word_t *w = arg;

    while (!guest_stop) {
        event_word_t old = __atomic_fetch_or(w, P(MASKED), __ATOMIC_SEQ_CST) | P(MASKED);

        while (!(old & P(BUSY)) &&
               !__atomic_compare_exchange_n(w, &old, old & ~P(MASKED), false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            ;
    }
    return NULL;
}

/* A hostile guest flipping bits of a linked word as fast as it can. */
static void *bit_flipper(void *arg)
{
    while (!guest_stop)
        __atomic_fetch_xor((event_word_t *)arg, P(PENDING) | 0x10000, __ATOMIC_SEQ_CST);
    return NULL;
}

/* Link 61 behind a tail (60) whose word the guest changes meanwhile; return the links made. */
static unsigned int link_under(void *(*guest)(void *), unsigned int rounds)
{
    pthread_t t;
    unsigned int made = 0;

    start();
    bind(60, 0);
    bind(61, 0);
    guest_unmask(61);
    guest_stop = false;
    CHECK_EQ(pthread_create(&t, NULL, guest, word(60)), 0);
    for (unsigned int i = 0; i < rounds; i++) {
        /* Make 60 the linked tail, as if raised while unmasked. */
        __atomic_fetch_or(word(60), P(PENDING) | P(LINKED), __ATOMIC_SEQ_CST);
        __atomic_store_n(&cb(0)->head[7], 60, __ATOMIC_SEQ_CST);
        ((struct evtchn_fifo_domain *)dom.evtchn.fifo)->vcpu[0].queue[7].tail = 60;
        ports[60].last_priority = 7;
        raise(61);
        made += (*word(60) & EVTCHN_FIFO_LINK_MASK) == 61;
        /* The consumer side: unlink both, ack 61. */
        __atomic_fetch_and(word(60), ~(P(LINKED) | EVTCHN_FIFO_LINK_MASK), __ATOMIC_SEQ_CST);
        *word(61) = 0;
        cb(0)->ready = 0;
    }
    guest_stop = true;
    pthread_join(t, NULL);
    return made;
}

TEST(link_while_guest_masks_tail)
{
    /* Only allowed changes: every link lands and BUSY is never left set. */
    CHECK_EQ(link_under(mask_toggler, 20000), 20000);
    CHECK(!(*word(60) & P(BUSY)));
}

TEST(link_while_hostile_guest_scribbles)
{
    /* The hypervisor gives up after bounded retries instead of spinning. */
    link_under(bit_flipper, 20000);
    CHECK(!(*word(60) & P(BUSY)));
}

static struct evtchn_fifo_queue *fifo_queue(unsigned int v, unsigned int prio)
{
    return &((struct evtchn_fifo_domain *)dom.evtchn.fifo)->vcpu[v].queue[prio];
}

static void *raise_thread(void *arg)
{
    raise((uint32_t)(uintptr_t)arg);
    return NULL;
}

/*
 * Two raises of one port race (an interdomain send holds only the sender's
 * channel lock): the one that found 40's last queue (v0, 7) waits for its
 * lock while the other moves 40 to (v0, 3), leaving it as that queue's
 * tail.  The waiter must look again and forget the tail of (v0, 3), else a
 * later link there writes into 40's word while 40 is queued on vCPU 1.
 */
TEST(raise_rechecks_last_queue_under_its_lock)
{
    pthread_t t;

    start();
    bind(40, 0);
    guest_unmask(40);
    raise(40);                              /* (v0, 7) */
    consume(0);
    GOT(0, 40);
    ports[40].notify_vcpu_id = 1;
    spin_lock(&fifo_queue(0, 7)->lock);
    CHECK_EQ(pthread_create(&t, NULL, raise_thread, (void *)(uintptr_t)40), 0);
    usleep(30000);                          /* it waits for (v0, 7) */
    ports[40].last_priority = 3;            /* the other raise, under (v0, 7)'s lock */
    fifo_queue(0, 3)->tail = 40;
    spin_unlock(&fifo_queue(0, 7)->lock);
    pthread_join(t, NULL);
    CHECK_EQ(ports[40].last_vcpu_id, 1);
    CHECK_EQ(cb(1)->head[7], 40);
    CHECK(fifo_queue(0, 3)->tail != 40);
}

TEST_MAIN()
