/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The measured operations (bench.h), public ABI only.  Every one is a
 * plain VM exit or hypercall of vCPU 0:
 *  - xen_version(XENVER_version): the null hypercall;
 *  - CPUID leaf 0, RDMSR of APIC_BASE, IN from an unclaimed port (ioport=,
 *    default 0x21: not ours to emulate, and denied to a PVH dom0 by Xen, so
 *    it exits on both): the exit paths;
 *  - EVTCHNOP_send on a masked IPI port bound to ourselves (pending is
 *    cleared, untimed, before each send), then the same port unmasked with
 *    interrupts on: send + upcall + handler + EOI + IRET until the handler
 *    has counted it;
 *  - SCHEDOP_yield (nothing else runnable on our pCPU);
 *  - GNTTABOP_copy of 4 KiB between two of our own frames (by GFN, no
 *    grant references needed for one's own memory);
 *  - GNTTABOP_map_grant_ref + unmap_grant_ref of one of our own grants
 *    (grant_map.c);
 *  - XENMEM_decrease_reservation then XENMEM_populate_physmap of one page.
 */
#include "bench.h"
#include <public/grant_table.h>

#define PORT_IO_DEFAULT 0x21
#define MSR_READ        MSR_APIC_BASE

static uint16_t io_port;
static evtchn_port_t ipi_port;
static volatile unsigned long upcalls_seen;
static uint8_t copy_src[4096] __attribute__((aligned(4096)));
static uint8_t copy_dst[4096] __attribute__((aligned(4096)));
static uint8_t balloon_page[4096] __attribute__((aligned(4096)));

static void on_event(evtchn_port_t port)
{
    if (port == ipi_port)
        upcalls_seen++;
}

/* ---- exits ---- */

static void op_xen_version(void)
{
    long rc = HYPERVISOR_xen_version(XENVER_version, NULL);

    if (rc < 0)
        bench_fail("xen_version", rc);
}

static void op_cpuid(void)
{
    (void)cpuid(0);
}

static long setup_io(void)
{
    io_port = (uint16_t)cmdline_ulong("ioport", PORT_IO_DEFAULT);
    (void)inb(io_port);                 /* ours logs the first access: keep it out */
    return 0;
}

static void op_io(void)
{
    (void)inb(io_port);
}

static long setup_msr(void)
{
    uint64_t v;

    return rdmsr_safe(MSR_READ, &v) ? -VEC_GP : 0;
}

static void op_msr(void)
{
    (void)rdmsr(MSR_READ);
}

/* ---- event channels ---- */

void bench_events_init(void)
{
    static bool done;

    if (!done)
        ev_init(on_event);
    done = true;
}

static long setup_evtchn(void)
{
    if (ipi_port)
        return 0;
    bench_events_init();
    return ev_bind_ipi(0, &ipi_port);
}

static void before_send(void)
{
    ev_mask(ipi_port);
    ev_clear_pending(ipi_port);
}

static void op_send(void)
{
    long rc = ev_send(ipi_port);

    if (rc)
        bench_fail("EVTCHNOP_send", rc);
}

static void before_round_trip(void)
{
    ev_clear_pending(ipi_port);
    ev_clear_mask(ipi_port);
}

static void op_round_trip(void)
{
    unsigned long want = upcalls_seen + 1;
    long rc = ev_send(ipi_port);

    if (rc)
        bench_fail("EVTCHNOP_send", rc);
    for (unsigned long spin = 0; upcalls_seen < want; spin++)
        if (spin > 100000000ul) {
            bench_fail("event round trip: no upcall", 0);
            break;
        }
}

/* ---- scheduler ---- */

static void op_yield(void)
{
    long rc = HYPERVISOR_sched_op(SCHEDOP_yield, NULL);

    if (rc)
        bench_fail("SCHEDOP_yield", rc);
}

/* ---- grant copy ---- */

static long do_copy(void)
{
    struct gnttab_copy c = {
        .source = { .u.gmfn = GFN(copy_src), .domid = DOMID_SELF },
        .dest = { .u.gmfn = GFN(copy_dst), .domid = DOMID_SELF },
        .len = 4096,
    };
    long rc = hypercall5(__HYPERVISOR_grant_table_op, GNTTABOP_copy, (unsigned long)&c, 1,
                         0, 0);

    return rc ? rc : c.status;
}

static long setup_copy(void)
{
    long rc;

    memset(copy_src, 0x5a, sizeof(copy_src));
    rc = do_copy();
    if (rc)
        return rc;
    return memcmp(copy_src, copy_dst, sizeof(copy_dst)) ? -1 : 0;
}

static void op_copy(void)
{
    long rc = do_copy();

    if (rc)
        bench_fail("GNTTABOP_copy", rc);
}

/* ---- memory_op ---- */

static long reservation(unsigned int cmd)
{
    uint64_t gfn = GFN(balloon_page);
    struct xen_memory_reservation r = {
        .extent_start = (uint64_t)&gfn, .nr_extents = 1, .extent_order = 0,
        .domid = DOMID_SELF,
    };

    return HYPERVISOR_memory_op(cmd, &r);
}

static long setup_balloon(void)
{
    long rc = reservation(XENMEM_decrease_reservation);

    if (rc != 1)
        return rc < 0 ? rc : -1;
    rc = reservation(XENMEM_populate_physmap);
    return rc == 1 ? 0 : rc < 0 ? rc : -1;
}

static void op_balloon(void)
{
    long rc = reservation(XENMEM_decrease_reservation);

    if (rc != 1)
        bench_fail("XENMEM_decrease_reservation", rc);
    rc = reservation(XENMEM_populate_physmap);
    if (rc != 1)
        bench_fail("XENMEM_populate_physmap", rc);
}

const struct bench_op bench_ops[] = {
    { "null_hypercall", "null hypercall (xen_version)", NULL, NULL, op_xen_version },
    { "cpuid", "CPUID exit (leaf 0)", NULL, NULL, op_cpuid },
    { "io_port", "I/O port exit (IN, unclaimed port)", setup_io, NULL, op_io },
    { "msr_read", "MSR read exit (APIC_BASE)", setup_msr, NULL, op_msr },
    { "evtchn_send", "EVTCHNOP_send to self (masked)", setup_evtchn, before_send, op_send },
    { "event_round_trip", "event round trip to self (upcall run)", setup_evtchn,
      before_round_trip, op_round_trip },
    { "sched_yield", "SCHEDOP_yield", NULL, NULL, op_yield },
    { "gnttab_copy", "GNTTABOP_copy 4 KiB within the domain", setup_copy, NULL, op_copy },
    { "gnttab_map", "GNTTABOP_map + unmap of own grant", bench_map_setup, bench_map_before,
      bench_map_run },
    { "memory_op", "memory_op release + populate 1 page", setup_balloon, NULL, op_balloon },
};
const unsigned int bench_nr_ops = ARRAY_SIZE(bench_ops);
