/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Number parsing in xen/common/lib.c. */
#include "harness.h"
#include <xen/lib.h>

TEST(strtoull_bases)
{
    const char *end;
    CHECK_EQ(simple_strtoull("1234", &end, 0), 1234);
    CHECK_EQ(*end, '\0');
    CHECK_EQ(simple_strtoull("0x1fZ", &end, 0), 0x1f);
    CHECK_EQ(*end, 'Z');
    CHECK_EQ(simple_strtoull("017", NULL, 0), 017);
    CHECK_EQ(simple_strtoull("ff", NULL, 16), 255);
    CHECK_EQ(simple_strtoll("-42", NULL, 10), -42);
}

TEST(strtoull_no_digits)
{
    const char *end;
    CHECK_EQ(simple_strtoull("xyz", &end, 10), 0);
    CHECK_STR(end, "xyz");
}

TEST_MAIN()
