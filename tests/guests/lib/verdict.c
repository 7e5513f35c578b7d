/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * XTF-style verdicts and shutdown.  Every test ends with exactly one line
 * "Test result: SUCCESS|FAILURE: why|ERROR: why|SKIP: why" and then shuts
 * the domain down: SCHEDOP_shutdown(poweroff), or (crash) after an ERROR so
 * the hypervisor's log shows the test broke; if the hypercall returns, the
 * ACPI S5 sleep control port of the hardware-reduced FADT; then cli;hlt.
 */
#include "guest.h"

#define ACPI_SLP_TYP_S5 5
#define ACPI_SLP_EN (1u << 5)

static const char *first_failure;
static char failure_buf[160];
static unsigned int checks, failed;

noreturn void guest_shutdown(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };
    long rc;

    console_flush();
    rc = hypercall_sched_op(SCHEDOP_shutdown, &s);
    printf("SCHEDOP_shutdown returned %ld; trying ACPI S5\n", rc);
    console_flush();
    outb(PVH_ACPI_SLEEP_CONTROL_PORT, (ACPI_SLP_TYP_S5 << 2) | ACPI_SLP_EN);
    halt_forever();
}

static noreturn void verdict(const char *kind, const char *fmt, va_list ap,
                             unsigned int reason)
{
    char why[160];

    vsnprintf(why, sizeof(why), fmt, ap);
    printf("Test result: %s: %s\n", kind, why);
    guest_shutdown(reason);
}

noreturn void test_success(void)
{
    printf("Test result: SUCCESS\n");
    guest_shutdown(SHUTDOWN_poweroff);
}

noreturn void test_failure(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    verdict("FAILURE", fmt, ap, SHUTDOWN_poweroff);
}

noreturn void test_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    verdict("ERROR", fmt, ap, SHUTDOWN_crash);
}

noreturn void test_skip(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    verdict("SKIP", fmt, ap, SHUTDOWN_poweroff);
}

void check(bool ok, const char *fmt, ...)
{
    char what[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    printf("  [%s] %s\n", ok ? " ok " : "FAIL", what);
    checks++;
    if (!ok && !failed++) {
        memcpy(failure_buf, what, sizeof(what) < sizeof(failure_buf) ? sizeof(what) : sizeof(failure_buf));
        first_failure = failure_buf;
    }
}

noreturn void test_end(void)
{
    if (failed)
        test_failure("%u of %u checks failed, first: %s", failed, checks, first_failure);
    test_success();
}
