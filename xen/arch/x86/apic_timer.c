/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The local APIC timer as the per-CPU event source for software timers:
 * TSC-deadline mode when CPUID offers it, otherwise one-shot mode with the
 * count rate calibrated against the TSC on the boot CPU (all CPUs share
 * the bus clock).  Its interrupt only raises TIMER_SOFTIRQ.
 */
#include <xen/lib.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/time.h>
#include <asm/traps.h>
#include <pvclock/pvclock.h>

#define CPUID1_ECX_TSC_DEADLINE (1u << 24)
#define CALIBRATE_NS  MILLISECS(10)
#define APIC_MAX_COUNT 0xffffffffu

static bool use_tsc_deadline;
static struct time_scale ns_to_apic;        /* one-shot mode only */

static void apic_timer_interrupt(struct cpu_user_regs *regs)
{
    (void)regs;
    apic_eoi();
    raise_softirq(TIMER_SOFTIRQ);
}

/*
 * Count APIC timer ticks (divide by 1) over CALIBRATE_NS of TSC time.
 * Returns the uncertainty in ns: the time spent around the register
 * accesses that start and sample the count.
 */
static s_time_t apic_measure(uint32_t *ticks, s_time_t *elapsed)
{
    s_time_t a0, a1, b0, b1;
    uint32_t left;

    a0 = NOW();
    apic_write(APIC_TMICT, APIC_MAX_COUNT);
    a1 = NOW();
    while (NOW() - a1 < CALIBRATE_NS)
        cpu_relax();
    b0 = NOW();
    left = apic_read(APIC_TMCCT);
    b1 = NOW();
    apic_write(APIC_TMICT, 0);

    *ticks = APIC_MAX_COUNT - left;
    *elapsed = (b0 + b1) / 2 - (a0 + a1) / 2;
    return (a1 - a0) + (b1 - b0);
}

static void calibrate_apic_timer(void)
{
    uint32_t ticks = 0, best_ticks = 0;
    s_time_t elapsed, best_elapsed = 1, err, best_err = STIME_MAX;

    apic_write(APIC_TDCR, APIC_TDCR_DIV_1);
    apic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
    /* Retry while the brackets exceed 1000 ppm; keep the best. */
    for (unsigned int i = 0; i < 3 && best_err >= best_elapsed / 1000; i++) {
        err = apic_measure(&ticks, &elapsed);
        if (err < best_err && elapsed > 0) {
            best_ticks = ticks;
            best_elapsed = elapsed;
            best_err = err;
        }
    }
    if (best_ticks == 0 || best_ticks == APIC_MAX_COUNT)
        panic("local APIC timer does not count (%u ticks in 10 ms)", best_ticks);

    set_time_scale_ratio(&ns_to_apic, best_ticks, (uint64_t)best_elapsed);
    printk("APIC timer: %llu kHz bus clock, one-shot mode\n",
           (unsigned long long)scale_delta(1000000, &ns_to_apic));
}

void apic_timer_init(void)
{
    set_irq_handler(LOCAL_TIMER_VECTOR, apic_timer_interrupt);
    use_tsc_deadline = cpuid(1).ecx & CPUID1_ECX_TSC_DEADLINE;
    if (use_tsc_deadline)
        printk("APIC timer: TSC-deadline mode\n");
    else
        calibrate_apic_timer();
    time_init_this_cpu();
}

void time_init_this_cpu(void)
{
    if (use_tsc_deadline) {
        apic_write(APIC_LVTT, APIC_LVT_TIMER_TSCDEADLINE | LOCAL_TIMER_VECTOR);
        /* The LVT write must land before the first deadline MSR write. */
        __asm__ volatile("mfence" ::: "memory");
        wrmsr(MSR_TSC_DEADLINE, 0);
    } else {
        apic_write(APIC_TDCR, APIC_TDCR_DIV_1);
        apic_write(APIC_LVTT, LOCAL_TIMER_VECTOR);      /* one-shot */
        apic_write(APIC_TMICT, 0);
    }
}

void reprogram_timer(s_time_t deadline)
{
    s_time_t delta;
    uint64_t count;

    if (use_tsc_deadline) {
        /* 0 disarms; a deadline already passed fires at once. */
        wrmsr(MSR_TSC_DEADLINE, deadline ? max(stime_to_tsc(deadline), 1ul) : 0);
        return;
    }
    if (!deadline) {
        apic_write(APIC_TMICT, 0);
        return;
    }
    delta = deadline - NOW();
    count = delta > 0 ? scale_delta((uint64_t)delta, &ns_to_apic) : 1;
    apic_write(APIC_TMICT, (uint32_t)min(max(count, 1ul), (uint64_t)APIC_MAX_COUNT));
}
