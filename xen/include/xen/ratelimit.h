/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Token-bucket rate limiting (xen/common/loglvl.c; host-testable): @burst
 * messages, refilled one per @ms_per_msg.  A zeroed struct must be given
 * its two parameters before use.
 */
#ifndef XEN_RATELIMIT_H
#define XEN_RATELIMIT_H

#include <xen/types.h>

struct ratelimit {
    uint64_t ms_per_msg, burst;
    uint64_t toks, last_ms;
    unsigned int missed;    /* dropped since the last allowed message */
    bool started;
};
/* May a message print at @now_ms?  Counts the ones refused in ->missed. */
bool ratelimit_allow(struct ratelimit *rl, uint64_t now_ms);

#endif
