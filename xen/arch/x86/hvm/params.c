/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * HVM parameters: one row per HVM_PARAM_* with Xen 4.17's permission flags
 * and an optional value check (xen/arch/x86/hvm/hvm.c hvm_allow_set_param,
 * hvm_set_param, hvm_allow_get_param, hvm_get_param), the CALLBACK_IRQ
 * decoding.  See asm/hvm_params.h; the upcall vectors are in upcall.c.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/hvm_params.h>
#include <asm/processor.h>
#include <public/sched.h>

#define VM86_TSS_UPDATED    (1ull << 63)    /* internal flag in the stored value */
#define TSS32_SIZE          104
#define VM86_TSS_MAX        (TSS32_SIZE + 0x100 / 8 + 0x10000 / 8 + 1)
#define MAX_IOREQ_PAGES     64              /* bits in Xen's ioreq_gfn.mask */

/* A parameter write in progress; a check may change the value or index stored. */
struct param_write {
    struct hvm_params *p;
    uint32_t index;
    uint64_t value;
    bool self;
    bool crash;
};

typedef int param_check_fn(struct param_write *w);
typedef uint64_t param_read_fn(const struct hvm_params *p);

struct param_desc {
    unsigned int flags;             /* HVM_PARAMF_* */
    param_check_fn *check;          /* NULL: any value */
    param_read_fn *read;            /* NULL: the stored value */
};

static int check_callback(struct param_write *w)
{
    struct hvm_callback_via via = hvm_callback_decode(w->value);

    /* Only a vector changes delivery (no virtual PIC/IO-APIC, as Xen's PVH). */
    if (via.type == HVM_CALLBACK_VECTOR)
        __atomic_store_n(&w->p->callback_vector, via.vector, __ATOMIC_RELEASE);
    return 0;
}

static int check_viridian(struct param_write *w)
{
    return (w->value & ~(uint64_t)HVMPV_feature_mask) || !(w->value & HVMPV_base_freq)
           ? -EINVAL : 0;
}

static int check_timer_mode(struct param_write *w)
{
    return w->value > HVMPTM_one_missed_tick_pending ? -EINVAL : 0;
}

/* S3 would reset every vCPU into real mode: not supported (Xen does it). */
static int check_s_state(struct param_write *w)
{
    if (w->value == 3)
        return -EOPNOTSUPP;
    return w->value ? -EINVAL : 0;
}

/* PVH domains have no emulated PM timer (Xen: pmtimer_change_ioport). */
static int check_ioports(struct param_write *w)
{
    (void)w;
    return -ENODEV;
}

static int check_altp2m(struct param_write *w)
{
    return w->value > XEN_ALTP2M_limited ? -EINVAL : 0;
}

static int check_triple_fault(struct param_write *w)
{
    return w->value > SHUTDOWN_MAX ? -EINVAL : 0;
}

static int check_nr_ioreq(struct param_write *w)
{
    return !w->value || w->value > MAX_IOREQ_PAGES ? -EINVAL : 0;
}

static int check_fip_width(struct param_write *w)
{
    if (w->value != 0 && w->value != 4 && w->value != 8)
        return -EINVAL;
    w->p->x87_fip_width = (uint8_t)w->value;
    return 0;
}

/* The legacy form: a 32-bit address, stored as VM86_TSS_SIZED of 128 bytes. */
static int check_vm86_tss(struct param_write *w)
{
    int rc = 0;

    if (w->value != (uint32_t)w->value) {
        w->crash = w->self;         /* hardware would truncate: Xen crashes the guest */
        rc = -EINVAL;
    }
    if (w->value)
        w->value |= (128ull << 32) | VM86_TSS_UPDATED;
    w->index = HVM_PARAM_VM86_TSS_SIZED;
    return rc;
}

static int check_vm86_tss_sized(struct param_write *w)
{
    int rc = 0;

    if ((w->value >> 32) < TSS32_SIZE) {
        w->crash = w->self;
        rc = -EINVAL;
    }
    if ((w->value >> 32) > VM86_TSS_MAX)
        w->value = (uint32_t)w->value | ((uint64_t)VM86_TSS_MAX << 32);
    w->value |= VM86_TSS_UPDATED;
    return rc;
}

/* Only LMCE exists, and only on Intel parts with it; we emulate no MCE. */
static int check_mca_cap(struct param_write *w)
{
    return w->value ? -EINVAL : 0;
}

static uint64_t read_s_state(const struct hvm_params *p)
{
    (void)p;
    return 0;                       /* never suspended */
}

static uint64_t read_vm86_tss(const struct hvm_params *p)
{
    return (uint32_t)p->val[HVM_PARAM_VM86_TSS_SIZED];
}

static uint64_t read_vm86_tss_sized(const struct hvm_params *p)
{
    return p->val[HVM_PARAM_VM86_TSS_SIZED] & ~VM86_TSS_UPDATED;
}

static uint64_t read_fip_width(const struct hvm_params *p)
{
    return p->x87_fip_width;
}

#define GS  HVM_PARAMF_GUEST_SET
#define GG  HVM_PARAMF_GUEST_GET
#define DEP HVM_PARAMF_DEPRECATED
#define ONCE HVM_PARAMF_ONCE
#define P(name, fl, ...) [HVM_PARAM_##name] = { fl, __VA_ARGS__ }

/* Indices not listed (3, 7, 8): control domain only, any value. */
static const struct param_desc param_table[HVM_NR_PARAMS] = {
    P(CALLBACK_IRQ,             GS | GG, check_callback),
    P(STORE_PFN,                GG),
    P(STORE_EVTCHN,             GS | GG),
    P(PAE_ENABLED,              DEP),
    P(IOREQ_PFN,                ONCE),
    P(BUFIOREQ_PFN,             ONCE),
    P(VIRIDIAN,                 ONCE, check_viridian),
    P(TIMER_MODE,               0, check_timer_mode),
    P(HPET_ENABLED,             0),
    P(IDENT_PT,                 0),
    P(DM_DOMAIN,                DEP),
    P(ACPI_S_STATE,             0, check_s_state, read_s_state),
    P(VM86_TSS,                 GS | GG, check_vm86_tss, read_vm86_tss),
    P(VPT_ALIGN,                0),
    P(CONSOLE_PFN,              GG),
    P(CONSOLE_EVTCHN,           GS | GG),
    P(ACPI_IOPORTS_LOCATION,    GS | GG, check_ioports),
    P(MEMORY_EVENT_CR0,         DEP),
    P(MEMORY_EVENT_CR3,         DEP),
    P(MEMORY_EVENT_CR4,         DEP),
    P(MEMORY_EVENT_INT3,        DEP),
    P(NESTEDHVM,                DEP),
    P(MEMORY_EVENT_SINGLE_STEP, DEP),
    P(BUFIOREQ_EVTCHN,          DEP),
    P(PAGING_RING_PFN,          0),
    P(MONITOR_RING_PFN,         0),
    P(SHARING_RING_PFN,         0),
    P(MEMORY_EVENT_MSR,         DEP),
    P(TRIPLE_FAULT_REASON,      0, check_triple_fault),
    P(IOREQ_SERVER_PFN,         ONCE),
    P(NR_IOREQ_SERVER_PAGES,    ONCE, check_nr_ioreq),
    P(VM_GENERATION_ID_ADDR,    GS | GG),
    P(ALTP2M,                   GG | ONCE, check_altp2m),
    P(X87_FIP_WIDTH,            GS | GG, check_fip_width, read_fip_width),
    P(VM86_TSS_SIZED,           GS | GG, check_vm86_tss_sized, read_vm86_tss_sized),
    P(MCA_CAP,                  ONCE, check_mca_cap),
};

unsigned int hvm_param_flags(uint32_t index)
{
    return index < HVM_NR_PARAMS ? param_table[index].flags : 0;
}

/* Xen's default: 8 when the CPU deprecates FPU CS/DS (CPUID 7:0 EBX[13]), else 0. */
static uint8_t default_fip_width(void)
{
    if (cpuid(0).eax < 7)
        return 0;
    return (cpuid_count(7, 0).ebx & (1u << 13)) ? 8 : 0;
}

void hvm_params_init(struct domain *d)
{
    struct hvm_params *p = &d->arch.hvm_params;

    memset(p, 0, sizeof(*p));
    spin_lock_init(&p->lock);
    p->callback_vector = -1;
    p->x87_fip_width = default_fip_width();
    p->val[HVM_PARAM_TRIPLE_FAULT_REASON] = SHUTDOWN_reboot;    /* as Xen */
}

/* Permission for a guest on itself; deprecated ones for everyone. */
static int param_allowed(uint32_t index, bool self, unsigned int need)
{
    unsigned int flags;

    if (index >= HVM_NR_PARAMS)
        return -EINVAL;
    flags = param_table[index].flags;
    if (flags & HVM_PARAMF_DEPRECATED)
        return -EINVAL;
    return self && !(flags & need) ? -EPERM : 0;
}

int hvm_param_set(struct domain *d, uint32_t index, uint64_t value, bool self,
                  bool *crash)
{
    struct param_write w = { &d->arch.hvm_params, index, value, self, false };
    const struct param_desc *desc;
    unsigned long flags;
    int rc = param_allowed(index, self, HVM_PARAMF_GUEST_SET);

    *crash = false;
    if (rc)
        return rc;
    desc = &param_table[index];
    spin_lock_irqsave(&w.p->lock, flags);
    if ((desc->flags & HVM_PARAMF_ONCE) && w.p->val[index] && w.p->val[index] != value)
        rc = -EEXIST;
    else if (desc->check)
        rc = desc->check(&w);
    if (!rc)
        __atomic_store_n(&w.p->val[w.index], w.value, __ATOMIC_RELEASE);
    spin_unlock_irqrestore(&w.p->lock, flags);
    *crash = w.crash;
    return rc;
}

int hvm_param_get(struct domain *d, uint32_t index, uint64_t *value, bool self)
{
    const struct hvm_params *p = &d->arch.hvm_params;
    int rc = param_allowed(index, self, HVM_PARAMF_GUEST_GET);

    if (rc)
        return rc;
    if (param_table[index].read)
        *value = param_table[index].read(p);
    else
        *value = __atomic_load_n(&p->val[index], __ATOMIC_ACQUIRE);
    return 0;
}

void hvm_param_init(struct domain *d, uint32_t index, uint64_t value)
{
    BUG_ON(index >= HVM_NR_PARAMS);
    d->arch.hvm_params.val[index] = value;
}

struct hvm_callback_via hvm_callback_decode(uint64_t value)
{
    struct hvm_callback_via via = { .type = HVM_CALLBACK_NONE };

    switch (value >> HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT) {
    case HVM_PARAM_CALLBACK_TYPE_GSI:
        via.gsi = (uint8_t)value;       /* GSI 0 (also 0x100 ...) means none */
        via.type = via.gsi ? HVM_CALLBACK_GSI : HVM_CALLBACK_NONE;
        break;
    case HVM_PARAM_CALLBACK_TYPE_PCI_INTX:
        via.type = HVM_CALLBACK_PCI_INTX;
        via.pci_dev = (value >> 11) & 31;
        via.pci_intx = value & 3;
        break;
    case HVM_PARAM_CALLBACK_TYPE_VECTOR:
        via.type = HVM_CALLBACK_VECTOR;
        via.vector = (uint8_t)value;
        break;
    }
    return via;
}
