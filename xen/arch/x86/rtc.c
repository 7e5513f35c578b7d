/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Boot wallclock from the CMOS RTC (index port 0x70, data port 0x71),
 * read once after time_init.  A consistent reading: wait while an update
 * is in progress (at most ~2 ms per second), read every register, and
 * repeat until two readings agree.  The century register is the one the
 * ACPI FADT names, if any.  The RTC is taken to count UTC (QEMU's default).
 */
#include <xen/acpi.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/wallclock.h>
#include <asm/io.h>

#define CMOS_INDEX      0x70
#define CMOS_DATA       0x71
#define CMOS_NMI_OFF    0x80        /* keep NMIs masked while we hold the index */
#define RTC_SEC         0x00
#define RTC_MIN         0x02
#define RTC_HOUR        0x04
#define RTC_MDAY        0x07
#define RTC_MON         0x08
#define RTC_YEAR        0x09
#define RTC_STATUS_A    0x0a
#define RTC_STATUS_B    0x0b
#define RTC_UIP         0x80        /* status A: update in progress */
#define FADT_CENTURY    108         /* byte offset of the century register index */
#define UIP_WAIT_US     10000
#define READ_TRIES      10

static uint8_t cmos_read(uint8_t reg)
{
    outb(reg | CMOS_NMI_OFF, CMOS_INDEX);
    return inb(CMOS_DATA);
}

static uint8_t century_register(void)
{
    const struct acpi_table_header *fadt = acpi_find_table("FACP");

    if (!fadt || fadt->length <= FADT_CENTURY)
        return 0;
    return ((const uint8_t *)fadt)[FADT_CENTURY];
}

static void rtc_read(struct rtc_regs *r, uint8_t century_reg)
{
    for (unsigned int us = 0; us < UIP_WAIT_US && (cmos_read(RTC_STATUS_A) & RTC_UIP); us++)
        udelay(1);
    r->sec = cmos_read(RTC_SEC);
    r->min = cmos_read(RTC_MIN);
    r->hour = cmos_read(RTC_HOUR);
    r->mday = cmos_read(RTC_MDAY);
    r->mon = cmos_read(RTC_MON);
    r->year = cmos_read(RTC_YEAR);
    r->century = century_reg ? cmos_read(century_reg) : 0;
    r->status_b = cmos_read(RTC_STATUS_B);
}

void rtc_wallclock_init(void)
{
    uint8_t century_reg = century_register();
    struct rtc_regs a, b;
    uint64_t secs;
    unsigned int i;

    rtc_read(&a, century_reg);
    for (i = 0; i < READ_TRIES; i++) {
        rtc_read(&b, century_reg);
        if (!memcmp(&a, &b, sizeof(a)))
            break;
        a = b;
    }
    if (rtc_to_unix(&a, &secs)) {
        printk(XENLOG_WARNING "Wallclock: RTC reading invalid; guests see 1970-01-01\n");
        return;
    }
    wallclock_set(secs, 0, NOW());
    printk("Wallclock: %lu s since the epoch (RTC, UTC)\n", (unsigned long)secs);
}

static int rtc_initcall(void)
{
    rtc_wallclock_init();
    return 0;
}
presmp_initcall(rtc_initcall);
