/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY stand-ins for scheduler functions the dom helper implements,
 * so main links until that work is merged.  Not reached while no domain
 * exists.
 */
#include <xen/sched.h>

void vcpu_wake(struct vcpu *v) { (void)v; }
void vcpu_up(struct vcpu *v) { (void)v; }
