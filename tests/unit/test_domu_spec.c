/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The domU= boot option parser and module checks (xen/common/domu_spec.c). */
#include "harness.h"
#include <xen/domu_spec.h>
#include <xen/errno.h>
#include <xen/lib.h>

static struct domu_spec sp[MAX_DOMU_SPECS];
static char err[128];

static int parse(const char *s)
{
    err[0] = '\0';
    return domu_spec_parse(s, sp, MAX_DOMU_SPECS, err, sizeof(err));
}

TEST(single_minimal)
{
    CHECK_EQ(parse("2"), 1);
    CHECK_EQ(sp[0].kernel, 2);
    CHECK_EQ(sp[0].initrd, 0);
    CHECK_EQ(sp[0].mem_bytes, 0);
    CHECK_EQ(sp[0].vcpus, 0);
    CHECK_STR(sp[0].name, "");
}

TEST(brief_example)
{
    CHECK_EQ(parse("2,mem=16M,name=crash;3,vcpus=2"), 2);
    CHECK_EQ(sp[0].kernel, 2);
    CHECK_EQ(sp[0].mem_bytes, 16 << 20);
    CHECK_STR(sp[0].name, "crash");
    CHECK_EQ(sp[1].kernel, 3);
    CHECK_EQ(sp[1].vcpus, 2);
    CHECK_EQ(sp[1].mem_bytes, 0);
    CHECK_STR(sp[1].name, "");
}

TEST(all_options_any_order)
{
    CHECK_EQ(parse("4,initrd=5,name=a.b-c_9,vcpus=128,mem=1G"), 1);
    CHECK_EQ(sp[0].kernel, 4);
    CHECK_EQ(sp[0].initrd, 5);
    CHECK_EQ(sp[0].vcpus, 128);
    CHECK_EQ(sp[0].mem_bytes, 1ULL << 30);
    CHECK_STR(sp[0].name, "a.b-c_9");
}

TEST(max_event_channels_per_domain)
{
    CHECK_EQ(parse("2,max_event_channels=63"), 1);
    CHECK_EQ(sp[0].max_event_channels, 63);
    CHECK_EQ(parse("2,max_event_channels=131071"), 1);
    CHECK_EQ(sp[0].max_event_channels, 131071);
    CHECK_EQ(parse("2,max_event_channels=0"), -EINVAL);
    CHECK(strstr(err, "max_event_channels") != NULL);
    CHECK_EQ(parse("2,max_event_channels=131072"), -EINVAL);
    CHECK_EQ(parse("2,max_event_channels=5,max_event_channels=6"), -EINVAL);
    CHECK(strstr(err, "twice") != NULL);
}

TEST(grant_limits_per_domain)
{
    CHECK_EQ(parse("2,max_grant_frames=4,max_maptrack_frames=1"), 1);
    CHECK_EQ(sp[0].max_grant_frames, 4);
    CHECK_EQ(sp[0].max_maptrack_frames, 1);
    CHECK_EQ(parse("2"), 1);
    CHECK_EQ(sp[0].max_grant_frames, 0);                /* the options' values */
    CHECK_EQ(parse("2,max_grant_frames=0"), -EINVAL);
    CHECK(strstr(err, "max_grant_frames") != NULL);
    CHECK_EQ(parse("2,max_grant_frames=4097"), -EINVAL);
    CHECK_EQ(parse("2,max_maptrack_frames=4097"), -EINVAL);
    CHECK(strstr(err, "max_maptrack_frames") != NULL);
    CHECK_EQ(parse("2,max_grant_frames=2,max_grant_frames=3"), -EINVAL);
}

TEST(sizes_follow_xen_syntax)
{
    CHECK_EQ(parse("2,mem=2048"), 1);           /* plain number: KiB */
    CHECK_EQ(sp[0].mem_bytes, 2 << 20);
    CHECK_EQ(parse("2,mem=0x1000k"), 1);
    CHECK_EQ(sp[0].mem_bytes, 4 << 20);
    CHECK_EQ(parse("2,mem=1048577b"), 1);       /* rounded down to a page */
    CHECK_EQ(sp[0].mem_bytes, 1 << 20);
}

TEST(bad_syntax_is_rejected_with_reason)
{
    static const char *const bad[] = {
        "", "x", "0", "17", "-1", "2x", "2,", ",2", "2,,mem=4M", "2;", ";2", "2;;3",
        "2,mem", "2,mem=", "2,mem=4Q", "2,mem=512K", "2,mem=2T", "2,mem=99999999999999999999",
        "2,vcpus=0", "2,vcpus=129", "2,vcpus=1x", "2,name=", "2,name=has space",
        "2,name=0123456789012345678901234567890123", "2,name=a/b", "2,initrd=0",
        "2,initrd=17", "2,foo=1", "2,=1", "2,mem=4M,mem=8M", "2,name=a,name=b",
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        if (parse(bad[i]) != -EINVAL) {
            snprintf(unit_test_why, sizeof(unit_test_why), "accepted \"%s\"", bad[i]);
            longjmp(unit_test_jmp, 1);
        }
        CHECK(strncmp(err, "spec ", 5) == 0);
    }
    CHECK_EQ(parse("2;3,foo=1"), -EINVAL);
    CHECK(strstr(err, "spec 2") && strstr(err, "foo=1"));
    CHECK_EQ(parse(NULL), -EINVAL);
}

TEST(too_many_specs)
{
    char buf[256] = "2";

    for (unsigned int i = 1; i < MAX_DOMU_SPECS; i++)
        strcat(buf, ";2");
    CHECK_EQ(parse(buf), MAX_DOMU_SPECS);
    strcat(buf, ";2");
    CHECK_EQ(parse(buf), -EINVAL);
    CHECK(strstr(err, "too many"));
}

TEST(long_junk_does_not_overflow_the_reason)
{
    char buf[4096];

    memset(buf, 'z', sizeof(buf) - 1);
    buf[sizeof(buf) - 1] = '\0';
    memcpy(buf, "2,mem=", 6);
    CHECK_EQ(parse(buf), -EINVAL);
    CHECK(strlen(err) < sizeof(err));
}

TEST(check_against_modules)
{
    uint32_t claimed = 1u << 1;

    CHECK_EQ(parse("2,initrd=3;4;5"), 3);
    CHECK_EQ(domu_spec_check(&sp[0], 5, &claimed, err, sizeof(err)), 0);
    CHECK_EQ(claimed, (1u << 1) | (1u << 2) | (1u << 3));
    CHECK_EQ(domu_spec_check(&sp[1], 5, &claimed, err, sizeof(err)), 0);
    CHECK_EQ(domu_spec_check(&sp[2], 4, &claimed, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "does not exist"));
    CHECK_EQ(claimed, (1u << 1) | (1u << 2) | (1u << 3) | (1u << 4));
}

TEST(check_rejects_conflicts)
{
    uint32_t claimed = 1u << 1;

    CHECK_EQ(parse("1;2,initrd=2;2,initrd=1;3;3;4,initrd=3;5,initrd=9"), 7);
    CHECK_EQ(domu_spec_check(&sp[0], 9, &claimed, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "initial domain"));
    CHECK_EQ(domu_spec_check(&sp[1], 9, &claimed, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "its own kernel"));
    CHECK_EQ(domu_spec_check(&sp[2], 9, &claimed, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "initial domain"));
    CHECK_EQ(claimed, 1u << 1);             /* failures claim nothing */
    CHECK_EQ(domu_spec_check(&sp[3], 9, &claimed, err, sizeof(err)), 0);
    CHECK_EQ(domu_spec_check(&sp[4], 9, &claimed, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "used twice"));
    CHECK_EQ(domu_spec_check(&sp[5], 9, &claimed, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "used twice"));
    CHECK_EQ(domu_spec_check(&sp[6], 8, &claimed, err, sizeof(err)), -EINVAL);
    CHECK(strstr(err, "initrd module 9 does not exist"));
    CHECK_EQ(claimed, (1u << 1) | (1u << 3));
}

TEST_MAIN()

TEST(scheduler_keys)
{
    CHECK_EQ(parse("2,weight=512,cap=50,cpus=0"), 1);
    CHECK_EQ(sp[0].weight, 512);
    CHECK_EQ(sp[0].cap, 50);
    CHECK_EQ(sp[0].cpus, 1);
    CHECK_EQ(parse("2,cpus=1-3"), 1);
    CHECK_EQ(sp[0].cpus, 0xe);
    CHECK_EQ(sp[0].weight, 0);              /* defaults: 256, no cap */
    CHECK_EQ(sp[0].cap, 0);
    CHECK_EQ(parse("2,cpus=0-63,cap=0,weight=65535"), 1);
    CHECK_EQ(sp[0].cpus, ~0ull);
    CHECK_EQ(parse("2,cpus=63"), 1);
    CHECK_EQ(sp[0].cpus, 1ull << 63);
}

TEST(scheduler_keys_bad_values)
{
    static const char *const bad[] = {
        "2,weight=0", "2,weight=65536", "2,weight=", "2,weight=x",
        "2,cap=12801", "2,cap=-1",
        "2,cpus=", "2,cpus=64", "2,cpus=1-0", "2,cpus=0-64", "2,cpus=-1", "2,cpus=0-",
        "2,cpus=a", "2,cpus=0-1-2", "2,cpus=0,cpus=1",
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        CHECK_EQ(parse(bad[i]), -EINVAL);
        CHECK(err[0] != '\0');
    }
    CHECK_EQ(parse("2,cpus=5-2"), -EINVAL);
    CHECK(strstr(err, "bad cpus") != NULL);
    CHECK_EQ(parse("2,weight=0"), -EINVAL);
    CHECK(strstr(err, "bad weight") != NULL);
}
