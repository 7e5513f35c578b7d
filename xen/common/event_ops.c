/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The event-channel sub-operations with Xen 4.17's checks and error codes
 * (xen/common/event_channel.c there):
 *   alloc_unbound: dom DOMID_SELF or (control domain) any (-ESRCH none,
 *     -EPERM not allowed); remote_dom DOMID_SELF means the caller.
 *   bind_interdomain: -ESRCH no such remote; a free local port first
 *     (-ENOSPC); -EINVAL unless the remote port is unbound and offered to
 *     the caller.  The new local port is set pending (an event sent while
 *     the remote end was unbound would otherwise be lost), as Xen.
 *   bind_virq: virq >= 24 -EINVAL; a global VIRQ on vCPU != 0 -EINVAL; no
 *     such vCPU -ENOENT; bound already -EEXIST.
 *   bind_ipi: no such vCPU -ENOENT.
 *   close: -EINVAL for a port that is not allocated or free; the peer of an
 *     interdomain channel becomes unbound, offered to us again.
 *   send: interdomain -> the peer's port on its notify vCPU; ipi -> itself;
 *     unbound: dropped, 0; anything else -EINVAL.
 *   bind_vcpu: -ENOENT no vCPU; global VIRQs, unbound and interdomain only.
 *   unmask: -EINVAL past the table; a free port is accepted (0).
 *   reset: DOMID_SELF or (control) another *paused* domain (-EINVAL if not).
 */
#include <xen/deny.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <public/event_channel.h>

/* @dom (DOMID_SELF allowed), held with domain_get(), or NULL (-ESRCH). */
static struct domain *get_target(struct domain *ld, uint16_t dom)
{
    return domain_get(dom == DOMID_SELF ? ld->domain_id : dom);
}

/* Xen's XSM_TARGET default: itself, or the control domain on anyone. */
static bool may_act_on(struct domain *ld, const struct domain *d)
{
    if (d == ld || ld->is_privileged)
        return true;
    log_denied(ld, "event channel op on d%u", d->domain_id);
    return false;
}

static struct vcpu *domain_vcpu(struct domain *d, uint32_t id)
{
    return id < d->max_vcpus ? d->vcpu[id] : NULL;
}

int evtchn_alloc_unbound(struct domain *ld, struct evtchn_alloc_unbound *a)
{
    struct domain *d;
    struct evtchn *chn;
    unsigned long flags;
    int port;

    if (!(d = get_target(ld, a->dom)))
        return -ESRCH;
    spin_lock(&d->evtchn.lock);
    port = evtchn_get_free_port(d);
    if (port >= 0 && !may_act_on(ld, d))
        port = -EPERM;                      /* checked after allocation, as Xen */
    if (port >= 0) {
        chn = evtchn_from_port(d, (uint32_t)port);
        spin_lock_irqsave(&chn->lock, flags);
        chn->state = ECS_UNBOUND;
        chn->u.unbound.remote_domid = a->remote_dom == DOMID_SELF ? ld->domain_id
                                                                  : a->remote_dom;
        spin_unlock_irqrestore(&chn->lock, flags);
        a->port = (uint32_t)port;
    }
    spin_unlock(&d->evtchn.lock);
    domain_put(d);
    return port < 0 ? port : 0;
}

int evtchn_bind_interdomain(struct domain *ld, struct evtchn_bind_interdomain *b)
{
    struct domain *rd = domain_get(b->remote_dom == DOMID_SELF ? ld->domain_id : b->remote_dom);
    struct evtchn *lchn, *rchn;
    unsigned long flags;
    int lport, rc = 0;

    if (!rd)
        return -ESRCH;
    spin_lock(&evtchn_bind_lock);
    evtchn_lock_pair(ld, rd);
    lport = evtchn_get_free_port(ld);
    if (lport < 0) {
        rc = lport;
        goto out;
    }
    rchn = evtchn_from_port(rd, b->remote_port);
    if (!rchn || rchn->state != ECS_UNBOUND ||
        rchn->u.unbound.remote_domid != ld->domain_id) {
        if (rd != ld)
            log_denied(ld, "bind_interdomain to d%u port %u (not offered to us)", rd->domain_id,
                       b->remote_port);
        rc = -EINVAL;
        goto out;
    }
    lchn = evtchn_from_port(ld, (uint32_t)lport);
    evtchn_chn_lock_pair(ld, lchn, rd, rchn, &flags);
    lchn->u.interdomain.remote_dom = rd;
    lchn->u.interdomain.remote_port = b->remote_port;
    lchn->state = ECS_INTERDOMAIN;
    rchn->u.interdomain.remote_dom = ld;
    rchn->u.interdomain.remote_port = (uint32_t)lport;
    rchn->state = ECS_INTERDOMAIN;
    b->local_port = (uint32_t)lport;
    evtchn_chn_unlock_pair(lchn, rchn, flags);
    /* Events sent while the remote end was unbound were dropped: say so. */
    spin_lock_irqsave(&lchn->lock, flags);
    evtchn_set_pending_port(ld, lchn);
    spin_unlock_irqrestore(&lchn->lock, flags);
out:
    evtchn_unlock_pair(ld, rd);
    spin_unlock(&evtchn_bind_lock);
    domain_put(rd);
    return rc;
}

bool virq_is_global(uint32_t virq)
{
    return virq != VIRQ_TIMER && virq != VIRQ_DEBUG && virq != VIRQ_XENOPROF &&
           virq != VIRQ_XENPMU;
}

int evtchn_bind_virq(struct domain *ld, struct evtchn_bind_virq *b)
{
    struct evtchn *chn;
    unsigned long flags;
    uint32_t *slot;
    int port;

    if (b->virq >= NR_VIRQS)
        return -EINVAL;
    if (virq_is_global(b->virq) && b->vcpu != 0)
        return -EINVAL;
    if (!domain_vcpu(ld, b->vcpu) || b->vcpu >= MAX_VIRT_CPUS_EVTCHN)
        return -ENOENT;
    spin_lock(&ld->evtchn.lock);
    slot = &ld->evtchn.virq_to_port[b->vcpu][b->virq];
    if (*slot) {
        port = -EEXIST;
    } else if ((port = evtchn_get_free_port(ld)) >= 0) {
        chn = evtchn_from_port(ld, (uint32_t)port);
        spin_lock_irqsave(&chn->lock, flags);
        chn->state = ECS_VIRQ;
        chn->notify_vcpu_id = (uint16_t)b->vcpu;
        chn->u.virq = b->virq;
        spin_unlock_irqrestore(&chn->lock, flags);
        __atomic_store_n(slot, (uint32_t)port, __ATOMIC_RELEASE);
        b->port = (uint32_t)port;
    }
    spin_unlock(&ld->evtchn.lock);
    return port < 0 ? port : 0;
}

int evtchn_bind_ipi(struct domain *ld, struct evtchn_bind_ipi *b)
{
    struct evtchn *chn;
    unsigned long flags;
    int port;

    if (!domain_vcpu(ld, b->vcpu))
        return -ENOENT;
    spin_lock(&ld->evtchn.lock);
    if ((port = evtchn_get_free_port(ld)) >= 0) {
        chn = evtchn_from_port(ld, (uint32_t)port);
        spin_lock_irqsave(&chn->lock, flags);
        chn->state = ECS_IPI;
        chn->notify_vcpu_id = (uint16_t)b->vcpu;
        spin_unlock_irqrestore(&chn->lock, flags);
        b->port = (uint32_t)port;
    }
    spin_unlock(&ld->evtchn.lock);
    return port < 0 ? port : 0;
}

/* Close an interdomain channel (bind lock held, no table lock). */
static int close_interdomain(struct domain *d1, uint32_t port1)
{
    struct evtchn *c1, *c2;
    struct domain *d2;
    unsigned long flags;

    spin_lock(&d1->evtchn.lock);
    c1 = evtchn_from_port(d1, port1);
    d2 = c1->u.interdomain.remote_dom;      /* alive: bound, bind lock held */
    spin_unlock(&d1->evtchn.lock);
    evtchn_lock_pair(d1, d2);
    c2 = evtchn_from_port(d2, c1->u.interdomain.remote_port);
    evtchn_chn_lock_pair(d1, c1, d2, c2, &flags);
    c2->state = ECS_UNBOUND;
    memset(&c2->u, 0, sizeof(c2->u));
    c2->u.unbound.remote_domid = d1->domain_id;
    if (c1 != c2)
        evtchn_free(d1, c1);
    evtchn_chn_unlock_pair(c1, c2, flags);
    evtchn_unlock_pair(d1, d2);
    return 0;
}

int evtchn_close(struct domain *d1, uint32_t port1)
{
    struct evtchn *chn;
    unsigned long flags;
    int rc = 0;

    spin_lock(&evtchn_bind_lock);           /* interdomain bindings stay put */
    spin_lock(&d1->evtchn.lock);
    chn = evtchn_from_port(d1, port1);
    if (!chn || chn->state == ECS_FREE || chn->state == ECS_RESERVED) {
        rc = -EINVAL;
    } else if (chn->state == ECS_INTERDOMAIN) {
        spin_unlock(&d1->evtchn.lock);
        rc = close_interdomain(d1, port1);
        spin_unlock(&evtchn_bind_lock);
        return rc;
    } else if (chn->state == ECS_PIRQ) {
        rc = -EINVAL;                       /* never bound: pirq is not supported */
    } else {
        if (chn->state == ECS_VIRQ) {
            uint32_t v = virq_is_global(chn->u.virq) ? 0 : chn->notify_vcpu_id;
            uint32_t *slot = &d1->evtchn.virq_to_port[v][chn->u.virq];

            /* A global VIRQ may have moved (bind_vcpu): its slot is vCPU 0's. */
            if (*slot == port1)
                __atomic_store_n(slot, 0, __ATOMIC_RELEASE);
        }
        spin_lock_irqsave(&chn->lock, flags);
        evtchn_free(d1, chn);
        spin_unlock_irqrestore(&chn->lock, flags);
    }
    spin_unlock(&d1->evtchn.lock);
    spin_unlock(&evtchn_bind_lock);
    return rc;
}

int evtchn_send(struct domain *ld, uint32_t port)
{
    struct evtchn *chn = evtchn_from_port(ld, port);
    unsigned long flags;
    int rc = 0;

    if (!chn)
        return -EINVAL;
    spin_lock_irqsave(&chn->lock, flags);
    switch (chn->state) {
    case ECS_INTERDOMAIN: {
        struct domain *rd = chn->u.interdomain.remote_dom;   /* alive: chn locked */
        struct evtchn *rchn = evtchn_from_port(rd, chn->u.interdomain.remote_port);

        if (rchn)                           /* always, while bound */
            evtchn_set_pending_port(rd, rchn);
        break;
    }
    case ECS_IPI:
        evtchn_set_pending_port(ld, chn);
        break;
    case ECS_UNBOUND:
        break;                              /* silently dropped, as Xen */
    default:
        rc = -EINVAL;
    }
    spin_unlock_irqrestore(&chn->lock, flags);
    return rc;
}

static const uint32_t stat_of[] = {
    [ECS_FREE] = EVTCHNSTAT_closed, [ECS_RESERVED] = EVTCHNSTAT_closed,
    [ECS_UNBOUND] = EVTCHNSTAT_unbound, [ECS_INTERDOMAIN] = EVTCHNSTAT_interdomain,
    [ECS_PIRQ] = EVTCHNSTAT_pirq, [ECS_VIRQ] = EVTCHNSTAT_virq, [ECS_IPI] = EVTCHNSTAT_ipi,
};

int evtchn_status(struct domain *ld, struct evtchn_status *s)
{
    struct domain *d;
    struct evtchn *chn;
    int rc = 0;

    if (!(d = get_target(ld, s->dom)))
        return -ESRCH;
    spin_lock(&d->evtchn.lock);
    chn = evtchn_from_port(d, s->port);
    if (!chn) {
        rc = -EINVAL;
    } else if (!may_act_on(ld, d)) {
        rc = -EPERM;
    } else {
        memset(&s->u, 0, sizeof(s->u));
        s->status = stat_of[chn->state];
        if (chn->state == ECS_UNBOUND)
            s->u.unbound.dom = chn->u.unbound.remote_domid;
        else if (chn->state == ECS_INTERDOMAIN) {
            s->u.interdomain.dom = chn->u.interdomain.remote_dom->domain_id;
            s->u.interdomain.port = chn->u.interdomain.remote_port;
        } else if (chn->state == ECS_VIRQ)
            s->u.virq = chn->u.virq;
        s->vcpu = chn->notify_vcpu_id;
    }
    spin_unlock(&d->evtchn.lock);
    domain_put(d);
    return rc;
}

int evtchn_bind_vcpu(struct domain *ld, uint32_t port, uint32_t vcpu_id)
{
    struct evtchn *chn;
    unsigned long flags;
    int rc = 0;

    if (!domain_vcpu(ld, vcpu_id))
        return -ENOENT;
    spin_lock(&ld->evtchn.lock);
    chn = evtchn_from_port(ld, port);
    if (!chn) {
        rc = -EINVAL;
    } else {
        spin_lock_irqsave(&chn->lock, flags);
        if ((chn->state == ECS_VIRQ && virq_is_global(chn->u.virq)) ||
            chn->state == ECS_UNBOUND || chn->state == ECS_INTERDOMAIN)
            chn->notify_vcpu_id = (uint16_t)vcpu_id;
        else
            rc = -EINVAL;
        spin_unlock_irqrestore(&chn->lock, flags);
    }
    spin_unlock(&ld->evtchn.lock);
    return rc;
}

int evtchn_unmask(struct domain *ld, uint32_t port)
{
    struct evtchn *chn = evtchn_from_port(ld, port);
    unsigned long flags;

    if (!chn)
        return -EINVAL;
    spin_lock_irqsave(&chn->lock, flags);
    ld->evtchn.ops->unmask(ld, chn);
    spin_unlock_irqrestore(&chn->lock, flags);
    return 0;
}

void evtchn_close_all(struct domain *d)
{
    for (uint32_t port = 1; port < READ_ONCE(d->evtchn.nr_ports); port++) {
        struct evtchn *chn = evtchn_from_port(d, port);

        if (chn->state != ECS_FREE && chn->state != ECS_RESERVED)
            evtchn_close(d, port);
    }
}

int evtchn_reset(struct domain *ld, uint16_t dom)
{
    struct domain *d;

    if (!(d = get_target(ld, dom)))
        return -ESRCH;
    if (!may_act_on(ld, d)) {
        domain_put(d);
        return -EPERM;
    }
    if (d != ld && !__atomic_load_n(&d->pause_count, __ATOMIC_ACQUIRE)) {
        domain_put(d);
        return -EINVAL;
    }
    evtchn_close_all(d);
    spin_lock(&d->evtchn.lock);
    evtchn_fifo_destroy(d);                 /* back to 2-level, as Xen */
    spin_unlock(&d->evtchn.lock);
    domain_put(d);
    return 0;
}
