/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest console: line assembly, "(d<id>) " prefix, escaping, splitting of
 * long lines, flush, and the rate limit of unprivileged domains.
 */
#include "harness.h"
#include <xen/guest_console.h>
#include <xen/sched.h>
#include <xen/time.h>

static char out[1 << 16];
static size_t out_len;
static s_time_t fake_now = SECONDS(1);

s_time_t NOW(void) { return fake_now; }
void console_write(const char *s, size_t len)
{
    if (out_len + len < sizeof(out)) {
        memcpy(out + out_len, s, len);
        out_len += len;
        out[out_len] = '\0';
    }
}

static struct domain dom;

static void reset(domid_t id, bool privileged)
{
    memset(&dom, 0, sizeof(dom));
    dom.domain_id = id;
    dom.is_privileged = privileged;
    out_len = 0;
    out[0] = '\0';
    unit_log_clear();
}

static void put(const char *s)
{
    guest_console_write(&dom, s, strlen(s));
}

TEST(lines_and_prefix)
{
    reset(3, false);
    put("hello");
    CHECK_STR(out, "");                         /* not yet a line */
    put(" world\nsecond\r\n");
    CHECK_STR(out, "(d3) hello world\n(d3) second\n");
    put("\n");
    CHECK_STR(out, "(d3) hello world\n(d3) second\n(d3) \n");
}

TEST(escaping)
{
    reset(1, false);
    guest_console_write(&dom, "a\x1b[2Jb\tc\x00\xff\\\n", 13);
    CHECK_STR(out, "(d1) a\\x1b[2Jb\tc\\x00\\xff\\\n");
}

TEST(long_line_split)
{
    char buf[300];

    reset(2, false);
    memset(buf, 'x', sizeof(buf));
    guest_console_write(&dom, buf, sizeof(buf));
    /* Two full 128-byte lines printed, 44 bytes still buffered. */
    CHECK_EQ(out_len, 2 * (5 + 128 + 1));
    CHECK_EQ(dom.arch.debugcon_len, 300 - 256);
    guest_console_flush(&dom);
    CHECK_EQ(out_len, 2 * (5 + 128 + 1) + 5 + 44 + 1);
    CHECK(!strncmp(out + out_len - 6, "xxxxx\n", 6));
    guest_console_flush(&dom);                  /* nothing left: no empty line */
    CHECK_EQ(out_len, 2 * (5 + 128 + 1) + 5 + 44 + 1);
}

static unsigned int count_lines(void)
{
    unsigned int n = 0;

    for (size_t i = 0; i < out_len; i++)
        n += out[i] == '\n';
    return n;
}

TEST(rate_limit_unprivileged)
{
    reset(4, false);
    for (int i = 0; i < 1000; i++)
        put("spam\n");
    CHECK_EQ(count_lines(), 200);               /* the burst */
    fake_now += MILLISECS(100);                 /* 5 lines' worth */
    for (int i = 0; i < 10; i++)
        put("more\n");
    CHECK_EQ(count_lines(), 205);
    CHECK(strstr(unit_log, "d4: 800 console lines suppressed"));
    fake_now += SECONDS(100);                   /* refilled to the burst, not beyond */
    for (int i = 0; i < 300; i++)
        put("x\n");
    CHECK_EQ(count_lines(), 405);
}

TEST(suppressed_count_reported_at_shutdown)
{
    reset(5, false);
    for (int i = 0; i < 250; i++)
        put("flood\n");
    put("verdict: dropped\n");                 /* over the burst: dropped */
    CHECK_EQ(count_lines(), 200);
    CHECK_STR(unit_log, "");                    /* nothing got through since */
    guest_console_flush(&dom);                  /* the domain shuts down */
    CHECK(strstr(unit_log, "d5: 51 console lines suppressed"));
    unit_log_clear();
    guest_console_flush(&dom);                  /* reported once */
    CHECK_STR(unit_log, "");
}

TEST(privileged_not_limited)
{
    reset(0, true);
    for (int i = 0; i < 1000; i++)
        put("dom0\n");
    CHECK_EQ(count_lines(), 1000);
    CHECK_STR(unit_log, "");
}

TEST_MAIN()
