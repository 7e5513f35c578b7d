/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Internals shared by the memory_op files (memory_op.c: dispatch and the
 * small sub-ops; memory_reservation.c: populate/decrease/increase and
 * exchange; memory_physmap.c: add_to_physmap(_batch), remove_from_physmap).
 * Each sub-op gets the calling vCPU, the arguments (a[0] = cmd, a[1] =
 * arg) and the start extent from cmd's high bits; a preempted one puts
 * the cmd to resume with in a[0] and returns -ERESTART.
 */
#ifndef HYPERCALLS_MEMORY_OP_H
#define HYPERCALLS_MEMORY_OP_H

#include <xen/hypercall.h>
#include <xen/sched.h>

typedef long memop_fn_t(struct vcpu *v, struct hypercall_args *args, unsigned int op,
                        uint64_t start);

memop_fn_t memop_reservation, memop_exchange;
memop_fn_t memop_add_to_physmap, memop_add_to_physmap_batch, memop_remove_from_physmap;

/*
 * DOMID_SELF or a domain ID -> the domain (NULL if none or dying); another
 * domain than the caller's is held (domain_get) until memop_put().
 */
struct domain *memop_get(struct vcpu *v, domid_t domid);
void memop_put(struct vcpu *v, struct domain *d);
/* Xen's XSM_TARGET default: @caller acts on itself, or is the control domain. */
bool memop_may_target(struct domain *caller, const struct domain *d);
/* Largest extent order @caller may use (Xen x86: 9 for a domU, 18 for the control domain). */
unsigned int memop_max_order(const struct domain *caller);
/* Encode a continuation resuming @op at extent @at; returns -ERESTART. */
long memop_continue(struct hypercall_args *args, unsigned int op, uint64_t at);

#endif
