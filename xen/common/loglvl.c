/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * loglvl= parsing, the print/drop decision, and the printk rate limiter
 * (a token bucket like Xen's printk_ratelimit: a burst of messages, then
 * one per interval).  Host-testable; the caller supplies the time.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>

static int take_level(const char **s)
{
    static const char *const names[] = { "none", "error", "warning", "info", "debug", "all" };

    for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
        size_t n = strlen(names[i]);
        if (!strncmp(*s, names[i], n)) {
            *s += n;
            return i > 4 ? 4 : (int)i;
        }
    }
    return -EINVAL;
}

int parse_loglvl(const char *s, struct loglvl *out)
{
    int lower, upper;

    if (!s || (lower = take_level(&s)) < 0)
        return -EINVAL;
    upper = lower;
    if (*s == '/') {
        s++;
        if ((upper = take_level(&s)) < 0)
            return -EINVAL;
    }
    if (*s)
        return -EINVAL;
    out->lower = lower;
    out->upper = max(upper, lower);
    return 0;
}

int loglvl_check(const struct loglvl *l, int level)
{
    if (level < l->lower)
        return 1;
    return level < l->upper ? -1 : 0;
}

bool ratelimit_allow(struct ratelimit *rl, uint64_t now_ms)
{
    uint64_t cap = rl->ms_per_msg * rl->burst;

    if (!rl->started) {
        rl->started = true;
        rl->toks = cap;
        rl->last_ms = now_ms;
    }
    if (now_ms > rl->last_ms) {
        rl->toks = min(cap, rl->toks + (now_ms - rl->last_ms));
        rl->last_ms = now_ms;
    }
    if (rl->toks >= rl->ms_per_msg) {
        rl->toks -= rl->ms_per_msg;
        return true;
    }
    rl->missed++;
    return false;
}
