/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Event channels for the ev-* test guests: EVTCHNOP wrappers, shared_info
 * mapped over one of the guest's own RAM pages, the upcall (per-vCPU
 * HVMOP_set_evtchn_upcall_vector, or with "callback" on the command line
 * the global HVM_PARAM_CALLBACK_IRQ vector), and a handler that finds the
 * pending ports the way Linux does: 2-level (upcall_pending,
 * pending_sel, pending & ~mask) or FIFO ("fifo" on the command line:
 * init_control, expand_array, READY bits, queue HEADs and LINKED words;
 * falls back to 2-level when init_control fails).  Only vCPU 0 is used.
 */
#ifndef GUEST_EVTCHN_H
#define GUEST_EVTCHN_H

#include "hctest.h"
#include <public/event_channel.h>

#define EV_VECTOR        0xf3
#define EV_MAX_PORTS     2048        /* ports this library tracks (2 FIFO pages) */

typedef void (*ev_handler_t)(evtchn_port_t port);

/* Map shared_info, pick the ABI, install @fn as the per-port handler. */
void ev_init(ev_handler_t fn);
bool ev_fifo(void);                  /* the FIFO ABI is in use */
const char *ev_abi(void);            /* "FIFO" or "2-level" */
extern volatile struct shared_info *ev_shinfo;
extern volatile unsigned long ev_upcalls;      /* upcall interrupts taken */

static inline long HYPERVISOR_event_channel_op(unsigned long cmd, void *arg)
{
    return hypercall5(__HYPERVISOR_event_channel_op, cmd, (unsigned long)arg, 0, 0, 0);
}
long ev_alloc_unbound(domid_t dom, domid_t remote, evtchn_port_t *port);
long ev_bind_interdomain(domid_t remote, evtchn_port_t rport, evtchn_port_t *port);
long ev_bind_virq(uint32_t virq, uint32_t vcpu, evtchn_port_t *port);
long ev_bind_ipi(uint32_t vcpu, evtchn_port_t *port);
long ev_close(evtchn_port_t port);
long ev_send(evtchn_port_t port);
long ev_unmask(evtchn_port_t port);  /* EVTCHNOP_unmask (re-raises if pending) */
long ev_status(domid_t dom, evtchn_port_t port, struct evtchn_status *st);
/* EVTCHNSTAT_* of our own @port, or the negative error. */
long ev_state(evtchn_port_t port);

/* Guest-side bits of the ABI in use. */
void ev_mask(evtchn_port_t port);
void ev_clear_mask(evtchn_port_t port);  /* locally, no re-raise */
bool ev_pending(evtchn_port_t port);
void ev_clear_pending(evtchn_port_t port);

/* Print the delivery state of @port (a lost event's diagnosis). */
void ev_dump(evtchn_port_t port);

/* ---- time (pvclock of vCPU 0) ---- */
uint64_t ev_now_ns(void);
uint64_t ev_ticks_to_ns(uint64_t ticks);
/*
 * Wait until *@counter >= @target or @timeout_ns passes; halts between
 * checks (the APIC timer bounds each halt).  Returns whether it got there.
 */
bool ev_wait(volatile unsigned long *counter, unsigned long target, uint64_t timeout_ns);
/* Let @ns pass (delivering whatever arrives). */
void ev_delay(uint64_t ns);
void ev_yield(void);

/* A checksummed CPU workload: @n xorshift steps from a fixed seed (victims). */
static inline uint64_t xorshift_work(unsigned long n)
{
    uint64_t s = 0x9e3779b97f4a7c15ull;

    for (unsigned long i = 0; i < n; i++) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
    }
    return s;
}

/* xorshift64*: reproducible from the seed. */
static inline uint64_t prng_next(uint64_t *s)
{
    uint64_t x = *s;

    x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

#endif
