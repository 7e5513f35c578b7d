/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Number parsing shared by the option parser and drivers (host-testable). */
#include <xen/lib.h>

static int digit_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

/* Base 0 accepts 0x (hex) and 0 (octal) prefixes, as strtoull does. */
unsigned long long simple_strtoull(const char *s, const char **end, unsigned int base)
{
    unsigned long long v = 0;

    if (base == 0) {
        base = 10;
        if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16)
            base = 16, s += 2;
        else if (s[0] == '0')
            base = 8;
    } else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
    }
    for (; digit_value(*s) < (int)base; s++)
        v = v * base + digit_value(*s);
    if (end)
        *end = s;
    return v;
}

long long simple_strtoll(const char *s, const char **end, unsigned int base)
{
    if (*s == '-')
        return -(long long)simple_strtoull(s + 1, end, base);
    return (long long)simple_strtoull(*s == '+' ? s + 1 : s, end, base);
}
