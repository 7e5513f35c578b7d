/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Event channels: the per-domain port table and its state machine
 * (xen/common/event_channel.c), behind which two delivery ABIs sit
 * (2-level: xen/common/event_2l.c; FIFO: xen/common/event_fifo.c), chosen
 * per domain by the guest as in Xen (FIFO once EVTCHNOP_init_control
 * succeeds; the option `evtchn_fifo=0` refuses it so guests stay 2-level).
 *
 * Locking: d->evtchn_lock (a spinlock in struct evtchn_domain) protects
 * the port table layout and state changes; each struct evtchn has its own
 * lock taken for send/mask/unmask.  An interdomain operation takes the two
 * domains' table locks in domain-ID order.  The port ops of a domain run
 * with its table lock or a channel lock held (evtchn_wait_port_ops).
 */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <public/event_channel.h>       /* EVTCHN_FIFO_*, and NR_VIRQS via xen.h */

struct domain;
struct vcpu;
struct evtchn_alloc_unbound;
struct evtchn_bind_interdomain;
struct evtchn_bind_virq;
struct evtchn_bind_ipi;
struct evtchn_status;

#define EVTCHNS_PER_BUCKET      64
#define EVTCHN_2L_NR_PORTS      4096        /* 64 x 64 bits (64-bit guests) */
#define EVTCHN_FIFO_NR_PORTS    EVTCHN_FIFO_NR_CHANNELS
#define MAX_VIRT_CPUS_EVTCHN    128         /* = MAX_VIRT_CPUS (sched.h) */

/* Port states (EVTCHNSTAT_* numbering for the status op is separate). */
enum evtchn_state {
    ECS_FREE = 0,       /* not in use */
    ECS_RESERVED,       /* port 0, never handed out */
    ECS_UNBOUND,        /* waiting for u.unbound.remote_domid to bind */
    ECS_INTERDOMAIN,    /* connected to u.interdomain */
    ECS_PIRQ,           /* physical IRQ (later) */
    ECS_VIRQ,           /* virtual IRQ u.virq */
    ECS_IPI,            /* IPI within the domain */
};

struct evtchn {
    spinlock_t lock;
    uint8_t state;                  /* enum evtchn_state */
    uint8_t priority;               /* FIFO priority (EVTCHN_FIFO_PRIORITY_DEFAULT) */
    uint16_t notify_vcpu_id;        /* vCPU the event is delivered to */
    uint32_t port;
    union {
        struct { uint16_t remote_domid; } unbound;
        struct { struct domain *remote_dom; uint32_t remote_port; } interdomain;
        uint32_t virq;
    } u;
    /* FIFO ABI bookkeeping (event_fifo.c). */
    uint16_t last_vcpu_id;
    uint8_t last_priority;
    bool fifo_pending;              /* raised while the port had no event word */
};

/* A delivery ABI (2-level or FIFO). */
struct evtchn_port_ops {
    /* Mark @chn pending and, if it became deliverable, notify its vCPU. */
    void (*set_pending)(struct vcpu *v, struct evtchn *chn);
    void (*clear_pending)(struct domain *d, struct evtchn *chn);
    /* Unmask; if it is pending, deliver it now. */
    void (*unmask)(struct domain *d, struct evtchn *chn);
    bool (*is_pending)(const struct domain *d, const struct evtchn *chn);
    bool (*is_masked)(const struct domain *d, const struct evtchn *chn);
    /* FIFO only (NULL for 2-level): the port may not be reused while linked. */
    bool (*is_busy)(const struct domain *d, const struct evtchn *chn);
    /* FIFO only: -ENOSYS for 2-level. */
    int (*set_priority)(struct domain *d, struct evtchn *chn, unsigned int priority);
    void (*print_state)(const struct domain *d, const struct evtchn *chn);
};

extern const struct evtchn_port_ops evtchn_port_ops_2l;
extern const struct evtchn_port_ops evtchn_port_ops_fifo;

/* Per-domain event-channel state (embedded in struct domain as d->evtchn). */
struct evtchn_domain {
    spinlock_t lock;
    const struct evtchn_port_ops *ops;  /* 2-level until init_control */
    struct evtchn **buckets;            /* port table, grown in buckets */
    unsigned int nr_ports;              /* ports allocated in the table */
    unsigned int max_ports;             /* limit (option / per domain) */
    uint32_t virq_to_port[MAX_VIRT_CPUS_EVTCHN][NR_VIRQS]; /* [vcpu][virq]; global VIRQs: [0] */
    void *fifo;                         /* struct evtchn_fifo_domain, FIFO ABI only */
    unsigned int nr_buckets;            /* size of buckets[] (covers max_ports) */
    unsigned long poll_mask[MAX_VIRT_CPUS_EVTCHN / 64];  /* vCPUs in SCHEDOP_poll */
    unsigned long poll_wake[MAX_VIRT_CPUS_EVTCHN / 64];  /* woken from it by an event */
};

/* Lifecycle (domain.c calls these). */
int evtchn_domain_init(struct domain *d);
/*
 * Per-domain limit (xl's max_event_channels): ports 1..@highest usable,
 * replacing the max_event_channels= option's value.  Call before the
 * domain runs.  0 or -ENOMEM.
 */
int evtchn_set_max_port(struct domain *d, unsigned int highest);
/* Close every port (telling interdomain peers) and free everything. */
void evtchn_domain_destroy(struct domain *d);

/*
 * FIFO ABI entry points (event_fifo_ctl.c), for the event_channel_op
 * handler and the core.  init_control fills c->link_bits.
 * evtchn_fifo_destroy: put the domain back on 2-level, wait for the port
 * ops still using the FIFO state, then unpin every control block and
 * event-array page and free it (evtchn_domain_destroy and EVTCHNOP_reset
 * call it, table lock held); a no-op for a 2-level domain.
 * evtchn_fifo_frame_pinned: physmap release keeps such a frame (asked
 * under d->physmap_lock).
 */
struct evtchn_init_control;
struct evtchn_expand_array;
int evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *c);
int evtchn_fifo_expand_array(struct domain *d, struct evtchn_expand_array *e);
int evtchn_fifo_set_priority(struct domain *d, uint32_t port, uint32_t priority);
void evtchn_fifo_destroy(struct domain *d);
bool evtchn_fifo_frame_pinned(const struct domain *d, unsigned long mfn);

/* Port lookup: NULL if @port is not a valid allocated port of @d. */
struct evtchn *evtchn_from_port(struct domain *d, uint32_t port);

/*
 * Mark the vCPU's upcall pending (vcpu_info->evtchn_upcall_pending) and, on
 * a 0->1 change, inject the upcall: the per-vCPU vector
 * (HVMOP_set_evtchn_upcall_vector) or else the domain's callback vector
 * (HVM_PARAM_CALLBACK_IRQ, vector type), through the emulated local APIC,
 * waking the vCPU.  Called by the ABIs' set_pending/unmask.
 */
void vcpu_mark_events_pending(struct vcpu *v);

/* Raise a VIRQ: per-vCPU VIRQs (TIMER, DEBUG) and global ones (to the bound vCPU). */
void send_guest_vcpu_virq(struct vcpu *v, uint32_t virq);
void send_guest_global_virq(struct domain *d, uint32_t virq);

/* ---- table internals (event_channel.c) ---- */
extern spinlock_t evtchn_bind_lock;
unsigned int evtchn_abi_limit(const struct domain *d);
unsigned int evtchn_port_limit(const struct domain *d);
int evtchn_get_free_port(struct domain *d);
void evtchn_free(struct domain *d, struct evtchn *chn);
void evtchn_lock_pair(struct domain *a, struct domain *b);
void evtchn_unlock_pair(struct domain *a, struct domain *b);
void evtchn_chn_lock_pair(struct domain *da, struct evtchn *a, struct domain *db,
                          struct evtchn *b, unsigned long *flags);
void evtchn_chn_unlock_pair(struct evtchn *a, struct evtchn *b, unsigned long flags);
/*
 * Wait for the port ops on @d that are under way (table lock held).  Port
 * ops on @d run with d->evtchn.lock held, or the lock of the channel they
 * act on, or (interdomain send) the lock of that channel's peer, and read
 * d->evtchn.ops under it: those that start after this see what the caller
 * changed before it.
 */
void evtchn_wait_port_ops(struct domain *d);

/*
 * Sub-operations (event_ops.c), Xen 4.17's checks and error codes; @ld is
 * the calling domain, @cur its calling vCPU.  0 or a negative errno.
 */
int evtchn_alloc_unbound(struct domain *ld, struct evtchn_alloc_unbound *a);
int evtchn_bind_interdomain(struct domain *ld, struct evtchn_bind_interdomain *b);
int evtchn_bind_virq(struct domain *ld, struct evtchn_bind_virq *b);
int evtchn_bind_ipi(struct domain *ld, struct evtchn_bind_ipi *b);
int evtchn_close(struct domain *ld, uint32_t port);
int evtchn_send(struct domain *ld, uint32_t port);
int evtchn_status(struct domain *ld, struct evtchn_status *s);
int evtchn_bind_vcpu(struct domain *ld, uint32_t port, uint32_t vcpu_id);
int evtchn_unmask(struct domain *ld, uint32_t port);
int evtchn_reset(struct domain *ld, uint16_t dom);
/* Close every port of @d (reset, destruction), telling interdomain peers. */
void evtchn_close_all(struct domain *d);
/* Per-vCPU VIRQs (TIMER, DEBUG, XENOPROF, XENPMU); the rest are global. */
bool virq_is_global(uint32_t virq);

/* Option `evtchn_fifo=0`: refuse init_control (-ENOSYS) so guests stay 2-level. */
extern bool opt_evtchn_fifo;

/* Set @chn (of @d) pending on its notify vCPU through the ABI; wake pollers. */
void evtchn_set_pending_port(struct domain *d, struct evtchn *chn);
/* A callback vector (HVM_PARAM_CALLBACK_IRQ) to inject into @v now, or -1. */
int evtchn_callback_pending(struct vcpu *v);
/* VIRQ_CONSOLE to the control domain (serial input arrived). */
void evtchn_notify_control_domain(void);
/*
 * A global VIRQ to the control domain (domain 0), if it exists and is not
 * dying: VIRQ_DOM_EXC when a domain is destroyed.  Takes domlist_lock.
 */
void send_control_domain_virq(uint32_t virq);

/* SCHEDOP_poll bookkeeping (event_deliver.c): wake vCPUs of @d polling. */
void evtchn_check_pollers(struct domain *d, uint32_t port);

#endif
