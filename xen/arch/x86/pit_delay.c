/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * early_delay_ms(): a delay that needs no calibration and no timers, timed
 * by PIT channel 2 one-shots.  Used by the panic path, which may run before
 * the TSC is calibrated or with the timer code broken.
 */
#include <xen/lib.h>
#include <xen/shutdown.h>
#include <asm/io.h>
#include <asm/processor.h>

#define PIT_HZ          1193182u
#define PIT_CHUNK_MS    50u
#define PIT_PORT_B      0x61    /* bit 0: channel 2 gate, bit 5: its output */
/* A 50 ms chunk is far below 2^31 TSC ticks for any TSC of 0.2-40 GHz. */
#define PIT_STUCK_TSC   (1ull << 31)

/* One PIT channel 2 one-shot (mode 0) of @ms; false if the PIT seems absent. */
static bool pit_wait_ms(unsigned int ms)
{
    unsigned int count = PIT_HZ / 1000 * ms;       /* < 65536 for 50 ms */
    uint64_t start;
    uint8_t portb = inb(PIT_PORT_B) & ~0x03;        /* gate low, speaker off */

    outb(portb, PIT_PORT_B);
    outb(0xb0, 0x43);                               /* ch2, lo/hi, mode 0 */
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    if (inb(PIT_PORT_B) & 0x20)
        return false;                               /* output already high */
    outb(portb | 0x01, PIT_PORT_B);                 /* gate high: count */
    start = rdtsc();
    while (!(inb(PIT_PORT_B) & 0x20))
        if (rdtsc() - start > PIT_STUCK_TSC)
            return false;                           /* output never rose */
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
