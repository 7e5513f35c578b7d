/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Busy-wait delays for CPU bring-up and the panic path, independent of the
 * time subsystem: the TSC rate is measured once against PIT channel 2
 * (10 ms one-shot), then smp_delay_us() spins on the TSC, which works on
 * any CPU at once.  Until calibrated it waits on the PIT directly.
 * TODO: use the time subsystem's udelay() once it is common code.
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <asm/io.h>
#include <asm/processor.h>

#define PIT_HZ          1193182ul
#define PIT_CH2         0x42
#define PIT_MODE        0x43
#define PIT_GATE        0x61            /* bit 0: ch2 gate, 1: speaker, 5: ch2 out */
#define PIT_MAX_POLLS   (1ul << 26)     /* bound the wait if there is no PIT */

static uint64_t tsc_per_ms;

/* One-shot on channel 2 (mode 0) for @ticks PIT ticks; false if it never fired. */
static bool pit_wait_ticks(uint16_t ticks)
{
    uint8_t gate = inb(PIT_GATE);

    outb((gate & ~0x02) | 0x01, PIT_GATE);  /* gate on, speaker off */
    outb(0xb0, PIT_MODE);                   /* ch2, lo/hi byte, mode 0, binary */
    outb(ticks & 0xff, PIT_CH2);
    outb(ticks >> 8, PIT_CH2);
    for (unsigned long i = 0; i < PIT_MAX_POLLS; i++)
        if (inb(PIT_GATE) & 0x20)
            return true;
    return false;
}

static void pit_delay_us(unsigned long us)
{
    while (us) {
        unsigned long chunk = min(us, 50000ul);     /* < 65536 ticks */
        pit_wait_ticks(chunk * PIT_HZ / 1000000 + 1);
        us -= chunk;
    }
}

void smp_delay_calibrate(void)
{
    uint64_t t0 = rdtsc_ordered();

    if (!pit_wait_ticks(PIT_HZ / 100)) {
        printk(XENLOG_WARNING "SMP: PIT channel 2 does not count; delays are guesses\n");
        tsc_per_ms = 1000000;       /* assume 1 GHz */
        return;
    }
    tsc_per_ms = (rdtsc_ordered() - t0) / 10;
    if (!tsc_per_ms)
        tsc_per_ms = 1;
}

void smp_delay_us(unsigned long us)
{
    uint64_t start, ticks;

    if (!tsc_per_ms) {
        pit_delay_us(us);
        return;
    }
    ticks = us * tsc_per_ms / 1000;
    start = rdtsc_ordered();
    while (rdtsc_ordered() - start < ticks)
        cpu_relax();
}
