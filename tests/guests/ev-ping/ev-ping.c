/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ev-ping: interdomain ping-pong.  Domain 0 allocates an unbound port for
 * domain peer= (default 1); that is the first free port, 1, so the peer
 * binds to (0, 1), retrying with SCHEDOP_yield until the port exists,
 * takes the bind notification (Xen sets the binding end pending) and sends
 * "ready".
 * Domain 0 then sends work= events (default 100000), each after the echo
 * of the previous one arrived; the peer echoes each.  Every event must
 * arrive exactly once (a counter that runs ahead is a duplicate, a wait
 * that times out a lost event).  Domain 0 reports the mean round trip in
 * TSC ticks and ns (pvclock scale) and closes its port.
 * "loopback": one domain plays both ends (runs as dom0 on Xen 4.17).
 * "fifo" selects the FIFO ABI, "callback" the HVM_PARAM_CALLBACK_IRQ upcall.
 */
#include "evtchn.h"

#define TIMEOUT_NS 5000000000ull

static volatile unsigned long rx, rx_loop, bad_port;
static evtchn_port_t my_port, loop_port;

static void on_event(evtchn_port_t port)
{
    if (port == my_port)
        rx++;
    else if (port == loop_port && loop_port)
        rx_loop++;
    else
        bad_port = port ? port : ~0ul;
}

/* "loopback": one domain, both ends its own (a reference figure on Xen). */
static void loopback(unsigned long n)
{
    irq_disable();                      /* the bind notification waits for my_port */
    if (ev_alloc_unbound(DOMID_SELF, DOMID_SELF, &loop_port) ||
        ev_bind_interdomain(DOMID_SELF, loop_port, &my_port))
        test_error("loopback channel");
    irq_enable();
    ev_delay(10000000);                 /* the bind notification */
    rx = rx_loop = 0;
    uint64_t t0 = rdtsc();
    for (unsigned long i = 0; i < n; i++) {
        ev_send(loop_port);
        if (!ev_wait(&rx, i + 1, TIMEOUT_NS) || rx != i + 1)
            test_failure("event %lu: rx %lu", i, rx);
        ev_send(my_port);
        if (!ev_wait(&rx_loop, i + 1, TIMEOUT_NS) || rx_loop != i + 1)
            test_failure("echo %lu: rx %lu", i, rx_loop);
    }
    uint64_t per = n ? (rdtsc() - t0) / n : 0;
    ev_delay(10000000);
    if (rx != n || rx_loop != n || bad_port)
        test_failure("rx %lu/%lu of %lu, stray port %lu", rx, rx_loop, n, bad_port);
    printf("ev-ping: %lu loopback round trips (%s): %lu TSC ticks, %lu ns per round trip\n",
           n, ev_abi(), per, ev_ticks_to_ns(per));
    ev_close(my_port);
    ev_close(loop_port);
    test_success();
}

static void pinger(unsigned long n, domid_t peer)
{
    /* The peer may bind and send "ready" before the hypercall has even
     * returned here: take that event only once my_port says whose it is
     * (it stays pending meanwhile), or the handler counts it as stray. */
    irq_disable();
    if (ev_alloc_unbound(DOMID_SELF, peer, &my_port))
        test_error("alloc_unbound for d%u failed", peer);
    irq_enable();
    printf("ev-ping: port %u offered to d%u\n", my_port, peer);
    uint64_t end = ev_now_ns() + TIMEOUT_NS;
    while (ev_state(my_port) != EVTCHNSTAT_interdomain) {
        if (ev_now_ns() > end)
            test_failure("d%u never bound port %u", peer, my_port);
        ev_yield();
    }
    /* the peer's "ready" event: it sends once its bind notification is in */
    if (!ev_wait(&rx, 1, TIMEOUT_NS)) {
        ev_dump(my_port);
        test_failure("no ready event from d%u (stray port %lu)", peer, bad_port);
    }
    rx = 0;
    uint64_t t0 = rdtsc();
    for (unsigned long i = 0; i < n; i++) {
        if (ev_send(my_port))
            test_failure("send %lu failed", i);
        if (!ev_wait(&rx, i + 1, TIMEOUT_NS)) {
            ev_dump(my_port);
            test_failure("echo %lu lost (rx %lu)", i, rx);
        }
        if (rx != i + 1)
            test_failure("echo %lu: %lu events (duplicate)", i, rx);
    }
    uint64_t ticks = rdtsc() - t0;
    ev_delay(10000000);
    if (rx != n || bad_port)
        test_failure("rx %lu of %lu, stray port %lu", rx, n, bad_port);
    uint64_t per = n ? ticks / n : 0;
    printf("ev-ping: %lu round trips (%s): %lu TSC ticks, %lu ns per round trip\n",
           n, ev_abi(), per, ev_ticks_to_ns(per));
    if (ev_close(my_port))
        test_failure("close");
    test_success();
}

static void echoer(unsigned long n)
{
    uint64_t end = ev_now_ns() + TIMEOUT_NS;
    long rc;

    irq_disable();                      /* the bind notification waits for my_port */
    while ((rc = ev_bind_interdomain(0, 1, &my_port)) != 0) {
        if (ev_now_ns() > end)
            test_failure("bind_interdomain(d0, 1): %ld", rc);
        ev_yield();
    }
    irq_enable();
    /* Xen notifies the binding end once (events lost while unbound) */
    bool notified = ev_wait(&rx, 1, 50000000);
    printf("ev-ping: bound d0 port 1 as port %u, bind notification: %s\n", my_port,
           notified ? "yes" : "no");
    rx = 0;
    ev_send(my_port);                   /* ready */
    for (unsigned long i = 0; i < n; i++) {
        if (!ev_wait(&rx, i + 1, TIMEOUT_NS)) {
            ev_dump(my_port);
            test_failure("ping %lu lost (rx %lu)", i, rx);
        }
        if (rx != i + 1)
            test_failure("ping %lu: %lu events (duplicate)", i, rx);
        if (ev_send(my_port))
            test_failure("echo %lu failed", i);
    }
    ev_delay(10000000);
    if (rx != n || bad_port)
        test_failure("rx %lu of %lu, stray port %lu", rx, n, bad_port);
    printf("ev-ping: echoed %lu events (%s)\n", n, ev_abi());
    ev_close(my_port);
    test_success();
}

void main(void)
{
    unsigned long n = cmdline_ulong("work", 100000);

    hctest_init("ev-ping");
    ev_init(on_event);
    if (cmdline_has("loopback"))
        loopback(n);
    else if (my_domid() == 0)
        pinger(n, (domid_t)cmdline_ulong("peer", 1));
    else
        echoer(n);
}
