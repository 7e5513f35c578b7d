/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Event channels: the per-domain port table (buckets of EVTCHNS_PER_BUCKET
 * struct evtchn, grown on demand up to the domain's limit; port 0 reserved),
 * port allocation and freeing, the interdomain lock discipline, and domain
 * set-up / teardown.  The sub-operations are in event_ops.c, delivery in
 * event_deliver.c, the 2-level ABI in event_2l.c.
 *
 * Locks, outermost first: evtchn_bind_lock (global: every connect or
 * disconnect of an interdomain pair, so a bound peer cannot vanish under
 * us), the domains' table locks (two at once: in domain-ID order), the
 * channels' own locks (two at once: the lower domain ID first).  send takes
 * only its channel's lock: a peer can only be unbound under that lock, so
 * the peer is alive while it is held (and the peer's port ops run under
 * it, not under the peer channel's lock: evtchn_wait_port_ops).
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

/* Xen's per-domain default (xl's max_event_channels 1023: ports 1..1023). */
static unsigned int opt_max_event_channels = 1023;
integer_param("max_event_channels", opt_max_event_channels);

spinlock_t evtchn_bind_lock = SPIN_LOCK_UNLOCKED;

BUILD_BUG_ON(MAX_VIRT_CPUS_EVTCHN != MAX_VIRT_CPUS);

unsigned int evtchn_abi_limit(const struct domain *d)
{
    return d->evtchn.ops == &evtchn_port_ops_2l ? EVTCHN_2L_NR_PORTS : EVTCHN_FIFO_NR_PORTS;
}

/* Ports below this are usable: the per-domain limit and the ABI's. */
unsigned int evtchn_port_limit(const struct domain *d)
{
    unsigned int abi = evtchn_abi_limit(d);

    return d->evtchn.max_ports < abi ? d->evtchn.max_ports : abi;
}

struct evtchn *evtchn_from_port(struct domain *d, uint32_t port)
{
    struct evtchn *b;

    if (port >= READ_ONCE(d->evtchn.nr_ports))
        return NULL;
    b = READ_ONCE(d->evtchn.buckets[port / EVTCHNS_PER_BUCKET]);
    return b ? &b[port % EVTCHNS_PER_BUCKET] : NULL;
}

static void evtchn_init_one(struct evtchn *chn, uint32_t port)
{
    memset(chn, 0, sizeof(*chn));
    spin_lock_init(&chn->lock);
    chn->port = port;
    chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    chn->last_priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
}

/* Add one bucket (table lock held).  0, -ENOSPC at the limit, -ENOMEM. */
static int grow(struct domain *d)
{
    unsigned int first = d->evtchn.nr_ports;
    struct evtchn *b;

    if (first >= evtchn_port_limit(d))
        return -ENOSPC;
    b = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
    if (!b)
        return -ENOMEM;
    for (unsigned int i = 0; i < EVTCHNS_PER_BUCKET; i++)
        evtchn_init_one(&b[i], first + i);
    if (!first)
        b[0].state = ECS_RESERVED;
    WRITE_ONCE(d->evtchn.buckets[first / EVTCHNS_PER_BUCKET], b);
    __atomic_store_n(&d->evtchn.nr_ports, first + EVTCHNS_PER_BUCKET, __ATOMIC_RELEASE);
    return 0;
}

/* Lowest free port of @d (table lock held): >0, or -ENOSPC / -ENOMEM. */
int evtchn_get_free_port(struct domain *d)
{
    const struct evtchn_port_ops *ops = d->evtchn.ops;
    unsigned int limit = evtchn_port_limit(d);
    int rc;

    if (d->is_dying)
        return -EINVAL;                     /* as Xen */
    for (uint32_t port = 1;; port++) {
        struct evtchn *chn;

        if (port >= limit)
            return -ENOSPC;
        if (port >= d->evtchn.nr_ports && (rc = grow(d)))
            return rc;
        chn = evtchn_from_port(d, port);
        if (chn->state == ECS_FREE && !(ops->is_busy && ops->is_busy(d, chn)))
            return (int)port;
    }
}

/* Back to free (table lock and channel lock held): clear pending, reset. */
void evtchn_free(struct domain *d, struct evtchn *chn)
{
    d->evtchn.ops->clear_pending(d, chn);
    chn->state = ECS_FREE;
    chn->notify_vcpu_id = 0;
    chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    memset(&chn->u, 0, sizeof(chn->u));
}

/* Table locks of two domains (may be the same one) in domain-ID order. */
void evtchn_lock_pair(struct domain *a, struct domain *b)
{
    if (a == b) {
        spin_lock(&a->evtchn.lock);
    } else if (a->domain_id < b->domain_id) {
        spin_lock(&a->evtchn.lock);
        spin_lock(&b->evtchn.lock);
    } else {
        spin_lock(&b->evtchn.lock);
        spin_lock(&a->evtchn.lock);
    }
}

void evtchn_unlock_pair(struct domain *a, struct domain *b)
{
    if (a != b)
        spin_unlock(&b->evtchn.lock);
    spin_unlock(&a->evtchn.lock);
}

/* Channel locks of two ports (owners @da, @db), lower domain ID / port first. */
void evtchn_chn_lock_pair(struct domain *da, struct evtchn *a, struct domain *db,
                          struct evtchn *b, unsigned long *flags)
{
    bool a_first = da->domain_id < db->domain_id ||
                   (da->domain_id == db->domain_id && a->port < b->port);

    spin_lock_irqsave(a_first ? &a->lock : &b->lock, *flags);
    if (a != b)
        spin_lock(a_first ? &b->lock : &a->lock);
}

void evtchn_chn_unlock_pair(struct evtchn *a, struct evtchn *b, unsigned long flags)
{
    if (a != b)
        spin_unlock(&b->lock);
    spin_unlock_irqrestore(&a->lock, flags);
}

/*
 * Wait for the port ops on @d under way (table lock held, so no port of
 * @d changes state): take and drop each channel's lock and, for an
 * interdomain one, its peer's, which a send from the peer holds.
 */
void evtchn_wait_port_ops(struct domain *d)
{
    for (uint32_t port = 0; port < d->evtchn.nr_ports; port++) {
        struct evtchn *chn = evtchn_from_port(d, port), *peer = chn;
        struct domain *rd = d;
        unsigned long flags;

        if (chn->state == ECS_INTERDOMAIN) {
            rd = chn->u.interdomain.remote_dom;     /* alive: bound, table lock held */
            peer = evtchn_from_port(rd, chn->u.interdomain.remote_port);
        }
        evtchn_chn_lock_pair(d, chn, rd, peer, &flags);
        evtchn_chn_unlock_pair(chn, peer, flags);
    }
}

/* Ports 0..@highest, clamped to what the FIFO ABI can name. */
static unsigned int ports_for(unsigned int highest)
{
    unsigned int max = highest + 1;

    return max < 2 ? 2 : max > EVTCHN_FIFO_NR_PORTS ? EVTCHN_FIFO_NR_PORTS : max;
}

int evtchn_domain_init(struct domain *d)
{
    struct evtchn_domain *ed = &d->evtchn;

    spin_lock_init(&ed->lock);
    ed->ops = &evtchn_port_ops_2l;
    ed->max_ports = ports_for(opt_max_event_channels);
    ed->nr_buckets = (ed->max_ports + EVTCHNS_PER_BUCKET - 1) / EVTCHNS_PER_BUCKET;
    ed->buckets = xzalloc_array(struct evtchn *, ed->nr_buckets);
    if (!ed->buckets)
        return -ENOMEM;
    spin_lock(&ed->lock);
    int rc = grow(d);                                   /* port 0 reserved */
    spin_unlock(&ed->lock);
    return rc;
}

int evtchn_set_max_port(struct domain *d, unsigned int highest)
{
    struct evtchn_domain *ed = &d->evtchn;
    unsigned int max = ports_for(highest);
    unsigned int nb = (max + EVTCHNS_PER_BUCKET - 1) / EVTCHNS_PER_BUCKET;
    struct evtchn **b = NULL;

    if (nb > ed->nr_buckets && !(b = xzalloc_array(struct evtchn *, nb)))
        return -ENOMEM;
    spin_lock(&ed->lock);
    if (b) {
        memcpy(b, ed->buckets, ed->nr_buckets * sizeof(*b));
        xfree(ed->buckets);
        ed->buckets = b;
        ed->nr_buckets = nb;
    }
    ed->max_ports = max;
    spin_unlock(&ed->lock);
    return 0;
}

void evtchn_domain_destroy(struct domain *d)
{
    struct evtchn_domain *ed = &d->evtchn;

    if (!ed->buckets)
        return;
    evtchn_close_all(d);
    spin_lock(&ed->lock);
    evtchn_fifo_destroy(d);
    spin_unlock(&ed->lock);
    for (unsigned int i = 0; i < ed->nr_buckets; i++)
        xfree(ed->buckets[i]);
    xfree(ed->buckets);
    ed->buckets = NULL;
    ed->nr_ports = 0;
}
