/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * GNTTABOP_map_grant_ref + GNTTABOP_unmap_grant_ref of one of our own
 * grants (the domain is both granter and mapper, as tests/guests/gt-self
 * does; Xen 4.17 allows it for dom0).  Grant table v1, one shared frame at
 * GT_GFN_BASE; the mapping goes to a free GFN of the window above 4 GiB.
 *
 * Xen 4.17 takes a page of one's own away from its old GFN when it is
 * grant-mapped elsewhere, and unmapping leaves both GFNs empty.  So before
 * every sample (untimed) the granted GFN is released and populated again
 * and the entry re-filled: every timed map+unmap starts from the same
 * state on both hypervisors.
 */
#include "bench.h"
#include "gnttab.h"

#define MAP_REF     GT_FIRST_REF
#define SELF_DOMID  0                   /* the benchmark runs as dom0 on both */

static uint8_t granted[4096] __attribute__((aligned(4096)));

static long one_page(unsigned int cmd)
{
    uint64_t gfn = GFN(granted);
    struct xen_memory_reservation r = {
        .extent_start = (uint64_t)&gfn, .nr_extents = 1, .extent_order = 0,
        .domid = DOMID_SELF,
    };

    return HYPERVISOR_memory_op(cmd, &r);
}

void bench_map_before(void)
{
    long rc;

    one_page(XENMEM_decrease_reservation);      /* 0 when the GFN is already empty */
    rc = one_page(XENMEM_populate_physmap);
    if (rc != 1)
        bench_fail("XENMEM_populate_physmap (map setup)", rc);
    gt_grant(MAP_REF, SELF_DOMID, GFN(granted), false);
}

static long map_unmap(void)
{
    grant_handle_t h = ~0u;
    int16_t st = gt_map(SELF_DOMID, MAP_REF, gt_free_gfn(0), GNTMAP_host_map, &h);

    if (st != GNTST_okay)
        return st;
    return gt_unmap(h, gt_free_gfn(0));
}

long bench_map_setup(void)
{
    long rc;

    gt_window_init();
    rc = gt_add_frame(0, GT_GFN_BASE);
    if (rc)
        return rc;
    bench_map_before();
    return map_unmap();
}

void bench_map_run(void)
{
    long rc = map_unmap();

    if (rc)
        bench_fail("GNTTABOP_map/unmap_grant_ref", rc);
}
