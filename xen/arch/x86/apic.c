/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Local APIC: mode selection, register access, EOI and IPIs. */
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <asm/apic.h>
#include <asm/config.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define APIC_BASE_ENABLE (1ul << 11)
#define APIC_BASE_X2APIC (1ul << 10)
#define CPUID1_ECX_X2APIC (1u << 21)

bool x2apic_enabled;
static bool x2apic_decided;

static volatile void *xapic_reg(unsigned int reg)
{
    return (volatile uint8_t *)__va(APIC_DEFAULT_PHYS_BASE) + reg;
}

uint32_t apic_read(unsigned int reg)
{
    if (x2apic_enabled)
        return (uint32_t)rdmsr(0x800 + (reg >> 4));
    return mmio_read32(xapic_reg(reg));
}

void apic_write(unsigned int reg, uint32_t v)
{
    if (x2apic_enabled)
        wrmsr(0x800 + (reg >> 4), v);
    else
        mmio_write32(xapic_reg(reg), v);
}

uint32_t apic_id(void)
{
    uint32_t id = apic_read(APIC_ID);
    return x2apic_enabled ? id : id >> 24;
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

bool apic_wait_icr_idle(void)
{
    if (x2apic_enabled)
        return true;
    for (unsigned int i = 0; i < 1000000; i++) {
        if (!(apic_read(APIC_ICR) & APIC_ICR_BUSY))
            return true;
        cpu_relax();
    }
    return false;
}

void apic_send_ipi(uint32_t dest, uint32_t icr_low)
{
    unsigned long flags = local_irq_save();

    if (x2apic_enabled) {
        /* x2APIC: one 64-bit write; fence so earlier stores are visible. */
        __asm__ volatile("mfence" ::: "memory");
        wrmsr(0x800 + (APIC_ICR >> 4), ((uint64_t)dest << 32) | icr_low);
    } else {
        apic_wait_icr_idle();
        apic_write(APIC_ICR2, dest << 24);
        apic_write(APIC_ICR, icr_low);
    }
    local_irq_restore(flags);
}

static void apic_spurious(struct cpu_user_regs *regs)
{
    (void)regs;     /* no EOI for spurious interrupts */
}

static void apic_error(struct cpu_user_regs *regs)
{
    uint32_t esr;

    (void)regs;
    apic_write(APIC_ESR, 0);
    esr = apic_read(APIC_ESR);
    apic_eoi();
    printk(XENLOG_WARNING "APIC error on CPU%u: ESR %#x\n", apic_id(), esr);
}

void apic_init_this_cpu(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);

    if (!x2apic_decided) {
        x2apic_enabled = cpuid(1).ecx & CPUID1_ECX_X2APIC;
        x2apic_decided = true;
        set_irq_handler(SPURIOUS_APIC_VECTOR, apic_spurious);
        set_irq_handler(ERROR_APIC_VECTOR, apic_error);
    }
    base |= APIC_BASE_ENABLE;
    wrmsr(MSR_APIC_BASE, base);
    if (x2apic_enabled)
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_X2APIC);

    apic_write(APIC_TPR, 0);
    apic_write(APIC_LVTT, APIC_LVT_MASKED);
    apic_write(APIC_LVT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT1, APIC_DM_NMI);          /* LINT1 is NMI on PCs */
    apic_write(APIC_LVTERR, ERROR_APIC_VECTOR);
    apic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
    apic_write(APIC_ESR, 0);
    apic_eoi();
}
