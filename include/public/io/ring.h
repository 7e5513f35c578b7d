/* SPDX-License-Identifier: MIT */
/*
 * Shared request/response rings for split drivers, compatible with Xen's
 * io/ring.h: a page starts with a 64-byte header (producer indices and
 * event thresholds for both directions) followed by a power-of-two number
 * of slots, each a union of one request and one response.  Indices are
 * free-running 32-bit counters; a slot is index & (size - 1).
 *
 *   DEFINE_RING_TYPES(blkif, struct blkif_request, struct blkif_response);
 *
 * defines struct blkif_sring (the shared page), struct blkif_front_ring and
 * struct blkif_back_ring (each end's private state) and their _t typedefs.
 *
 * Notification protocol: a producer publishes entries, then the producer
 * index (write barrier between), then (full barrier) checks the consumer's
 * event threshold: it notifies when the threshold lies in the range it just
 * published.  A consumer that runs out of work sets the threshold to one
 * past what it consumed and re-checks (RING_FINAL_CHECK_FOR_*), so no
 * notification is lost.
 *
 * Barriers default to C11 fences; define xen_mb/xen_rmb/xen_wmb first to
 * use your own.
 */
#ifndef PUBLIC_IO_RING_H
#define PUBLIC_IO_RING_H

#include <stddef.h>
#include <stdint.h>

#ifndef xen_mb
#define xen_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#ifndef xen_rmb
#define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#endif
#ifndef xen_wmb
#define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#endif

typedef uint32_t RING_IDX;

#define XEN_RING_HEADER_SIZE 64         /* bytes before ring[0] */

/*
 * The largest power of two <= x (0 for 0), as a constant expression:
 * OR-ing every right shift sets all bits below the top one; the top bit
 * is then that value minus its own half.
 */
#define XEN_RING_SMEAR(x) \
    ((x) | (x) >> 1 | (x) >> 2 | (x) >> 3 | (x) >> 4 | (x) >> 5 | (x) >> 6 | \
     (x) >> 7 | (x) >> 8 | (x) >> 9 | (x) >> 10 | (x) >> 11 | (x) >> 12 |   \
     (x) >> 13 | (x) >> 14 | (x) >> 15 | (x) >> 16 | (x) >> 17 | (x) >> 18 | \
     (x) >> 19 | (x) >> 20 | (x) >> 21 | (x) >> 22 | (x) >> 23 | (x) >> 24 | \
     (x) >> 25 | (x) >> 26 | (x) >> 27 | (x) >> 28 | (x) >> 29 | (x) >> 30 | \
     (x) >> 31)
#define XEN_RING_POW2_FLOOR(x) \
    ((uint32_t)XEN_RING_SMEAR((uint32_t)(x)) - ((uint32_t)XEN_RING_SMEAR((uint32_t)(x)) >> 1))

/* Slots of ring type @name in @bytes of shared memory (constant expression). */
#define __CONST_RING_SIZE(name, bytes)                                        \
    XEN_RING_POW2_FLOOR(((bytes) - offsetof(struct name##_sring, ring)) /     \
                        sizeof(((struct name##_sring *)0)->ring[0]))

/* The same for a shared ring pointer @s (used by the *_INIT macros). */
#define __RING_SIZE(s, bytes)                                                 \
    XEN_RING_POW2_FLOOR(((bytes) - ((const char *)(s)->ring - (const char *)(s))) / \
                        sizeof((s)->ring[0]))

#define DEFINE_RING_TYPES(name, req_t, rsp_t)                                 \
union name##_sring_entry {                                                    \
    req_t req;                                                                \
    rsp_t rsp;                                                                \
};                                                                            \
struct name##_sring {                                                         \
    RING_IDX req_prod, req_event;                                             \
    RING_IDX rsp_prod, rsp_event;                                             \
    union {                                                                   \
        struct { uint8_t smartpoll_active; } netif;                           \
        struct { uint8_t msg; } tapif_user;                                   \
        uint8_t pvt_pad[4];                                                   \
    } pvt;                                                                    \
    uint8_t __pad[44];                                                        \
    union name##_sring_entry ring[1];   /* really as many as fit */           \
};                                                                            \
struct name##_front_ring {                                                    \
    RING_IDX req_prod_pvt;              /* requests produced, not pushed */   \
    RING_IDX rsp_cons;                  /* responses consumed */              \
    unsigned int nr_ents;                                                     \
    struct name##_sring *sring;                                               \
};                                                                            \
struct name##_back_ring {                                                     \
    RING_IDX rsp_prod_pvt;              /* responses produced, not pushed */  \
    RING_IDX req_cons;                  /* requests consumed */               \
    unsigned int nr_ents;                                                     \
    struct name##_sring *sring;                                               \
};                                                                            \
typedef struct name##_sring name##_sring_t;                                   \
typedef struct name##_front_ring name##_front_ring_t;                         \
typedef struct name##_back_ring name##_back_ring_t

/* Initialise the shared header (the front end does this once). */
#define SHARED_RING_INIT(s) do {                                              \
    (s)->req_prod = (s)->rsp_prod = 0;                                        \
    (s)->req_event = (s)->rsp_event = 1;                                      \
    memset((s)->pvt.pvt_pad, 0, sizeof((s)->pvt.pvt_pad));                    \
    memset((s)->__pad, 0, sizeof((s)->__pad));                                \
} while (0)

#define FRONT_RING_ATTACH(r, s, idx, bytes) do {                              \
    (r)->req_prod_pvt = (idx);                                                \
    (r)->rsp_cons = (idx);                                                    \
    (r)->nr_ents = __RING_SIZE(s, bytes);                                     \
    (r)->sring = (s);                                                         \
} while (0)
#define FRONT_RING_INIT(r, s, bytes) FRONT_RING_ATTACH(r, s, 0, bytes)
#define XEN_FRONT_RING_INIT(r, s, bytes) do {                                 \
    SHARED_RING_INIT(s);                                                      \
    FRONT_RING_INIT(r, s, bytes);                                             \
} while (0)

#define BACK_RING_ATTACH(r, s, idx, bytes) do {                               \
    (r)->rsp_prod_pvt = (idx);                                                \
    (r)->req_cons = (idx);                                                    \
    (r)->nr_ents = __RING_SIZE(s, bytes);                                     \
    (r)->sring = (s);                                                         \
} while (0)
#define BACK_RING_INIT(r, s, bytes) BACK_RING_ATTACH(r, s, 0, bytes)

#define RING_SIZE(r) ((r)->nr_ents)

/* Front end: slots free for new requests; full when none. */
#define RING_FREE_REQUESTS(r) (RING_SIZE(r) - ((r)->req_prod_pvt - (r)->rsp_cons))
#define RING_FULL(r) (RING_FREE_REQUESTS(r) == 0)

#define XEN_RING_NR_UNCONSUMED_RESPONSES(r) ((r)->sring->rsp_prod - (r)->rsp_cons)
/*
 * Back end: requests waiting, never more than there is room to answer (a
 * hostile front end may publish a bogus producer index).
 */
#define XEN_RING_NR_UNCONSUMED_REQUESTS(r) ({                                 \
    RING_IDX req_ = (r)->sring->req_prod - (r)->req_cons;                     \
    RING_IDX room_ = RING_SIZE(r) - ((r)->req_cons - (r)->rsp_prod_pvt);      \
    req_ < room_ ? req_ : room_;                                              \
})
#define RING_HAS_UNCONSUMED_RESPONSES(r) XEN_RING_NR_UNCONSUMED_RESPONSES(r)
#define RING_HAS_UNCONSUMED_REQUESTS(r)  XEN_RING_NR_UNCONSUMED_REQUESTS(r)

#define RING_GET_REQUEST(r, idx)  (&(r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].req)
#define RING_GET_RESPONSE(r, idx) (&(r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].rsp)

/* Copy an entry out of shared memory once (the other end may change it). */
#define RING_COPY_REQUEST(r, idx, dst) \
    (*(dst) = *(volatile __typeof__(dst))RING_GET_REQUEST(r, idx))
#define RING_COPY_RESPONSE(r, idx, dst) \
    (*(dst) = *(volatile __typeof__(dst))RING_GET_RESPONSE(r, idx))

/* Sanity checks on indices coming from the other end. */
#define RING_REQUEST_CONS_OVERFLOW(r, cons) (((cons) - (r)->rsp_prod_pvt) >= RING_SIZE(r))
#define RING_REQUEST_PROD_OVERFLOW(r, prod) (((prod) - (r)->rsp_prod_pvt) > RING_SIZE(r))
#define RING_RESPONSE_PROD_OVERFLOW(r, prod) (((prod) - (r)->rsp_cons) > RING_SIZE(r))

#define RING_PUSH_REQUESTS(r) do {                                            \
    xen_wmb();                          /* entries before the index */        \
    (r)->sring->req_prod = (r)->req_prod_pvt;                                 \
} while (0)
#define RING_PUSH_RESPONSES(r) do {                                           \
    xen_wmb();                                                                \
    (r)->sring->rsp_prod = (r)->rsp_prod_pvt;                                 \
} while (0)

/* Notify when the other end's event threshold is within (old, new]. */
#define XEN_RING_CROSSED(new_, old_, event_) \
    ((RING_IDX)((new_) - (event_)) < (RING_IDX)((new_) - (old_)))

#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(r, notify) do {                   \
    RING_IDX old_ = (r)->sring->req_prod;                                     \
    RING_IDX new_ = (r)->req_prod_pvt;                                        \
    xen_wmb();                                                                \
    (r)->sring->req_prod = new_;                                              \
    xen_mb();                           /* index visible before reading event */ \
    (notify) = XEN_RING_CROSSED(new_, old_, (r)->sring->req_event);           \
} while (0)
#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(r, notify) do {                  \
    RING_IDX old_ = (r)->sring->rsp_prod;                                     \
    RING_IDX new_ = (r)->rsp_prod_pvt;                                        \
    xen_wmb();                                                                \
    (r)->sring->rsp_prod = new_;                                              \
    xen_mb();                                                                 \
    (notify) = XEN_RING_CROSSED(new_, old_, (r)->sring->rsp_event);           \
} while (0)

/* Out of work: ask to be notified of the next entry, then look once more. */
#define RING_FINAL_CHECK_FOR_REQUESTS(r, work) do {                           \
    (work) = RING_HAS_UNCONSUMED_REQUESTS(r);                                 \
    if (work)                                                                 \
        break;                                                                \
    (r)->sring->req_event = (r)->req_cons + 1;                                \
    xen_mb();                                                                 \
    (work) = RING_HAS_UNCONSUMED_REQUESTS(r);                                 \
} while (0)
#define RING_FINAL_CHECK_FOR_RESPONSES(r, work) do {                          \
    (work) = RING_HAS_UNCONSUMED_RESPONSES(r);                                \
    if (work)                                                                 \
        break;                                                                \
    (r)->sring->rsp_event = (r)->rsp_cons + 1;                                \
    xen_mb();                                                                 \
    (work) = RING_HAS_UNCONSUMED_RESPONSES(r);                                \
} while (0)

#endif
