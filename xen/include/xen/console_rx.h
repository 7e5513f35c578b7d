/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Serial input for the control domain (xen/common/console_rx.c): while
 * input is switched to DOM0 (Ctrl-a x3), each character goes into a small
 * ring that CONSOLEIO_read drains, as Xen's serial_rx_ring.  A full ring
 * drops new characters.  Every character also notifies the control
 * domain (VIRQ_CONSOLE once event channels exist, issue 5).
 *
 * Any context may put; readers peek, copy out, then consume, and must be
 * serialised among themselves (console_io does it).
 */
#ifndef XEN_CONSOLE_RX_H
#define XEN_CONSOLE_RX_H

#include <xen/types.h>

#define CONSOLE_RX_SIZE 128             /* bytes buffered (Xen's SERIAL_RX_SIZE) */

/* Queue @c for the control domain (dropped when full) and notify it. */
void console_rx_put(char c);
/* Copy up to @max of the oldest buffered bytes to @buf without consuming them. */
size_t console_rx_peek(char *buf, size_t max);
/* Drop the @n oldest bytes (at most what is buffered). */
void console_rx_consume(size_t n);
/* Bytes buffered now. */
size_t console_rx_pending(void);

#endif
