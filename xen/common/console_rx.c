/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The control domain's serial input ring (see xen/console_rx.h).  prod and
 * cons count bytes ever put and taken; byte i lives in ring[i % SIZE].
 * rx_lock (interrupts off) guards both, since input arrives from the poll
 * timer and idle loops while a vCPU may be reading.
 */
#include <xen/console_rx.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/spinlock.h>

static char ring[CONSOLE_RX_SIZE];
static uint32_t prod, cons;             /* rx_lock */
static DEFINE_SPINLOCK(rx_lock);

/*
 * Tell the control domain there is input.  Issue 5 sends VIRQ_CONSOLE
 * here (send_global_virq), as Xen does for every character, even one
 * dropped because the ring is full, so a reader can never miss the ring
 * becoming non-empty.
 */
static void notify_control_domain(void)
{
    evtchn_notify_control_domain();
}

void console_rx_put(char c)
{
    unsigned long flags;

    spin_lock_irqsave(&rx_lock, flags);
    if (prod - cons < CONSOLE_RX_SIZE)
        ring[prod++ % CONSOLE_RX_SIZE] = c;
    spin_unlock_irqrestore(&rx_lock, flags);
    notify_control_domain();
}

size_t console_rx_peek(char *buf, size_t max)
{
    unsigned long flags;
    size_t n;

    spin_lock_irqsave(&rx_lock, flags);
    n = min((size_t)(prod - cons), max);
    for (size_t i = 0; i < n; i++)
        buf[i] = ring[(cons + i) % CONSOLE_RX_SIZE];
    spin_unlock_irqrestore(&rx_lock, flags);
    return n;
}

void console_rx_consume(size_t n)
{
    unsigned long flags;

    spin_lock_irqsave(&rx_lock, flags);
    cons += (uint32_t)min((size_t)(prod - cons), n);
    spin_unlock_irqrestore(&rx_lock, flags);
}

size_t console_rx_pending(void)
{
    unsigned long flags;
    size_t n;

    spin_lock_irqsave(&rx_lock, flags);
    n = prod - cons;
    spin_unlock_irqrestore(&rx_lock, flags);
    return n;
}
