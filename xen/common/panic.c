/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * panic(): stop the other CPUs, print why (with the caller's call trace),
 * then reset the machine after five seconds, or halt it forever with
 * `noreboot`.  Only one CPU runs the crash path; a panic inside a panic
 * only halts.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/shutdown.h>
#include <asm/processor.h>
#include <asm/traps.h>

bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

static int crash_cpu = -1;

void crash_enter(void)
{
    int me = (int)smp_processor_id(), none = -1;

    local_irq_disable();
    if (__atomic_compare_exchange_n(&crash_cpu, &none, me, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        smp_stop_other_cpus();
        console_force_unlock();
        return;
    }
    if (none != me)
        machine_halt();     /* another CPU is already crashing */
}

static void __noreturn vpanic(const void *frame, const char *fmt, va_list ap)
{
    static char buf[512];
    static unsigned int depth;

    crash_enter();
    if (++depth > 1)
        machine_halt();     /* panic while panicking: stay quiet */
    vsnprintf(buf, sizeof(buf), fmt, ap);
    if (frame)
        show_trace_from_frame(frame);
    printk(XENLOG_ERR "\n****************************************\n");
    printk(XENLOG_ERR "Panic on CPU %u:\n%s\n", smp_processor_id(), buf);
    printk(XENLOG_ERR "****************************************\n\n");
    if (opt_noreboot) {
        printk(XENLOG_ERR "Manual reset required ('noreboot' specified)\n");
        machine_halt();
    }
    printk(XENLOG_ERR "Reboot in five seconds...\n");
    early_delay_ms(5000);
    machine_restart();
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpanic(__builtin_frame_address(0), fmt, ap);
}

void panic_after_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vpanic(NULL, fmt, ap);
}

void bug_fail(const char *what, const char *file, unsigned int line)
{
    crash_enter();
    printk(XENLOG_ERR "Xen BUG at %s:%u\n", file, line);
    show_call_site_state(__builtin_frame_address(0));
    panic_after_report("%s failed at %s:%u", what, file, line);
}
