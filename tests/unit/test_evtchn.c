/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Event channels on the host: the port state machine and permission model
 * (alloc_unbound, bind_interdomain, bind_virq/ipi, close from either side,
 * send, status, bind_vcpu, reset, limits, destruction telling peers), the
 * 2-level pending/mask/selector/upcall ordering, upcall delivery, the
 * SCHEDOP_poll hook, the hypercall decoding, and reset racing delivery
 * (threads).  Domains, vCPUs and shared_info are fakes in host memory.
 */
#include "harness.h"
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/xmalloc.h>
#include <asm/hvm_params.h>
#include <asm/p2m.h>
#include <public/event_channel.h>
#include <xen/event_fifo.h>

/* ---- fakes ---------------------------------------------------------------- */
#define NDOMS 4
static struct domain *doms[NDOMS];
static struct vcpu *cur;
static unsigned int wakes, kicks, irqs, last_irq;
static int callback_vec = -1;

void *xzalloc(size_t size) { return calloc(1, size); }
void *xmalloc(size_t size) { return malloc(size); }
void xfree(void *p) { free(p); }
void *_xmalloc_array(size_t e, size_t n, bool zero) { (void)zero; return calloc(n, e); }
struct domain *domain_get(domid_t id) { return id < NDOMS ? doms[id] : NULL; }
void domain_put(struct domain *d) { (void)d; }
struct vcpu *current_vcpu(void) { return cur; }
void vcpu_wake(struct vcpu *v) { (void)v; wakes++; }
void vcpu_kick_blocked(struct vcpu *v) { (void)v; kicks++; }
void smp_send_event_check_cpu(unsigned int cpu) { (void)cpu; }
bool vlapic_set_irq(struct vlapic *vl, uint8_t vector) { (void)vl; irqs++; last_irq = vector; return true; }
uint8_t hvm_upcall_vector(const struct vcpu *v) { return v->arch.evtchn_upcall_vector; }
int hvm_callback_vector(const struct domain *d) { (void)d; return callback_vec; }
int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len)
{
    (void)v;
    if (!va)
        return -EFAULT;
    memcpy(buf, (void *)(uintptr_t)va, len);
    return 0;
}
int copy_to_guest_virt(struct vcpu *v, uint64_t va, const void *buf, size_t len)
{
    (void)v;
    if (!va)
        return -EFAULT;
    memcpy((void *)(uintptr_t)va, buf, len);
    return 0;
}

/*
 * FIFO guest frames: host pages by gfn (event_fifo_map.c's job).  The last
 * unpin frees the page, as physmap may then give the frame away: a later
 * write through an old mapping is a use after free for ASan.
 */
#define NGFNS 16
static void *frames[NGFNS];
static int frame_pins[NGFNS];
void *evtchn_fifo_pin_frame(struct domain *d, uint64_t gfn, unsigned long *slot)
{
    (void)d;
    if (gfn >= NGFNS)
        return NULL;
    if (!frames[gfn])
        frames[gfn] = aligned_alloc(4096, 4096), memset(frames[gfn], 0, 4096);
    frame_pins[gfn]++;
    *slot = 0x1000 + gfn;
    return frames[gfn];
}
void evtchn_fifo_unpin_frame(struct domain *d, unsigned long *slot)
{
    unsigned long gfn = *slot - 0x1000;

    (void)d;
    if (gfn >= NGFNS || frame_pins[gfn] <= 0)
        abort();                                        /* (maybe not the test's thread) */
    if (!--frame_pins[gfn]) {
        free(frames[gfn]);
        frames[gfn] = NULL;
    }
    *slot = INVALID_MFN;
}

static struct domain *mkdom(domid_t id, bool priv, unsigned int nvcpus)
{
    struct domain *d = calloc(1, sizeof(*d));

    d->domain_id = id;
    d->is_privileged = priv;
    d->max_vcpus = nvcpus;
    d->vcpu = calloc(nvcpus, sizeof(*d->vcpu));
    d->shared_info = calloc(1, 4096);
    for (unsigned int i = 0; i < nvcpus; i++) {
        d->vcpu[i] = calloc(1, sizeof(struct vcpu));
        d->vcpu[i]->vcpu_id = i;
        d->vcpu[i]->domain = d;
    }
    CHECK_EQ(evtchn_domain_init(d), 0);
    doms[id] = d;
    return d;
}

static void rmdom(struct domain *d)
{
    evtchn_domain_destroy(d);
    doms[d->domain_id] = NULL;
    for (unsigned int i = 0; i < d->max_vcpus; i++)
        free(d->vcpu[i]);
    free(d->vcpu);
    free(d->shared_info);
    free(d);
}

static void setup(struct domain **d0, struct domain **d1, struct domain **d2)
{
    *d0 = mkdom(0, true, 2);
    *d1 = mkdom(1, false, 2);
    *d2 = mkdom(2, false, 1);
    cur = (*d1)->vcpu[0];
    wakes = kicks = irqs = last_irq = 0;
    callback_vec = -1;
}

static void teardown(void)
{
    for (unsigned int i = 0; i < NDOMS; i++)
        if (doms[i])
            rmdom(doms[i]);
    for (unsigned int i = 0; i < NGFNS; i++) {
        free(frames[i]);
        frames[i] = NULL;
        frame_pins[i] = 0;
    }
}

static int unbound(struct domain *ld, domid_t dom, domid_t remote, uint32_t *port)
{
    struct evtchn_alloc_unbound a = { .dom = dom, .remote_dom = remote };
    int rc = evtchn_alloc_unbound(ld, &a);

    *port = a.port;
    return rc;
}

static int bind(struct domain *ld, domid_t remote, uint32_t rport, uint32_t *lport)
{
    struct evtchn_bind_interdomain b = { .remote_dom = remote, .remote_port = rport };
    int rc = evtchn_bind_interdomain(ld, &b);

    *lport = b.local_port;
    return rc;
}

static bool pending(struct domain *d, uint32_t p)
{
    return (d->shared_info->evtchn_pending[p / 64] >> (p % 64)) & 1;
}

static void mask(struct domain *d, uint32_t p, bool on)
{
    if (on)
        d->shared_info->evtchn_mask[p / 64] |= 1ul << (p % 64);
    else
        d->shared_info->evtchn_mask[p / 64] &= ~(1ul << (p % 64));
}

static struct evtchn_status status(struct domain *ld, domid_t dom, uint32_t port, int *rc)
{
    struct evtchn_status s = { .dom = dom, .port = port };

    *rc = evtchn_status(ld, &s);
    return s;
}

/* ---- tests ---------------------------------------------------------------- */

TEST(alloc_unbound_permissions)
{
    struct domain *d0, *d1, *d2;
    uint32_t p;
    int rc;

    setup(&d0, &d1, &d2);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p), 0);
    CHECK_EQ(p, 1);                                     /* port 0 is reserved */
    struct evtchn_status s = status(d1, DOMID_SELF, p, &rc);
    CHECK_EQ(rc, 0);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(s.u.unbound.dom, 2);
    CHECK_EQ(unbound(d1, DOMID_SELF, DOMID_SELF, &p), 0);
    CHECK_EQ(status(d1, 1, p, &rc).u.unbound.dom, 1);   /* DOMID_SELF: the caller */
    CHECK_EQ(unbound(d1, 2, 1, &p), -EPERM);            /* not on another domain */
    CHECK_EQ(unbound(d1, 3, 1, &p), -ESRCH);
    CHECK_EQ(unbound(d0, 2, 1, &p), 0);                 /* the control domain may */
    CHECK_EQ(p, 1);
    CHECK_EQ(status(d1, 2, 1, &rc).status, 0);
    CHECK_EQ(rc, -EPERM);                               /* status of another: control only */
    CHECK_EQ(status(d0, 2, 1, &rc).status, EVTCHNSTAT_unbound);
    status(d1, 2, 5000, &rc);
    CHECK_EQ(rc, -EINVAL);                              /* the port is checked first */
    status(d1, 3, 1, &rc);
    CHECK_EQ(rc, -ESRCH);
    d2->evtchn.max_ports = 1;
    CHECK_EQ(unbound(d1, 2, 1, &p), -ENOSPC);           /* allocation before permission */
    d1->is_dying = true;
    CHECK_EQ(unbound(d1, DOMID_SELF, 1, &p), -EINVAL);  /* no new ports while dying */
    d1->is_dying = false;
    CHECK_EQ(status(d1, DOMID_SELF, 0, &rc).status, EVTCHNSTAT_closed);
    CHECK_EQ(status(d1, DOMID_SELF, 5000, &rc).status, 0);
    CHECK_EQ(rc, -EINVAL);
    teardown();
}

TEST(bind_interdomain_rules)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2, p;
    int rc;

    setup(&d0, &d1, &d2);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(bind(d0, 1, p1, &p), -EINVAL);             /* not offered to d0 */
    CHECK_EQ(bind(d2, 3, p1, &p), -ESRCH);
    CHECK_EQ(bind(d2, 1, 999, &p), -EINVAL);            /* beyond the table */
    CHECK_EQ(bind(d2, 1, 0, &p), -EINVAL);              /* reserved */
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    CHECK(pending(d2, p2));                             /* conservatively pending */
    CHECK(!pending(d1, p1));
    CHECK_EQ(bind(d2, 1, p1, &p), -EINVAL);             /* bound already */
    struct evtchn_status s = status(d1, DOMID_SELF, p1, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_interdomain);
    CHECK_EQ(s.u.interdomain.dom, 2);
    CHECK_EQ(s.u.interdomain.port, p2);
    s = status(d2, DOMID_SELF, p2, &rc);
    CHECK_EQ(s.u.interdomain.dom, 1);
    CHECK_EQ(s.u.interdomain.port, p1);
    /* Loopback within one domain. */
    CHECK_EQ(unbound(d1, DOMID_SELF, DOMID_SELF, &p1), 0);
    CHECK_EQ(bind(d1, DOMID_SELF, p1, &p), 0);
    CHECK_EQ(evtchn_send(d1, p), 0);
    CHECK(pending(d1, p1));
    CHECK_EQ(evtchn_close(d1, p), 0);
    CHECK_EQ(status(d1, DOMID_SELF, p1, &rc).status, EVTCHNSTAT_unbound);
    teardown();
}

TEST(send_and_close_from_either_side)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2, p;
    int rc;

    setup(&d0, &d1, &d2);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(evtchn_send(d1, p1), 0);                   /* unbound: dropped */
    CHECK(!pending(d1, p1));
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK(pending(d1, p1));
    CHECK_EQ(evtchn_send(d2, 0), -EINVAL);
    CHECK_EQ(evtchn_send(d2, 4096), -EINVAL);
    CHECK_EQ(evtchn_send(d2, 0xffffffff), -EINVAL);
    CHECK_EQ(evtchn_send(d2, p2 + 1), -EINVAL);         /* free */
    /* d1 closes: d2's end is unbound, offered back to d1, which may re-bind. */
    CHECK_EQ(evtchn_close(d1, p1), 0);
    CHECK(!pending(d1, p1));                            /* freed ports are clean */
    CHECK_EQ(evtchn_close(d1, p1), -EINVAL);
    CHECK_EQ(evtchn_send(d1, p1), -EINVAL);
    struct evtchn_status s = status(d2, DOMID_SELF, p2, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(s.u.unbound.dom, 1);
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK_EQ(bind(d1, 2, p2, &p), 0);
    /* Now d2 closes its side. */
    CHECK_EQ(evtchn_close(d2, p2), 0);
    s = status(d1, DOMID_SELF, p, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(s.u.unbound.dom, 2);
    CHECK_EQ(evtchn_close(d1, 0), -EINVAL);
    CHECK_EQ(evtchn_close(d1, 100000), -EINVAL);
    teardown();
}

TEST(two_level_ordering)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2;

    setup(&d0, &d1, &d2);
    struct vcpu_info *vi = vcpu_info(d1->vcpu[0]);
    /* Use a port in the second word to see the selector bit. */
    for (int i = 0; i < 70; i++)
        CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(p1, 70);
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    mask(d1, p1, true);
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK(pending(d1, p1));
    CHECK_EQ(vi->evtchn_pending_sel, 0);                /* masked: no selector */
    CHECK_EQ(vi->evtchn_upcall_pending, 0);
    CHECK_EQ(evtchn_unmask(d1, p1), 0);                 /* unmask re-delivers */
    CHECK_EQ(vi->evtchn_pending_sel, 2);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    /* Already pending: nothing more. */
    vi->evtchn_pending_sel = 0;
    vi->evtchn_upcall_pending = 0;
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK_EQ(vi->evtchn_pending_sel, 0);
    /* Guest consumes; a new event sets all three. */
    d1->shared_info->evtchn_pending[1] = 0;
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK_EQ(vi->evtchn_pending_sel, 2);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    /* Selector already set: no new upcall. */
    vi->evtchn_upcall_pending = 0;
    d1->shared_info->evtchn_pending[1] = 0;
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK_EQ(vi->evtchn_upcall_pending, 0);
    /* Unmask of a port not pending: nothing. */
    vi->evtchn_pending_sel = 0;
    d1->shared_info->evtchn_pending[1] = 0;
    mask(d1, p1, true);
    CHECK_EQ(evtchn_unmask(d1, p1), 0);
    CHECK_EQ(vi->evtchn_pending_sel, 0);
    CHECK_EQ(evtchn_unmask(d1, 5000), -EINVAL);
    CHECK_EQ(evtchn_unmask(d1, 3), 0);                  /* free but in the table: 0 */
    teardown();
}

TEST(notify_vcpu_and_upcall_delivery)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2;

    setup(&d0, &d1, &d2);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(evtchn_bind_vcpu(d1, p1, 1), 0);
    CHECK_EQ(evtchn_bind_vcpu(d1, p1, 2), -ENOENT);
    CHECK_EQ(evtchn_bind_vcpu(d1, 50, 0), -EINVAL);
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    d1->vcpu[1]->arch.evtchn_upcall_vector = 0xf3;
    d1->vcpu[1]->arch.vlapic = (struct vlapic *)1;      /* present, never dereferenced */
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK_EQ(vcpu_info(d1->vcpu[1])->evtchn_upcall_pending, 1);
    CHECK_EQ(vcpu_info(d1->vcpu[0])->evtchn_upcall_pending, 0);
    CHECK_EQ(irqs, 1);
    CHECK_EQ(last_irq, 0xf3);
    CHECK_EQ(evtchn_callback_pending(d1->vcpu[1]), -1); /* own vector: through the APIC */
    d1->vcpu[1]->arch.vlapic = NULL;
    /* The callback vector: level-like while upcall_pending, no APIC. */
    callback_vec = 0x40;
    struct vcpu *v0 = d1->vcpu[0];
    CHECK_EQ(evtchn_callback_pending(v0), -1);
    CHECK_EQ(evtchn_bind_vcpu(d1, p1, 0), 0);
    d1->shared_info->evtchn_pending[0] = 0;
    v0->arch.hlt_blocked = true;
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK_EQ(evtchn_callback_pending(v0), 0x40);
    CHECK_EQ(wakes, 1);                                 /* a halted vCPU is woken */
    CHECK_EQ(irqs, 1);
    CHECK(vcpu_events_pending(v0));
    vcpu_info(v0)->evtchn_upcall_mask = 1;
    CHECK(!vcpu_events_pending(v0));
    vcpu_unmask_events(v0);
    CHECK(vcpu_events_pending(v0));
    teardown();
}

TEST(virq_and_ipi)
{
    struct domain *d0, *d1, *d2;
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER, .vcpu = 0 };
    struct evtchn_bind_ipi bi = { .vcpu = 1 };
    int rc;

    setup(&d0, &d1, &d2);
    CHECK_EQ(evtchn_bind_virq(d1, &bv), 0);
    uint32_t timer0 = bv.port;
    CHECK_EQ(evtchn_bind_virq(d1, &bv), -EEXIST);
    bv.vcpu = 1;
    CHECK_EQ(evtchn_bind_virq(d1, &bv), 0);             /* per-vCPU: once per vCPU */
    bv.vcpu = 2;
    CHECK_EQ(evtchn_bind_virq(d1, &bv), -ENOENT);
    bv = (struct evtchn_bind_virq){ .virq = VIRQ_CONSOLE, .vcpu = 1 };
    CHECK_EQ(evtchn_bind_virq(d1, &bv), -EINVAL);       /* global: vCPU 0 only */
    bv.vcpu = 0;
    CHECK_EQ(evtchn_bind_virq(d1, &bv), 0);
    uint32_t console = bv.port;
    CHECK_EQ(evtchn_bind_virq(d1, &bv), -EEXIST);
    bv.virq = NR_VIRQS;
    CHECK_EQ(evtchn_bind_virq(d1, &bv), -EINVAL);
    bv.virq = 0xffffffff;
    CHECK_EQ(evtchn_bind_virq(d1, &bv), -EINVAL);
    struct evtchn_status s = status(d1, DOMID_SELF, timer0, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_virq);
    CHECK_EQ(s.u.virq, VIRQ_TIMER);
    CHECK_EQ(evtchn_send(d1, timer0), -EINVAL);         /* VIRQs are not sent */
    send_timer_virq(d1->vcpu[0]);
    CHECK(pending(d1, timer0));
    CHECK_EQ(evtchn_bind_vcpu(d1, timer0, 1), -EINVAL); /* per-vCPU VIRQ stays */
    CHECK_EQ(evtchn_bind_vcpu(d1, console, 1), 0);      /* global may move */
    send_guest_global_virq(d1, VIRQ_CONSOLE);
    CHECK(pending(d1, console));
    CHECK_EQ(vcpu_info(d1->vcpu[1])->evtchn_upcall_pending, 1);
    CHECK_EQ(evtchn_close(d1, console), 0);
    bv = (struct evtchn_bind_virq){ .virq = VIRQ_CONSOLE, .vcpu = 0 };
    CHECK_EQ(evtchn_bind_virq(d1, &bv), 0);             /* free again */
    CHECK_EQ(evtchn_close(d1, timer0), 0);
    send_timer_virq(d1->vcpu[0]);                       /* unbound now: nothing */
    CHECK(!pending(d1, timer0));
    CHECK_EQ(evtchn_bind_ipi(d1, &bi), 0);
    CHECK_EQ(evtchn_send(d1, bi.port), 0);
    CHECK(pending(d1, bi.port));
    CHECK_EQ(status(d1, DOMID_SELF, bi.port, &rc).vcpu, 1);
    CHECK_EQ(evtchn_bind_vcpu(d1, bi.port, 0), -EINVAL);
    bi.vcpu = 2;
    CHECK_EQ(evtchn_bind_ipi(d1, &bi), -ENOENT);
    teardown();
}

TEST(port_limits)
{
    struct domain *d0, *d1, *d2;
    uint32_t p;
    unsigned int n = 0;

    setup(&d0, &d1, &d2);
    while (unbound(d1, DOMID_SELF, 2, &p) == 0)
        n++;
    CHECK_EQ(n, 1023);                                  /* Xen's default per domain */
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p), -ENOSPC);
    CHECK_EQ(evtchn_close(d1, 500), 0);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p), 0);
    CHECK_EQ(p, 500);                                   /* lowest free port reused */
    /* A smaller per-domain limit (domU option max_event_channels=9). */
    CHECK_EQ(evtchn_set_max_port(d2, 9), 0);
    n = 0;
    while (unbound(d2, DOMID_SELF, 1, &p) == 0)
        n++;
    CHECK_EQ(n, 9);
    /* bind_interdomain needs a local port first: -ENOSPC even for a bad remote. */
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p), -ENOSPC);
    CHECK_EQ(bind(d2, 1, 1, &p), -ENOSPC);
    /* A larger one than the option's: the bucket table grows, ports stay. */
    CHECK_EQ(evtchn_set_max_port(d1, 4095), 0);
    uint32_t last = 0;
    for (n = 0; unbound(d1, DOMID_SELF, 2, &p) == 0; n++)
        last = p;
    CHECK_EQ(n, 4095 - 1023);
    CHECK_EQ(last, 4095);
    CHECK_EQ(evtchn_close(d1, 7), 0);                   /* old buckets still there */
    teardown();
}

TEST(destruction_tells_peers)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2, q1, q2;
    int rc;

    setup(&d0, &d1, &d2);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    CHECK_EQ(unbound(d2, DOMID_SELF, 1, &q2), 0);
    CHECK_EQ(bind(d1, 2, q2, &q1), 0);
    struct evtchn_bind_virq bv = { .virq = VIRQ_TIMER };
    CHECK_EQ(evtchn_bind_virq(d1, &bv), 0);
    rmdom(d1);
    struct evtchn_status s = status(d2, DOMID_SELF, p2, &rc);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(s.u.unbound.dom, 1);
    CHECK_EQ(status(d2, DOMID_SELF, q2, &rc).status, EVTCHNSTAT_unbound);
    CHECK_EQ(evtchn_send(d2, p2), 0);                   /* dropped, no use-after-free */
    CHECK_EQ(bind(d2, 1, 1, &p1), -ESRCH);
    teardown();
}

TEST(reset_rules)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2;
    int rc;

    setup(&d0, &d1, &d2);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    CHECK_EQ(evtchn_reset(d2, 1), -EPERM);
    CHECK_EQ(evtchn_reset(d0, 1), -EINVAL);             /* not paused */
    CHECK_EQ(evtchn_reset(d0, 3), -ESRCH);
    CHECK_EQ(evtchn_reset(d1, DOMID_SELF), 0);
    CHECK_EQ(status(d1, DOMID_SELF, p1, &rc).status, EVTCHNSTAT_closed);
    CHECK_EQ(status(d2, DOMID_SELF, p2, &rc).status, EVTCHNSTAT_unbound);
    CHECK_EQ(unbound(d2, DOMID_SELF, 1, &p1), 0);
    d2->pause_count = 1;
    CHECK_EQ(evtchn_reset(d0, 2), 0);
    CHECK_EQ(status(d2, DOMID_SELF, p1, &rc).status, EVTCHNSTAT_closed);
    teardown();
}

TEST(poll_hook)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2;

    setup(&d0, &d1, &d2);
    struct vcpu *v = d1->vcpu[0];
    CHECK_EQ(evtchn_poll_port(d1, 0), -EINVAL);
    CHECK_EQ(evtchn_poll_port(d1, 1), -EINVAL);         /* not bound */
    CHECK_EQ(evtchn_poll_port(d1, 4096), -EINVAL);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    CHECK_EQ(evtchn_poll_port(d1, p1), 0);
    CHECK(!vcpu_events_pending(v));
    mask(d1, p1, true);                                 /* polled ports are usually masked */
    CHECK_EQ(evtchn_send(d2, p2), 0);
    CHECK_EQ(kicks, 1);                                 /* the poller is woken */
    CHECK(vcpu_events_pending(v));                      /* ... and will not block */
    CHECK(!vcpu_events_pending(v));                     /* once */
    CHECK_EQ(evtchn_poll_port(d1, p1), 1);
    teardown();
}

static long hc(struct vcpu *v, uint64_t cmd, void *arg)
{
    struct hypercall_args a = { { cmd, (uint64_t)(uintptr_t)arg } };

    return do_event_channel_op(v, &a);
}

TEST(hypercall_decoding)
{
    struct domain *d0, *d1, *d2;
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = 2 };
    struct evtchn_bind_interdomain bi;
    struct evtchn_send sd;
    struct evtchn_init_control ic = { 0 };
    struct evtchn_set_priority sp = { .port = 1, .priority = 3 };
    struct evtchn_bind_pirq bp = { 0 };

    setup(&d0, &d1, &d2);
    CHECK_EQ(hc(cur, EVTCHNOP_alloc_unbound, &au), 0);
    CHECK_EQ(au.port, 1);
    bi = (struct evtchn_bind_interdomain){ .remote_dom = 1, .remote_port = au.port };
    CHECK_EQ(hc(d2->vcpu[0], EVTCHNOP_bind_interdomain, &bi), 0);
    CHECK_EQ(bi.local_port, 1);
    sd.port = bi.local_port;
    CHECK_EQ(hc(d2->vcpu[0], EVTCHNOP_send, &sd), 0);
    CHECK(pending(d1, au.port));
    CHECK_EQ(hc(cur, EVTCHNOP_send, NULL), -EFAULT);
    CHECK_EQ(hc(cur, 14, &sd), -ENOSYS);
    CHECK_EQ(hc(cur, 1ull << 32, &sd), -ENOSYS);
    CHECK_EQ(hc(cur, EVTCHNOP_bind_pirq, &bp), -EOPNOTSUPP);
    CHECK_EQ(hc(cur, EVTCHNOP_set_priority, &sp), -ENOSYS);     /* 2-level */
    sp.port = 4096;
    CHECK_EQ(hc(cur, EVTCHNOP_set_priority, &sp), -EINVAL);
    opt_evtchn_fifo = false;                            /* forced 2-level: Linux falls back */
    ic = (struct evtchn_init_control){ .control_gfn = 1, .vcpu = 0 };
    CHECK_EQ(hc(cur, EVTCHNOP_init_control, &ic), -ENOSYS);
    CHECK(d1->evtchn.ops == &evtchn_port_ops_2l);
    opt_evtchn_fifo = true;
    CHECK_EQ(hc(cur, EVTCHNOP_init_control, NULL), -EFAULT);
    teardown();
}

/* The core over the FIFO ABI: switch, delivery, limits, reset back to 2-level. */
TEST(core_with_fifo)
{
    struct domain *d0, *d1, *d2;
    struct evtchn_init_control ic = { .control_gfn = 1, .offset = 0, .vcpu = 0 };
    struct evtchn_expand_array ea = { .array_gfn = 2 };
    uint32_t p1, p2;
    int rc;

    setup(&d0, &d1, &d2);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    CHECK_EQ(evtchn_send(d2, p2), 0);                   /* pending under 2-level */
    CHECK(pending(d1, p1));
    CHECK_EQ(evtchn_fifo_init_control(d1, &ic), 0);
    CHECK(d1->evtchn.ops != &evtchn_port_ops_2l);
    CHECK_EQ(evtchn_port_limit(d1), 1024);              /* the per-domain limit now */
    CHECK_EQ(evtchn_fifo_expand_array(d1, &ea), 0);
    event_word_t *w = evtchn_fifo_word(d1, p1);
    CHECK(w != NULL);
    CHECK_EQ(evtchn_send(d2, p2), 0);                   /* carried over or sent: pending */
    CHECK((*w >> EVTCHN_FIFO_PENDING) & 1);
    CHECK((*w >> EVTCHN_FIFO_LINKED) & 1);
    CHECK_EQ(vcpu_info(d1->vcpu[0])->evtchn_upcall_pending, 1);
    /* A linked port is busy: closing it leaves it unusable until consumed. */
    CHECK_EQ(evtchn_close(d1, p1), 0);
    CHECK_EQ(status(d2, DOMID_SELF, p2, &rc).status, EVTCHNSTAT_unbound);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p2), 0);
    CHECK(p2 != p1);                                    /* not handed out while LINKED */
    CHECK_EQ(evtchn_reset(d1, DOMID_SELF), 0);
    CHECK(d1->evtchn.ops == &evtchn_port_ops_2l);       /* reset: back to 2-level */
    CHECK_EQ(evtchn_fifo_init_control(d1, &ic), 0);     /* and FIFO may start again */
    teardown();
}

static void sleep_ms(long ms)
{
    struct timespec ts = { 0, ms * 1000000 };

    nanosleep(&ts, NULL);
}

static void fifo_on(struct domain *d)
{
    struct evtchn_init_control ic0 = { .control_gfn = 1, .vcpu = 0 };
    struct evtchn_init_control ic1 = { .control_gfn = 3, .vcpu = 1 };
    struct evtchn_expand_array ea = { .array_gfn = 2 };

    CHECK_EQ(evtchn_fifo_init_control(d, &ic0), 0);
    CHECK_EQ(evtchn_fifo_init_control(d, &ic1), 0);
    CHECK_EQ(evtchn_fifo_expand_array(d, &ea), 0);
}

static void *reset_thread(void *arg)
{
    evtchn_reset(arg, DOMID_SELF);
    return NULL;
}

static int pinned(void)
{
    return frame_pins[1] + frame_pins[2] + frame_pins[3];
}

/*
 * Run @fn(@d) on a thread while @chn's lock is held; the number of frames
 * still pinned 30 ms in, before the lock is let go and the thread joined.
 */
static int pinned_while_locked(struct evtchn *chn, void *(*fn)(void *), struct domain *d)
{
    pthread_t t;
    int early;

    spin_lock(&chn->lock);
    CHECK_EQ(pthread_create(&t, NULL, fn, d), 0);
    sleep_ms(30);
    early = pinned();
    spin_unlock(&chn->lock);
    pthread_join(t, NULL);
    return early;
}

/*
 * Reset keeps the FIFO frames pinned while a channel's lock is held (by
 * a FIFO user: here, what an unmask of a free port would do).
 */
TEST(reset_waits_for_channel_users)
{
    struct domain *d0, *d1, *d2;

    setup(&d0, &d1, &d2);
    fifo_on(d1);
    /* port 5 is free: what an unmask of it would hold */
    CHECK_EQ(pinned_while_locked(evtchn_from_port(d1, 5), reset_thread, d1), 3);
    CHECK_EQ(pinned(), 0);
    CHECK(d1->evtchn.ops == &evtchn_port_ops_2l);
    teardown();
}

static void *destroy_thread(void *arg)
{
    struct domain *d = arg;

    spin_lock(&d->evtchn.lock);
    evtchn_fifo_destroy(d);
    spin_unlock(&d->evtchn.lock);
    return NULL;
}

/*
 * A port bound after reset closed them all: destroy also waits for a send
 * from its peer, which holds only the sending channel's lock.
 */
TEST(fifo_destroy_waits_for_peer_send)
{
    struct domain *d0, *d1, *d2;
    uint32_t p1, p2;

    setup(&d0, &d1, &d2);
    fifo_on(d1);
    CHECK_EQ(unbound(d1, DOMID_SELF, 2, &p1), 0);
    CHECK_EQ(bind(d2, 1, p1, &p2), 0);
    /* held as evtchn_send(d2, p2) holds it */
    CHECK_EQ(pinned_while_locked(evtchn_from_port(d2, p2), destroy_thread, d1), 3);
    CHECK_EQ(pinned(), 0);
    CHECK_EQ(evtchn_send(d2, p2), 0);                   /* 2-level now */
    CHECK(pending(d1, p1));
    teardown();
}

static volatile bool race_stop;
static unsigned int race_errs;

/* Another vCPU of d1, its peer d2 and a VIRQ source, all sending. */
static void *race_sender(void *arg)
{
    struct domain *d1 = doms[1], *d2 = doms[2];

    (void)arg;
    while (!race_stop) {
        uint32_t p1, p2;

        if (!unbound(d1, DOMID_SELF, 2, &p1) && !bind(d2, 1, p1, &p2)) {
            evtchn_send(d2, p2);                        /* maybe bound after close_all */
            evtchn_close(d2, p2);
            evtchn_close(d1, p1);
        }
        for (uint32_t p = 1; p < 4; p++)
            evtchn_send(d2, p);
        send_guest_global_virq(d1, VIRQ_CONSOLE);
        for (uint32_t p = 1; p < 8; p++) {
            evtchn_unmask(d1, p);
            evtchn_poll_port(d1, p);
            evtchn_send(d1, p);
        }
    }
    return NULL;
}

/* d1 resetting itself over and over while events arrive (ASan: no use after free). */
static void race_resets(struct domain *d1, struct domain *d2, unsigned int n)
{
    struct evtchn_init_control ic0 = { .control_gfn = 1, .vcpu = 0 };
    struct evtchn_init_control ic1 = { .control_gfn = 3, .vcpu = 1 };
    struct evtchn_expand_array ea = { .array_gfn = 2 };

    for (unsigned int i = 0; i < n; i++) {
        struct evtchn_bind_virq bv = { .virq = VIRQ_CONSOLE, .vcpu = 0 };
        struct evtchn_bind_ipi bi = { .vcpu = 1 };
        uint32_t p, q = 0;

        race_errs += evtchn_fifo_init_control(d1, &ic0) != 0;
        race_errs += evtchn_fifo_init_control(d1, &ic1) != 0;
        race_errs += evtchn_fifo_expand_array(d1, &ea) != 0;
        if (!unbound(d1, DOMID_SELF, 2, &p))            /* (the sender may take ports too) */
            bind(d2, 1, p, &q);
        evtchn_bind_virq(d1, &bv);
        evtchn_bind_ipi(d1, &bi);
        race_errs += evtchn_reset(d1, DOMID_SELF) != 0;
        if (q)
            evtchn_close(d2, q);
    }
}

TEST(reset_races_delivery)
{
    struct domain *d0, *d1, *d2;
    pthread_t t;

    setup(&d0, &d1, &d2);
    race_stop = false;
    race_errs = 0;
    CHECK_EQ(pthread_create(&t, NULL, race_sender, NULL), 0);
    race_resets(d1, d2, 1500);
    race_stop = true;
    pthread_join(t, NULL);
    CHECK_EQ(race_errs, 0);
    CHECK_EQ(pinned(), 0);
    teardown();
}

TEST_MAIN()
