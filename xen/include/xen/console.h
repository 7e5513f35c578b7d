/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypervisor console: printk output goes to the console ring (read
 * back by the 'dmesg' path later) and to the serial port; serial input is
 * routed to the debug-key handler (and, later, to the initial domain).
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

/* Bring up the serial port with defaults (com1, 115200 8n1) before options. */
void console_init_early(void);
/* Apply console=, com1=, loglvl= and conring_size= once options are parsed. */
void console_init_postparse(void);
/* Write a raw string to every console output (no level filtering). */
void console_write(const char *s, size_t len);
/* Panic path: break the console lock so the dying CPU can always print. */
void console_force_unlock(void);
/* Deliver one received character (from the serial poll or IRQ). */
void console_rx_char(unsigned char c);
/* Copy up to @size bytes of the ring, oldest first; returns bytes copied. */
size_t console_ring_read(char *buf, size_t size);

#endif
