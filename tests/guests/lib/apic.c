/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * x2APIC through MSRs 0x800+ (register offset >> 4), and the AP start-up
 * plumbing: ap_prepare() copies head.S's real-mode trampoline below 1 MiB;
 * a started AP enters ap_start() on its own stack with the IDT loaded.
 */
#include "guest.h"
#include <public/hvm/hvm_vcpu.h>

bool x2apic_enabled(void)
{
    uint64_t b = rdmsr(MSR_APIC_BASE);

    return (b & (APIC_BASE_EN | APIC_BASE_EXTD)) == (APIC_BASE_EN | APIC_BASE_EXTD);
}

void x2apic_enable(void)
{
    uint64_t b = rdmsr(MSR_APIC_BASE);

    /* xAPIC -> x2APIC needs EN first, then EN|EXTD (disabled -> x2APIC is invalid). */
    if (!(b & APIC_BASE_EN))
        wrmsr(MSR_APIC_BASE, b | APIC_BASE_EN);
    if (!(b & APIC_BASE_EXTD))
        wrmsr(MSR_APIC_BASE, b | APIC_BASE_EN | APIC_BASE_EXTD);
    apic_wrmsr(APIC_SVR, 0x1ff);        /* software enable, spurious vector 0xff */
}

uint64_t apic_rdmsr(unsigned int reg)
{
    return rdmsr(X2APIC_MSR(reg));
}

void apic_wrmsr(unsigned int reg, uint64_t val)
{
    wrmsr(X2APIC_MSR(reg), val);
}

uint32_t x2apic_id(void)
{
    return (uint32_t)apic_rdmsr(APIC_ID);
}

void apic_eoi(void)
{
    apic_wrmsr(APIC_EOI, 0);
}

#define ICR_INIT        (5u << 8)
#define ICR_STARTUP     (6u << 8)
#define ICR_ASSERT      (1u << 14)

void apic_send_init(uint32_t dest)
{
    apic_wrmsr(APIC_ICR, ((uint64_t)dest << 32) | ICR_INIT | ICR_ASSERT);
}

void apic_send_sipi(uint32_t dest, uint8_t vector_page)
{
    apic_wrmsr(APIC_ICR, ((uint64_t)dest << 32) | ICR_STARTUP | ICR_ASSERT | vector_page);
}

void apic_timer_oneshot(uint8_t vector, uint32_t count)
{
    apic_wrmsr(APIC_TDCR, 0xb);                 /* divide by 1 */
    apic_wrmsr(APIC_LVTT, vector);              /* one-shot, unmasked */
    apic_wrmsr(APIC_TMICT, count);
}

/* ---- application processors ---- */

extern const char ap_trampoline[], ap_trampoline_end[];
extern uint64_t ap_stack_top;
void ap_start(void);

static uint8_t ap_stack[16384] __attribute__((aligned(16)));
static void (*ap_fn)(void);

void ap_context_pm32(struct vcpu_hvm_context *ctx)
{
    struct vcpu_hvm_x86_32 *c = &ctx->cpu_regs.x86_32;

    memset(ctx, 0, sizeof(*ctx));
    ctx->mode = VCPU_HVM_MODE_32B;
    c->eip = (uint32_t)(uintptr_t)ap_entry_pm32;
    c->cr0 = 0x11;                      /* PE, ET */
    c->cs_limit = c->ds_limit = c->ss_limit = c->es_limit = 0xffffffff;
    c->cs_ar = 0xc9b;                   /* 32-bit code, present, 4 KiB granularity */
    c->ds_ar = c->ss_ar = c->es_ar = 0xc93;
    c->tr_limit = 0x67;
    c->tr_ar = 0x8b;                    /* busy 32-bit TSS */
}

void ap_prepare(void (*fn)(void))
{
    ap_fn = fn;
    ap_stack_top = (uint64_t)(ap_stack + sizeof(ap_stack));
    memcpy((void *)AP_TRAMPOLINE_PA, ap_trampoline, ap_trampoline_end - ap_trampoline);
}

void ap_start(void)
{
    traps_init();
    ap_fn();
    halt_forever();
}
