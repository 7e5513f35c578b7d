/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Domains and vCPUs (xen/common/domain.c, vcpu.c, domheap.c) and the
 * scheduler interface (xen/common/sched.c; the policy behind it is in
 * xen/include/xen/sched-if.h).
 *
 * Execution model: every physical CPU runs schedule_loop(); it runs pending
 * softirqs, picks a runnable vCPU and calls hvm_ops->run_once(v) (enter the
 * guest, handle one exit) until vcpu_should_yield(v): the vCPU blocked, was
 * paused, or a softirq is pending (time slice end, a wake-up kick, timers).
 * Softirqs always run with no vCPU current.  There is no stack switching: a
 * vCPU's whole state lives in struct vcpu (and the vendor's VMCB/VMCS),
 * never on a hypervisor stack.
 *
 * Locking: domlist_lock protects the domain list; d->lock protects the
 * domain's page list and counters; the run queue lock of v->processor
 * protects v's queue links, v->is_running, v->runstate* and v->sched;
 * v->processor changes (migration) only with both pCPUs' run queue locks
 * held, so vcpu_schedule_lock() re-checks it after locking.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/cpumask.h>
#include <xen/vcpu_op.h>
#include <xen/event.h>
#include <asm/domain.h>
#include <public/xen.h>

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
#define NR_RUNSTATES        4

/* v->pause_flags bits: any set bit keeps the vCPU off the CPUs. */
#define VPF_blocked         (1u << 0)   /* HLT / SCHEDOP_block: waits for an event */
#define VPF_down            (1u << 1)   /* not brought up yet, or taken down */

/* vcpu_create(): place vCPU k of domain d on online CPU (d + k) mod n. */
#define VCPU_CPU_ANY        (~0u)

struct domain;

/*
 * Scheduling-policy state of a vCPU (xen/sched-if.h; run queue lock of
 * v->processor).  Round-robin uses none of it but the affinity.
 */
struct sched_vcpu {
    cpumask_t affinity;             /* hard affinity: pCPUs it may run on */
    s_time_t credit;                /* ns of CPU it may still use (credit; may be < 0) */
    s_time_t run_start;             /* when it was picked (credit burn) */
    int prio;                       /* SCHED_PRI_* */
    bool parked;                    /* over its cap: queued but not picked until refill */
    bool active;                    /* competes for credit this period */
    bool yield;                     /* SCHEDOP_yield: let the others go first */
    bool woke;                      /* queued by a wake-up from blocked (boost) */
    struct vcpu *res_next, *res_prev; /* every vCPU placed on this pCPU */
};

/* Per-domain scheduling parameters (set before its vCPUs are created). */
struct sched_domain {
    unsigned int weight;            /* relative share; 0 means the default, 256 */
    unsigned int cap;               /* % of one pCPU for the whole domain, 0 = none */
    cpumask_t affinity;             /* hard affinity of its vCPUs; empty = any pCPU */
};

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    unsigned int processor;         /* pCPU it runs on / is queued on (changes only
                                       with the old and new run queue locks held) */
    unsigned long pause_flags;      /* VPF_* (atomic bit ops) */
    int pause_count;                /* vcpu_pause() nesting (atomic) */
    int runstate;                   /* RUNSTATE_* (run queue lock) */
    s_time_t runstate_entry_time;   /* when it entered that runstate */
    s_time_t runstate_time[NR_RUNSTATES]; /* total ns spent in each runstate */
    bool is_running;                /* on a pCPU right now (run queue lock to set) */
    unsigned int in_loop_on;        /* 1 + the pCPU running it in schedule_loop, or 0 */
    unsigned int sched_refs;        /* pCPUs between picking it and being done (atomic) */
    bool on_runq;                   /* queued on v->processor (run queue lock) */
    struct vcpu *rq_next, *rq_prev; /* run queue links (run queue lock) */
    struct sched_vcpu sched;        /* policy state (run queue lock) */
    /* vcpu_info placement (xen/shared.h; changed under domain's physmap_lock). */
    struct vcpu_info *vcpu_info;    /* registered location; NULL: the default one */
    unsigned long vcpu_info_mfn;    /* the registered (pinned) guest frame */
    struct vcpu_info vcpu_info_dummy; /* default of vCPUs >= XEN_LEGACY_MAX_VCPUS */
    struct arch_vcpu arch;          /* guest registers, vendor state */
    struct vcpu_op_state vop;       /* vcpu_op: init state, guest areas, timers */
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
    struct page_info *page_list;    /* block heads owned, linked by page_info.next/prev (lock) */
    unsigned int max_vcpus;
    struct vcpu **vcpu;             /* [max_vcpus], NULL where not created */
    char name[32];                  /* for logs: "d1" or the configured name */
    struct domain *next_in_list;    /* global domain list (domlist_lock) */
    struct arch_domain arch;        /* p2m, CPUID policy, debug console buffer */
    /* Memory ABI (xen/shared.h, xen/physmap.h). */
    spinlock_t physmap_lock;        /* p2m changes that unmap, move or free frames; vcpu_info pins */
    struct shared_info *shared_info; /* hypervisor page, zeroed at creation */
    uint64_t shared_info_gfn;       /* where the guest mapped it (physmap_lock), or GFN_NONE */
    struct e820entry *e820;         /* XENMEM_memory_map: the loader's layout (xmalloc) */
    unsigned int nr_e820;
    uint64_t hypercall_count[64];   /* per hypercall number (NR_HYPERCALLS), racy counts */
    unsigned long vm_assist;        /* VMASST_TYPE_* bits (vm_assist hypercall; atomic) */
    uint8_t handle[16];             /* xen_domain_handle_t: UUID from the toolstack (zeros) */
    int hold_count;                 /* domain_get() holds: not destroyed while > 0 (atomic) */
    struct domain_watchdogs wdog;   /* SCHEDOP_watchdog */
    struct evtchn_domain evtchn;    /* event channels (xen/event.h) */
    struct grant_table *grant_table; /* grant tables (xen/grant_table.h) */
    struct sched_domain sched;      /* weight, cap, affinity (boot config) */
};

/* Has @d enabled vm_assist @type (VMASST_TYPE_*, e.g. runstate_update_flag)? */
static inline bool domain_vm_assist(const struct domain *d, unsigned int type)
{
    return type < 64 && ((__atomic_load_n(&d->vm_assist, __ATOMIC_RELAXED) >> type) & 1);
}

#define for_each_vcpu(d, v) \
    for (unsigned int vi_ = 0; vi_ < (d)->max_vcpus; vi_++) \
        if (((v) = (d)->vcpu[vi_]) != NULL)

/* The global domain list, ordered by creation (take domlist_lock to walk it). */
extern spinlock_t domlist_lock;
extern struct domain *domain_list;

/* The vCPU running on this pCPU, or NULL in the scheduler loop/softirqs. */
struct vcpu *current_vcpu(void);

/*
 * Create a domain with room for @max_vcpus (none created yet) and a page
 * limit; it gets its p2m and CPUID policy (hvm_domain_init).  NULL on a bad
 * or used @domid, a bad @max_vcpus, or no memory.
 */
struct domain *domain_create(domid_t domid, bool privileged, unsigned int max_vcpus,
                             unsigned long max_pages);
/*
 * Create vCPU @id of @d on pCPU @cpu (VCPU_CPU_ANY: round-robin over the
 * online CPUs by domain and vCPU ID), initially down (VPF_down) with its VMCB and local APIC
 * (hvm_vcpu_init).  NULL on a bad id, an existing vCPU or no memory.
 */
struct vcpu *vcpu_create(struct domain *d, unsigned int id, unsigned int cpu);
/* Free @v and its vendor/APIC state (domain_destroy; @v must not be running). */
void vcpu_destroy(struct vcpu *v);
/*
 * Tear @d down completely: unlink it, free every page it owns and all
 * hypervisor memory allocated for it, print "d<id>: destroyed, <N> pages
 * freed" (N: the domain's own pages).  None of its vCPUs may be running
 * (domain_shutdown() defers the call until then).  @d is gone afterwards.
 */
void domain_destroy(struct domain *d);
/*
 * Boot-time domains are all built: from now on, when the last domain is
 * destroyed print "All domains ended: <F> pages free (before domains: <B>)"
 * (B: total_free_pages() just before the first domain was created).
 */
void domains_boot_done(void);
/* Take B now if not taken yet (domain_create does it for the first domain). */
void domains_sample_free_pages(void);
/*
 * Record a shutdown (SHUTDOWN_*; the first one wins), print "d<id>:
 * shutdown: <reason>", pause all vCPUs, flush the guest console and then
 * destroy the domain (boot-time domains have no toolstack to do it later).
 * A code stored by SCHEDOP_shutdown_code replaces @reason (not a crash).
 * Safe from the domain's own vCPU context and from any CPU: destruction is
 * deferred to a timer on CPU 0 until none of its vCPUs is running.  An
 * @reason beyond SHUTDOWN_watchdog (from a guest) crashes the domain instead.
 */
void domain_shutdown(struct domain *d, int reason);
/*
 * SCHEDOP_shutdown_code: store @reason (valid SHUTDOWN_*) as the reason of
 * a later shutdown unless a code is already stored.  True if one was
 * already there (then nothing changes).
 */
bool domain_set_shutdown_code(struct domain *d, int reason);
/*
 * A fatal guest error: print "d<id>: crashed: <why>" (and the registers of
 * the current vCPU when it belongs to @d), then shut down as crash.
 */
void domain_crash(struct domain *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct domain *domain_lookup(domid_t domid);     /* NULL if none */
/*
 * Look up @domid and hold it: it is not destroyed (the reaper waits) until
 * domain_put().  NULL if none or already being destroyed.  For work on
 * another domain that may block or take other locks (domain_lookup()'s
 * result may be freed at any time unless the caller is one of its vCPUs).
 */
struct domain *domain_get(domid_t domid);
void domain_put(struct domain *d);
/* Name of a SHUTDOWN_* reason ("poweroff" ...), "?" if out of range. */
const char *shutdown_reason_name(int reason);

/*
 * Pages for a domain, zeroed, owned by @d (page_info.owner of the block
 * head) and accounted in tot_pages.  NULL over max_pages, for a dying
 * domain, or when memory is exhausted.
 */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order);
void free_domheap_pages(struct page_info *pg, unsigned int order);
/*
 * Free the single frame @mfn of @d's memory (wherever it lies in one of
 * @d's blocks: the block is split down to it).  false, and nothing freed,
 * if @mfn is not in a block @d owns.
 */
bool free_domheap_frame(struct domain *d, unsigned long mfn);
/* Free every page @d owns (domain_destroy); returns how many. */
unsigned long domain_relinquish_pages(struct domain *d);

/* Runstate accounting (vcpu.c; run queue lock of v->processor held). */
void vcpu_runstate_change(struct vcpu *v, int new_state, s_time_t now);
/* Time spent in each runstate so far, including the current one. */
void vcpu_runstate_get(struct vcpu *v, s_time_t times[NR_RUNSTATES]);
/* The same, plus the current runstate (returned) and when it was entered. */
int vcpu_runstate_snapshot(struct vcpu *v, s_time_t *entry, s_time_t times[NR_RUNSTATES]);

/* Scheduler. */
void vcpu_wake(struct vcpu *v);             /* clear VPF_blocked and queue if runnable */
/*
 * Set VPF_blocked; the vCPU leaves its pCPU at the next exit check.  The
 * caller re-checks for pending events afterwards and calls vcpu_wake() if
 * one arrived in between (no lost wake-ups).
 */
void vcpu_block(struct vcpu *v);
/* SCHEDOP_yield: the calling vCPU lets the others queued on its pCPU run first. */
void vcpu_yield(struct vcpu *v);
void vcpu_up(struct vcpu *v);               /* clear VPF_down */
void vcpu_down(struct vcpu *v);             /* set VPF_down */
/*
 * Stop @v and wait until it is off its pCPU (never waits for the caller's
 * own vCPU, which stops at its next exit check).  Do not call it from one
 * vCPU on another vCPU of a domain that could do the same (they would wait
 * for each other): use the _nosync forms there.
 */
void vcpu_pause(struct vcpu *v);
void vcpu_pause_nosync(struct vcpu *v);     /* stop it at its next exit check */
void vcpu_unpause(struct vcpu *v);
void domain_pause(struct domain *d);
void domain_pause_nosync(struct domain *d);
void domain_unpause(struct domain *d);
bool vcpu_runnable(const struct vcpu *v);
/* True when the running vCPU should return to the scheduler (checked by the run loop). */
bool vcpu_should_yield(const struct vcpu *v);
/*
 * Is a pCPU between picking @v and being done with it (deschedule charged
 * and published)?  Wider than is_running, which goes false earlier.
 */
static inline bool vcpu_on_pcpu(const struct vcpu *v)
{
    return __atomic_load_n(&v->sched_refs, __ATOMIC_SEQ_CST) != 0;
}
/* Wait up to @timeout ns for @v to be off its pCPU; false if it still runs. */
bool vcpu_wait_descheduled(struct vcpu *v, s_time_t timeout);
/*
 * Scheduling parameters of @d, before its vCPUs are created: @weight (0:
 * default 256), @cap (% of one pCPU, 0: none), hard affinity @cpus (bit n
 * = pCPU n; 0: any).
 */
void sched_domain_config(struct domain *d, unsigned int weight, unsigned int cap,
                         uint64_t cpus);
/* Scheduler side of vcpu_create/destroy: place on a pCPU / take off its queue. */
void sched_insert_vcpu(struct vcpu *v, unsigned int cpu);
void sched_remove_vcpu(struct vcpu *v);
void sched_init(void);                      /* boot CPU, after time_init (presmp initcall) */
/* The scheduler loop of this pCPU; never returns (replaces the plain idle loop). */
void __attribute__((noreturn)) schedule_loop(void);

#endif
