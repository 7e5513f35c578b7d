/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ev-order: delivery order and masking in one domain (runs as dom0 on Xen
 * 4.17 too).  An IPI port to ourselves: each send arrives exactly once;
 * three sends on a masked port deliver nothing until EVTCHNOP_unmask, then
 * exactly one event; an event whose pending bit the guest clears while
 * masked is not delivered on unmask; a loopback interdomain channel
 * (alloc_unbound for ourselves, bind_interdomain to it) delivers at the
 * other end; VIRQ_TIMER through VCPUOP_set_singleshot_timer arrives as one
 * event; send on an unbound port is dropped (0).  "fifo" selects FIFO.
 */
#include "evtchn.h"

#define SETTLE_NS 5000000ull            /* time for a stray event to show up */

static volatile unsigned long rx[EV_MAX_PORTS];

static void on_event(evtchn_port_t port)
{
    if (port < EV_MAX_PORTS)
        rx[port]++;
}

static void check_ipi(evtchn_port_t p)
{
    for (unsigned long i = 1; i <= 50; i++) {
        long rc = ev_send(p);

        if (rc)
            expect(false, "send %lu on the IPI port: %ld", i, rc);
        if (!ev_wait(&rx[p], i, SETTLE_NS * 100) || rx[p] != i)
            expect(false, "IPI event %lu: rx %lu", i, rx[p]);
    }
    ev_delay(SETTLE_NS);
    expect(rx[p] == 50, "50 IPI sends, 50 events: %lu", rx[p]);
}

static void check_masked(evtchn_port_t p)
{
    unsigned long base = rx[p];

    ev_mask(p);
    for (int i = 0; i < 3; i++)
        ev_send(p);
    ev_delay(SETTLE_NS);
    expect(rx[p] == base, "masked: 3 sends, no delivery (%lu)", rx[p] - base);
    expect(ev_pending(p), "masked: the port is pending");
    expect_rc(ev_unmask(p), 0, "EVTCHNOP_unmask");
    ev_wait(&rx[p], base + 1, SETTLE_NS * 100);
    ev_delay(SETTLE_NS);
    expect(rx[p] == base + 1, "unmask delivers exactly once: %lu", rx[p] - base);
    expect(!ev_pending(p), "pending cleared by the handler");

    base = rx[p];
    ev_mask(p);
    ev_send(p);
    ev_delay(SETTLE_NS);
    expect(ev_pending(p), "masked send sets pending");
    ev_clear_pending(p);
    expect_rc(ev_unmask(p), 0, "EVTCHNOP_unmask after clearing pending");
    ev_delay(SETTLE_NS);
    expect(rx[p] == base, "pending cleared by the guest is not redelivered: %lu",
           rx[p] - base);
    ev_send(p);
    ev_wait(&rx[p], base + 1, SETTLE_NS * 100);
    expect(rx[p] == base + 1, "and the port works again: %lu", rx[p] - base);
}

static void check_loopback(void)
{
    evtchn_port_t a, b;
    struct evtchn_status st;

    expect_rc(ev_alloc_unbound(DOMID_SELF, DOMID_SELF, &a), 0, "alloc_unbound for ourselves");
    rx[a] = 0;                          /* port numbers are reused */
    expect_rc(ev_send(a), 0, "send on an unbound port (dropped)");
    expect_rc(ev_bind_interdomain(DOMID_SELF, a, &b), 0, "bind_interdomain to it");
    /* Xen sets the binding end pending (notifications lost while unbound) */
    ev_wait(&rx[b], 1, SETTLE_NS * 10);
    expect(rx[b] == 1 && rx[a] == 0, "bind_interdomain notifies the local port once (%lu, %lu)",
           rx[b], rx[a]);
    rx[b] = 0;
    expect_rc(ev_status(DOMID_SELF, b, &st), 0, "status of the bound end");
    expect(st.status == EVTCHNSTAT_interdomain && st.u.interdomain.port == a,
           "bound end: interdomain to port %u (%u, %u)", a, st.status, st.u.interdomain.port);
    ev_send(a);
    ev_wait(&rx[b], 1, SETTLE_NS * 100);
    ev_send(b);
    ev_wait(&rx[a], 1, SETTLE_NS * 100);
    ev_delay(SETTLE_NS);
    expect(rx[a] == 1 && rx[b] == 1, "loopback: one event each way (%lu, %lu)", rx[a], rx[b]);
    expect_rc(ev_close(a), 0, "close one end");
    expect_rc(ev_state(b), EVTCHNSTAT_unbound, "the other end is unbound again");
    expect_rc(ev_close(b), 0, "close the other end");
}

static void check_timer(void)
{
    evtchn_port_t t;
    struct vcpu_set_singleshot_timer s = { 0 };

    expect_rc(ev_bind_virq(VIRQ_TIMER, 0, &t), 0, "bind_virq VIRQ_TIMER");
    rx[t] = 0;
    expect_rc(ev_state(t), EVTCHNSTAT_virq, "status: virq");
    s.timeout_abs_ns = ev_now_ns() + 2000000;
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &s), 0,
              "VCPUOP_set_singleshot_timer +2 ms");
    expect(ev_wait(&rx[t], 1, 1000000000), "VIRQ_TIMER arrived");
    ev_delay(SETTLE_NS);
    expect(rx[t] == 1, "VIRQ_TIMER exactly once: %lu", rx[t]);
    expect_rc(ev_close(t), 0, "close the VIRQ_TIMER port");
}

void main(void)
{
    evtchn_port_t ipi;

    hctest_init("ev-order");
    ev_init(on_event);
    expect_rc(ev_bind_ipi(0, &ipi), 0, "bind_ipi vCPU 0");
    expect_rc(ev_state(ipi), EVTCHNSTAT_ipi, "status: ipi");
    check_ipi(ipi);
    check_masked(ipi);
    expect_rc(ev_close(ipi), 0, "close the IPI port");
    expect_rc(ev_send(ipi), E(EINVAL), "send on the closed port");
    check_loopback();
    check_timer();
    expect(ev_upcalls > 0, "%s ABI: %lu upcalls", ev_abi(), ev_upcalls);
    test_end();
}
