/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TSC calibration against the PIT, system time (NOW) and busy-wait delays.
 *
 * Calibration: PIT channel 2 in mode 0 counts CALIBRATE_MS down while its
 * gate (port 0x61 bit 0) is high; its output (port 0x61 bit 5) rises at
 * terminal count.  The TSC ticks seen meanwhile give the frequency.  A PIT
 * that does not behave is reported and a frequency is assumed instead.
 */
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <pvclock/pvclock.h>

#define PIT_HZ            1193182ul
#define PIT_CH2           0x42
#define PIT_MODE          0x43
#define PIT_MODE_CH2_ONESHOT 0xb0   /* channel 2, lo/hi byte, mode 0, binary */
#define SYS_CTRL_B        0x61
#define SYS_CTRL_B_GATE2  0x01
#define SYS_CTRL_B_SPKR   0x02
#define SYS_CTRL_B_OUT2   0x20
#define CALIBRATE_MS      50
#define CALIBRATE_LATCH   (PIT_HZ * CALIBRATE_MS / 1000)
#define CALIBRATE_TRIES   5
#define CALIBRATE_MAX_LOOPS 100000000ul
#define CALIBRATE_MAX_TSC 2500000000ull             /* 50 ms at 50 GHz */
#define TSC_MIN_HZ        10000000ull               /* 10 MHz */
#define TSC_MAX_HZ        100000000000ull           /* 100 GHz */
#define TSC_ASSUMED_HZ    2000000000ull

unsigned long tsc_khz;
static uint64_t boot_tsc;                   /* TSC at system time 0 */
static struct time_scale tsc_to_ns;         /* zero until calibrated: NOW() == 0 */
static struct time_scale ns_to_tsc = { 3, 1u << 31 };  /* 4 GHz until calibrated */

/*
 * One PIT measurement: TSC ticks over CALIBRATE_MS, and how uncertain the
 * start and end are (TSC ticks around the port accesses that bracket
 * them; a vCPU preempted there makes this large).  false if the PIT is
 * unusable: output already high, or never rising within the bounds.
 */
static bool pit_measure(uint64_t *ticks, uint64_t *uncertainty)
{
    uint64_t s0, s1, before, last_low = 0, after = 0;
    bool early, done = false;

    outb(PIT_MODE_CH2_ONESHOT, PIT_MODE);
    outb(CALIBRATE_LATCH & 0xff, PIT_CH2);
    s0 = rdtsc_ordered();
    outb(CALIBRATE_LATCH >> 8, PIT_CH2);        /* counting starts here */
    s1 = rdtsc_ordered();
    early = inb(SYS_CTRL_B) & SYS_CTRL_B_OUT2;  /* mode 0 starts low */
    last_low = s1;
    for (unsigned long loops = 0; loops < CALIBRATE_MAX_LOOPS; loops++) {
        before = rdtsc_ordered();
        done = inb(SYS_CTRL_B) & SYS_CTRL_B_OUT2;
        after = rdtsc_ordered();
        if (done || after - s1 > CALIBRATE_MAX_TSC)
            break;
        last_low = before;
    }
    /* Start in [s0, s1], end in [last_low, after]: use the midpoints. */
    *ticks = (last_low + after) / 2 - (s0 + s1) / 2;
    *uncertainty = (s1 - s0) + (after - last_low);
    return !early && done;
}

/* TSC frequency in Hz measured against the PIT, or 0 if the PIT is unusable. */
static uint64_t pit_calibrate_tsc(void)
{
    uint8_t saved = inb(SYS_CTRL_B);
    uint64_t ticks, err, best = 0, best_err = UINT64_MAX, hz;

    outb((saved & ~SYS_CTRL_B_SPKR) | SYS_CTRL_B_GATE2, SYS_CTRL_B);
    /* Retry when the brackets are wider than 500 ppm; keep the best. */
    for (unsigned int i = 0; i < CALIBRATE_TRIES && best_err >= best / 2000; i++) {
        if (!pit_measure(&ticks, &err))
            break;
        if (err < best_err) {
            best = ticks;
            best_err = err;
        }
    }
    outb(saved, SYS_CTRL_B);

    hz = best * PIT_HZ / CALIBRATE_LATCH;
    if (!best || hz < TSC_MIN_HZ || hz > TSC_MAX_HZ)
        return 0;
    return hz;
}

s_time_t tsc_to_stime(uint64_t tsc)
{
    return tsc > boot_tsc ? (s_time_t)scale_delta(tsc - boot_tsc, &tsc_to_ns) : 0;
}

s_time_t NOW(void)
{
    return tsc_to_stime(rdtsc_ordered());
}

void tsc_scale_get(struct time_scale *ts)
{
    *ts = tsc_to_ns;
}

uint64_t stime_to_tsc(s_time_t t)
{
    return boot_tsc + (t > 0 ? scale_delta((uint64_t)t, &ns_to_tsc) : 0);
}

void udelay(unsigned long us)
{
    uint64_t start = rdtsc_ordered();
    uint64_t ticks = scale_delta(min(us, 1000000000ul) * 1000, &ns_to_tsc);

    while (rdtsc_ordered() - start < ticks)
        cpu_relax();
}

void mdelay(unsigned long ms)
{
    while (ms--)
        udelay(1000);
}

void time_report_boot(void)
{
    printk("Boot time to ready: %llu ms\n",
           (unsigned long long)scale_delta(rdtsc(), &tsc_to_ns) / 1000000);
}

void time_init(void)
{
    uint64_t hz = pit_calibrate_tsc();
    const char *how = "calibrated against PIT";

    if (!hz) {
        printk(XENLOG_WARNING "TSC: PIT calibration failed; assuming %llu MHz\n",
               TSC_ASSUMED_HZ / 1000000);
        hz = TSC_ASSUMED_HZ;
        how = "assumed, PIT unusable";
    }
    tsc_khz = hz / 1000;
    set_time_scale(&tsc_to_ns, hz);
    set_time_scale_inverse(&ns_to_tsc, hz);
    boot_tsc = rdtsc_ordered();
    printk("TSC: %lu.%03lu MHz (%s)\n", tsc_khz / 1000, tsc_khz % 1000, how);

    softirq_init();
    timer_init();
    apic_timer_init();
}
