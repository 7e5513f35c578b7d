/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * 16550-compatible UARTs (com1, com2): polled transmit and receive.
 * Interrupts stay off in the UART (IER = 0) until IRQ routing exists; the
 * console polls receive from a timer.
 */
#include <xen/errno.h>
#include <xen/serial.h>
#include <xen/spinlock.h>
#include <asm/io.h>
#include <asm/processor.h>

#define UART_RBR 0      /* receive buffer (read) */
#define UART_THR 0      /* transmit holding (write) */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
#define UART_DLL 0      /* with LCR.DLAB */
#define UART_DLM 1

#define LSR_DR   0x01   /* data ready */
#define LSR_THRE 0x20   /* transmit holding register empty */
#define LCR_DLAB 0x80

struct uart_port {
    uint16_t base;          /* 0: not initialised */
    spinlock_t rx_lock;     /* makes the LSR-then-RBR read atomic */
};

static struct uart_port ports[SERIAL_MAX_PORTS] = {
    { 0, SPIN_LOCK_UNLOCKED }, { 0, SPIN_LOCK_UNLOCKED },
};

static uint8_t lcr_bits(const struct uart_config *cfg)
{
    uint8_t lcr = (cfg->data_bits >= 5 && cfg->data_bits <= 8) ? cfg->data_bits - 5 : 3;

    if (cfg->stop_bits == 2)
        lcr |= 0x04;
    switch (cfg->parity) {
    case 'o': lcr |= 0x08; break;
    case 'e': lcr |= 0x18; break;
    case 'm': lcr |= 0x28; break;
    case 's': lcr |= 0x38; break;
    default: break;
    }
    return lcr;
}

/* A UART is there if its scratch register holds what we write. */
static bool uart_probe(uint16_t base)
{
    outb(0x5a, base + UART_SCR);
    if (inb(base + UART_SCR) != 0x5a)
        return false;
    outb(0xa5, base + UART_SCR);
    return inb(base + UART_SCR) == 0xa5;
}

int serial_port_init(unsigned int port, const struct uart_config *cfg)
{
    unsigned int div = serial_divisor(cfg);
    uint16_t base = cfg->io_base;

    if (port >= SERIAL_MAX_PORTS || !base || (cfg->baud && !div))
        return -EINVAL;
    if (!uart_probe(base))
        return -ENODEV;
    outb(0, base + UART_IER);
    if (div) {
        outb(LCR_DLAB, base + UART_LCR);
        outb(div & 0xff, base + UART_DLL);
        outb(div >> 8, base + UART_DLM);
    }
    outb(lcr_bits(cfg), base + UART_LCR);
    outb(0x07, base + UART_FCR);        /* enable and clear FIFOs */
    outb(0x0b, base + UART_MCR);        /* DTR, RTS, OUT2 */
    ports[port].base = base;
    return 0;
}

bool serial_port_present(unsigned int port)
{
    return port < SERIAL_MAX_PORTS && ports[port].base;
}

void serial_port_putc(unsigned int port, char c)
{
    unsigned int spins = 0;
    uint16_t base;

    if (!serial_port_present(port))
        return;
    base = ports[port].base;
    while (!(inb(base + UART_LSR) & LSR_THRE) && ++spins < 100000)
        cpu_relax();
    outb((uint8_t)c, base + UART_THR);
}

int serial_port_getc(unsigned int port)
{
    struct uart_port *p = &ports[port];
    unsigned long flags;
    int c = -1;

    if (!serial_port_present(port))
        return -1;
    flags = local_irq_save();
    if (spin_trylock(&p->rx_lock)) {
        if (inb(p->base + UART_LSR) & LSR_DR)
            c = inb(p->base + UART_RBR);
        spin_unlock(&p->rx_lock);
    }
    local_irq_restore(flags);
    return c;
}

int serial_getc(void)
{
    for (unsigned int i = 0; i < SERIAL_MAX_PORTS; i++) {
        int c = serial_port_getc(i);
        if (c >= 0)
            return c;
    }
    return -1;
}
