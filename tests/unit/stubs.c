/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Host implementations of the hypervisor library hooks used by unit tests. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "harness.h"
#include <xen/lib.h>

char unit_log[65536];
static size_t unit_log_len;
jmp_buf *unit_bug_jmp;      /* set by EXPECT_BUG */
char unit_bug_what[256];
__thread char unit_spin_self;  /* its address names the thread (xen/spinlock.h) */

/* FIFO event channels pin no frames unless a test links event_fifo_ctl.c. */
struct domain;
__attribute__((weak)) bool evtchn_fifo_frame_pinned(const struct domain *d, unsigned long mfn)
{
    (void)d, (void)mfn;
    return false;
}

/* No port ops run concurrently unless a test links event_channel.c. */
__attribute__((weak)) void evtchn_wait_port_ops(struct domain *d)
{
    (void)d;
}

void unit_log_clear(void)
{
    unit_log_len = 0;
    unit_log[0] = '\0';
}

void printk(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(unit_log + unit_log_len, sizeof(unit_log) - unit_log_len, fmt, ap);
    va_end(ap);
    if (n > 0)
        unit_log_len = strnlen(unit_log, sizeof(unit_log) - 1);
}

void bug_fail(const char *what, const char *file, unsigned int line)
{
    snprintf(unit_bug_what, sizeof(unit_bug_what), "%s at %s:%u", what, file, line);
    if (unit_bug_jmp)
        longjmp(*unit_bug_jmp, 1);
    snprintf(unit_test_why, sizeof(unit_test_why), "unexpected %s", unit_bug_what);
    longjmp(unit_test_jmp, 1);
}

void panic(const char *fmt, ...)
{
    char buf[200];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    bug_fail(buf, "panic", 0);
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

struct vcpu;
/* SCHEDOP_yield's scheduler call (xen/common/sched.c; tested in test_sched_credit). */
__attribute__((weak)) void vcpu_yield(struct vcpu *v)
{
    (void)v;
}

/* console_rx.c's VIRQ_CONSOLE hook (event_deliver.c; tested in test_evtchn). */
__attribute__((weak)) void evtchn_notify_control_domain(void)
{
}

/* The event_channel_op table row (hypercalls/event_channel_op.c; test_evtchn). */
struct vcpu;
struct hypercall_args;
__attribute__((weak)) long do_event_channel_op(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -38;                     /* -ENOSYS */
}

/* The grant_table_op row (hypercalls/grant_table_op.c; test_gnttab_*). */
__attribute__((weak)) long do_grant_table_op(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -38;                     /* -ENOSYS */
}

/* The platform_op / physdev_op table rows (hypercalls/platform_op_entry.c;
 * their decisions are tested in test_platform_op). */
__attribute__((weak)) long do_platform_op(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -38;                     /* -ENOSYS */
}

__attribute__((weak)) long do_domctl(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -38;                     /* -ENOSYS */
}

__attribute__((weak)) long do_sysctl(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -38;                     /* -ENOSYS */
}

__attribute__((weak)) long do_physdev_op(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -38;                     /* -ENOSYS */
}

/* physmap.c's grant-frame hooks (xen/common/grant_table.c; test_gnttab_*). */
__attribute__((weak)) int gnttab_resolve_frame(struct domain *d, uint64_t idx,
                                               unsigned long *mfn, uint64_t *old_gfn)
{
    (void)d, (void)idx, (void)mfn, (void)old_gfn;
    return -22;                     /* -EINVAL: no grant tables */
}

__attribute__((weak)) void gnttab_frame_mapped(struct domain *d, uint64_t idx, uint64_t gfn)
{
    (void)d, (void)idx, (void)gfn;
}

__attribute__((weak)) bool gnttab_is_frame(struct domain *d, unsigned long mfn)
{
    (void)d, (void)mfn;
    return false;
}

__attribute__((weak)) bool gnttab_frame_unmapped(struct domain *d, unsigned long mfn)
{
    (void)d, (void)mfn;
    return false;
}

/* p2m_npf.c's write discard (xen/arch/x86/hvm/insn_len.c): nothing decodable. */
__attribute__((weak)) int hvm_store_length(struct vcpu *v)
{
    (void)v;
    return -22;                     /* -EINVAL */
}

/* xen/deny.h: the "denied:" line, unlimited here (through printk, so unit_log sees it). */
struct domain;
__attribute__((weak)) void log_denied(struct domain *d, const char *fmt, ...)
{
    char what[128];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    (void)d;
    printk("denied: %s\n", what);
}
