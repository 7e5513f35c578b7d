/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ev-close: closing an interdomain channel from either side (two domains).
 * Domain 0 offers ports P (1) and Q (2) to domain 1, which binds both; Q
 * carries the handshakes.  Step A: d1 closes its end of P -> d1's port is
 * closed (send -> -EINVAL) and d0's P is unbound again, remote d1 (send ->
 * 0, dropped).  Step B: d1 binds P again; d0 closes P -> d0's P is closed
 * (send -> -EINVAL) and d1's end is unbound, remote d0 (send -> 0); d1
 * closes it.  Last, d0 closes Q and d1 sees its end unbound.  "fifo"
 * selects the FIFO ABI.
 */
#include "evtchn.h"

#define TIMEOUT_NS 5000000000ull

static volatile unsigned long rx[64];
static evtchn_port_t q;                 /* our end of the handshake channel */
static unsigned long q_seen;

static void on_event(evtchn_port_t port)
{
    if (port < ARRAY_SIZE(rx))
        rx[port]++;
}

static void q_wait(const char *what)
{
    if (!ev_wait(&rx[q], ++q_seen, TIMEOUT_NS))
        test_failure("no handshake event: %s", what);
}

static void expect_unbound(evtchn_port_t p, domid_t remote, const char *who)
{
    struct evtchn_status st;

    expect_rc(ev_status(DOMID_SELF, p, &st), 0, "%s: status", who);
    expect(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == remote,
           "%s: unbound, remote d%u (status %u, remote %u)", who, remote, st.status,
           st.u.unbound.dom);
}

static void dom0(void)
{
    evtchn_port_t p;

    expect_rc(ev_alloc_unbound(DOMID_SELF, 1, &p), 0, "offer P to d1");
    expect_rc(ev_alloc_unbound(DOMID_SELF, 1, &q), 0, "offer Q to d1");
    expect(p == 1 && q == 2, "P, Q are ports 1, 2 (%u, %u)", p, q);
    q_wait("d1 bound");
    expect_rc(ev_state(p), EVTCHNSTAT_interdomain, "d0: P is interdomain");
    ev_send(q);
    q_wait("d1 closed its end of P");
    expect_unbound(p, 1, "d0: P after d1 closed its end");
    expect_rc(ev_send(p), 0, "d0: send on P while unbound (dropped)");
    ev_send(q);
    q_wait("d1 bound P again");
    expect_rc(ev_state(p), EVTCHNSTAT_interdomain, "d0: P is interdomain again");
    expect_rc(ev_close(p), 0, "d0: close P");
    expect_rc(ev_state(p), EVTCHNSTAT_closed, "d0: P is closed");
    expect_rc(ev_send(p), E(EINVAL), "d0: send on closed P");
    ev_send(q);
    q_wait("d1 done");
    expect_rc(ev_close(q), 0, "d0: close Q");
    test_end();
}

static void dom1(void)
{
    evtchn_port_t lp, lp2;
    uint64_t end = ev_now_ns() + TIMEOUT_NS;

    while (ev_bind_interdomain(0, 2, &q)) {
        if (ev_now_ns() > end)
            test_failure("d0 never offered port 2");
        ev_yield();
    }
    expect_rc(ev_bind_interdomain(0, 1, &lp), 0, "d1: bind d0's P");
    ev_delay(20000000);                 /* bind notifications (Xen sends one per bind) */
    rx[q] = rx[lp] = 0;
    ev_send(q);
    q_wait("d0 saw P bound");
    expect_rc(ev_close(lp), 0, "d1: close our end of P");
    expect_rc(ev_state(lp), EVTCHNSTAT_closed, "d1: our end is closed");
    expect_rc(ev_send(lp), E(EINVAL), "d1: send on our closed end");
    ev_send(q);
    q_wait("d0 saw P unbound");
    expect_rc(ev_bind_interdomain(0, 1, &lp2), 0, "d1: bind P again");
    expect(lp2 == lp, "d1: the same local port (%u, %u)", lp2, lp);
    ev_send(q);
    q_wait("d0 closed P");
    expect_unbound(lp2, 0, "d1: our end after d0 closed P");
    expect_rc(ev_send(lp2), 0, "d1: send on our unbound end (dropped)");
    expect_rc(ev_close(lp2), 0, "d1: close it");
    ev_send(q);
    end = ev_now_ns() + TIMEOUT_NS;
    while (ev_state(q) != EVTCHNSTAT_unbound && ev_now_ns() < end)
        ev_yield();
    expect_unbound(q, 0, "d1: Q after d0 closed it");
    expect_rc(ev_close(q), 0, "d1: close Q");
    test_end();
}

void main(void)
{
    hctest_init("ev-close");
    ev_init(on_event);
    if (my_domid() == 0)
        dom0();
    else
        dom1();
}
