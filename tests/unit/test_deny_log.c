/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * log_denied(): the "(XEN) d<id>: denied: <what>" line, its per-domain
 * rate limit (a burst of 40, then one a second) and the count of the lines
 * dropped, printed before the next one allowed.
 */
#include <string.h>
#include "harness.h"
#include <xen/deny.h>
#include <xen/sched.h>
#include <xen/time.h>

extern char unit_log[];
void unit_log_clear(void);

static s_time_t fake_now;

s_time_t NOW(void)
{
    return fake_now;
}

static unsigned int count(const char *needle)
{
    unsigned int n = 0;

    for (const char *p = unit_log; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

TEST(burst_then_one_a_second_with_the_count)
{
    static struct domain d = { .domain_id = 7 };

    unit_log_clear();
    fake_now = SECONDS(10);
    for (unsigned int i = 0; i < 100; i++)
        log_denied(&d, "memory_op on d%u", 0);
    CHECK_EQ(count("d7: denied: memory_op on d0\n"), 40);
    CHECK_EQ(count("suppressed"), 0);
    unit_log_clear();
    fake_now += MILLISECS(999);
    log_denied(&d, "x");
    CHECK_EQ(count("denied: x"), 0);            /* not yet a token */
    fake_now += MILLISECS(2);
    log_denied(&d, "y");
    CHECK(strstr(unit_log, "d7: 61 denied messages suppressed\n") != NULL);
    CHECK(strstr(unit_log, "d7: denied: y\n") != NULL);
    CHECK(strstr(unit_log, "suppressed") < strstr(unit_log, "denied: y"));
}

TEST(each_domain_has_its_own_bucket)
{
    static struct domain a = { .domain_id = 1 }, b = { .domain_id = 2 };

    unit_log_clear();
    fake_now = SECONDS(100);
    for (unsigned int i = 0; i < 50; i++)
        log_denied(&a, "flood");
    log_denied(&b, "once");
    CHECK_EQ(count("d1: denied: flood"), 40);
    CHECK_EQ(count("d2: denied: once"), 1);
}

TEST(long_text_is_cut_not_overrun)
{
    static struct domain d = { .domain_id = 3 };
    char big[400];

    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    unit_log_clear();
    fake_now = SECONDS(200);
    log_denied(&d, "%s", big);
    CHECK(strstr(unit_log, "d3: denied: aaaa") != NULL);
    CHECK(strlen(unit_log) < 200);
}

TEST_MAIN()
