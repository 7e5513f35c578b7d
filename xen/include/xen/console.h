/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypervisor console: printk output goes to the console ring (read
 * back by `xl dmesg` later) and to the serial ports named by console=;
 * serial input goes to the debug keys, or (Ctrl-a x3) to the initial domain.
 *
 * Options (Xen's syntax):
 *   console=<com1|com2|none>[,...]   outputs (default com1; vga ignored)
 *   com1= / com2=                     port setup, see xen/serial.h
 *   loglvl=<lvl>[/<rate-limited lvl>] lvl: none error warning info debug all
 *   guest_loglvl=                     same syntax, for guest messages (later)
 *   conring_size=<size>               console ring size (default 16 KiB)
 *   conswitch=<c>[x]                  switch key Ctrl-<c> (default a); 'x':
 *                                     input stays with Xen after boot
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>
#include <xen/ratelimit.h>

/* Bring up com1 with defaults (115200 8n1) so early messages show. */
void console_init_early(void);
/* Apply console=, com1=, com2=, loglvl= once options are parsed. */
void console_init_postparse(void);
/* Write a raw string to the ring and every console output (no level
 * filtering, no prefix).  Caller need not hold any lock. */
void console_write(const char *s, size_t len);
/* Panic path: break the console lock so the dying CPU can always print. */
void console_force_unlock(void);
/* Deliver one received character (from the serial poll). */
void console_rx_char(unsigned char c);
/* Drain received characters from the console ports into console_rx_char. */
void console_poll_input(void);
/* Print the active ports and log level (once, at the end of boot). */
void console_print_config(void);
/* Copy up to @size bytes of the ring, oldest first; returns bytes copied. */
size_t console_ring_read(char *buf, size_t size);

/* ---- console ring (conring.c; host-testable, caller serialises) ---- */
struct conring {
    char *buf;
    size_t size;            /* a power of two */
    uint64_t prod;          /* bytes ever written; buf[i % size] holds byte i */
    uint64_t first;         /* no byte before this is held (after a move) */
};
#define CONRING_MIN_SIZE (16u << 10)
#define CONRING_MAX_SIZE (64u << 20)

void conring_init(struct conring *r, char *buf, size_t size);
void conring_put(struct conring *r, const char *s, size_t len);
/* Oldest byte still held (absolute index). */
uint64_t conring_oldest(const struct conring *r);
/* Copy from absolute index *@pos (raised to the oldest held) up to @size
 * bytes; advances *@pos; returns bytes copied. */
size_t conring_copy(const struct conring *r, uint64_t *pos, char *buf, size_t size);
/* Move the contents to @buf of @size bytes (power of two), keeping the
 * newest bytes that fit. */
void conring_move(struct conring *r, char *buf, size_t size);
/* Ring size for a conring_size= request: a power of two, clamped. */
size_t conring_size_for(uint64_t request);

/* ---- log levels and rate limiting (loglvl.c; host-testable) ---- */
/*
 * Thresholds count levels as Xen does: none 0, error 1, warning 2, info 3,
 * debug/all 4.  A message of level L (XENLOG_ERR 0 .. XENLOG_DEBUG 3) is
 * printed if L < lower; if lower <= L < upper it is printed subject to the
 * rate limit; otherwise it is dropped.
 */
struct loglvl {
    int lower, upper;
};
/* "<lvl>[/<lvl>]"; upper below lower is raised to lower.  0 / -EINVAL. */
int parse_loglvl(const char *s, struct loglvl *out);
/* 1 print, 0 drop, -1 rate-limited (ask the limiter). */
int loglvl_check(const struct loglvl *l, int level);

/* Token bucket (struct ratelimit, ratelimit_allow): see xen/ratelimit.h. */

#endif
