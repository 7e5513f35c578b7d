/* SPDX-License-Identifier: MIT */
/*
 * sched_op (hypercall 29) with Xen's numbers and layouts
 * (xen/include/public/sched.h).  The layouts are the same for 32- and
 * 64-bit guests.
 */
#ifndef PUBLIC_SCHED_H
#define PUBLIC_SCHED_H

#include <public/xen.h>

#define SCHEDOP_yield           0   /* arg ignored: give up the CPU */
#define SCHEDOP_block           1   /* arg ignored: wait for an event */
#define SCHEDOP_shutdown        2   /* struct sched_shutdown */
#define SCHEDOP_poll            3   /* struct sched_poll */
#define SCHEDOP_remote_shutdown 4   /* struct sched_remote_shutdown; control domain */
#define SCHEDOP_shutdown_code   5   /* struct sched_shutdown: reason for a later shutdown */
#define SCHEDOP_watchdog        6   /* struct sched_watchdog */
#define SCHEDOP_pin_override    7   /* struct sched_pin_override; hardware domain */

/* Shutdown reasons (same spelling as xen/sched.h). */
#define SHUTDOWN_poweroff   0
#define SHUTDOWN_reboot     1
#define SHUTDOWN_suspend    2
#define SHUTDOWN_crash      3
#define SHUTDOWN_watchdog   4
#define SHUTDOWN_soft_reset 5
#define SHUTDOWN_MAX        5

struct sched_shutdown {
    uint32_t reason;                /* IN: SHUTDOWN_* */
};

struct sched_remote_shutdown {
    domid_t domain_id;              /* IN: the domain to shut down */
    uint16_t pad;
    uint32_t reason;                /* IN: SHUTDOWN_* */
};

/*
 * SCHEDOP_poll: wait until one of @nr_ports (at most 128) event-channel
 * ports is pending, or until @timeout (absolute system time; 0: none).
 * 24 bytes for 64-bit guests; 16 for 32-bit ones (ports is a 4-byte
 * address, timeout at offset 8).
 */
struct sched_poll {
    uint64_t ports;                 /* IN: guest address of uint32_t ports[nr_ports] */
    uint32_t nr_ports;
    uint32_t pad;                   /* implicit in Xen's header */
    uint64_t timeout;
};
#define SCHED_POLL_COMPAT_SIZE 16
#define SCHED_POLL_MAX_PORTS   128

/* SCHEDOP_watchdog: id 0 creates one (returns its id); timeout 0 destroys it. */
struct sched_watchdog {
    uint32_t id;
    uint32_t timeout;               /* seconds */
};

/* SCHEDOP_pin_override (hardware domain): pin the caller to @pcpu; < 0 undoes it. */
struct sched_pin_override {
    int32_t pcpu;
};

_Static_assert(sizeof(struct sched_shutdown) == 4, "sched_shutdown");
_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll");
_Static_assert(__builtin_offsetof(struct sched_poll, timeout) == 16, "sched_poll.timeout");
_Static_assert(sizeof(struct sched_watchdog) == 8, "sched_watchdog");
_Static_assert(sizeof(struct sched_pin_override) == 4, "sched_pin_override");
_Static_assert(sizeof(struct sched_remote_shutdown) == 8, "sched_remote_shutdown");

#endif
