/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Reset, halt, and a calibration-free delay for the panic path (x86). */
#include <xen/lib.h>
#include <xen/shutdown.h>
#include <asm/io.h>
#include <asm/processor.h>

#define PIT_HZ          1193182u
#define PIT_CHUNK_MS    50u
#define PIT_PORT_B      0x61    /* bit 0: channel 2 gate, bit 5: its output */

/* One PIT channel 2 one-shot (mode 0) of @ms; false if the PIT seems absent. */
static bool pit_wait_ms(unsigned int ms)
{
    unsigned int count = PIT_HZ / 1000 * ms;
    uint8_t portb = inb(PIT_PORT_B) & ~0x03;        /* gate low, speaker off */

    outb(portb, PIT_PORT_B);
    outb(0xb0, 0x43);                               /* ch2, lo/hi, mode 0 */
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    if (inb(PIT_PORT_B) & 0x20)
        return false;                               /* output already high */
    outb(portb | 0x01, PIT_PORT_B);                 /* gate high: count */
    for (unsigned long spins = 0; !(inb(PIT_PORT_B) & 0x20); spins++)
        if (spins > 100000000ul)
            return false;
    return true;
}

/*
 * Panic-path delay: runs before or without time calibration, with
 * interrupts off.  Falls back to a crude loop if the PIT does not respond.
 */
void early_delay_ms(unsigned int ms)
{
    for (unsigned int done = 0; done < ms; done += PIT_CHUNK_MS) {
        if (!pit_wait_ms(min(PIT_CHUNK_MS, ms - done))) {
            for (volatile unsigned long i = 0; i < 1000000ul * (ms - done); i++)
                cpu_relax();
            return;
        }
    }
}

void machine_halt(void)
{
    local_irq_disable();
    for (;;)
        halt();
}

void machine_restart(void)
{
    struct { uint16_t limit; uint64_t base; } __packed no_idt = { 0, 0 };

    local_irq_disable();
    /* 1: keyboard controller pulse on the reset line. */
    for (int i = 0; i < 100; i++) {
        for (int w = 0; w < 0x10000 && (inb(0x64) & 0x02); w++)
            ;
        outb(0xfe, 0x64);
    }
    /* 2: PCI reset control register (0xcf9): full reset. */
    outb(0x02, 0xcf9);
    outb(0x06, 0xcf9);
    /* 3: triple fault. */
    __asm__ volatile("lidt %0; int3" :: "m"(no_idt));
    machine_halt();
}

void __attribute__((weak)) smp_stop_other_cpus(void)
{
}
