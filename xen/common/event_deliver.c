/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Event delivery: setting a port pending through the domain's ABI, the
 * upcall to the vCPU, VIRQs, SCHEDOP_poll wake-ups and the hooks vcpu_op
 * and the console call (send_timer_virq, vcpu_events_pending,
 * vcpu_unmask_events, evtchn_poll_port, notify_control_domain).
 *
 * The upcall, as Xen for HVM: on evtchn_upcall_pending 0->1, a per-vCPU
 * upcall vector (HVMOP_set_evtchn_upcall_vector) is raised in the local
 * APIC (the guest EOIs it); otherwise a callback vector
 * (HVM_PARAM_CALLBACK_IRQ) is level-like: injected at VM entry, without
 * the APIC's IRR/ISR, while evtchn_upcall_pending is set
 * (evtchn_callback_pending(), asked by the interrupt injection code).
 * Either way a halted or blocked vCPU is woken.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/shared.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include <asm/hvm.h>
#include <asm/hvm_params.h>
#include <asm/vlapic.h>

#define BITS_LONG 64

/* Make @v notice: wake it if halted/blocked, else interrupt its pCPU. */
static void evtchn_kick(struct vcpu *v)
{
    if (__atomic_exchange_n(&v->arch.hlt_blocked, false, __ATOMIC_SEQ_CST))
        vcpu_wake(v);
    else if (READ_ONCE(v->is_running) && v->processor != smp_processor_id())
        smp_send_event_check_cpu(v->processor);
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    struct vcpu_info *vi = vcpu_info(v);
    uint8_t vector;

    if (__atomic_exchange_n(&vi->evtchn_upcall_pending, 1, __ATOMIC_SEQ_CST))
        return;
    vector = hvm_upcall_vector(v);
    /* The APIC kicks the vCPU itself when it accepts the vector. */
    if (!vector || !v->arch.vlapic || !vlapic_set_irq(v->arch.vlapic, vector))
        evtchn_kick(v);                 /* SCHEDOP_block also waits for this */
}

int evtchn_callback_pending(struct vcpu *v)
{
    int vector;

    if (hvm_upcall_vector(v))
        return -1;
    vector = hvm_callback_vector(v->domain);
    if (vector < 16 || !__atomic_load_n(&vcpu_info(v)->evtchn_upcall_pending, __ATOMIC_ACQUIRE))
        return -1;
    return vector;
}

void evtchn_set_pending_port(struct domain *d, struct evtchn *chn)
{
    uint32_t id = chn->notify_vcpu_id;
    struct vcpu *v = id < d->max_vcpus ? d->vcpu[id] : NULL;

    if (!v)
        v = d->vcpu[0];
    if (!v)
        return;
    d->evtchn.ops->set_pending(v, chn);
    evtchn_check_pollers(d, chn->port);
}

/*
 * SCHEDOP_poll, simply: any event set pending in the domain wakes every
 * vCPU of it that is polling (a spurious wake-up is allowed by the ABI).
 * poll_mask is set before the ports are checked, so an event arriving in
 * between leaves poll_wake set, which vcpu_events_pending() reports.
 */
void evtchn_check_pollers(struct domain *d, uint32_t port)
{
    struct evtchn_domain *ed = &d->evtchn;

    (void)port;
    for (unsigned int w = 0; w < ARRAY_SIZE(ed->poll_mask); w++) {
        unsigned long m = __atomic_exchange_n(&ed->poll_mask[w], 0, __ATOMIC_SEQ_CST);

        while (m) {
            unsigned int id = w * BITS_LONG + (unsigned int)__builtin_ctzl(m);

            m &= m - 1;
            __atomic_fetch_or(&ed->poll_wake[w], 1ul << (id % BITS_LONG), __ATOMIC_SEQ_CST);
            if (id < d->max_vcpus && d->vcpu[id])
                vcpu_kick_blocked(d->vcpu[id]);
        }
    }
}

int evtchn_poll_port(struct domain *d, uint32_t port)
{
    struct vcpu *v = current_vcpu();
    struct evtchn *chn = evtchn_from_port(d, port);
    unsigned long flags;
    bool pending;

    /* An unbound port (free, or the reserved port 0) is -EINVAL, as Xen 4.17
     * (tests/guests/hc-sched, checked there). */
    if (!chn || chn->state == ECS_FREE || chn->state == ECS_RESERVED)
        return -EINVAL;
    if (v && v->domain == d && v->vcpu_id < MAX_VIRT_CPUS_EVTCHN)
        __atomic_fetch_or(&d->evtchn.poll_mask[v->vcpu_id / BITS_LONG],
                          1ul << (v->vcpu_id % BITS_LONG), __ATOMIC_SEQ_CST);
    spin_lock_irqsave(&chn->lock, flags);               /* the port ops' lock */
    pending = d->evtchn.ops->is_pending(d, chn);
    spin_unlock_irqrestore(&chn->lock, flags);
    return pending;
}

bool vcpu_events_pending(struct vcpu *v)
{
    struct vcpu_info *vi = vcpu_info(v);
    struct evtchn_domain *ed = &v->domain->evtchn;

    if (v->vcpu_id < MAX_VIRT_CPUS_EVTCHN) {
        unsigned long bit = 1ul << (v->vcpu_id % BITS_LONG);

        if (__atomic_fetch_and(&ed->poll_wake[v->vcpu_id / BITS_LONG], ~bit,
                               __ATOMIC_SEQ_CST) & bit)
            return true;
    }
    return __atomic_load_n(&vi->evtchn_upcall_pending, __ATOMIC_SEQ_CST) &&
           !__atomic_load_n(&vi->evtchn_upcall_mask, __ATOMIC_SEQ_CST);
}

void vcpu_unmask_events(struct vcpu *v)
{
    __atomic_store_n(&vcpu_info(v)->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
}

/* Deliver VIRQ @virq bound at slot [@slot_vcpu][@virq], if it still is. */
static void send_virq(struct domain *d, unsigned int slot_vcpu, uint32_t virq)
{
    uint32_t port;
    struct evtchn *chn;
    unsigned long flags;

    if (slot_vcpu >= MAX_VIRT_CPUS_EVTCHN || virq >= NR_VIRQS || !d->evtchn.buckets)
        return;
    port = __atomic_load_n(&d->evtchn.virq_to_port[slot_vcpu][virq], __ATOMIC_ACQUIRE);
    if (!port || !(chn = evtchn_from_port(d, port)))
        return;
    spin_lock_irqsave(&chn->lock, flags);
    if (chn->state == ECS_VIRQ && chn->u.virq == virq)
        evtchn_set_pending_port(d, chn);
    spin_unlock_irqrestore(&chn->lock, flags);
}

void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq)
{
    send_virq(v->domain, v->vcpu_id, virq);
}

void send_guest_global_virq(struct domain *d, uint32_t virq)
{
    send_virq(d, 0, virq);
}

void send_timer_virq(struct vcpu *v)
{
    send_guest_vcpu_virq(v, VIRQ_TIMER);
}

void send_control_domain_virq(uint32_t virq)
{
    struct domain *d = domain_get(0);

    if (!d)
        return;
    send_guest_global_virq(d, virq);
    domain_put(d);
}

/* VIRQ_CONSOLE to the control domain (console_rx.c). */
void evtchn_notify_control_domain(void)
{
    send_control_domain_virq(VIRQ_CONSOLE);
}
