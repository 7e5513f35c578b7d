/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* 16550-compatible UART: polled transmit, polled or interrupt receive. */
#include <xen/serial.h>
#include <asm/io.h>

#define UART_RBR 0      /* receive buffer (read) */
#define UART_THR 0      /* transmit holding (write) */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_DLL 0      /* with LCR.DLAB */
#define UART_DLM 1

#define LSR_DR   0x01   /* data ready */
#define LSR_THRE 0x20   /* transmit holding register empty */
#define LCR_DLAB 0x80
#define UART_CLOCK_HZ 1843200

static uint16_t uart_base;

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

void serial_init(const struct uart_config *cfg)
{
    uart_base = cfg->io_base;
    if (!uart_base)
        return;
    outb(0, uart_base + UART_IER);
    if (cfg->baud) {
        uint16_t div = UART_CLOCK_HZ / 16 / cfg->baud;
        outb(LCR_DLAB, uart_base + UART_LCR);
        outb(div & 0xff, uart_base + UART_DLL);
        outb(div >> 8, uart_base + UART_DLM);
    }
    outb(lcr_bits(cfg), uart_base + UART_LCR);
    outb(0x07, uart_base + UART_FCR);        /* enable and clear FIFOs */
    outb(0x0b, uart_base + UART_MCR);        /* DTR, RTS, OUT2 */
    if (cfg->irq)
        outb(0x01, uart_base + UART_IER);    /* receive-data interrupt */
}

void serial_putc(char c)
{
    unsigned int spins = 0;

    if (!uart_base)
        return;
    /* Bounded wait: a dead UART must not hang the hypervisor. */
    while (!(inb(uart_base + UART_LSR) & LSR_THRE) && ++spins < 100000)
        ;
    outb((uint8_t)c, uart_base + UART_THR);
}

int serial_getc(void)
{
    if (!uart_base || !(inb(uart_base + UART_LSR) & LSR_DR))
        return -1;
    return inb(uart_base + UART_RBR);
}
