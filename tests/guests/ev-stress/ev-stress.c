/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ev-stress: seeded random event-channel operations between domain 0 and
 * domain 1.  Both run the same PRNG (seed=, default 1) over steps= steps
 * (default 2000) on SLOTS channel slots, in lockstep through a control
 * channel C (d0's port 1): each step d0 does its part (phase A), signals
 * C, d1 does its part (B) and signals back, d0 finishes (C).  Operations:
 * open (d0 allocates the first free port for d1, d1 binds to it), close
 * (from a random side; the other side sees it unbound, then closes too),
 * send (either way), mask/unmask (either side).  Each side keeps, per
 * port, the events it must have received (a masked port collects at most
 * one pending event, delivered on unmask) and checks its counts after
 * every delivery and at every close: a lost event times out, a duplicate
 * shows as a count ahead.  At the end every slot is closed, then C, and
 * every port 1..63 must read closed.  "fifo" selects the FIFO ABI.
 */
#include "evtchn.h"

#define SLOTS       8
#define NPORTS      64
#define TIMEOUT_NS  5000000000ull
#define SETTLE_NS   1000000ull

enum op { OPEN, CLOSE, SEND0, SEND1, MASK0, MASK1 };

struct slot {
    bool open;
    evtchn_port_t p0, p1;               /* d0's port (both know it), d1's (d1 only) */
    bool mask[2], pend[2];
};

static struct slot slots[SLOTS];
static volatile unsigned long rx[NPORTS];
static unsigned long want[NPORTS];
static unsigned long sent, received_total;
static evtchn_port_t ctl;
static unsigned long ctl_seen;
static unsigned int me;                 /* 0 or 1 */
static uint64_t prng;

static void on_event(evtchn_port_t port)
{
    if (port < NPORTS)
        rx[port]++;
    else
        test_failure("event on port %u (none bound there)", port);
}

static void ctl_signal(void) { ev_send(ctl); }

static void ctl_wait(unsigned long step)
{
    if (!ev_wait(&rx[ctl], ++ctl_seen, TIMEOUT_NS))
        test_failure("step %lu: no control event from the peer", step);
}

static void expect_count(evtchn_port_t p, unsigned long step, const char *what)
{
    if (rx[p] != want[p])
        test_failure("step %lu (%s): port %u received %lu, expected %lu (%s)", step, what, p,
                     rx[p], want[p], rx[p] > want[p] ? "duplicate" : "lost");
}

static void receive_one(evtchn_port_t p, unsigned long step)
{
    want[p]++;
    received_total++;
    if (!ev_wait(&rx[p], want[p], TIMEOUT_NS))
        test_failure("step %lu: event on port %u lost", step, p);
    expect_count(p, step, "delivery");
}

/* A port just bound or allocated: no stale mask, pending or counts. */
static void fresh_port(evtchn_port_t p)
{
    if (p >= NPORTS)
        test_failure("port %u beyond the %u this test tracks", p, NPORTS);
    ev_delay(SETTLE_NS);                /* Xen's bind notification */
    ev_mask(p);
    ev_clear_pending(p);
    rx[p] = want[p] = 0;
    ev_clear_mask(p);
}

static evtchn_port_t predict_p0(void)
{
    for (evtchn_port_t p = 1; p < NPORTS; p++) {
        bool used = p == 1;             /* C */

        for (unsigned int i = 0; i < SLOTS; i++)
            used |= slots[i].open && slots[i].p0 == p;
        if (!used)
            return p;
    }
    return 0;
}

static evtchn_port_t my_port(const struct slot *s) { return me ? s->p1 : s->p0; }

static void close_mine(struct slot *s, bool peer_closed, unsigned long step)
{
    evtchn_port_t p = my_port(s);

    if (peer_closed && ev_state(p) != EVTCHNSTAT_unbound)
        test_failure("step %lu: port %u not unbound after the peer closed (%ld)", step, p,
                     ev_state(p));
    expect_count(p, step, "close");
    if (ev_close(p))
        test_failure("step %lu: close port %u", step, p);
}

static void toggle_mask(struct slot *s, unsigned int side, unsigned long step)
{
    evtchn_port_t p = my_port(s);

    if (!s->mask[side]) {
        ev_mask(p);
    } else {
        if (ev_unmask(p))
            test_failure("step %lu: unmask port %u", step, p);
        if (s->pend[side])
            receive_one(p, step);
    }
    s->mask[side] = !s->mask[side];
    s->pend[side] = false;
}

static void do_send(struct slot *s, unsigned int from, unsigned long step)
{
    if (from == me) {
        if (ev_send(my_port(s)))
            test_failure("step %lu: send on port %u", step, my_port(s));
        sent++;
    } else if (s->mask[me]) {
        s->pend[me] = true;
    } else {
        receive_one(my_port(s), step);
    }
}

/* Phase @phase ('A' d0, 'B' d1, 'C' d0) of @op on @s; the closer is @who. */
static void run(struct slot *s, enum op op, unsigned int who, char phase, unsigned long step)
{
    bool mine = (phase == 'B') == (me == 1);

    if (!mine)
        return;
    switch (op) {
    case OPEN:
        if (phase == 'A') {
            evtchn_port_t p;

            if (ev_alloc_unbound(DOMID_SELF, 1, &p) || p != s->p0)
                test_failure("step %lu: alloc_unbound gave %u, expected first free %u",
                             step, p, s->p0);
            fresh_port(p);
        } else if (phase == 'B') {
            if (ev_bind_interdomain(0, s->p0, &s->p1))
                test_failure("step %lu: bind d0 port %u", step, s->p0);
            fresh_port(s->p1);
        } else if (ev_state(s->p0) != EVTCHNSTAT_interdomain) {
            test_failure("step %lu: port %u not bound", step, s->p0);
        }
        break;
    case CLOSE:
        if (phase == (who == 0 ? 'A' : 'B'))
            close_mine(s, false, step);
        else if (phase == (who == 0 ? 'B' : 'C'))
            close_mine(s, true, step);
        break;
    case SEND0:
        if (phase != 'C')
            do_send(s, 0, step);
        break;
    case SEND1:
        if (phase != 'A')
            do_send(s, 1, step);
        break;
    case MASK0:
    case MASK1:
        if (phase != 'C' && (unsigned int)(op - MASK0) == me)
            toggle_mask(s, me, step);
        break;
    }
}

/* Both sides draw the same op; the model's update after the phases. */
static void step_once(unsigned long step, bool closing, unsigned int idx)
{
    uint64_t r = prng_next(&prng);
    unsigned int i = closing ? idx : r % SLOTS;
    struct slot *s = &slots[i];
    static const enum op table[8] = { CLOSE, SEND0, SEND0, SEND0, SEND1, SEND1, MASK0, MASK1 };
    enum op op = closing ? CLOSE : !s->open ? OPEN : table[(r >> 8) % 8];
    unsigned int who = closing ? 0 : (r >> 16) & 1;

    if (closing && !s->open)
        return;
    if (op == OPEN)
        *s = (struct slot){ .p0 = predict_p0() };
    if (me == 0) {
        run(s, op, who, 'A', step);
        ctl_signal();
        ctl_wait(step);
        run(s, op, who, 'C', step);
    } else {
        ctl_wait(step);
        run(s, op, who, 'B', step);
        ctl_signal();
    }
    s->open = op == OPEN || (op != CLOSE && s->open);
}

static void connect_ctl(void)
{
    uint64_t end = ev_now_ns() + TIMEOUT_NS;

    if (me == 0) {
        if (ev_alloc_unbound(DOMID_SELF, 1, &ctl) || ctl != 1)
            test_failure("C: alloc_unbound gave port %u", ctl);
        ctl_wait(0);                    /* d1's ready */
        return;
    }
    while (ev_bind_interdomain(0, 1, &ctl)) {
        if (ev_now_ns() > end)
            test_failure("d0 never offered port 1");
        ev_yield();
    }
    fresh_port(ctl);
    ctl_signal();
}

static void finish(void)
{
    ev_delay(10 * SETTLE_NS);
    for (evtchn_port_t p = 1; p < NPORTS; p++)
        if (p != ctl)
            expect_count(p, ~0ul, "end");
    if (me == 0) {
        ctl_wait(~0ul);                 /* d1 checked its counts */
        ev_close(ctl);
    } else {
        ctl_signal();
        uint64_t end = ev_now_ns() + TIMEOUT_NS;
        while (ev_state(ctl) != EVTCHNSTAT_unbound && ev_now_ns() < end)
            ev_yield();
        if (ev_state(ctl) != EVTCHNSTAT_unbound)
            test_failure("C never unbound after d0 closed it");
        ev_close(ctl);
    }
    for (evtchn_port_t p = 1; p < NPORTS; p++)
        if (ev_state(p) != EVTCHNSTAT_closed)
            test_failure("port %u left open (state %ld)", p, ev_state(p));
    printf("ev-stress: d%u (%s): %lu events sent, %lu received, all ports closed\n",
           me, ev_abi(), sent, received_total);
    test_success();
}

void main(void)
{
    unsigned long steps = cmdline_ulong("steps", 2000);

    hctest_init("ev-stress");
    me = my_domid() ? 1 : 0;
    prng = cmdline_ulong("seed", 1) * 0x9e3779b97f4a7c15ull | 1;
    ev_init(on_event);
    connect_ctl();
    for (unsigned long i = 0; i < steps; i++)
        step_once(i, false, 0);
    for (unsigned int i = 0; i < SLOTS; i++)
        step_once(steps + i, true, i);
    finish();
}
