/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * CMOS RTC register values to Unix time: BCD or binary, 12- or 24-hour
 * mode, an optional century register.  Pure: host-tested.
 */
#include <xen/errno.h>
#include <xen/wallclock.h>

/* @v as BCD or binary per @binary; -1 if it is not valid BCD. */
static int rtc_field(uint8_t v, bool binary)
{
    if (binary)
        return v;
    if ((v & 0x0f) > 9 || (v >> 4) > 9)
        return -1;
    return (v >> 4) * 10 + (v & 0x0f);
}

int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;                            /* years start in March */
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;                    /* [0, 399] */
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned int month_days(int64_t y, unsigned int m)
{
    static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    return days[m - 1] + (m == 2 && leap(y));
}

/* The hour 0-23, or -1: 12-hour mode keeps PM in bit 7 and counts 12, 1 .. 11. */
static int rtc_hour(uint8_t v, uint8_t status_b)
{
    bool binary = status_b & RTC_BINARY, pm = false;
    int h;

    if (!(status_b & RTC_24H)) {
        pm = v & RTC_PM;
        v &= (uint8_t)~RTC_PM;
    }
    h = rtc_field(v, binary);
    if (status_b & RTC_24H)
        return h <= 23 ? h : -1;
    if (h < 1 || h > 12)
        return -1;
    return h % 12 + (pm ? 12 : 0);
}

int rtc_to_unix(const struct rtc_regs *r, uint64_t *secs)
{
    bool binary = r->status_b & RTC_BINARY;
    int sec = rtc_field(r->sec, binary), min = rtc_field(r->min, binary);
    int mday = rtc_field(r->mday, binary), mon = rtc_field(r->mon, binary);
    int year = rtc_field(r->year, binary), hour = rtc_hour(r->hour, r->status_b);
    int century = r->century ? rtc_field(r->century, binary) : 0;
    int64_t y, days;

    if (sec < 0 || sec > 59 || min < 0 || min > 59 || hour < 0 || year < 0 || year > 99 ||
        mon < 1 || mon > 12 || mday < 1 || century < 0 || century > 99)
        return -EINVAL;
    y = r->century ? century * 100 + year : year + (year >= 70 ? 1900 : 2000);
    if (y < 1970 || (unsigned int)mday > month_days(y, (unsigned int)mon))
        return -EINVAL;
    days = days_from_civil(y, (unsigned int)mon, (unsigned int)mday);
    *secs = (uint64_t)days * 86400 + (uint64_t)(hour * 3600 + min * 60 + sec);
    return 0;
}
