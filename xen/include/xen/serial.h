/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * 16550 UART driver interface: up to two ports (com1, com2), polled
 * transmit and polled receive (no interrupt routing yet).
 */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

#define SERIAL_COM1       0
#define SERIAL_COM2       1
#define SERIAL_MAX_PORTS  2

#define UART_BASE_BAUD    115200    /* 1.8432 MHz clock / 16 */

struct uart_config {
    uint16_t io_base;       /* 0 = port absent */
    uint32_t baud;          /* 0 = "auto": keep what the firmware set */
    uint32_t base_baud;     /* UART clock / 16 */
    uint8_t data_bits;      /* 5-8 */
    char parity;            /* 'n', 'o', 'e', 'm', 's' */
    uint8_t stop_bits;      /* 1 or 2 */
    uint8_t irq;            /* recorded; 0 = none (we poll either way) */
};

/* Power-on defaults: com1 0x3f8 irq 4, com2 0x2f8 irq 3, 115200 8n1. */
void serial_default_config(unsigned int port, struct uart_config *cfg);

/*
 * Parse Xen's com<N>= syntax into @cfg, which holds the defaults:
 *   <baud|auto>[/<base-baud>][,[DPS][,[<io-base>][,[<irq>]]]]
 * e.g. "115200,8n1", "9600,7e2,0x2f8,3", "auto", "115200/230400".  Empty
 * fields keep the default.  DPS is data bits 5-8, parity n/o/e/m/s, stop
 * bits 1-2.  <base-baud> is the UART clock divided by 16, as in Xen.
 * Returns 0, or -EINVAL leaving @cfg untouched.  Host-testable.
 */
int serial_parse_config(const char *s, struct uart_config *cfg);

/* Divisor latch value for @cfg, or 0 if baud is auto or impossible. */
unsigned int serial_divisor(const struct uart_config *cfg);

/* Program port @port (SERIAL_COM*); returns 0, -EINVAL or -ENODEV. */
int serial_port_init(unsigned int port, const struct uart_config *cfg);
bool serial_port_present(unsigned int port);
/* Transmit one byte (bounded wait: a dead UART never hangs us). */
void serial_port_putc(unsigned int port, char c);
/* Next received byte, or -1.  Safe against concurrent callers. */
int serial_port_getc(unsigned int port);

/* Next received byte from any initialised port, or -1. */
int serial_getc(void);

#endif
