/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * panic(): stop the other CPUs, print why, then reset the machine (or halt
 * it forever with `noreboot`).  A panic inside a panic only halts.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/shutdown.h>
#include <asm/processor.h>

bool opt_noreboot;
boolean_param("noreboot", opt_noreboot);

static volatile int panicking;

void panic(const char *fmt, ...)
{
    static char buf[512];
    va_list ap;

    local_irq_disable();
    if (__atomic_fetch_add(&panicking, 1, __ATOMIC_SEQ_CST))
        machine_halt();     /* another CPU is already panicking */
    smp_stop_other_cpus();
    console_force_unlock();

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    printk(XENLOG_ERR "\n****************************************\n");
    printk(XENLOG_ERR "Panic on CPU %u:\n%s\n", smp_processor_id(), buf);
    printk(XENLOG_ERR "****************************************\n\n");
    if (opt_noreboot) {
        printk(XENLOG_ERR "Manual reset required ('noreboot' specified)\n");
        machine_halt();
    }
    printk(XENLOG_ERR "Reboot in five seconds...\n");
    /* No timers may run now: wait on the TSC-free PIT-less path. */
    for (volatile unsigned long i = 0; i < 50000000ul; i++)
        cpu_relax();
    machine_restart();
}

void bug_fail(const char *what, const char *file, unsigned int line)
{
    panic("%s failed at %s:%u", what, file, line);
}
