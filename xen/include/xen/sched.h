/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Domains and vCPUs (xen/common/domain.c, vcpu.c) and the scheduler
 * interface (xen/common/sched.c).
 *
 * Execution model: every physical CPU runs its idle loop; the scheduler
 * picks a runnable vCPU and calls arch_vcpu_run(v), which enters the guest
 * and handles exits in a loop until the vCPU blocks, is paused or its time
 * slice ends (a softirq asks for a reschedule), then returns to the
 * scheduler.  There is no stack switching: a vCPU's whole state lives in
 * struct vcpu (and the vendor's VMCB/VMCS), never on a hypervisor stack.
 *
 * Locking: d->lock protects the domain's lists and counters; the run queue
 * lock of a CPU protects v->processor's queue links and v->runstate.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <asm/domain.h>

#define MAX_VIRT_CPUS       128     /* per domain */
#define DOMID_FIRST_RESERVED 0x7ff0
#define DOMID_SELF          0x7ff0
#define DOMID_IDLE          0x7fff

typedef uint16_t domid_t;

/* Xen's shutdown reasons (public/sched.h SHUTDOWN_*). */
#define SHUTDOWN_poweroff   0
#define SHUTDOWN_reboot     1
#define SHUTDOWN_suspend    2
#define SHUTDOWN_crash      3
#define SHUTDOWN_watchdog   4

/* Xen's runstates (public/vcpu.h RUNSTATE_*). */
#define RUNSTATE_running    0
#define RUNSTATE_runnable   1
#define RUNSTATE_blocked    2
#define RUNSTATE_offline    3

/* v->pause_flags bits: any set bit keeps the vCPU off the CPUs. */
#define VPF_blocked         (1u << 0)   /* HLT / SCHEDOP_block: waits for an event */
#define VPF_down            (1u << 1)   /* not brought up yet, or taken down */

struct domain;

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    unsigned int processor;         /* pCPU it runs on / is queued on */
    unsigned long pause_flags;      /* VPF_* (atomic bit ops) */
    int pause_count;                /* vcpu_pause() nesting (atomic) */
    int runstate;                   /* RUNSTATE_* (run queue lock) */
    s_time_t runstate_entry_time;   /* when it entered that runstate */
    s_time_t runstate_time[4];      /* total ns spent in each runstate */
    bool is_running;                /* on a pCPU right now */
    struct vcpu *rq_next;           /* run queue link (run queue lock) */
    struct timer slice_timer;       /* ends the time slice */
    struct arch_vcpu arch;          /* guest registers, vendor state */
};

struct domain {
    domid_t domain_id;
    bool is_privileged;             /* the control domain (dom0) */
    bool is_dying;                  /* being destroyed: no new vCPUs or memory */
    bool is_shutting_down;          /* shutdown requested, reason in shutdown_code */
    int shutdown_code;              /* SHUTDOWN_*, -1 if none */
    int pause_count;                /* domain_pause() nesting (atomic) */
    spinlock_t lock;                /* page list, counters */
    unsigned long tot_pages;        /* pages owned (lock) */
    unsigned long max_pages;        /* limit on tot_pages */
    struct page_info *page_list;    /* pages owned, linked by page_info.next (lock) */
    unsigned int max_vcpus;
    struct vcpu **vcpu;             /* [max_vcpus], NULL where not created */
    char name[32];                  /* for logs: "d1" or the configured name */
    struct domain *next_in_list;    /* global domain list (domlist_lock) */
    struct arch_domain arch;        /* p2m, CPUID policy, debug console buffer */
    uint64_t hypercall_count[64];   /* per hypercall number (NR_HYPERCALLS), racy counts */
};

/* The vCPU running on this pCPU, or NULL in the idle loop. */
struct vcpu *current_vcpu(void);

/* Create a domain with @max_vcpus (no vCPU created yet) and a page limit. */
struct domain *domain_create(domid_t domid, bool privileged, unsigned int max_vcpus,
                             unsigned long max_pages);
/* Create vCPU @id of @d on pCPU @cpu, initially down (VPF_down). */
struct vcpu *vcpu_create(struct domain *d, unsigned int id, unsigned int cpu);
/*
 * Tear @d down completely: stop its vCPUs, free every page it owns and all
 * hypervisor memory allocated for it.  After it returns @d is gone.
 */
void domain_destroy(struct domain *d);
/*
 * Record a shutdown (SHUTDOWN_*), print it as Xen does ("Domain 1 shutdown:
 * reason poweroff" style), take all vCPUs off the CPUs and then destroy the
 * domain (boot-time domains have no toolstack to do it later).  Safe to call
 * from the domain's own vCPU context: destruction is deferred (softirq)
 * until none of its vCPUs is running.
 */
void domain_shutdown(struct domain *d, int reason);
/* A fatal guest error: print why (with the vCPU state) and shut down as crash. */
void domain_crash(struct domain *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct domain *domain_lookup(domid_t domid);     /* NULL if none */

/* Pages for a domain: accounted in tot_pages (NULL over max_pages or when exhausted). */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order);
void free_domheap_pages(struct page_info *pg, unsigned int order);

/* Scheduler. */
void vcpu_wake(struct vcpu *v);             /* clear VPF_blocked and queue if runnable */
void vcpu_block(struct vcpu *v);            /* set VPF_blocked; takes effect at next exit check */
void vcpu_up(struct vcpu *v);               /* clear VPF_down */
void vcpu_pause(struct vcpu *v);            /* stop it (waits until it is off its pCPU) */
void vcpu_unpause(struct vcpu *v);
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
bool vcpu_runnable(const struct vcpu *v);
/* True when the running vCPU should return to the scheduler (checked by the run loop). */
bool vcpu_should_yield(const struct vcpu *v);
void sched_init(void);                      /* boot CPU, after time_init */
/* The scheduler loop of this pCPU; never returns (replaces the plain idle loop). */
void __attribute__((noreturn)) schedule_loop(void);

#endif
