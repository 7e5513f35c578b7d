/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Local APIC access in either xAPIC (MMIO) or x2APIC (MSR) mode.  Register
 * numbers are the xAPIC MMIO offsets; in x2APIC mode they map to MSR
 * 0x800 + offset / 16.  x2APIC is used whenever CPUID advertises it.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <xen/types.h>

#define APIC_ID         0x020
#define APIC_LVR        0x030
#define APIC_TPR        0x080
#define APIC_EOI        0x0b0
#define APIC_LDR        0x0d0
#define APIC_SPIV       0x0f0
#define APIC_ESR        0x280
#define APIC_ICR        0x300
#define APIC_ICR2       0x310   /* xAPIC only */
#define APIC_LVTT       0x320
#define APIC_LVTTHMR    0x330
#define APIC_LVTPC      0x340
#define APIC_LVT0       0x350
#define APIC_LVT1       0x360
#define APIC_LVTERR     0x370
#define APIC_TMICT      0x380
#define APIC_TMCCT      0x390
#define APIC_TDCR       0x3e0

#define APIC_SPIV_ENABLE      (1u << 8)
#define APIC_LVT_MASKED       (1u << 16)
#define APIC_LVT_TIMER_PERIODIC (1u << 17)
#define APIC_LVT_TIMER_TSCDEADLINE (2u << 17)
#define APIC_TDCR_DIV_1       0xb

#define APIC_DM_FIXED   0x000
#define APIC_DM_NMI     0x400
#define APIC_DM_INIT    0x500
#define APIC_DM_STARTUP 0x600
#define APIC_ICR_BUSY   (1u << 12)
#define APIC_ICR_LEVEL_ASSERT (1u << 14)
#define APIC_ICR_TRIGGER_LEVEL (1u << 15)
#define APIC_DEST_SELF        (1u << 18)
#define APIC_DEST_ALLBUT      (3u << 18)

#define APIC_DEFAULT_PHYS_BASE 0xfee00000ul

extern bool x2apic_enabled;

/* Enable this CPU's local APIC (x2APIC mode if available), LVTs masked. */
void apic_init_this_cpu(void);
uint32_t apic_read(unsigned int reg);
void apic_write(unsigned int reg, uint32_t v);
/* This CPU's APIC ID (full 32-bit in x2APIC mode). */
uint32_t apic_id(void);
void apic_eoi(void);
/* Send an IPI: @icr_low is vector | delivery mode | shorthand bits. */
void apic_send_ipi(uint32_t dest_apic_id, uint32_t icr_low);
/* Wait (bounded) until an xAPIC ICR send completes; true if it did. */
bool apic_wait_icr_idle(void);

#endif
