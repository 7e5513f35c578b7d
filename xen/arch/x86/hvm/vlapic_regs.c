/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * x2APIC register file of the emulated local APIC (Intel SDM vol. 3,
 * "x2APIC register address space").  One table row per register: which
 * MSR, how it reads, how it writes and which bits a write may set; a write
 * with other bits set, a write to a read-only register, a read of a
 * write-only one (EOI, SELF IPI) and any MSR without a row (APR, RRD, DFR,
 * ICR2, CMCI, reserved) raise #GP, as on hardware in x2APIC mode.
 *
 * Interrupt state: IRR (accepted), ISR (in service), PPR = max(TPR, class of
 * the highest ISR vector).  Only edge-triggered fixed interrupts exist (no
 * IOAPIC), so TMR reads as zero and EOI just retires the highest ISR bit.
 * Illegal vectors (0-15) are recorded in ESR (send/receive illegal vector)
 * and dropped; no error interrupt is raised.
 */
#include <asm/processor.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include "vlapic_internal.h"

#define MSR_X2APIC_BASE     0x800
#define ESR_SEND_ILLEGAL    (1u << 5)
#define ESR_RECV_ILLEGAL    (1u << 6)
#define ICR_WRITABLE        0x000ccfffull   /* vector, mode, dest mode, level, trigger, shorthand */
#define LVT_DS_RIRR         ((1u << 12) | (1u << 14))   /* read-only bits, dropped on write */

struct vlapic_post {                    /* what to do once the lock is dropped */
    bool kick, send;
    struct vlapic_ipi ipi;
};

typedef int (*reg_read_fn)(struct vlapic *vl, unsigned int idx, uint64_t *val);
typedef int (*reg_write_fn)(struct vlapic *vl, unsigned int idx, uint64_t val,
                            struct vlapic_post *post);

struct vlapic_reg {
    uint8_t first, last;                /* MSR - 0x800 */
    reg_read_fn read;                   /* NULL: write-only */
    reg_write_fn write;                 /* NULL: read-only */
    uint64_t wmask;                     /* bits a write may set */
};

static bool test_vec(const uint32_t *r, uint8_t v) { return r[v / 32] & (1u << (v % 32)); }
static void set_vec(uint32_t *r, uint8_t v) { r[v / 32] |= 1u << (v % 32); }
static void clear_vec(uint32_t *r, uint8_t v) { r[v / 32] &= ~(1u << (v % 32)); }

static int highest(const uint32_t *r)
{
    for (int i = 7; i >= 0; i--)
        if (r[i])
            return i * 32 + 31 - __builtin_clz(r[i]);
    return -1;
}

uint32_t vlapic_ppr(const struct vlapic *vl)
{
    int isr = highest(vl->isr);
    uint32_t isrv = isr < 0 ? 0 : (uint32_t)isr & 0xf0;

    return (vl->tpr & 0xf0) >= isrv ? vl->tpr : isrv;
}

bool vlapic_accept_locked(struct vlapic *vl, uint8_t vector)
{
    if (!(vl->svr & APIC_SVR_ENABLE))
        return false;                   /* software-disabled: fixed interrupts dropped */
    if (vector < 16) {
        vl->esr_pending |= ESR_RECV_ILLEGAL;
        return false;
    }
    set_vec(vl->irr, vector);
    return true;
}

/* ---- register handlers (lock held) ---- */
static int rd_id(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->id; return 0; }
static int rd_ver(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)vl, (void)i; *v = VLAPIC_VERSION; return 0; }
static int rd_tpr(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->tpr; return 0; }
static int rd_ppr(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vlapic_ppr(vl); return 0; }
static int rd_ldr(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->ldr; return 0; }
static int rd_svr(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->svr; return 0; }
static int rd_isr(struct vlapic *vl, unsigned int i, uint64_t *v) { *v = vl->isr[i & 7]; return 0; }
static int rd_tmr(struct vlapic *vl, unsigned int i, uint64_t *v) { *v = vl->tmr[i & 7]; return 0; }
static int rd_irr(struct vlapic *vl, unsigned int i, uint64_t *v) { *v = vl->irr[i & 7]; return 0; }
static int rd_esr(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->esr; return 0; }
static int rd_icr(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->icr; return 0; }
static int rd_lvt(struct vlapic *vl, unsigned int i, uint64_t *v) { *v = vl->lvt[i - 0x32]; return 0; }
static int rd_tmict(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->timer_icr; return 0; }
static int rd_tmcct(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vlapic_timer_current(vl); return 0; }
static int rd_tdcr(struct vlapic *vl, unsigned int i, uint64_t *v) { (void)i; *v = vl->timer_dcr; return 0; }

static int wr_tpr(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    (void)i, (void)p;
    vl->tpr = v;
    return 0;
}

static int wr_eoi(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    int vec = highest(vl->isr);

    (void)i, (void)v, (void)p;
    if (vec >= 0)
        clear_vec(vl->isr, vec);
    return 0;
}

static int wr_svr(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    (void)i, (void)p;
    vl->svr = v;
    if (!(v & APIC_SVR_ENABLE))
        for (unsigned int l = 0; l < NR_LVT; l++)
            vl->lvt[l] |= APIC_LVT_MASKED;
    return 0;
}

static int wr_esr(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    (void)i, (void)v, (void)p;
    vl->esr = vl->esr_pending;          /* a write latches the errors seen so far */
    vl->esr_pending = 0;
    return 0;
}

static int wr_icr(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    struct vlapic_ipi ipi = vlapic_decode_icr(v);

    (void)i;
    vl->icr = v;
    if ((ipi.mode == APIC_DM_FIXED || ipi.mode == APIC_DM_LOWEST) && ipi.vector < 16) {
        vl->esr_pending |= ESR_SEND_ILLEGAL;
        return 0;
    }
    p->send = true;
    p->ipi = ipi;
    return 0;
}

static int wr_self_ipi(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    (void)i;
    p->kick |= vlapic_accept_locked(vl, v);
    return 0;
}

static int wr_lvt(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    uint32_t val = v & ~LVT_DS_RIRR;

    (void)p;
    if (!(vl->svr & APIC_SVR_ENABLE))
        val |= APIC_LVT_MASKED;
    if (i == 0x32)
        return vlapic_timer_write_lvt(vl, val);
    vl->lvt[i - 0x32] = val;
    return 0;
}

static int wr_tmict(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    (void)i, (void)p;
    vlapic_timer_write_icr(vl, v);
    return 0;
}

static int wr_tdcr(struct vlapic *vl, unsigned int i, uint64_t v, struct vlapic_post *p)
{
    (void)i, (void)p;
    vlapic_timer_write_dcr(vl, v);
    return 0;
}

#define LVT_TIMER_BITS  0x000710ffull   /* vector, delivery status, mask, timer mode */
#define LVT_OTHER_BITS  0x000117ffull   /* vector, delivery mode, delivery status, mask */
#define LVT_LINT_BITS   0x0001f7ffull   /* ... polarity, remote IRR, trigger */
#define LVT_ERROR_BITS  0x000110ffull

static const struct vlapic_reg regs[] = {
    { 0x02, 0x02, rd_id, NULL, 0 },
    { 0x03, 0x03, rd_ver, NULL, 0 },
    { 0x08, 0x08, rd_tpr, wr_tpr, 0xff },
    { 0x0a, 0x0a, rd_ppr, NULL, 0 },
    { 0x0b, 0x0b, NULL, wr_eoi, 0 },
    { 0x0d, 0x0d, rd_ldr, NULL, 0 },
    { 0x0f, 0x0f, rd_svr, wr_svr, 0x3ff },              /* vector, enable, focus */
    { 0x10, 0x17, rd_isr, NULL, 0 },
    { 0x18, 0x1f, rd_tmr, NULL, 0 },
    { 0x20, 0x27, rd_irr, NULL, 0 },
    { 0x28, 0x28, rd_esr, wr_esr, 0 },
    { 0x30, 0x30, rd_icr, wr_icr, 0xffffffff00000000ull | ICR_WRITABLE },
    { 0x32, 0x32, rd_lvt, wr_lvt, LVT_TIMER_BITS },
    { 0x33, 0x34, rd_lvt, wr_lvt, LVT_OTHER_BITS },     /* thermal, PMC */
    { 0x35, 0x36, rd_lvt, wr_lvt, LVT_LINT_BITS },
    { 0x37, 0x37, rd_lvt, wr_lvt, LVT_ERROR_BITS },
    { 0x38, 0x38, rd_tmict, wr_tmict, 0xffffffffull },
    { 0x39, 0x39, rd_tmcct, NULL, 0 },
    { 0x3e, 0x3e, rd_tdcr, wr_tdcr, 0xb },
    { 0x3f, 0x3f, NULL, wr_self_ipi, 0xff },
};

static const struct vlapic_reg *find_reg(uint32_t msr)
{
    uint32_t idx = msr - MSR_X2APIC_BASE;

    for (unsigned int i = 0; i < ARRAY_SIZE(regs); i++)
        if (idx >= regs[i].first && idx <= regs[i].last)
            return &regs[i];
    return NULL;
}

int vlapic_read(struct vlapic *vl, uint32_t msr, uint64_t *val)
{
    const struct vlapic_reg *r = find_reg(msr);
    unsigned long flags;
    int rc = -EPERM;

    spin_lock_irqsave(&vl->lock, flags);
    if (msr == MSR_TSC_DEADLINE) {
        *val = vlapic_tsc_deadline_read(vl);
        rc = 0;
    } else if (r && r->read) {
        rc = r->read(vl, msr - MSR_X2APIC_BASE, val);
    }
    spin_unlock_irqrestore(&vl->lock, flags);
    return rc;
}

int vlapic_write(struct vlapic *vl, uint32_t msr, uint64_t val)
{
    const struct vlapic_reg *r = find_reg(msr);
    struct vlapic_post post = { false, false, { 0 } };
    unsigned long flags;
    int rc = -EPERM;

    spin_lock_irqsave(&vl->lock, flags);
    if (msr == MSR_TSC_DEADLINE) {
        post.kick = vlapic_tsc_deadline_write(vl, val);
        rc = 0;
    } else if (r && r->write && !(val & ~r->wmask)) {
        rc = r->write(vl, msr - MSR_X2APIC_BASE, val, &post);
    }
    spin_unlock_irqrestore(&vl->lock, flags);

    if (post.kick)
        vl->ops->kick(vl);
    if (post.send)
        vl->ops->send_ipi(vl, &post.ipi);
    return rc;
}

/* ---- interrupt flow ---- */
bool vlapic_set_irq(struct vlapic *vl, uint8_t vector)
{
    unsigned long flags;
    bool kick;

    spin_lock_irqsave(&vl->lock, flags);
    kick = vlapic_accept_locked(vl, vector);
    spin_unlock_irqrestore(&vl->lock, flags);
    if (kick)
        vl->ops->kick(vl);
    return kick;
}

int vlapic_pending(struct vlapic *vl)
{
    unsigned long flags;
    int vec;

    spin_lock_irqsave(&vl->lock, flags);
    vec = highest(vl->irr);
    if (vec >= 0 && ((uint32_t)vec & 0xf0) <= (vlapic_ppr(vl) & 0xf0))
        vec = -1;
    spin_unlock_irqrestore(&vl->lock, flags);
    return vec;
}

void vlapic_ack(struct vlapic *vl, uint8_t vector)
{
    unsigned long flags;

    spin_lock_irqsave(&vl->lock, flags);
    if (test_vec(vl->irr, vector)) {
        clear_vec(vl->irr, vector);
        set_vec(vl->isr, vector);
    }
    spin_unlock_irqrestore(&vl->lock, flags);
}

static void reset_locked(struct vlapic *vl, uint32_t id)
{
    vlapic_timer_stop(vl);
    vl->id = id;
    vl->ldr = ((id >> 4) << 16) | (1u << (id & 0xf));     /* x2APIC logical ID */
    vl->tpr = vl->esr = vl->esr_pending = 0;
    vl->svr = 0xff;                                       /* software-disabled */
    vl->icr = 0;
    for (unsigned int i = 0; i < NR_LVT; i++)
        vl->lvt[i] = APIC_LVT_MASKED;
    memset(vl->irr, 0, sizeof(vl->irr));
    memset(vl->isr, 0, sizeof(vl->isr));
    memset(vl->tmr, 0, sizeof(vl->tmr));
    vl->timer_icr = vl->timer_dcr = 0;
    vl->tsc_deadline = 0;
}

void vlapic_reset(struct vlapic *vl, uint32_t id)
{
    unsigned long flags;

    spin_lock_irqsave(&vl->lock, flags);
    reset_locked(vl, id);
    spin_unlock_irqrestore(&vl->lock, flags);
}

void vlapic_init_ipi(struct vlapic *vl)
{
    unsigned long flags;

    spin_lock_irqsave(&vl->lock, flags);
    reset_locked(vl, vl->id);
    vl->wait_for_sipi = true;
    spin_unlock_irqrestore(&vl->lock, flags);
}

bool vlapic_take_sipi(struct vlapic *vl)
{
    unsigned long flags;
    bool was;

    spin_lock_irqsave(&vl->lock, flags);
    was = vl->wait_for_sipi;
    vl->wait_for_sipi = false;
    spin_unlock_irqrestore(&vl->lock, flags);
    return was;
}

/* ---- ICR ---- */
struct vlapic_ipi vlapic_decode_icr(uint64_t icr)
{
    return (struct vlapic_ipi){
        .vector = icr & 0xff,
        .mode = (icr >> 8) & 7,
        .logical = (icr >> 11) & 1,
        .level_assert = (icr >> 14) & 1,
        .level_trigger = (icr >> 15) & 1,
        .shorthand = (icr >> 18) & 3,
        .dest = icr >> 32,
    };
}

bool vlapic_match_dest(const struct vlapic *vl, const struct vlapic *src,
                       const struct vlapic_ipi *ipi)
{
    switch (ipi->shorthand) {
    case APIC_SH_SELF:
        return vl == src;
    case APIC_SH_ALL:
        return true;
    case APIC_SH_OTHERS:
        return vl != src;
    }
    if (ipi->dest == 0xffffffffu)
        return true;                                      /* broadcast */
    if (!ipi->logical)
        return ipi->dest == vl->id;
    /* Logical (cluster) mode: same cluster, overlapping member bitmap. */
    return (ipi->dest >> 16) == (vl->ldr >> 16) && (ipi->dest & vl->ldr & 0xffff);
}
