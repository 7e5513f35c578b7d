/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The emulated x2APIC of each vCPU, hypervisor side: the register logic is
 * in vlapic_regs.c / vlapic_timer.c; this file gives it a software timer on
 * the vCPU's pCPU, the system clock, and interrupt delivery:
 *   - an interrupt becoming pending wakes a vCPU blocked in HLT, or makes a
 *     vCPU running on another pCPU exit (event-check IPI) so that it is
 *     injected before the next guest entry;
 *   - ICR writes are delivered to the matching vCPUs of the same domain:
 *     fixed (and lowest priority, to the first match), INIT (a vCPU that is
 *     down enters wait-for-SIPI; INIT to a running vCPU is ignored, logged)
 *     and STARTUP (vendor set_sipi_state, then vcpu_up + vcpu_wake).  NMI,
 *     SMI and ExtINT IPIs are not supported and dropped (logged).
 * vlapic_init also sets the vCPU's APIC_BASE (x2APIC on) and MTRR default.
 */
#include <asm/hvm.h>
#include <asm/processor.h>
#include <asm/vlapic.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include "policy.h"

struct vlapic_vcpu {
    struct vlapic vl;
    struct timer timer;
    struct vcpu *v;
};

static struct vlapic_vcpu *vv_of(struct vlapic *vl)
{
    return container_of(vl, struct vlapic_vcpu, vl);
}

static s_time_t op_now(struct vlapic *vl)
{
    (void)vl;
    return NOW();
}

static uint64_t op_tsc(struct vlapic *vl)
{
    (void)vl;
    return rdtsc();                     /* guests run with TSC offset 0 */
}

static void op_set_timer(struct vlapic *vl, s_time_t when)
{
    struct vlapic_vcpu *vv = vv_of(vl);

    if (!when) {
        stop_timer(&vv->timer);
        return;
    }
    if (vv->timer.cpu != vv->v->processor)
        migrate_timer(&vv->timer, vv->v->processor);
    set_timer(&vv->timer, when);
}

/* Make the owner notice a pending interrupt. */
static void op_kick(struct vlapic *vl)
{
    struct vcpu *v = vv_of(vl)->v;

    if (__atomic_exchange_n(&v->arch.hlt_blocked, false, __ATOMIC_SEQ_CST))
        vcpu_wake(v);
    else if (READ_ONCE(v->is_running) && v->processor != smp_processor_id())
        smp_send_event_check_cpu(v->processor);
}

static void deliver_init(struct vcpu *t)
{
    if (!(READ_ONCE(t->pause_flags) & VPF_down)) {
        if (hvm_log_allowed(t->domain))
            printk(XENLOG_WARNING "d%u v%u: INIT to a running vCPU ignored\n",
                   t->domain->domain_id, t->vcpu_id);
        return;
    }
    vlapic_init_ipi(t->arch.vlapic);
    vcpu_set_initialised(t, false);     /* as Xen's vcpu_reset: VCPUOP_initialise works again */
}

static void deliver_startup(struct vcpu *t, uint8_t vector)
{
    if (!vlapic_take_sipi(t->arch.vlapic))
        return;                         /* not waiting (e.g. the second SIPI) */
    if (hvm_ops && hvm_ops->set_sipi_state)
        hvm_ops->set_sipi_state(t, vector);
    vcpu_set_initialised(t, true);
    vcpu_up(t);
    vcpu_wake(t);
}

/* Deliver to one target; false once a lowest-priority IPI found its vCPU. */
static bool deliver(struct vcpu *src, struct vcpu *t, const struct vlapic_ipi *ipi)
{
    switch (ipi->mode) {
    case APIC_DM_FIXED:
        vlapic_set_irq(t->arch.vlapic, ipi->vector);
        return true;
    case APIC_DM_LOWEST:
        vlapic_set_irq(t->arch.vlapic, ipi->vector);
        return false;
    case APIC_DM_INIT:
        if (ipi->level_trigger && !ipi->level_assert)
            return true;                /* INIT level de-assert: no-op */
        deliver_init(t);
        return true;
    case APIC_DM_STARTUP:
        deliver_startup(t, ipi->vector);
        return true;
    default:
        if (hvm_log_allowed(src->domain))
            printk(XENLOG_WARNING "d%u v%u: IPI delivery mode %u not supported, dropped\n",
                   src->domain->domain_id, src->vcpu_id, ipi->mode);
        return false;
    }
}

static void op_send_ipi(struct vlapic *vl, const struct vlapic_ipi *ipi)
{
    struct vcpu *src = vv_of(vl)->v;
    struct domain *d = src->domain;

    for (unsigned int i = 0; i < d->max_vcpus; i++) {
        struct vcpu *t = d->vcpu[i];

        if (!t || !t->arch.vlapic || !vlapic_match_dest(t->arch.vlapic, vl, ipi))
            continue;
        if (!deliver(src, t, ipi))
            break;
    }
}

static const struct vlapic_ops vlapic_ops = {
    .now = op_now,
    .tsc = op_tsc,
    .set_timer = op_set_timer,
    .kick = op_kick,
    .send_ipi = op_send_ipi,
};

static void vlapic_timer_fn(void *data)
{
    vlapic_timer_fire(data);
}

int vlapic_init(struct vcpu *v)
{
    struct vlapic_vcpu *vv = xzalloc(sizeof(*vv));

    if (!vv)
        return -ENOMEM;
    vv->v = v;
    spin_lock_init(&vv->vl.lock);
    vv->vl.ops = &vlapic_ops;
    vv->vl.owner = v;
    vv->vl.tsc_khz = tsc_khz;
    init_timer(&vv->timer, vlapic_timer_fn, &vv->vl, v->processor);
    vlapic_reset(&vv->vl, vcpu_apic_id(v->vcpu_id));
    vv->vl.wait_for_sipi = v->vcpu_id != 0;         /* APs wait for INIT/SIPI */
    hvm_msr_vcpu_reset(v);
    v->arch.vlapic = &vv->vl;
    return 0;
}

void vlapic_destroy(struct vcpu *v)
{
    struct vlapic *vl = v->arch.vlapic;

    if (!vl)
        return;
    kill_timer(&vv_of(vl)->timer);
    v->arch.vlapic = NULL;
    xfree(vv_of(vl));
}

/* Highest set vector of a 256-bit register, or -1 (for the dump). */
static int dump_highest(const uint32_t *r)
{
    for (int w = 7; w >= 0; w--)
        if (r[w])
            return w * 32 + 31 - __builtin_clz(r[w]);
    return -1;
}

/*
 * The 'd' key's view of the APIC: what decides whether an interrupt is
 * pending (IRR/ISR/TPR/PPR, SVR) and the timer (LVT, counts, deadline,
 * whether its software timer is queued), plus the HLT wake-up flag.
 * Read without the lock: a debugging snapshot.
 */
void vlapic_dump(struct vcpu *v)
{
    struct vlapic *vl = v->arch.vlapic;
    struct vlapic_vcpu *vv;
    s_time_t now = NOW();

    if (!vl)
        return;
    vv = vv_of(vl);
    printk("    apic: svr %#x tpr %#x ppr %#x irr-hi %d isr-hi %d pending %d hlt_blocked %d\n",
           vl->svr, vl->tpr, vlapic_ppr(vl), dump_highest(vl->irr), dump_highest(vl->isr),
           hvm_pending_interrupt(v), READ_ONCE(v->arch.hlt_blocked));
    printk("    apic: irr %08x%08x%08x%08x%08x%08x%08x%08x\n", vl->irr[7], vl->irr[6],
           vl->irr[5], vl->irr[4], vl->irr[3], vl->irr[2], vl->irr[1], vl->irr[0]);
    printk("    apic: isr %08x%08x%08x%08x%08x%08x%08x%08x\n", vl->isr[7], vl->isr[6],
           vl->isr[5], vl->isr[4], vl->isr[3], vl->isr[2], vl->isr[1], vl->isr[0]);
    printk("    apic timer: lvt %#x icr %#x dcr %#x deadline %#lx expires %lld (now %+lld ns)"
           " soft timer %s on CPU%u at %lld\n",
           vl->lvt[LVT_TIMER], vl->timer_icr, vl->timer_dcr, vl->tsc_deadline,
           (long long)vl->timer_expires,
           vl->timer_expires ? (long long)(vl->timer_expires - now) : 0LL,
           timer_is_active(&vv->timer) ? "queued" : "idle", vv->timer.cpu,
           (long long)vv->timer.expires);
}

int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    return v->arch.vlapic ? vlapic_read(v->arch.vlapic, msr, val) : -EPERM;
}

int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    return v->arch.vlapic ? vlapic_write(v->arch.vlapic, msr, val) : -EPERM;
}

/*
 * The event-channel callback vector (HVM_PARAM_CALLBACK_IRQ) comes first
 * and bypasses the APIC, as Xen: pending while evtchn_upcall_pending is
 * set (event_deliver.c); its injection acks nothing (vlapic_ack ignores a
 * vector not in the IRR).
 */
int hvm_pending_interrupt(struct vcpu *v)
{
    int cb = evtchn_callback_pending(v);

    if (cb >= 0)
        return cb;
    return v->arch.vlapic ? vlapic_pending(v->arch.vlapic) : -1;
}

void hvm_interrupt_injected(struct vcpu *v, int vector)
{
    if (v->arch.vlapic && vector >= 0 && vector < 256)
        vlapic_ack(v->arch.vlapic, vector);
}
