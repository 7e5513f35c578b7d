/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The idle loop: run pending softirqs, then halt.  Pending work is checked
 * with interrupts disabled and "sti; hlt" re-enables them in the same
 * instruction window, so an interrupt that raises a softirq after the
 * check still wakes the CPU (no lost wake-up).
 */
#include <xen/console.h>
#include <xen/idle.h>
#include <xen/init.h>
#include <xen/percpu.h>
#include <xen/serial.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/processor.h>

void idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    for (;;) {
        do_softirq();
        local_irq_disable();
        if (!softirq_pending(cpu))
            safe_halt();
        else
            local_irq_enable();
    }
}

/*
 * TODO(console): temporary serial input poll so debug keys keep working
 * now that idle CPUs halt.  Remove once the console's own 10 ms poll timer
 * is merged.
 */
static struct timer serial_poll_timer;

static void serial_poll(void *unused)
{
    int c;

    (void)unused;
    while ((c = serial_getc()) >= 0)
        console_rx_char(c);
    set_timer(&serial_poll_timer, NOW() + MILLISECS(10));
}

static int serial_poll_init(void)
{
    init_timer(&serial_poll_timer, serial_poll, NULL, 0);
    set_timer(&serial_poll_timer, NOW() + MILLISECS(10));
    return 0;
}
__initcall(serial_poll_init);
