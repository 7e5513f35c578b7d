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
#define SCHEDOP_poll            3
#define SCHEDOP_remote_shutdown 4   /* struct sched_remote_shutdown; control domain */
#define SCHEDOP_shutdown_code   5   /* struct sched_shutdown: reason for a later shutdown */
#define SCHEDOP_watchdog        6
#define SCHEDOP_pin_override    7

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

_Static_assert(sizeof(struct sched_shutdown) == 4, "sched_shutdown");
_Static_assert(sizeof(struct sched_remote_shutdown) == 8, "sched_remote_shutdown");

#endif
