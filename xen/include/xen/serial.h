/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* 16550 UART driver interface. */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

struct uart_config {
    uint16_t io_base;       /* 0 = port disabled */
    uint32_t baud;          /* 0 = keep what the firmware set */
    uint8_t data_bits;      /* 5-8 */
    char parity;            /* 'n', 'o', 'e', 'm', 's' */
    uint8_t stop_bits;      /* 1 or 2 */
    uint8_t irq;            /* 0 = polled */
};

void serial_init(const struct uart_config *cfg);
void serial_putc(char c);
/* Returns the next received byte, or -1 if none is waiting. */
int serial_getc(void);

#endif
