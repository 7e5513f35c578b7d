/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Value parsers for command-line options (host-testable): integers with
 * overflow detection, sizes with unit suffixes, booleans.  They never read
 * past the terminating NUL and report malformed input as -EINVAL and
 * out-of-range input as -ERANGE; *end (when given) always points just past
 * what was consumed, so callers can reject trailing junk.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

static unsigned int digit_val(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

/* Base from the prefix: "0x" + hex digit is 16, a leading 0 is 8, else 10. */
static unsigned int take_base(const char **s)
{
    const char *p = *s;

    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_val(p[2]) < 16) {
        *s = p + 2;
        return 16;
    }
    return p[0] == '0' ? 8 : 10;
}

int parse_ullong(const char *s, const char **end, uint64_t *out)
{
    unsigned int base = take_base(&s);
    const char *p = s;
    uint64_t v = 0;
    bool overflow = false;

    for (; digit_val(*p) < base; p++) {
        unsigned int d = digit_val(*p);
        if (v > (UINT64_MAX - d) / base)
            overflow = true;
        v = v * base + d;
    }
    if (end)
        *end = p;
    *out = overflow ? UINT64_MAX : v;
    if (p == s)
        return -EINVAL;
    return overflow ? -ERANGE : 0;
}

int parse_sllong(const char *s, const char **end, int64_t *out)
{
    bool neg = (*s == '-');
    uint64_t mag;
    int rc;

    if (*s == '-' || *s == '+')
        s++;
    rc = parse_ullong(s, end, &mag);
    if (rc)
        return rc;
    if (mag > (neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX))
        return -ERANGE;
    /* Negate in unsigned arithmetic so INT64_MIN does not overflow. */
    *out = neg ? (int64_t)(0 - mag) : (int64_t)mag;
    return 0;
}

/*
 * Xen's size syntax: a number with an optional suffix B (bytes), K, M, G or
 * T (powers of 1024, either case).  Without a suffix the number is in KiB,
 * as in Xen, so "conring_size=64" means 64 KiB.
 */
int parse_size(const char *s, const char **end, uint64_t *out)
{
    static const char units[] = "bkmgt";
    const char *p, *u;
    unsigned int shift = 10;
    uint64_t v;
    int rc = parse_ullong(s, &p, &v);

    if (rc == 0 && *p) {
        char c = (*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : *p;
        u = strchr(units, c);
        if (u) {
            shift = 10 * (unsigned int)(u - units);
            p++;
        }
    }
    if (end)
        *end = p;
    if (rc)
        return rc;
    if (shift && (v >> (64 - shift)))
        return -ERANGE;
    *out = v << shift;
    return 0;
}

/* Compare the first @len chars of @s with @word (which has no '-'). */
static bool word_eq(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && !strncmp(s, word, len);
}

int parse_bool(const char *s, const char *e)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    size_t len = e ? (size_t)(e - s) : strlen(s);

    for (unsigned int i = 0; i < ARRAY_SIZE(yes); i++) {
        if (word_eq(s, len, yes[i]))
            return 1;
        if (word_eq(s, len, no[i]))
            return 0;
    }
    return -EINVAL;
}

bool cmdline_name_eq(const char *s, size_t len, const char *name)
{
    size_t i;

    for (i = 0; i < len && name[i]; i++) {
        char a = s[i] == '_' ? '-' : s[i];
        char b = name[i] == '_' ? '-' : name[i];
        if (a != b)
            return false;
    }
    return i == len && !name[i];
}
