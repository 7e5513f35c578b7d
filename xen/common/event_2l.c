/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The 2-level event ABI: shared_info's evtchn_pending / evtchn_mask bitmaps
 * (one bit per port, 64 ports a word, 4096 ports) and, per vCPU,
 * evtchn_pending_sel (one bit per pending word) and evtchn_upcall_pending.
 *
 * Ordering, as Xen and what Linux relies on: the pending bit first; only
 * if it was clear and the port is not masked, the selector bit in the
 * notify vCPU's vcpu_info; only if that was clear, the upcall
 * (vcpu_mark_events_pending).  unmask clears the mask bit and, if the port
 * is pending, does the selector/upcall part.  All bit operations are atomic
 * on guest-shared memory (the guest changes the same words concurrently).
 */
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shared.h>

#define WORD_BITS 64

static bool test_and_set(unsigned long *w, unsigned int bit)
{
    unsigned long m = 1ul << (bit % WORD_BITS);

    return __atomic_fetch_or(&w[bit / WORD_BITS], m, __ATOMIC_SEQ_CST) & m;
}

static bool test_and_clear(unsigned long *w, unsigned int bit)
{
    unsigned long m = 1ul << (bit % WORD_BITS);

    return __atomic_fetch_and(&w[bit / WORD_BITS], ~m, __ATOMIC_SEQ_CST) & m;
}

static bool test(const unsigned long *w, unsigned int bit)
{
    return (__atomic_load_n(&w[bit / WORD_BITS], __ATOMIC_SEQ_CST) >> (bit % WORD_BITS)) & 1;
}

static unsigned long *pending(const struct domain *d)
{
    return (unsigned long *)d->shared_info->evtchn_pending;
}

static unsigned long *mask(const struct domain *d)
{
    return (unsigned long *)d->shared_info->evtchn_mask;
}

/* Port @port is pending and unmasked: select its word on @v, upcall on 0->1. */
static void select_and_upcall(struct vcpu *v, uint32_t port)
{
    if (!test_and_set((unsigned long *)&vcpu_info(v)->evtchn_pending_sel, port / WORD_BITS))
        vcpu_mark_events_pending(v);
}

static void twol_set_pending(struct vcpu *v, struct evtchn *chn)
{
    struct domain *d = v->domain;

    if (chn->port >= EVTCHN_2L_NR_PORTS || test_and_set(pending(d), chn->port))
        return;
    if (!test(mask(d), chn->port))
        select_and_upcall(v, chn->port);
}

static void twol_clear_pending(struct domain *d, struct evtchn *chn)
{
    if (chn->port < EVTCHN_2L_NR_PORTS)
        test_and_clear(pending(d), chn->port);
}

static void twol_unmask(struct domain *d, struct evtchn *chn)
{
    uint32_t id = chn->notify_vcpu_id;
    struct vcpu *v = id < d->max_vcpus && d->vcpu[id] ? d->vcpu[id] : d->vcpu[0];

    if (chn->port >= EVTCHN_2L_NR_PORTS || !v)
        return;
    if (test_and_clear(mask(d), chn->port) && test(pending(d), chn->port))
        select_and_upcall(v, chn->port);
}

static bool twol_is_pending(const struct domain *d, const struct evtchn *chn)
{
    return chn->port < EVTCHN_2L_NR_PORTS && test(pending(d), chn->port);
}

static bool twol_is_masked(const struct domain *d, const struct evtchn *chn)
{
    return chn->port >= EVTCHN_2L_NR_PORTS || test(mask(d), chn->port);
}

static void twol_print_state(const struct domain *d, const struct evtchn *chn)
{
    printk(" p=%d m=%d", twol_is_pending(d, chn), twol_is_masked(d, chn));
}

const struct evtchn_port_ops evtchn_port_ops_2l = {
    .set_pending = twol_set_pending,
    .clear_pending = twol_clear_pending,
    .unmask = twol_unmask,
    .is_pending = twol_is_pending,
    .is_masked = twol_is_masked,
    .is_busy = NULL,
    .set_priority = NULL,
    .print_state = twol_print_state,
};
