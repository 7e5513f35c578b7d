/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * xen/common/vsnprintf.c, built as xen_vsnprintf/xen_snprintf (see the .mk
 * file: the whole test binary sees snprintf renamed).  Expected strings
 * follow C's printf except where the hypervisor documents otherwise.
 */
#include "harness.h"
#include <limits.h>
#include <stdint.h>
#include <xen/lib.h>

int xen_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

static char out[256];

/* Format into a fresh buffer; returns vsnprintf's result. */
static int fmt(const char *f, ...)
{
    va_list ap;
    int n;

    memset(out, 'X', sizeof(out));
    va_start(ap, f);
    n = xen_vsnprintf(out, sizeof(out), f, ap);
    va_end(ap);
    return n;
}

#define EXPECT(want, ...)                                             \
    do {                                                              \
        int n_ = fmt(__VA_ARGS__);                                    \
        CHECK_STR(out, want);                                         \
        CHECK_EQ(n_, strlen(want));                                   \
    } while (0)

TEST(conversions)
{
    EXPECT("42 -7 3000000000", "%d %i %u", 42, -7, 3000000000u);
    EXPECT("ff FF 17", "%x %X %o", 255, 255, 15);
    EXPECT("a%b", "%c%%%s", 'a', "b");
    EXPECT("plain text", "plain text");
    EXPECT("", "");
}

TEST(width_and_flags)
{
    EXPECT("   42|42   |", "%5d|%-5d|", 42, 42);
    EXPECT("00042 -0042", "%05d %05d", 42, -42);
    EXPECT("+5 -5  5", "%+d %+d % d", 5, -5, 5);
    EXPECT("    42|42    |", "%*d|%*d|", 6, 42, -6, 42);
    EXPECT("42   ", "%-05d", 42);           /* '-' beats '0' */
    EXPECT("  x|x  ", "%3c|%-3c", 'x', 'x');
    EXPECT("   hi|hi   ", "%5s|%-5s", "hi", "hi");
    EXPECT("0xff 0XFF 010", "%#x %#X %#o", 255, 255, 8);
    EXPECT("0x00ff", "%#06x", 255);
}

TEST(precision)
{
    EXPECT("007|     007", "%.3d|%8.3d", 7, 7);
    EXPECT("       007", "%010.3d", 7);     /* precision disables '0' */
    EXPECT("-007", "%.3d", -7);
    EXPECT("|", "%.0d|", 0);
    EXPECT("ab|abc|  a", "%.2s|%.5s|%3.1s", "abc", "abc", "abc");
    EXPECT("ab", "%.*s", 2, "abcdef");
    EXPECT("abc", "%.*s", -1, "abc");       /* negative: no precision */
}

TEST(length_modifiers)
{
    EXPECT("44 4464", "%hhd %hd", 300, 70000);
    EXPECT("-9223372036854775808 9223372036854775807", "%lld %lld", LLONG_MIN, LLONG_MAX);
    EXPECT("-9223372036854775808", "%ld", LONG_MIN);
    EXPECT("18446744073709551615 ffffffffffffffff", "%llu %llx", ULLONG_MAX, ULLONG_MAX);
    EXPECT("1777777777777777777777", "%lo", ULONG_MAX);
    EXPECT("-2147483648 4294967295", "%d %u", INT_MIN, UINT_MAX);
    EXPECT("12 34 56", "%zu %td %jd", (size_t)12, (ptrdiff_t)34, (intmax_t)56);
}

TEST(pointers_and_null)
{
    EXPECT("0x1234 0x0", "%p %p", (void *)0x1234, NULL);
    EXPECT("0xffffffff80201234", "%p", (void *)0xffffffff80201234ul);
    EXPECT("(null)|  (null)", "%s|%8s", (char *)NULL, (char *)NULL);
}

TEST(c_conformance_edges)
{
    EXPECT("5 ff", "%+u % x", 5u, 255u);   /* '+' and ' ' are for signed only */
    EXPECT("0 0", "%#x %#o", 0, 0);         /* no prefix on zero */
    EXPECT("0|010|0010", "%#.0o|%#.3o|%#.4o", 0, 8, 8);
}

TEST(odd_formats)
{
    EXPECT("%q", "%q");                     /* unknown conversion is echoed */
    EXPECT("abc", "abc%");                  /* lone '%' at the end */
    /* A silly width is capped (no overflow) and still truncates safely. */
    CHECK_EQ(fmt("%99999999999999d", 1), 4096);
    CHECK_EQ(strlen(out), sizeof(out) - 1);
    CHECK_EQ(fmt("%.99999999999999d", 1), 4096);
}

TEST(truncation)
{
    char buf[8];

    CHECK_EQ(xen_snprintf(buf, sizeof(buf), "%s", "hello world"), 11);
    CHECK_STR(buf, "hello w");
    CHECK_EQ(xen_snprintf(buf, sizeof(buf), "%d", -1234567), 8);
    CHECK_STR(buf, "-123456");
    CHECK_EQ(xen_snprintf(buf, 1, "abc"), 3);
    CHECK_STR(buf, "");
    CHECK_EQ(xen_snprintf(NULL, 0, "%d", 12345), 5);     /* size 0: no write */
}

/* Exactly-sized heap buffers: ASan catches any write past the end. */
TEST(truncation_no_overflow)
{
    for (size_t size = 1; size < 24; size++) {
        char *p = malloc(size);
        int n = xen_snprintf(p, size, "%016llx|%s", 0x123456789abcdefull, "tail");
        size_t len = strlen(p);

        free(p);
        CHECK_EQ(n, 21);
        CHECK_EQ(len, size - 1 < 21 ? size - 1 : 21);
    }
}

TEST_MAIN()
