/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Wallclock (UTC) for guests.  The CMOS RTC is read once at boot
 * (xen/arch/x86/rtc.c); from then on the wallclock is the boot value plus
 * system time.  Guests see the wallclock at system time 0 in their
 * shared_info (wc_sec, wc_sec_hi, wc_nsec) and add pvclock system time.
 * The RTC counts whole seconds and we do not wait for its next tick, so
 * the base is up to one second behind real time.
 */
#ifndef XEN_WALLCLOCK_H
#define XEN_WALLCLOCK_H

#include <xen/types.h>

/* CMOS RTC registers as read (xen/common/rtc_time.c converts them). */
struct rtc_regs {
    uint8_t sec, min, hour, mday, mon, year;
    uint8_t century;                /* 0: no century register */
    uint8_t status_b;               /* RTC_24H / RTC_BINARY as programmed */
};

#define RTC_24H     0x02            /* status B: 24-hour mode */
#define RTC_BINARY  0x04            /* status B: binary, not BCD */
#define RTC_PM      0x80            /* hour register, 12-hour mode: PM */

/*
 * Seconds since 1970-01-01 00:00 UTC for the RTC reading @r; -EINVAL if a
 * field is out of range (not valid BCD, month 13, 25 o'clock, ...).  A
 * missing century means 19xx for years 70-99 and 20xx otherwise.
 */
int rtc_to_unix(const struct rtc_regs *r, uint64_t *secs);
/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d);

/* Set the wallclock: @sec/@nsec (UTC) was the time at system time @at. */
void wallclock_set(uint64_t sec, uint32_t nsec, s_time_t at);
/* The wallclock at system time 0. */
void wallclock_base(uint64_t *sec, uint32_t *nsec);
/* Read the RTC and set the wallclock (boot, after time_init). */
void rtc_wallclock_init(void);

#endif
