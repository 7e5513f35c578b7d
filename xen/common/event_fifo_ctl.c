/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FIFO event-channel ABI: EVTCHNOP_init_control, expand_array and
 * set_priority, switching a domain from 2-level to FIFO, and teardown
 * (data and locking in xen/event_fifo.h; the queue discipline is in
 * event_fifo.c).  Results follow Xen 4.17: no such vCPU -ENOENT; offset
 * crossing the page or not 8-byte aligned -EINVAL; a vCPU's second
 * control block -EINVAL; a frame that is not the guest's writable RAM
 * -EINVAL; expand_array before init_control -EOPNOTSUPP, past the last
 * array page -ENOSPC.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/event_fifo.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/xmalloc.h>

static struct evtchn_fifo_domain *fifo_alloc(struct domain *d)
{
    struct evtchn_fifo_domain *f = xzalloc(sizeof(*f));

    if (!f)
        return NULL;
    f->vcpu = xzalloc_array(struct evtchn_fifo_vcpu, d->max_vcpus);
    if (!f->vcpu) {
        xfree(f);
        return NULL;
    }
    f->nr_vcpus = d->max_vcpus;
    for (unsigned int i = 0; i < EVTCHN_FIFO_MAX_ARRAY_PAGES; i++)
        f->array_mfn[i] = INVALID_MFN;
    for (unsigned int v = 0; v < f->nr_vcpus; v++) {
        f->vcpu[v].cb_mfn = INVALID_MFN;
        for (unsigned int p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++) {
            spin_lock_init(&f->vcpu[v].queue[p].lock);
            f->vcpu[v].queue[p].priority = p;
        }
    }
    return f;
}

static int map_control_block(struct domain *d, struct evtchn_fifo_vcpu *fv, uint64_t gfn,
                             uint32_t offset)
{
    struct evtchn_fifo_control_block *cb;
    void *page;

    if (fv->cb)
        return -EINVAL;
    page = evtchn_fifo_pin_frame(d, gfn, &fv->cb_mfn);
    if (!page)
        return -EINVAL;
    cb = (struct evtchn_fifo_control_block *)((char *)page + offset);
    for (unsigned int p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++)
        fv->queue[p].head = &cb->head[p];
    __atomic_store_n(&fv->cb, cb, __ATOMIC_RELEASE);    /* heads first */
    return 0;
}

/*
 * Bound ports keep their 2-level pending state (raised again once their
 * event-array page exists) and get the default priority.
 */
static void convert_ports(struct domain *d)
{
    const xen_ulong_t *pending = d->shared_info->evtchn_pending;
    const unsigned int bits = 8 * sizeof(xen_ulong_t);

    for (uint32_t port = 1; port < d->evtchn.nr_ports; port++) {
        struct evtchn *chn = evtchn_from_port(d, port);

        if (!chn)
            continue;
        if (port < EVTCHN_2L_NR_CHANNELS &&
            (__atomic_load_n(&pending[port / bits], __ATOMIC_RELAXED) >> (port % bits)) & 1)
            chn->fifo_pending = true;
        chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    }
}

/*
 * d->evtchn.fifo changes under physmap_lock too: evtchn_fifo_frame_pinned()
 * reads it there, and the first control block is pinned before the
 * domain switches to FIFO.
 */
static void publish(struct domain *d, struct evtchn_fifo_domain *f)
{
    spin_lock(&d->physmap_lock);
    __atomic_store_n(&d->evtchn.fifo, f, __ATOMIC_RELEASE);
    spin_unlock(&d->physmap_lock);
}

static void fifo_free(struct domain *d, struct evtchn_fifo_domain *f)
{
    for (unsigned int v = 0; v < f->nr_vcpus; v++)
        if (f->vcpu[v].cb)
            evtchn_fifo_unpin_frame(d, &f->vcpu[v].cb_mfn);
    for (unsigned int i = 0; i < f->nr_pages; i++)
        evtchn_fifo_unpin_frame(d, &f->array_mfn[i]);
    publish(d, NULL);
    xfree(f->vcpu);
    xfree(f);
}

/* The first control block: set up the FIFO state and switch @d to it. */
static int switch_to_fifo(struct domain *d, uint32_t vcpu, uint64_t gfn, uint32_t offset)
{
    struct evtchn_fifo_domain *f = fifo_alloc(d);
    int rc;

    if (!f)
        return -ENOMEM;
    publish(d, f);
    rc = map_control_block(d, &f->vcpu[vcpu], gfn, offset);
    if (rc) {
        fifo_free(d, f);
        return rc;
    }
    convert_ports(d);
    __atomic_store_n(&d->evtchn.ops, &evtchn_port_ops_fifo, __ATOMIC_RELEASE);
    return 0;
}

int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *c)
{
    uint32_t vcpu = c->vcpu, offset = c->offset;
    struct evtchn_fifo_domain *f;
    int rc;

    c->link_bits = EVTCHN_FIFO_LINK_BITS;
    if (vcpu >= d->max_vcpus || !d->vcpu[vcpu])
        return -ENOENT;
    if (offset > PAGE_SIZE - sizeof(struct evtchn_fifo_control_block) || (offset & 7))
        return -EINVAL;
    spin_lock(&d->evtchn.lock);
    if ((f = d->evtchn.fifo) != NULL)
        rc = map_control_block(d, &f->vcpu[vcpu], c->control_gfn, offset);
    else
        rc = switch_to_fifo(d, vcpu, c->control_gfn, offset);
    spin_unlock(&d->evtchn.lock);
    return rc;
}

/* Raise the ports of the page just added that were raised while it was missing. */
static void reraise(struct domain *d, uint32_t first, uint32_t end)
{
    for (uint32_t port = first; port < end && port < d->evtchn.nr_ports; port++) {
        struct evtchn *chn = evtchn_from_port(d, port);

        unsigned long flags;

        if (!chn || !chn->fifo_pending)
            continue;
        spin_lock_irqsave(&chn->lock, flags);
        if (chn->fifo_pending && chn->notify_vcpu_id < d->max_vcpus &&
            d->vcpu[chn->notify_vcpu_id]) {
            chn->fifo_pending = false;
            evtchn_port_ops_fifo.set_pending(d->vcpu[chn->notify_vcpu_id], chn);
        }
        spin_unlock_irqrestore(&chn->lock, flags);
    }
}

int evtchn_fifo_expand_array(struct domain *d, struct evtchn_expand_array *e)
{
    struct evtchn_fifo_domain *f;
    unsigned int slot;
    void *page;
    int rc = 0;

    spin_lock(&d->evtchn.lock);
    f = d->evtchn.fifo;
    if (!f) {
        rc = -EOPNOTSUPP;
    } else if ((slot = f->nr_pages) >= EVTCHN_FIFO_MAX_ARRAY_PAGES) {
        rc = -ENOSPC;
    } else if (!(page = evtchn_fifo_pin_frame(d, e->array_gfn, &f->array_mfn[slot]))) {
        rc = -EINVAL;
    } else {
        f->array[slot] = page;
        f->nr_pages = slot + 1;
        /* Publish the page before the ports it covers (evtchn_fifo_word). */
        __atomic_store_n(&f->nr_ports, f->nr_pages * EVTCHN_FIFO_WORDS_PER_PAGE,
                         __ATOMIC_RELEASE);
        reraise(d, slot * EVTCHN_FIFO_WORDS_PER_PAGE, f->nr_ports);
    }
    spin_unlock(&d->evtchn.lock);
    return rc;
}

int evtchn_fifo_set_priority(struct domain *d, uint32_t port, uint32_t priority)
{
    struct evtchn *chn = evtchn_from_port(d, port);
    const struct evtchn_port_ops *ops;
    unsigned long flags;
    int rc = -ENOSYS;

    if (!chn)
        return -EINVAL;
    spin_lock_irqsave(&chn->lock, flags);
    ops = d->evtchn.ops;                    /* under the lock: evtchn_fifo_destroy */
    if (ops && ops->set_priority)
        rc = ops->set_priority(d, chn, priority);
    spin_unlock_irqrestore(&chn->lock, flags);
    return rc;
}

/*
 * The FIFO state and its frames go only when no port op can be using them:
 * with ops 2-level, evtchn_wait_port_ops() waits out those under way (they
 * run under a lock it takes and read ops under it) and later ones see
 * 2-level.  Then the frames are unpinned (physmap may give them away) and
 * the state freed.  Nothing is kept, so a guest looping init_control and
 * reset piles nothing up.
 */
void evtchn_fifo_destroy(struct domain *d)
{
    if (!d->evtchn.fifo)
        return;
    __atomic_store_n(&d->evtchn.ops, &evtchn_port_ops_2l, __ATOMIC_RELEASE);
    evtchn_wait_port_ops(d);
    fifo_free(d, d->evtchn.fifo);
}

bool evtchn_fifo_frame_pinned(const struct domain *d, unsigned long mfn)
{
    const struct evtchn_fifo_domain *f = __atomic_load_n(&d->evtchn.fifo, __ATOMIC_ACQUIRE);

    if (!f || mfn == INVALID_MFN)
        return false;
    for (unsigned int v = 0; v < f->nr_vcpus; v++)
        if (f->vcpu[v].cb_mfn == mfn)
            return true;
    /* Every slot, not just nr_pages: expand_array pins a frame (under
     * physmap_lock) before it counts it (under evtchn.lock only). */
    for (unsigned int i = 0; i < EVTCHN_FIFO_MAX_ARRAY_PAGES; i++)
        if (f->array_mfn[i] == mfn)
            return true;
    return false;
}
