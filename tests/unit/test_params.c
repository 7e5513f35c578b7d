/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The command-line option parser (xen/common/params.c, parse_value.c). */
#include "harness.h"
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

/* params.c references the linker table and boot_info; unused here. */
const struct kernel_param __param_start[1], __param_end[1];
struct boot_info boot_info;

static bool b_flag, b_other;
static int8_t i8;
static uint8_t u8;
static int16_t i16;
static uint16_t u16;
static int i32;
static unsigned int u32;
static long i64;
static unsigned long u64;
static unsigned long sz;
static uint32_t sz32;
static char str[8];
static const char *custom_val;
static int custom_calls;

static int custom(const char *v)
{
    custom_calls++;
    custom_val = v;
    return v && !strcmp(v, "bad") ? -EINVAL : 0;
}

static const struct kernel_param table[] = {
    { "flag", PARAM_BOOL, sizeof(b_flag), &b_flag, NULL },
    { "other_flag", PARAM_BOOL, sizeof(b_other), &b_other, NULL },
    { "i8", PARAM_INT, 1, &i8, NULL },
    { "u8", PARAM_UINT, 1, &u8, NULL },
    { "i16", PARAM_INT, 2, &i16, NULL },
    { "u16", PARAM_UINT, 2, &u16, NULL },
    { "i32", PARAM_INT, 4, &i32, NULL },
    { "u32", PARAM_UINT, 4, &u32, NULL },
    { "i64", PARAM_INT, 8, &i64, NULL },
    { "u64", PARAM_UINT, 8, &u64, NULL },
    { "size", PARAM_SIZE, 8, &sz, NULL },
    { "size32", PARAM_SIZE, 4, &sz32, NULL },
    { "str", PARAM_STRING, sizeof(str), str, NULL },
    { "cust", PARAM_CUSTOM, 0, NULL, custom },
};
/* CHECK_STR on a 1 KiB array trips -Wformat-truncation in the harness. */
#define CHECK_BUF(a, b) CHECK(!strcmp((a), (b)))
#define T_START table
#define T_END (table + ARRAY_SIZE(table))

static int parse(const char *s)
{
    unit_log_clear();
    return parse_params(s, T_START, T_END);
}

static void reset(void)
{
    b_flag = b_other = false;
    i8 = u8 = i16 = u16 = i32 = u32 = i64 = u64 = sz = sz32 = 0;
    memset(str, 0, sizeof(str));
    custom_val = NULL;
    custom_calls = 0;
}

TEST(param_macros_pick_types)
{
    CHECK_EQ(__int_type_of(b_flag), PARAM_BOOL);
    CHECK_EQ(__int_type_of(i8), PARAM_INT);
    CHECK_EQ(__int_type_of(u16), PARAM_UINT);
    CHECK_EQ(__int_type_of(i64), PARAM_INT);
    CHECK_EQ(__int_type_of(u64), PARAM_UINT);
}

TEST(bool_forms)
{
    static const char *const yes[] = { "flag", "flag=1", "flag=yes", "flag=on",
        "flag=true", "flag=enable", "no-flag=no", "no-flag=0", "no_flag=off" };
    static const char *const no[] = { "no-flag", "no_flag", "flag=0", "flag=no",
        "flag=off", "flag=false", "flag=disable", "no-flag=yes" };

    for (unsigned int i = 0; i < ARRAY_SIZE(yes); i++) {
        b_flag = false;
        CHECK_EQ(parse(yes[i]), 0);
        CHECK(b_flag);
    }
    for (unsigned int i = 0; i < ARRAY_SIZE(no); i++) {
        b_flag = true;
        CHECK_EQ(parse(no[i]), 0);
        CHECK(!b_flag);
    }
}

TEST(bool_bad_values)
{
    static const char *const bad[] = { "flag=", "flag=2", "flag=yess", "flag=Y",
        "flag=\"yes\"", "flag=on=off" };

    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        b_flag = true;
        CHECK_EQ(parse(bad[i]), 1);
        CHECK(b_flag);
        CHECK(strstr(unit_log, "Bad value for command line option 'flag'"));
    }
}

TEST(dash_underscore_equivalent)
{
    reset();
    CHECK_EQ(parse("other-flag"), 0);
    CHECK(b_other);
    CHECK_EQ(parse("no-other_flag"), 0);
    CHECK(!b_other);
    CHECK_EQ(parse("no_other-flag"), 0);
}

TEST(int_prefixes)
{
    reset();
    CHECK_EQ(parse("i32=-42 u32=0x1F u16=017 u64=18446744073709551615 i64=-9223372036854775808"), 0);
    CHECK_EQ(i32, -42);
    CHECK_EQ(u32, 0x1f);
    CHECK_EQ(u16, 017);
    CHECK(u64 == UINT64_MAX);
    CHECK(i64 == INT64_MIN);
    CHECK_EQ(parse("i32=+7 u8=0 i8=-0x80"), 0);
    CHECK_EQ(i32, 7);
    CHECK_EQ(i8, -128);
}

TEST(int_ranges)
{
    reset();
    CHECK_EQ(parse("u8=255 i8=127 i16=-32768 u16=65535 u32=4294967295 i32=-2147483648"), 0);
    CHECK_EQ(u8, 255);
    CHECK_EQ(i8, 127);
    CHECK_EQ(i16, -32768);
    CHECK_EQ(u16, 65535);
    CHECK_EQ(u32, 4294967295u);
    CHECK_EQ(i32, INT32_MIN);
    /* One past each limit: rejected, variable unchanged. */
    CHECK_EQ(parse("u8=256 i8=128 i8=-129 i16=32768 u16=65536 u32=4294967296"), 6);
    CHECK_EQ(u8, 255);
    CHECK_EQ(i8, 127);
    CHECK_EQ(parse("i32=2147483648 i64=9223372036854775808 u64=18446744073709551616"), 3);
    CHECK_EQ(i32, INT32_MIN);
    CHECK(strstr(unit_log, "'u64'"));
    CHECK_EQ(parse("u64=99999999999999999999999999"), 1);
    CHECK(u64 == 0);
}

TEST(int_malformed)
{
    static const char *const bad[] = { "u32", "u32=", "u32=-1", "u32=-0", "u32=12abc",
        "u32=0x", "u32=08", "u32= 5", "u32=1.5", "u32=\"5\"", "i32=--1", "i32=-",
        "u32=0xg", "i32=1-" };

    reset();
    u32 = 77;
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        int rc = parse(bad[i]);
        /* "u32= 5" is "u32=" (bad) then an unknown option "5". */
        CHECK_EQ(rc, strchr(bad[i], ' ') ? 2 : 1);
        CHECK(strstr(unit_log, "Bad value for command line option"));
    }
    CHECK_EQ(u32, 77);
    CHECK_EQ(i32, 0);
}

TEST(size_suffixes)
{
    reset();
    CHECK_EQ(parse("size=16"), 0);
    CHECK_EQ(sz, 16 << 10);                 /* bare number: KiB, as Xen */
    CHECK_EQ(parse("size=100b"), 0);
    CHECK_EQ(sz, 100);
    CHECK_EQ(parse("size=4K"), 0);
    CHECK_EQ(sz, 4096);
    CHECK_EQ(parse("size=512M"), 0);
    CHECK_EQ(sz, 512ul << 20);
    CHECK_EQ(parse("size=3g"), 0);
    CHECK_EQ(sz, 3ul << 30);
    CHECK_EQ(parse("size=2T"), 0);
    CHECK_EQ(sz, 2ul << 40);
    CHECK_EQ(parse("size=0x10m"), 0);
    CHECK_EQ(sz, 16ul << 20);
    CHECK_EQ(parse("size=0"), 0);
    CHECK_EQ(sz, 0);
}

TEST(size_bad)
{
    static const char *const bad[] = { "size", "size=", "size=M", "size=4KB", "size=4x",
        "size=-1M", "size=16777216T", "size=18446744073709551615K", "size32=4G",
        "size=1.5M", "size=0x" };

    reset();
    sz = 5;
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        CHECK(parse(bad[i]) >= 1);
        CHECK(strstr(unit_log, "Bad value for command line option 'size"));
    }
    CHECK_EQ(sz, 5);
    CHECK_EQ(parse("size32=4095M size=16777215T"), 0);
    CHECK_EQ(sz32, 4095u << 20);
    CHECK_EQ(sz, 16777215ul << 40);
}

TEST(strings_truncate)
{
    char huge[5000];

    reset();
    CHECK_EQ(parse("str=abc"), 0);
    CHECK_STR(str, "abc");
    CHECK_EQ(parse("str=abcdefghijkl"), 0);
    CHECK_STR(str, "abcdefg");
    CHECK_EQ(parse("str"), 0);
    CHECK_STR(str, "");
    CHECK_EQ(parse("str=a=b"), 0);
    CHECK_STR(str, "a=b");
    CHECK_EQ(parse("str=\"a b\""), 1);      /* quotes are not special */
    CHECK_STR(str, "\"a");
    CHECK(strstr(unit_log, "Unknown command line option 'b\"'"));
    memset(huge, 'x', sizeof(huge) - 1);
    huge[sizeof(huge) - 1] = '\0';
    memcpy(huge, "str=", 4);
    CHECK_EQ(parse(huge), 0);
    CHECK_STR(str, "xxxxxxx");
}

TEST(custom_gets_value_or_null)
{
    reset();
    CHECK_EQ(parse("cust=a,b"), 0);
    CHECK_STR(custom_val, "a,b");
    CHECK_EQ(parse("cust"), 0);
    CHECK(custom_val == NULL);
    CHECK_EQ(parse("cust="), 0);
    CHECK_STR(custom_val, "");
    CHECK_EQ(parse("no-cust"), 0);
    CHECK_STR(custom_val, "no");
    CHECK_EQ(parse("cust=bad"), 1);
    CHECK(strstr(unit_log, "Bad value for command line option 'cust': 'bad'"));
    CHECK_EQ(parse("no-cust=x"), 1);
    CHECK_EQ(custom_calls, 5);
}

TEST(unknown_reported_not_fatal)
{
    reset();
    CHECK_EQ(parse("bogus flag nosuch=3 = =5 no-u32 no-"), 6);
    CHECK(b_flag);
    CHECK(strstr(unit_log, "Unknown command line option 'bogus'"));
    CHECK(strstr(unit_log, "Unknown command line option 'nosuch'"));
    CHECK(strstr(unit_log, "Unknown command line option ''"));
    CHECK(strstr(unit_log, "Bad value for command line option 'no-u32'"));
    CHECK(strstr(unit_log, "Unknown command line option 'no-'"));
}

TEST(last_wins_and_spacing)
{
    reset();
    CHECK_EQ(parse("  u32=1\tu32=2 \n u32=3  no-flag flag  "), 0);
    CHECK_EQ(u32, 3);
    CHECK(b_flag);
    CHECK_EQ(parse(""), 0);
    CHECK_EQ(parse(NULL), 0);
    CHECK_EQ(parse("   "), 0);
}

TEST(double_dash_ends_options)
{
    reset();
    CHECK_EQ(parse("u32=1 -- u32=2 bogus"), 0);
    CHECK_EQ(u32, 1);
    CHECK_EQ(parse("u32=4 --x"), 1);        /* not the marker: unknown */
    CHECK_EQ(u32, 4);
}

TEST(image_name_stripping)
{
    CHECK_STR(cmdline_skip_image("xen/xen console=com1", "qemu", T_START, T_END), "console=com1");
    CHECK_STR(cmdline_skip_image("/boot/xen.gz  flag", "GRUB 0.97", T_START, T_END), "flag");
    CHECK_STR(cmdline_skip_image("/boot/xen.gz flag", "GRUB 2.06", T_START, T_END), "flag");
    CHECK_STR(cmdline_skip_image("xen u32=1", "qemu", T_START, T_END), "u32=1");
    CHECK_STR(cmdline_skip_image("xen.gz", NULL, T_START, T_END), "");
    /* Not an image name: options, "--", GRUB 2 without a path. */
    CHECK_STR(cmdline_skip_image("console=com1", "qemu", T_START, T_END), "console=com1");
    CHECK_STR(cmdline_skip_image("flag u32=1", "qemu", T_START, T_END), "flag u32=1");
    CHECK_STR(cmdline_skip_image("no-flag", "qemu", T_START, T_END), "no-flag");
    CHECK_STR(cmdline_skip_image("str=/a/b", "qemu", T_START, T_END), "str=/a/b");
    CHECK_STR(cmdline_skip_image("-- x", "qemu", T_START, T_END), "-- x");
    CHECK_STR(cmdline_skip_image("bogus", "GRUB 2.06", T_START, T_END), "bogus");
    CHECK_STR(cmdline_skip_image("  ", "qemu", T_START, T_END), "");
    CHECK_STR(cmdline_skip_image(NULL, NULL, T_START, T_END), "");
}

TEST(full_cmdline_split)
{
    reset();
    unit_log_clear();
    CHECK_EQ(cmdline_parse_table("xen/xen u32=9 flag  --  root=/dev/sda u32=1 ", "qemu",
                                 T_START, T_END), 0);
    CHECK_EQ(u32, 9);
    CHECK(b_flag);
    CHECK_BUF(saved_cmdline, "u32=9 flag");
    CHECK_BUF(dom0_cmdline_extra, "root=/dev/sda u32=1");
    CHECK_EQ(cmdline_parse_table("xen/xen", "qemu", T_START, T_END), 0);
    CHECK_BUF(saved_cmdline, "");
    CHECK_BUF(dom0_cmdline_extra, "");
    CHECK_EQ(cmdline_parse_table("xen -- ", "qemu", T_START, T_END), 0);
    CHECK_BUF(dom0_cmdline_extra, "");
    CHECK_EQ(cmdline_parse_table("u32=3 bogus --", "GRUB 2.06", T_START, T_END), 1);
    CHECK_BUF(saved_cmdline, "u32=3 bogus");
}

TEST(full_cmdline_too_long)
{
    static char line[3000];

    reset();
    memset(line, ' ', sizeof(line) - 1);
    memcpy(line, "xen/xen flag", 12);
    memcpy(line + 2000, "u32=5 -- ", 9);
    memset(line + 2009, 'd', 990);
    unit_log_clear();
    /* Truncated copies are reported, but options are still all parsed. */
    CHECK_EQ(cmdline_parse_table(line, "qemu", T_START, T_END), 1);
    CHECK(strstr(unit_log, "truncated"));
    CHECK_EQ(u32, 5);
    CHECK(strlen(saved_cmdline) < sizeof(saved_cmdline));
}

TEST(parse_bool_helper)
{
    const char *s = "yes,no";
    CHECK_EQ(parse_bool(s, s + 3), 1);
    CHECK_EQ(parse_bool(s + 4, NULL), 0);
    CHECK_EQ(parse_bool("", NULL), -EINVAL);
    CHECK_EQ(parse_bool(s, s + 2), -EINVAL);
}

TEST_MAIN()
