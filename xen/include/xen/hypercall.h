/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypercall table (hypercalls/table.c) and its handlers.  A handler
 * gets the calling vCPU and the arguments already decoded from the guest's
 * registers (zero-extended for 32-bit guests; arguments beyond the table's
 * count are zero).  It copies in, calls the mechanism in xen/common, copies
 * out, and returns a value for the guest's RAX (negative errno on error).
 *
 * Continuations: a handler that has done part of a long job updates
 * args->a[] to describe the rest and returns -ERESTART; the entry code
 * writes the arguments back to the guest's registers and sets
 * v->arch.hcall_preempted, so the vendor does not advance RIP and the
 * guest re-executes the hypercall instruction (as Xen does for HVM).
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>

struct vcpu;
struct domain;

#define NR_HYPERCALLS       64      /* table size (Xen's NR_hypercalls) */
#define HYPERCALL_MAX_ARGS  5

struct hypercall_args {
    uint64_t a[HYPERCALL_MAX_ARGS];
};

typedef long hypercall_fn_t(struct vcpu *v, struct hypercall_args *args);

enum hypercall_caller {
    HC_ANY,                         /* every domain */
    HC_CONTROL,                     /* the control domain only (else -EPERM) */
};

struct hypercall_desc {
    hypercall_fn_t *fn;             /* NULL: an empty slot (-ENOSYS) */
    const char *name;
    uint8_t nargs;
    uint8_t caller;                 /* enum hypercall_caller */
};

extern const struct hypercall_desc hypercall_table[NR_HYPERCALLS];

/*
 * Check @nr against the table, count it for the domain, check who may
 * call it, zero unused arguments and call the handler.
 */
long hypercall_dispatch(struct vcpu *v, uint64_t nr, struct hypercall_args *args);
/* May @d make the hypercall @h? */
bool hypercall_permitted(const struct hypercall_desc *h, const struct domain *d);
struct guest_regs;
/* Arguments from the registers of a 64-bit (@is64) or 32-bit caller. */
void hypercall_decode_args(const struct guest_regs *r, bool is64,
                           struct hypercall_args *args);
/* Arguments the table declares for @nr (0 for empty slots / out of range). */
unsigned int hypercall_nargs(uint64_t nr);
/* Print @d's non-zero per-hypercall counters on one line (for the 'p' key). */
void hypercall_dump_counts(const struct domain *d);

/* Handlers (hypercalls/<name>.c). */
hypercall_fn_t do_xen_version, do_console_io, do_sched_op;
hypercall_fn_t do_multicall, do_vm_assist;                          /* abi */
hypercall_fn_t do_hvm_op;                                           /* hvmop */
hypercall_fn_t do_vcpu_op, do_set_timer_op;                    /* vcpu */
hypercall_fn_t do_event_channel_op;                             /* evtchn */
hypercall_fn_t do_grant_table_op;                               /* gnttab */
hypercall_fn_t do_platform_op, do_physdev_op;                   /* linux */
hypercall_fn_t do_domctl, do_sysctl;                             /* isolation */

/* mem */
hypercall_fn_t do_memory_op;

/*
 * Should a long hypercall stop here and continue later (-ERESTART)?  True
 * when this CPU has softirqs pending (timer, scheduler, wake-up kicks).
 */
bool hypercall_preempt_check(void);
/* XENVER_get_features submap 0 for @d (hypercalls/xen_version.c). */
uint32_t xen_features_submap0(const struct domain *d);

#endif
