/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FIFO event-channel ABI internals (xen/common/event_fifo*.c).  The entry
 * points the core calls are declared in xen/event.h; this header is the
 * FIFO files' shared bookkeeping and the small guest-memory interface that
 * host unit tests replace (tests/unit/test_evtchn_fifo.c).
 *
 * Per vCPU: a control block in guest memory (READY word + 16 queue heads)
 * and, per priority, a queue whose tail only the hypervisor knows.  Per
 * domain: up to EVTCHN_FIFO_MAX_ARRAY_PAGES guest pages of event words.
 *
 * Locking: d->evtchn.lock serialises init_control/expand_array/destroy and
 * the (re)raising they do; each queue has a lock that covers its tail and
 * the linking of an event onto it; the port ops are called with the
 * channel's own lock held (event.h), which keeps chn->last_* stable,
 * except that an interdomain send's set_pending holds the sending
 * channel's lock instead (so set_pending rechecks chn->last_* under the
 * old queue's lock, the lock they change under).  destroy waits for all of those
 * (evtchn_wait_port_ops) before it unpins and frees anything.
 * Pinned frame numbers are written under d->physmap_lock, the lock under
 * which physmap release asks evtchn_fifo_frame_pinned().
 */
#ifndef XEN_EVENT_FIFO_H
#define XEN_EVENT_FIFO_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/mm.h>
#include <public/event_channel.h>

struct domain;

#define EVTCHN_FIFO_WORDS_PER_PAGE  (PAGE_SIZE / sizeof(event_word_t))
#define EVTCHN_FIFO_MAX_ARRAY_PAGES (EVTCHN_FIFO_NR_CHANNELS / EVTCHN_FIFO_WORDS_PER_PAGE)

struct evtchn_fifo_queue {
    spinlock_t lock;
    uint32_t *head;                 /* in the guest's control block */
    uint32_t tail;                  /* last port linked (0: none known) */
    uint8_t priority;
};

struct evtchn_fifo_vcpu {
    struct evtchn_fifo_control_block *cb;   /* NULL until init_control for this vCPU */
    unsigned long cb_mfn;                   /* pinned frame, INVALID_MFN if none */
    struct evtchn_fifo_queue queue[EVTCHN_FIFO_MAX_QUEUES];
};

struct evtchn_fifo_domain {
    event_word_t *array[EVTCHN_FIFO_MAX_ARRAY_PAGES];
    unsigned long array_mfn[EVTCHN_FIFO_MAX_ARRAY_PAGES];  /* pinned frames */
    unsigned int nr_pages;          /* pages in array[] */
    unsigned int nr_ports;          /* ports with an event word: nr_pages * WORDS_PER_PAGE */
    unsigned int nr_vcpus;          /* entries in vcpu[] (d->max_vcpus) */
    struct evtchn_fifo_vcpu *vcpu;  /* [nr_vcpus] */
};

/* The event word of @port, or NULL if it has none (yet). */
event_word_t *evtchn_fifo_word(const struct domain *d, uint32_t port);

/*
 * Guest memory (event_fifo_map.c; tests provide their own).  Pin: under
 * physmap_lock, check @gfn is writable RAM @d owns, store its frame in
 * *@slot (so physmap release keeps it) and return its hypervisor mapping;
 * NULL if it is not such a frame.  Unpin: forget *@slot (INVALID_MFN).
 */
void *evtchn_fifo_pin_frame(struct domain *d, uint64_t gfn, unsigned long *slot);
void evtchn_fifo_unpin_frame(struct domain *d, unsigned long *slot);

#endif
