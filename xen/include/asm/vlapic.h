/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The emulated local APIC of a vCPU, in x2APIC mode only: its registers are
 * MSRs 0x800-0x8ff (plus TSC_DEADLINE); there is no xAPIC MMIO page.
 *
 * The register logic (xen/arch/x86/hvm/vlapic_regs.c) works on a struct
 * vlapic and reaches the outside world only through struct vlapic_ops
 * (clock, guest TSC, one timer, "interrupt pending" kick, IPI sending), so
 * the host unit tests drive it with a fake clock.  The hypervisor side
 * (vlapic.c) supplies those ops with software timers and the scheduler.
 *
 * Locking: vl->lock guards all register state; it is taken with interrupts
 * off.  Ops are called with it held except kick() and send_ipi(), which run
 * after it is dropped (they take other vCPUs' locks).
 */
#ifndef ASM_VLAPIC_H
#define ASM_VLAPIC_H

#include <xen/types.h>
#include <xen/spinlock.h>

#define VLAPIC_VERSION      0x00050014u     /* version 0x14, 6 LVT entries (as Xen) */
#define VLAPIC_BUS_NS       1               /* timer input clock: 1 GHz (as Xen) */

enum vlapic_lvt { LVT_TIMER, LVT_THERMAL, LVT_PMC, LVT_LINT0, LVT_LINT1, LVT_ERROR, NR_LVT };

#define APIC_LVT_MASKED     (1u << 16)
#define APIC_TIMER_ONESHOT  0u
#define APIC_TIMER_PERIODIC 1u
#define APIC_TIMER_TSC_DEADLINE 2u
#define APIC_SVR_ENABLE     (1u << 8)

/* ICR delivery modes (bits 8-10). */
enum apic_dm { APIC_DM_FIXED = 0, APIC_DM_LOWEST = 1, APIC_DM_SMI = 2, APIC_DM_NMI = 4,
               APIC_DM_INIT = 5, APIC_DM_STARTUP = 6, APIC_DM_EXTINT = 7 };
/* ICR destination shorthands (bits 18-19). */
enum apic_sh { APIC_SH_NONE, APIC_SH_SELF, APIC_SH_ALL, APIC_SH_OTHERS };

/* A decoded x2APIC ICR write. */
struct vlapic_ipi {
    uint8_t vector;
    uint8_t mode;               /* enum apic_dm */
    uint8_t shorthand;          /* enum apic_sh */
    bool logical;               /* destination mode */
    bool level_assert;          /* bit 14 */
    bool level_trigger;         /* bit 15 */
    uint32_t dest;              /* x2APIC ID, or cluster << 16 | bitmap */
};

struct vlapic;
struct vlapic_ops {
    s_time_t (*now)(struct vlapic *vl);                 /* system time, ns */
    uint64_t (*tsc)(struct vlapic *vl);                 /* the guest's TSC now */
    void (*set_timer)(struct vlapic *vl, s_time_t when); /* 0: stop */
    void (*kick)(struct vlapic *vl);                    /* an interrupt became pending */
    void (*send_ipi)(struct vlapic *vl, const struct vlapic_ipi *ipi);
};

struct vlapic {
    spinlock_t lock;
    const struct vlapic_ops *ops;
    void *owner;                        /* the struct vcpu, for the ops */
    uint32_t tsc_khz;                   /* for TSC-deadline; 0: 1 GHz assumed */

    uint32_t id, ldr, tpr, svr, esr, esr_pending;
    uint64_t icr;
    uint32_t lvt[NR_LVT];
    uint32_t irr[8], isr[8], tmr[8];    /* vector v: word v / 32, bit v % 32 */
    bool wait_for_sipi;                 /* INIT received (or AP after reset) */

    uint32_t timer_icr, timer_dcr;      /* initial count, divide configuration */
    uint64_t tsc_deadline;
    s_time_t timer_start;               /* when the current period began */
    s_time_t timer_expires;             /* next expiry, 0 when not armed */
};

/* ---- register logic (vlapic_regs.c, host-testable) ---- */
/* Power-on state with x2APIC ID @id (LDR derived from it); stops the timer. */
void vlapic_reset(struct vlapic *vl, uint32_t id);
/* MSR access (0x800-0x8ff, TSC_DEADLINE): 0, or -EPERM for #GP. */
int vlapic_read(struct vlapic *vl, uint32_t msr, uint64_t *val);
int vlapic_write(struct vlapic *vl, uint32_t msr, uint64_t val);
/* Accept a fixed interrupt: IRR set (and kick) unless software-disabled or illegal. */
bool vlapic_set_irq(struct vlapic *vl, uint8_t vector);
/* Highest IRR vector whose priority class is above PPR, or -1. */
int vlapic_pending(struct vlapic *vl);
/* @vector was injected: IRR -> ISR. */
void vlapic_ack(struct vlapic *vl, uint8_t vector);
/* The timer set through ops->set_timer fired (stale calls are ignored). */
void vlapic_timer_fire(struct vlapic *vl);
/* INIT: reset (keeping the ID) and wait for a STARTUP. */
void vlapic_init_ipi(struct vlapic *vl);
/* STARTUP: true (and leave wait-for-SIPI) if @vl was waiting for one. */
bool vlapic_take_sipi(struct vlapic *vl);
/* ICR decoding and destination matching (@src is the sender). */
struct vlapic_ipi vlapic_decode_icr(uint64_t icr);
bool vlapic_match_dest(const struct vlapic *vl, const struct vlapic *src,
                       const struct vlapic_ipi *ipi);
uint32_t vlapic_ppr(const struct vlapic *vl);

#endif
