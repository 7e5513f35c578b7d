/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * One console line when a domain is refused something it has no right to
 * (another domain's pages, ports or memory, a control-only operation, more
 * memory than its limit, a GFN onto non-RAM): "(XEN) d<id>: denied: <what>".
 * Rate-limited per domain (a burst, then one a second); the number dropped
 * is reported with the next line allowed.  The caller still returns Xen's
 * error code: this only logs.
 */
#ifndef XEN_DENY_H
#define XEN_DENY_H

#include <xen/types.h>

struct domain;

void log_denied(struct domain *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
