/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest console output (port 0xe9 and console_io write): bytes are buffered
 * per domain and printed line by line as "(d<id>) <text>", with
 * non-printable characters escaped.  Rate-limited for unprivileged domains.
 */
#ifndef XEN_GUEST_CONSOLE_H
#define XEN_GUEST_CONSOLE_H

#include <xen/types.h>

struct domain;

void guest_console_write(struct domain *d, const char *buf, size_t len);
/* Print what is left in @d's line buffer (on shutdown). */
void guest_console_flush(struct domain *d);

#endif
