/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Debug key 'e': every domain's event channels that are in use: port,
 * state, pending/masked (from the domain's ABI), notify vCPU, and the peer
 * (unbound: the domain offered to; interdomain: domain and port; virq).
 */
#include <xen/event.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/sched.h>

static const char *const state_names[] = {
    [ECS_FREE] = "free", [ECS_RESERVED] = "reserved", [ECS_UNBOUND] = "unbound",
    [ECS_INTERDOMAIN] = "interdomain", [ECS_PIRQ] = "pirq", [ECS_VIRQ] = "virq",
    [ECS_IPI] = "ipi",
};

static void dump_port(const struct domain *d, const struct evtchn *chn)
{
    printk("    %4u %-11s v%u", chn->port, state_names[chn->state], chn->notify_vcpu_id);
    d->evtchn.ops->print_state(d, chn);
    if (chn->state == ECS_UNBOUND)
        printk(" for d%u", chn->u.unbound.remote_domid);
    else if (chn->state == ECS_INTERDOMAIN)
        printk(" -> d%u:%u", chn->u.interdomain.remote_dom->domain_id,
               chn->u.interdomain.remote_port);
    else if (chn->state == ECS_VIRQ)
        printk(" virq %u", chn->u.virq);
    printk("\n");
}

static void dump_domain(struct domain *d)
{
    unsigned int used = 0;

    printk("  d%u: %s ABI, %u ports allocated, limit %u\n", d->domain_id,
           d->evtchn.ops == &evtchn_port_ops_2l ? "2-level" : "FIFO",
           d->evtchn.nr_ports, evtchn_port_limit(d));
    spin_lock(&d->evtchn.lock);
    for (uint32_t port = 1; port < d->evtchn.nr_ports; port++) {
        const struct evtchn *chn = evtchn_from_port(d, port);

        if (chn->state == ECS_FREE)
            continue;
        dump_port(d, chn);
        used++;
    }
    spin_unlock(&d->evtchn.lock);
    printk("  d%u: %u ports in use\n", d->domain_id, used);
}

static void dump_evtchn(unsigned char key)
{
    (void)key;
    printk("'e' pressed -> dumping event channels\n");
    for (domid_t id = 0; id < DOMID_FIRST_RESERVED; id++) {
        struct domain *d = domain_get(id);

        if (!d) {
            if (id > 64)
                break;              /* boot-time domains are numbered densely */
            continue;
        }
        if (d->evtchn.buckets)
            dump_domain(d);
        domain_put(d);
    }
}
DEFINE_KEYHANDLER('e', dump_evtchn, "dump event channels");
