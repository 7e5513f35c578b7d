/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY weak stand-ins for hooks the vcpu_op code calls (declared and
 * documented in xen/vcpu_op.h) whose real versions come from other work.
 * Each real definition (a normal, strong symbol) replaces its stub at link
 * time; delete a stub once its real one is in main:
 *   vcpu_force_time_update        -> mem helper / time (issue 7)
 *   vcpu_op_register_vcpu_info    -> mem helper
 */
#include <xen/errno.h>
#include <xen/sched.h>

#define WEAK __attribute__((weak))


