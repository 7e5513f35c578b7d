/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The emulated APIC timer: one-shot, periodic and TSC-deadline modes on one
 * deadline (vl->timer_expires, system time) that ops->set_timer arms.
 *
 * The counter runs at VLAPIC_BUS_NS per tick divided by TDCR, so the
 * current count is derived from NOW() instead of being stored.  Changing the
 * timer mode disarms the timer (initial count and deadline cleared), as the
 * SDM describes.  A periodic timer fires at most every PERIODIC_MIN_NS (as
 * Xen limits guest periodic timers), and missed periods are skipped rather
 * than delivered in a burst.  TSC deadlines are converted with the TSC
 * frequency; a deadline already passed fires at once.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include "vlapic_internal.h"

#define PERIODIC_MIN_NS     100000      /* 100 us */
#define FAR_FUTURE_NS       (INT64_MAX / 4)

uint32_t vlapic_timer_mode(const struct vlapic *vl)
{
    return (vl->lvt[LVT_TIMER] >> 17) & 3;
}

/* TDCR bits 0, 1, 3: 0b111 = divide by 1, else by 2 << value. */
static uint64_t tick_ns(const struct vlapic *vl)
{
    uint32_t v = (vl->timer_dcr & 3) | ((vl->timer_dcr >> 1) & 4);

    return (v == 7 ? 1 : 2u << v) * (uint64_t)VLAPIC_BUS_NS;
}

static s_time_t period_ns(const struct vlapic *vl)
{
    return (s_time_t)(vl->timer_icr * tick_ns(vl));
}

static void arm(struct vlapic *vl, s_time_t when)
{
    vl->timer_expires = when;
    vl->ops->set_timer(vl, when);
}

void vlapic_timer_stop(struct vlapic *vl)
{
    vl->timer_expires = 0;
    vl->ops->set_timer(vl, 0);
}

static bool counting(const struct vlapic *vl)
{
    return vl->timer_expires && vlapic_timer_mode(vl) != APIC_TIMER_TSC_DEADLINE;
}

uint32_t vlapic_timer_current(struct vlapic *vl)
{
    s_time_t left;
    uint64_t ticks;

    if (!counting(vl))
        return 0;
    left = vl->timer_expires - vl->ops->now(vl);
    if (left <= 0)
        return 0;
    ticks = ((uint64_t)left + tick_ns(vl) - 1) / tick_ns(vl);
    return ticks > vl->timer_icr ? vl->timer_icr : (uint32_t)ticks;
}

static void start(struct vlapic *vl, s_time_t now)
{
    s_time_t p = period_ns(vl);

    vl->timer_start = now;
    if (vlapic_timer_mode(vl) == APIC_TIMER_PERIODIC && p < PERIODIC_MIN_NS)
        p = PERIODIC_MIN_NS;
    arm(vl, now + p);
}

void vlapic_timer_write_icr(struct vlapic *vl, uint32_t count)
{
    if (vlapic_timer_mode(vl) == APIC_TIMER_TSC_DEADLINE)
        return;                                 /* ignored in TSC-deadline mode */
    vl->timer_icr = count;
    if (!count)
        vlapic_timer_stop(vl);
    else
        start(vl, vl->ops->now(vl));
}

void vlapic_timer_write_dcr(struct vlapic *vl, uint32_t dcr)
{
    uint32_t left = vlapic_timer_current(vl);
    bool running = counting(vl);
    s_time_t now = vl->ops->now(vl);

    vl->timer_dcr = dcr;
    if (!running)
        return;
    /* Keep the remaining count; it now runs down at the new rate. */
    vl->timer_start = now - (s_time_t)((vl->timer_icr - left) * tick_ns(vl));
    arm(vl, now + (s_time_t)(left * tick_ns(vl)));
}

int vlapic_timer_write_lvt(struct vlapic *vl, uint32_t lvt)
{
    uint32_t mode = (lvt >> 17) & 3;

    if (mode == 3)
        return -EPERM;                          /* reserved timer mode */
    if (mode != vlapic_timer_mode(vl)) {
        vlapic_timer_stop(vl);
        vl->timer_icr = 0;
        vl->tsc_deadline = 0;
    }
    vl->lvt[LVT_TIMER] = lvt;
    return 0;
}

uint64_t vlapic_tsc_deadline_read(const struct vlapic *vl)
{
    return vlapic_timer_mode(vl) == APIC_TIMER_TSC_DEADLINE ? vl->tsc_deadline : 0;
}

/* TSC ticks -> ns at tsc_khz, without 128-bit division; clamped far out. */
static s_time_t tsc_to_ns(const struct vlapic *vl, uint64_t ticks)
{
    uint64_t khz = vl->tsc_khz ? vl->tsc_khz : 1000000;
    uint64_t whole = ticks / khz;

    if (whole > (uint64_t)FAR_FUTURE_NS / 1000000)
        return FAR_FUTURE_NS;
    return (s_time_t)(whole * 1000000 + (ticks % khz) * 1000000 / khz);
}

static bool expire_locked(struct vlapic *vl, s_time_t now);

bool vlapic_tsc_deadline_write(struct vlapic *vl, uint64_t tsc)
{
    uint64_t tsc_now;
    s_time_t now;

    if (vlapic_timer_mode(vl) != APIC_TIMER_TSC_DEADLINE)
        return false;                           /* ignored, as on hardware */
    vl->tsc_deadline = tsc;
    if (!tsc) {
        vlapic_timer_stop(vl);
        return false;
    }
    now = vl->ops->now(vl);
    tsc_now = vl->ops->tsc(vl);
    if (tsc <= tsc_now) {
        vl->timer_expires = now;                /* already due: fire now */
        vl->ops->set_timer(vl, 0);
        return expire_locked(vl, now);
    }
    arm(vl, now + tsc_to_ns(vl, tsc - tsc_now));
    return false;
}

/* The deadline passed: re-arm (periodic) or disarm, and raise the LVT vector. */
static bool expire_locked(struct vlapic *vl, s_time_t now)
{
    uint32_t lvt = vl->lvt[LVT_TIMER];
    s_time_t p = period_ns(vl);

    if (!vl->timer_expires)
        return false;                           /* stopped meanwhile: stale call */
    if (now < vl->timer_expires) {
        vl->ops->set_timer(vl, vl->timer_expires);      /* early: wait on */
        return false;
    }
    switch (vlapic_timer_mode(vl)) {
    case APIC_TIMER_PERIODIC:
        if (p < PERIODIC_MIN_NS)
            p = PERIODIC_MIN_NS;
        vl->timer_start = vl->timer_expires;
        if (now - vl->timer_start >= p)                 /* skip missed periods */
            vl->timer_start += (now - vl->timer_start) / p * p;
        arm(vl, vl->timer_start + p);
        break;
    case APIC_TIMER_TSC_DEADLINE:
        vl->tsc_deadline = 0;
        /* fall through */
    default:
        vl->timer_expires = 0;
        break;
    }
    return !(lvt & APIC_LVT_MASKED) && vlapic_accept_locked(vl, lvt & 0xff);
}

void vlapic_timer_fire(struct vlapic *vl)
{
    unsigned long flags;
    bool kick;

    spin_lock_irqsave(&vl->lock, flags);
    kick = expire_locked(vl, vl->ops->now(vl));
    spin_unlock_irqrestore(&vl->lock, flags);
    if (kick)
        vl->ops->kick(vl);
}
