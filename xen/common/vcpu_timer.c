/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-vCPU state of vcpu_op: the initialised flag, the singleshot timer
 * (VCPUOP_set_singleshot_timer, set_timer_op), Xen's legacy periodic timer,
 * the SCHEDOP_poll timeout, blocking without lost wake-ups, and the
 * secondary vcpu_time_info area.  Timers run on the vCPU's pCPU.
 *
 * Expiry raises VIRQ_TIMER through send_timer_virq() (event channels,
 * issue 5; a no-op until then) and wakes the vCPU if it is blocked, so a
 * guest blocked in SCHEDOP_block or HLT resumes at its timeout.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/hvm.h>

void vcpu_set_initialised(struct vcpu *v, bool yes)
{
    __atomic_store_n(&v->vop.initialised, yes ? VCPU_INITIALISED : VCPU_UNINITIALISED,
                     __ATOMIC_SEQ_CST);
}

bool vcpu_is_initialised(const struct vcpu *v)
{
    return __atomic_load_n(&v->vop.initialised, __ATOMIC_SEQ_CST) == VCPU_INITIALISED;
}

/* ---- blocking ------------------------------------------------------------- */

static bool wake_pending(struct vcpu *v)
{
    return hvm_pending_interrupt(v) >= 0 || vcpu_events_pending(v);
}

/*
 * As hvm_hlt: the vCPU is blocked and then hlt_blocked set before looking again,
 * so an interrupt or event arriving in between is seen by us or by the
 * waker (which clears hlt_blocked with an exchange and wakes), never lost.
 */
bool vcpu_block_unless_pending(struct vcpu *v)
{
    stop_timer(&v->vop.poll);       /* an earlier poll's timeout is stale now */
    if (wake_pending(v))
        return false;
    vcpu_block(v);          /* before hlt_blocked: see hvm_hlt() */
    __atomic_store_n(&v->arch.hlt_blocked, true, __ATOMIC_SEQ_CST);
    if (wake_pending(v) && __atomic_exchange_n(&v->arch.hlt_blocked, false, __ATOMIC_SEQ_CST)) {
        vcpu_wake(v);
        return false;
    }
    return true;
}

void vcpu_kick_blocked(struct vcpu *v)
{
    if (__atomic_exchange_n(&v->arch.hlt_blocked, false, __ATOMIC_SEQ_CST))
        vcpu_wake(v);
}

/* ---- timers --------------------------------------------------------------- */

static void timer_event(struct vcpu *v)
{
    send_timer_virq(v);
    vcpu_kick_blocked(v);
}

static void singleshot_fn(void *data)
{
    timer_event(data);
}

static void periodic_fn(void *data)
{
    struct vcpu *v = data;
    s_time_t period = READ_ONCE(v->vop.periodic_period);

    timer_event(v);
    if (period)
        set_timer(&v->vop.periodic, NOW() + period);
}

static void poll_fn(void *data)
{
    vcpu_kick_blocked(data);
}

/* Keep @t on @v's pCPU (vCPUs do not move today; cheap if already there). */
static void arm(struct vcpu *v, struct timer *t, s_time_t when)
{
    if (t->cpu != v->processor)
        migrate_timer(t, v->processor);
    set_timer(t, when);
}

void vcpu_singleshot_set(struct vcpu *v, s_time_t when)
{
    arm(v, &v->vop.singleshot, when);
}

void vcpu_singleshot_stop(struct vcpu *v)
{
    stop_timer(&v->vop.singleshot);
}

void vcpu_periodic_set(struct vcpu *v, s_time_t period)
{
    WRITE_ONCE(v->vop.periodic_period, period);
    if (!period)
        stop_timer(&v->vop.periodic);
    else
        arm(v, &v->vop.periodic, NOW() + period);
}

void vcpu_poll_block(struct vcpu *v, s_time_t timeout)
{
    if (!vcpu_block_unless_pending(v))
        return;
    if (timeout)
        arm(v, &v->vop.poll, timeout);
}

/* ---- secondary vcpu_time_info --------------------------------------------- */

#define TIME_INFO_SIZE 32           /* struct vcpu_time_info; version at offset 0 */

int vcpu_time_area_register(struct vcpu *caller, struct vcpu *v, uint64_t va)
{
    struct guest_area a = { 0 };

    if (va && guest_area_locate(caller, va, TIME_INFO_SIZE, &a))
        a.size = 0;                 /* unmapped: nothing to update, still 0 */
    spin_lock(&v->vop.area_lock);
    v->vop.time = a;
    spin_unlock(&v->vop.area_lock);
    vcpu_force_time_update(v);
    return 0;
}

void vcpu_time_area_update(struct vcpu *v, const void *ti)
{
    uint32_t version, odd;

    if (!READ_ONCE(v->vop.time.size))
        return;
    memcpy(&version, ti, sizeof(version));
    odd = version | 1;
    if (!(version & 1))
        odd = version - 1;          /* the producer's "update in progress" value */
    spin_lock(&v->vop.area_lock);
    guest_area_write(v->domain, &v->vop.time, 0, &odd, sizeof(odd));
    barrier();                      /* x86 keeps stores in order: smp_wmb */
    guest_area_write(v->domain, &v->vop.time, sizeof(odd), (const uint8_t *)ti + sizeof(odd),
                     TIME_INFO_SIZE - sizeof(odd));
    barrier();
    guest_area_write(v->domain, &v->vop.time, 0, &version, sizeof(version));
    spin_unlock(&v->vop.area_lock);
}

/* ---- life cycle ------------------------------------------------------------ */

void vcpu_op_init(struct vcpu *v)
{
    spin_lock_init(&v->vop.area_lock);
    spin_lock_init(&v->vop.time_lock);
    init_timer(&v->vop.singleshot, singleshot_fn, v, v->processor);
    init_timer(&v->vop.periodic, periodic_fn, v, v->processor);
    init_timer(&v->vop.poll, poll_fn, v, v->processor);
    v->vop.ready = true;
}

void vcpu_op_destroy(struct vcpu *v)
{
    if (!v->vop.ready)
        return;
    v->vop.periodic_period = 0;
    kill_timer(&v->vop.singleshot);
    kill_timer(&v->vop.periodic);
    kill_timer(&v->vop.poll);
    v->vop.runstate.size = v->vop.time.size = 0;
}
