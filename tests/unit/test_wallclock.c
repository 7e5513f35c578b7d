/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Wallclock and the guest's view of time: CMOS RTC readings to Unix time
 * (BCD/binary, 12/24-hour, century, bad values), the wallclock base, the
 * vcpu_time_info and wc_version protocols (pvclock_info.c), and the
 * public layouts they live in.
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/wallclock.h>
#include <pvclock/pvclock_info.h>
#include <public/memory.h>
#include <public/xen.h>

static uint64_t rtc(uint8_t sec, uint8_t min, uint8_t hour, uint8_t mday, uint8_t mon,
                    uint8_t year, uint8_t century, uint8_t status_b, int *rc)
{
    struct rtc_regs r = { sec, min, hour, mday, mon, year, century, status_b };
    uint64_t secs = 12345;

    *rc = rtc_to_unix(&r, &secs);
    return secs;
}

#define BCD24   RTC_24H
#define BIN24   (RTC_24H | RTC_BINARY)

TEST(days_from_civil)
{
    CHECK_EQ(days_from_civil(1970, 1, 1), 0);
    CHECK_EQ(days_from_civil(1969, 12, 31), -1);
    CHECK_EQ(days_from_civil(2000, 3, 1), 11017);
    CHECK_EQ(days_from_civil(2000, 2, 29) + 1, 11017);
}

TEST(rtc_bcd_and_binary)
{
    int rc;

    CHECK_EQ(rtc(0x56, 0x34, 0x12, 0x29, 0x02, 0x24, 0, BCD24, &rc), 1709210096);
    CHECK_EQ(rc, 0);
    CHECK_EQ(rtc(56, 34, 12, 29, 2, 24, 0, BIN24, &rc), 1709210096);
    CHECK_EQ(rc, 0);
    CHECK_EQ(rtc(0x56, 0x34, 0x12, 0x29, 0x02, 0x24, 0x20, BCD24, &rc), 1709210096);
    CHECK_EQ(rc, 0);
    CHECK_EQ(rtc(0, 0, 0, 1, 1, 0x70, 0, BCD24, &rc), 0);       /* the epoch */
    CHECK_EQ(rc, 0);
    CHECK_EQ(rtc(0x59, 0x59, 0x23, 0x31, 0x12, 0x99, 0, BCD24, &rc), 946684799);
    CHECK_EQ(rc, 0);
    CHECK_EQ(rtc(0, 0, 0, 1, 1, 0x69, 0, BCD24, &rc), 3124224000ULL);  /* 2069 */
    CHECK_EQ(rc, 0);
    CHECK_EQ(rtc(8, 14, 3, 19, 1, 38, 20, BIN24, &rc), 2147483648ULL);  /* past 2^31 */
    CHECK_EQ(rc, 0);
}

TEST(rtc_12_hour)
{
    int rc;
    uint64_t day = 1709164800;                  /* 2024-02-29 00:00 */

    CHECK_EQ(rtc(0, 0, 0x12, 0x29, 2, 0x24, 0, 0, &rc), day);           /* 12 AM */
    CHECK_EQ(rc, 0);
    CHECK_EQ(rtc(0, 0, 0x80 | 0x12, 0x29, 2, 0x24, 0, 0, &rc), day + 12 * 3600);
    CHECK_EQ(rtc(0, 0, 0x80 | 0x01, 0x29, 2, 0x24, 0, 0, &rc), day + 13 * 3600);
    CHECK_EQ(rtc(0, 0, 0x80 | 11, 29, 2, 24, 0, RTC_BINARY, &rc), day + 23 * 3600);
    CHECK_EQ(rc, 0);
    rtc(0, 0, 0, 1, 1, 0x24, 0, 0, &rc);                                  /* hour 0 */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0x13, 1, 1, 0x24, 0, 0, &rc);                               /* 13 o'clock */
    CHECK_EQ(rc, -EINVAL);
}

TEST(rtc_bad_values)
{
    int rc;

    rtc(0x1a, 0, 0, 1, 1, 0x24, 0, BCD24, &rc);         /* not BCD */
    CHECK_EQ(rc, -EINVAL);
    rtc(0x60, 0, 0, 1, 1, 0x24, 0, BCD24, &rc);         /* 60 s */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0x60, 0, 1, 1, 0x24, 0, BCD24, &rc);
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0x24, 1, 1, 0x24, 0, BCD24, &rc);         /* 24 o'clock */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0, 0x30, 2, 0x24, 0, BCD24, &rc);         /* 30 February */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0, 0x29, 2, 0x23, 0, BCD24, &rc);         /* 2023 is not leap */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0, 1, 0x13, 0x24, 0, BCD24, &rc);         /* month 13 */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0, 1, 0, 0x24, 0, BCD24, &rc);            /* month 0 */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0, 0, 1, 0x24, 0, BCD24, &rc);            /* day 0 */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0, 1, 1, 100, 0, BIN24, &rc);             /* year 100 */
    CHECK_EQ(rc, -EINVAL);
    rtc(0, 0, 0, 1, 1, 0x24, 0x19, BCD24, &rc);         /* 1924: before the epoch */
    CHECK_EQ(rc, -EINVAL);
    rtc(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, &rc);   /* no RTC at all */
    CHECK_EQ(rc, -EINVAL);
}

TEST(wallclock_base)
{
    uint64_t sec;
    uint32_t nsec;

    wallclock_set(1000, 500, 2500000000LL);     /* 2.5 s after boot */
    wallclock_base(&sec, &nsec);
    CHECK_EQ(sec, 997);
    CHECK_EQ(nsec, 500000500);
    wallclock_set(1000, 0, 0);
    wallclock_base(&sec, &nsec);
    CHECK_EQ(sec, 1000);
    CHECK_EQ(nsec, 0);
    wallclock_set(1, 0, 5000000000LL);          /* "before the epoch": clamp */
    wallclock_base(&sec, &nsec);
    CHECK_EQ(sec, 0);
    CHECK_EQ(nsec, 0);
}

TEST(pvclock_publish_and_read)
{
    struct vcpu_time_info t = { 0 }, snap;
    struct time_scale ts;

    set_time_scale(&ts, 2000000000ULL);         /* 2 GHz */
    CHECK_EQ(pvclock_publish(&t, 1000, 5000, &ts, XEN_PVCLOCK_TSC_STABLE_BIT), 2);
    CHECK_EQ(t.version, 2);
    CHECK_EQ(t.tsc_timestamp, 1000);
    CHECK_EQ(t.system_time, 5000);
    CHECK_EQ(t.tsc_to_system_mul, ts.mul_frac);
    CHECK_EQ(t.tsc_shift, ts.shift);
    CHECK_EQ(t.flags, XEN_PVCLOCK_TSC_STABLE_BIT);
    pvclock_snapshot(&t, &snap);
    CHECK_EQ(snap.version, 2);
    CHECK_EQ(pvclock_time_at(&snap, 1000), 5000);
    CHECK_EQ(pvclock_time_at(&snap, 3000), 6000);            /* 2000 ticks = 1 us */
    CHECK_EQ(pvclock_time_at(&snap, 2000001000ULL), 1000005000ULL);
    CHECK_EQ(pvclock_time_at(&snap, 10), 5000);              /* TSC before the stamp */
    t.version = 7;                                           /* odd: left mid-update */
    pvclock_publish(&t, 0, 0, &ts, 0);
    CHECK_EQ(t.version % 2, 0);
    CHECK(t.version > 7);
}

TEST(pvclock_wallclock)
{
    struct shared_info s;
    uint64_t sec;
    uint32_t nsec;

    memset(&s, 0, sizeof(s));
    pvclock_publish_wallclock(&s, 0x123456789ULL, 999);
    CHECK_EQ(s.wc_version, 2);
    CHECK_EQ(s.wc_sec, 0x23456789);
    CHECK_EQ(s.wc_sec_hi, 1);
    CHECK_EQ(s.wc_nsec, 999);
    pvclock_read_wallclock(&s, &sec, &nsec);
    CHECK_EQ(sec, 0x123456789ULL);
    CHECK_EQ(nsec, 999);
}

TEST(public_layouts)
{
    /* The _Static_asserts in the headers did the work; spot-check a few here. */
    CHECK_EQ(sizeof(struct shared_info), 3136);
    CHECK_EQ(sizeof(struct vcpu_info), 64);
    CHECK_EQ(offsetof(struct shared_info, vcpu_info[31]), 31 * 64);
    CHECK_EQ(offsetof(struct shared_info, arch.p2m_generation), 3128);
    CHECK_EQ(sizeof(struct xen_memory_reservation), 32);
    CHECK_EQ(sizeof(struct e820entry), 20);
    CHECK_EQ(MEMOP_CMD_MASK, 63);
}

TEST_MAIN()
