/* SPDX-License-Identifier: MIT */
/*
 * The PV console ring page shared between a guest and its console backend
 * (xen/include/public/io/console.h).  The guest writes to out[] and reads
 * from in[]; indices are free-running and masked by the array size.  The
 * page's GFN and event channel reach the guest through HVM_PARAM_CONSOLE_PFN
 * and HVM_PARAM_CONSOLE_EVTCHN (or start_info for PV).
 */
#ifndef PUBLIC_IO_CONSOLE_H
#define PUBLIC_IO_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

/* Index into one of the arrays (both have power-of-two sizes). */
#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
    char in[1024];                      /* backend -> guest */
    char out[2048];                     /* guest -> backend */
    XENCONS_RING_IDX in_cons, in_prod;
    XENCONS_RING_IDX out_cons, out_prod;
};

_Static_assert(sizeof(struct xencons_interface) == 3088, "xencons_interface");
_Static_assert(offsetof(struct xencons_interface, out) == 1024, "xencons out");
_Static_assert(offsetof(struct xencons_interface, in_cons) == 3072, "xencons in_cons");
_Static_assert(offsetof(struct xencons_interface, out_prod) == 3084, "xencons out_prod");

#endif
