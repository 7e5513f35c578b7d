/* SPDX-License-Identifier: MIT */
/*
 * Event channels: event_channel_op (hypercall 32) takes (cmd, arg) with
 * arg pointing at the sub-op's structure; Xen's numbers and layouts
 * (xen/include/public/event_channel.h).  IN fields are read, OUT fields
 * written back on success.  Both ABIs are described: 2-level (bitmaps in
 * shared_info) and FIFO (a control block per vCPU plus event-word pages).
 */
#ifndef PUBLIC_EVENT_CHANNEL_H
#define PUBLIC_EVENT_CHANNEL_H

#include <stddef.h>
#include <stdint.h>
#include "xen.h"

#define EVTCHNOP_bind_interdomain  0    /* struct evtchn_bind_interdomain */
#define EVTCHNOP_bind_virq         1    /* struct evtchn_bind_virq */
#define EVTCHNOP_bind_pirq         2    /* struct evtchn_bind_pirq */
#define EVTCHNOP_close             3    /* struct evtchn_close */
#define EVTCHNOP_send              4    /* struct evtchn_send */
#define EVTCHNOP_status            5    /* struct evtchn_status */
#define EVTCHNOP_alloc_unbound     6    /* struct evtchn_alloc_unbound */
#define EVTCHNOP_bind_ipi          7    /* struct evtchn_bind_ipi */
#define EVTCHNOP_bind_vcpu         8    /* struct evtchn_bind_vcpu */
#define EVTCHNOP_unmask            9    /* struct evtchn_unmask */
#define EVTCHNOP_reset            10    /* struct evtchn_reset */
#define EVTCHNOP_init_control     11    /* struct evtchn_init_control (FIFO) */
#define EVTCHNOP_expand_array     12    /* struct evtchn_expand_array (FIFO) */
#define EVTCHNOP_set_priority     13    /* struct evtchn_set_priority (FIFO) */

typedef uint32_t evtchn_port_t;

/* Allocate a port in @dom for @remote_dom to bind later. */
struct evtchn_alloc_unbound {
    domid_t dom, remote_dom;            /* IN (dom: DOMID_SELF or, for control, any) */
    evtchn_port_t port;                 /* OUT */
};

/* Connect to a port @remote_dom allocated for us. */
struct evtchn_bind_interdomain {
    domid_t remote_dom;                 /* IN */
    evtchn_port_t remote_port;          /* IN */
    evtchn_port_t local_port;           /* OUT */
};

struct evtchn_bind_virq {
    uint32_t virq;                      /* IN: VIRQ_* (xen.h) */
    uint32_t vcpu;                      /* IN */
    evtchn_port_t port;                 /* OUT */
};

struct evtchn_bind_pirq {
    uint32_t pirq;                      /* IN */
#define BIND_PIRQ__WILL_SHARE 1
    uint32_t flags;                     /* IN: BIND_PIRQ__* */
    evtchn_port_t port;                 /* OUT */
};

struct evtchn_bind_ipi {
    uint32_t vcpu;                      /* IN */
    evtchn_port_t port;                 /* OUT */
};

struct evtchn_close {
    evtchn_port_t port;                 /* IN */
};

struct evtchn_send {
    evtchn_port_t port;                 /* IN */
};

#define EVTCHNSTAT_closed       0       /* not in use */
#define EVTCHNSTAT_unbound      1       /* waiting for the remote end to bind */
#define EVTCHNSTAT_interdomain  2       /* connected to another domain */
#define EVTCHNSTAT_pirq         3       /* bound to a physical IRQ */
#define EVTCHNSTAT_virq         4       /* bound to a virtual IRQ */
#define EVTCHNSTAT_ipi          5       /* bound to an IPI */

struct evtchn_status {
    domid_t dom;                        /* IN */
    evtchn_port_t port;                 /* IN */
    uint32_t status;                    /* OUT: EVTCHNSTAT_* */
    uint32_t vcpu;                      /* OUT: vCPU notified */
    union {
        struct { domid_t dom; } unbound;
        struct { domid_t dom; evtchn_port_t port; } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;                                /* OUT, by status */
};

struct evtchn_bind_vcpu {
    evtchn_port_t port;                 /* IN */
    uint32_t vcpu;                      /* IN */
};

struct evtchn_unmask {
    evtchn_port_t port;                 /* IN */
};

struct evtchn_reset {
    domid_t dom;                        /* IN: DOMID_SELF or (control) any */
};

/* FIFO ABI: register vCPU @vcpu's control block at @control_gfn + @offset. */
struct evtchn_init_control {
    uint64_t control_gfn;               /* IN */
    uint32_t offset;                    /* IN: within the page, 8-byte aligned */
    uint32_t vcpu;                      /* IN */
    uint8_t link_bits;                  /* OUT: EVTCHN_FIFO_LINK_BITS */
    uint8_t _pad[7];
};

/* FIFO ABI: add one more page of event words. */
struct evtchn_expand_array {
    uint64_t array_gfn;                 /* IN */
};

struct evtchn_set_priority {
    evtchn_port_t port;                 /* IN */
    uint32_t priority;                  /* IN: EVTCHN_FIFO_PRIORITY_MAX..MIN */
};

/* The old multiplexed form (event_channel_op_compat, hypercall 16). */
struct evtchn_op {
    uint32_t cmd;                       /* EVTCHNOP_* */
    union {
        struct evtchn_alloc_unbound alloc_unbound;
        struct evtchn_bind_interdomain bind_interdomain;
        struct evtchn_bind_virq bind_virq;
        struct evtchn_bind_pirq bind_pirq;
        struct evtchn_bind_ipi bind_ipi;
        struct evtchn_close close;
        struct evtchn_send send;
        struct evtchn_status status;
        struct evtchn_bind_vcpu bind_vcpu;
        struct evtchn_unmask unmask;
    } u;
};

/* 2-level ABI: 64 selector bits x 64 bits per word (xen_ulong_t squared x 64). */
#define EVTCHN_2L_NR_CHANNELS (8 * 8 * 64)

/* FIFO ABI. */
#define EVTCHN_FIFO_PRIORITY_MAX      0     /* highest */
#define EVTCHN_FIFO_PRIORITY_DEFAULT  7
#define EVTCHN_FIFO_PRIORITY_MIN     15
#define EVTCHN_FIFO_MAX_QUEUES (EVTCHN_FIFO_PRIORITY_MIN + 1)

/*
 * An event word: a 17-bit link to the next port in its queue, and flag
 * bits.  Guest and hypervisor update words with atomic operations only
 * (the guest clears PENDING and MASKED, the hypervisor sets PENDING and
 * LINKED; BUSY marks a word the hypervisor is relinking).
 */
typedef uint32_t event_word_t;

#define EVTCHN_FIFO_PENDING 31
#define EVTCHN_FIFO_MASKED  30
#define EVTCHN_FIFO_LINKED  29
#define EVTCHN_FIFO_BUSY    28

#define EVTCHN_FIFO_LINK_BITS 17
#define EVTCHN_FIFO_LINK_MASK ((1u << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS (1u << EVTCHN_FIFO_LINK_BITS)

/* Per vCPU: one bit per non-empty queue, and each queue's head port. */
struct evtchn_fifo_control_block {
    uint32_t ready;
    uint32_t _rsvd;
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];
};

_Static_assert(sizeof(evtchn_port_t) == 4, "evtchn_port_t");
_Static_assert(sizeof(struct evtchn_alloc_unbound) == 8, "alloc_unbound");
_Static_assert(offsetof(struct evtchn_alloc_unbound, port) == 4, "alloc_unbound.port");
_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12, "bind_interdomain");
_Static_assert(offsetof(struct evtchn_bind_interdomain, remote_port) == 4, "remote_port");
_Static_assert(sizeof(struct evtchn_bind_virq) == 12, "bind_virq");
_Static_assert(sizeof(struct evtchn_bind_pirq) == 12, "bind_pirq");
_Static_assert(sizeof(struct evtchn_bind_ipi) == 8, "bind_ipi");
_Static_assert(sizeof(struct evtchn_close) == 4, "close");
_Static_assert(sizeof(struct evtchn_send) == 4, "send");
_Static_assert(sizeof(struct evtchn_status) == 24, "status");
_Static_assert(offsetof(struct evtchn_status, port) == 4, "status.port");
_Static_assert(offsetof(struct evtchn_status, u) == 16, "status.u");
_Static_assert(offsetof(struct evtchn_status, u.interdomain.port) == 20, "status.u.port");
_Static_assert(sizeof(struct evtchn_bind_vcpu) == 8, "bind_vcpu");
_Static_assert(sizeof(struct evtchn_unmask) == 4, "unmask");
_Static_assert(sizeof(struct evtchn_reset) == 2, "reset");
_Static_assert(sizeof(struct evtchn_init_control) == 24, "init_control");
_Static_assert(offsetof(struct evtchn_init_control, link_bits) == 16, "link_bits");
_Static_assert(sizeof(struct evtchn_expand_array) == 8, "expand_array");
_Static_assert(sizeof(struct evtchn_set_priority) == 8, "set_priority");
_Static_assert(sizeof(struct evtchn_op) == 28, "evtchn_op");
_Static_assert(sizeof(struct evtchn_fifo_control_block) == 72, "fifo control block");
_Static_assert(offsetof(struct evtchn_fifo_control_block, head) == 8, "fifo head");

#endif
