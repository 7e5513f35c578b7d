/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * FIFO event-channel ABI: the port ops (struct evtchn_port_ops) over the
 * guest's event words and per-vCPU queues (see xen/event_fifo.h for the
 * data and locking).  Event word protocol (public/event_channel.h): the
 * hypervisor sets PENDING and LINKED and writes LINK of a LINKED word; the
 * guest clears PENDING, MASKED and LINKED (with LINK), and only clears
 * MASKED while BUSY is clear.  So relinking a tail word needs a
 * compare-exchange loop that at most a handful of guest changes can
 * disturb once BUSY is set.  Control block, event setup and teardown:
 * event_fifo_ctl.c.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/event_fifo.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define W_PENDING (1u << EVTCHN_FIFO_PENDING)
#define W_MASKED  (1u << EVTCHN_FIFO_MASKED)
#define W_LINKED  (1u << EVTCHN_FIFO_LINKED)
#define W_BUSY    (1u << EVTCHN_FIFO_BUSY)

static struct evtchn_fifo_domain *fifo_of(const struct domain *d)
{
    return __atomic_load_n(&d->evtchn.fifo, __ATOMIC_ACQUIRE);
}

event_word_t *evtchn_fifo_word(const struct domain *d, uint32_t port)
{
    struct evtchn_fifo_domain *f = fifo_of(d);

    /* nr_ports is published after the page pointer (expand_array). */
    if (!f || port >= __atomic_load_n(&f->nr_ports, __ATOMIC_ACQUIRE))
        return NULL;
    return f->array[port / EVTCHN_FIFO_WORDS_PER_PAGE] + port % EVTCHN_FIFO_WORDS_PER_PAGE;
}

static bool word_test(const event_word_t *w, event_word_t bit)
{
    return __atomic_load_n(w, __ATOMIC_ACQUIRE) & bit;
}

/* Set @bit; was it already set? */
static bool word_test_and_set(event_word_t *w, event_word_t bit)
{
    return __atomic_fetch_or(w, bit, __ATOMIC_SEQ_CST) & bit;
}

static void word_clear(event_word_t *w, event_word_t bit)
{
    __atomic_fetch_and(w, ~bit, __ATOMIC_SEQ_CST);
}

/* One attempt to set LINK of *@word to @link: 1 done, 0 not LINKED, -EAGAIN raced. */
static int try_set_link(event_word_t *word, event_word_t *seen, uint32_t link)
{
    event_word_t new;

    if (!(*seen & W_LINKED))
        return 0;
    new = (*seen & ~(W_BUSY | EVTCHN_FIFO_LINK_MASK)) | link;
    if (__atomic_compare_exchange_n(word, seen, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
        return 1;
    return -EAGAIN;                         /* *seen holds the fresh value */
}

/*
 * Link the tail word to @link iff it is still LINKED (the guest may have
 * consumed it, which empties the queue).  BUSY stops the guest unmasking,
 * leaving set/clear MASKED, clear PENDING and clear LINKED as the only
 * guest changes: four retries suffice for a conforming guest; after that
 * (a hostile one) we treat it as linked and the guest loses the event.
 */
static bool set_link(const struct domain *d, event_word_t *word, uint32_t link)
{
    event_word_t seen = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    int rc = try_set_link(word, &seen, link);

    if (rc >= 0)
        return rc;
    __atomic_fetch_or(word, W_BUSY, __ATOMIC_SEQ_CST);
    seen = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    for (unsigned int i = 0; i < 4; i++) {
        rc = try_set_link(word, &seen, link);
        if (rc >= 0) {
            if (rc == 0)
                word_clear(word, W_BUSY);
            return rc;
        }
    }
    printk(XENLOG_WARNING "d%u: FIFO event %u not linked (word keeps changing)\n",
           d->domain_id, link);
    word_clear(word, W_BUSY);
    return true;
}

static struct evtchn_fifo_queue *queue_of(struct evtchn_fifo_domain *f, unsigned int vcpu,
                                          unsigned int prio)
{
    return &f->vcpu[vcpu].queue[prio];
}

/* Lock @a and @b (maybe equal) in address order. */
static void lock_two(struct evtchn_fifo_queue *a, struct evtchn_fifo_queue *b)
{
    if (a == b) {
        spin_lock(&a->lock);
    } else if (a < b) {
        spin_lock(&a->lock);
        spin_lock(&b->lock);
    } else {
        spin_lock(&b->lock);
        spin_lock(&a->lock);
    }
}

static void unlock_two(struct evtchn_fifo_queue *a, struct evtchn_fifo_queue *b)
{
    if (a != b)
        spin_unlock(&b->lock);
    spin_unlock(&a->lock);
}

/*
 * Append @port (just marked LINKED) to @q; true if it went behind a still
 * linked tail, false if @q was empty and @port became its head.
 */
static bool link_onto(const struct domain *d, struct evtchn_fifo_queue *q, uint32_t port)
{
    bool linked = false;

    /* port == tail: the queue emptied, but tail's word now reads LINKED. */
    if (q->tail && q->tail != port) {
        event_word_t *tw = evtchn_fifo_word(d, q->tail);

        if (tw)
            linked = set_link(d, tw, port);
    }
    if (!linked)
        __atomic_store_n(q->head, port, __ATOMIC_RELEASE);
    q->tail = port;
    return linked;
}

/* The queue @chn was last linked on (@v's, at @prio, if it names none). */
static struct evtchn_fifo_queue *last_queue(struct evtchn_fifo_domain *f,
                                            const struct evtchn *chn,
                                            unsigned int vcpu, unsigned int prio)
{
    uint16_t last_vcpu = __atomic_load_n(&chn->last_vcpu_id, __ATOMIC_RELAXED);
    uint8_t last_prio = __atomic_load_n(&chn->last_priority, __ATOMIC_RELAXED);

    return queue_of(f, last_vcpu < f->nr_vcpus ? last_vcpu : vcpu,
                    last_prio <= EVTCHN_FIFO_PRIORITY_MIN ? last_prio : prio);
}

/*
 * Lock @q and the queue @chn was last linked on; that one, or NULL if it
 * kept changing.  chn->last_* change only with their queue's lock held, but
 * an interdomain send raises without the receiving channel's lock, so two
 * raises of one port can race: the old queue is looked up again under its
 * lock until it is still the one chn->last_* name (as Xen does, 3 tries).
 */
static struct evtchn_fifo_queue *lock_with_last(struct evtchn_fifo_domain *f,
                                                struct evtchn_fifo_queue *q,
                                                const struct evtchn *chn, unsigned int vcpu)
{
    for (unsigned int tries = 0; tries < 3; tries++) {
        struct evtchn_fifo_queue *old_q = last_queue(f, chn, vcpu, q->priority);

        lock_two(q, old_q);
        if (last_queue(f, chn, vcpu, q->priority) == old_q)
            return old_q;
        unlock_two(q, old_q);
    }
    return NULL;
}

/*
 * Raise @chn on @v's queue for its priority.  If it is still linked on its
 * last queue (other vCPU or priority), that queue is locked too: its tail
 * may be this port and must then be forgotten, else a later link onto the
 * old queue would write into this word and corrupt the new queue.
 */
static void fifo_set_pending(struct vcpu *v, struct evtchn *chn)
{
    struct domain *d = v->domain;
    struct evtchn_fifo_domain *f = fifo_of(d);
    event_word_t *word = evtchn_fifo_word(d, chn->port);
    struct evtchn_fifo_queue *q, *old_q;
    unsigned int prio = __atomic_load_n(&chn->priority, __ATOMIC_RELAXED);
    bool linked = true;

    if (!word) {
        chn->fifo_pending = true;           /* raised again when its page arrives */
        return;
    }
    if (v->vcpu_id >= f->nr_vcpus || prio > EVTCHN_FIFO_PRIORITY_MIN)
        return;
    q = queue_of(f, v->vcpu_id, prio);
    old_q = lock_with_last(f, q, chn, v->vcpu_id);
    if (!old_q) {
        printk(XENLOG_WARNING "d%u: FIFO event %u lost: its queue kept changing\n",
               d->domain_id, chn->port);
        return;
    }
    if (!f->vcpu[v->vcpu_id].cb) {
        /* The guest must not unmask before its control block exists: drop it. */
        printk(XENLOG_WARNING "d%u v%u: FIFO event %u without a control block\n",
               d->domain_id, v->vcpu_id, chn->port);
        goto unlock;
    }
    word_test_and_set(word, W_PENDING);
    if (word_test(word, W_MASKED) || word_test_and_set(word, W_LINKED))
        goto unlock;
    if (old_q->tail == chn->port)
        old_q->tail = 0;
    __atomic_store_n(&chn->last_vcpu_id, v->vcpu_id, __ATOMIC_RELAXED);
    __atomic_store_n(&chn->last_priority, q->priority, __ATOMIC_RELAXED);
    linked = link_onto(d, q, chn->port);
 unlock:
    unlock_two(q, old_q);
    if (!linked &&
        !(__atomic_fetch_or(&f->vcpu[v->vcpu_id].cb->ready, 1u << q->priority,
                            __ATOMIC_SEQ_CST) & (1u << q->priority)))
        vcpu_mark_events_pending(v);
}

static void fifo_clear_pending(struct domain *d, struct evtchn *chn)
{
    event_word_t *word = evtchn_fifo_word(d, chn->port);

    chn->fifo_pending = false;
    if (word)
        word_clear(word, W_PENDING);
}

static void fifo_unmask(struct domain *d, struct evtchn *chn)
{
    event_word_t *word = evtchn_fifo_word(d, chn->port);

    if (!word || chn->notify_vcpu_id >= d->max_vcpus || !d->vcpu[chn->notify_vcpu_id])
        return;
    word_clear(word, W_MASKED);
    if (word_test(word, W_PENDING))
        fifo_set_pending(d->vcpu[chn->notify_vcpu_id], chn);
}

static bool fifo_is_pending(const struct domain *d, const struct evtchn *chn)
{
    const event_word_t *word = evtchn_fifo_word(d, chn->port);

    return word && word_test(word, W_PENDING);
}

/* A port without an event word cannot be delivered: it counts as masked. */
static bool fifo_is_masked(const struct domain *d, const struct evtchn *chn)
{
    const event_word_t *word = evtchn_fifo_word(d, chn->port);

    return !word || word_test(word, W_MASKED);
}

static bool fifo_is_busy(const struct domain *d, const struct evtchn *chn)
{
    const event_word_t *word = evtchn_fifo_word(d, chn->port);

    return word && word_test(word, W_LINKED);
}

/* Takes effect the next time the event is linked. */
static int fifo_set_priority(struct domain *d, struct evtchn *chn, unsigned int priority)
{
    (void)d;
    if (priority > EVTCHN_FIFO_PRIORITY_MIN)
        return -EINVAL;
    chn->priority = priority;
    return 0;
}

static void fifo_print_state(const struct domain *d, const struct evtchn *chn)
{
    const event_word_t *word = evtchn_fifo_word(d, chn->port);
    event_word_t w;

    if (!word) {
        printk(" fifo: no word%s", chn->fifo_pending ? " (pending)" : "");
        return;
    }
    w = __atomic_load_n(word, __ATOMIC_RELAXED);
    printk(" fifo: P%u M%u L%u B%u link=%u prio=%u", !!(w & W_PENDING), !!(w & W_MASKED),
           !!(w & W_LINKED), !!(w & W_BUSY), w & EVTCHN_FIFO_LINK_MASK, chn->priority);
}

const struct evtchn_port_ops evtchn_port_ops_fifo = {
    .set_pending = fifo_set_pending,
    .clear_pending = fifo_clear_pending,
    .unmask = fifo_unmask,
    .is_pending = fifo_is_pending,
    .is_masked = fifo_is_masked,
    .is_busy = fifo_is_busy,
    .set_priority = fifo_set_priority,
    .print_state = fifo_print_state,
};
