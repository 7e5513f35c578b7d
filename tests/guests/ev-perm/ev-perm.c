/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ev-perm: event-channel permissions and errors, with Xen 4.17's codes.
 *   binding a port offered to another domain -> -EINVAL; a domain that does
 *   not exist -> -ESRCH; out-of-range ports (and reserved port 0) for send,
 *   close, unmask, status, bind_vcpu, bind_interdomain -> -EINVAL;
 *   bind_virq twice -> -EEXIST, bad VIRQ -> -EINVAL, global VIRQ on vCPU 1
 *   -> -EINVAL, vCPU that does not exist -> -ENOENT (bind_ipi too); unknown
 *   sub-op -> -ENOSYS; allocating until the port space is exhausted ->
 *   -ENOSPC (all closed again afterwards; "ports=N" caps the attempts;
 *   skipped for FIFO on Xen, where dom0's 131071 ports take minutes of TCG);
 *   unprivileged (domU): alloc_unbound/status/reset naming domain 0 ->
 *   -EPERM (dom0 must still run).  "fifo" selects the FIFO ABI.
 */
#include "evtchn.h"

#define BIG_PORT    0x7fffffffu
#define DOMID_NONE  0x7000

static evtchn_port_t ports[140000];

static void on_event(evtchn_port_t port) { (void)port; }

static void check_not_offered(void)
{
    evtchn_port_t p, l;

    expect_rc(ev_alloc_unbound(DOMID_SELF, 0x1234, &p), 0,
              "alloc_unbound for a remote domain that does not exist (not looked up)");
    expect_rc(ev_bind_interdomain(DOMID_SELF, p, &l), E(EINVAL),
              "bind_interdomain to our port offered to d0x1234");
    expect_rc(ev_close(p), 0, "close it");
    expect_rc(ev_bind_interdomain(DOMID_NONE, 1, &l), E(ESRCH),
              "bind_interdomain to a domain that does not exist");
    expect_rc(ev_alloc_unbound(DOMID_NONE, DOMID_SELF, &p), E(ESRCH),
              "alloc_unbound in a domain that does not exist");
    if (!is_control_domain()) {
        expect_rc(ev_bind_interdomain(0, 1, &l), E(EINVAL),
                  "bind_interdomain to d0 port 1 (not offered to us)");
    }
}

static void check_ranges(void)
{
    static const evtchn_port_t bad[] = { 0, 4096, EVTCHN_FIFO_NR_CHANNELS, BIG_PORT };
    struct evtchn_status st;
    evtchn_port_t l;

    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        evtchn_port_t p = bad[i];
        struct evtchn_bind_vcpu bv = { .port = p, .vcpu = 0 };

        expect_rc(ev_send(p), E(EINVAL), "send on port %u", p);
        expect_rc(ev_close(p), E(EINVAL), "close port %u", p);
        expect_rc(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), E(EINVAL),
                  "bind_vcpu port %u", p);
        expect_rc(ev_bind_interdomain(DOMID_SELF, p, &l), E(EINVAL),
                  "bind_interdomain to our port %u", p);
        if (p) {
            expect_rc(ev_unmask(p), E(EINVAL), "unmask port %u", p);
            expect_rc(ev_status(DOMID_SELF, p, &st), E(EINVAL), "status port %u", p);
        }
    }
    expect_rc(ev_status(DOMID_SELF, 0, &st), 0, "status of reserved port 0");
    expect(st.status == EVTCHNSTAT_closed, "port 0 reads as closed (%u)", st.status);
}

static void check_virq_ipi(void)
{
    evtchn_port_t p, q;

    expect_rc(ev_bind_virq(VIRQ_TIMER, 0, &p), 0, "bind_virq VIRQ_TIMER vCPU 0");
    expect_rc(ev_bind_virq(VIRQ_TIMER, 0, &q), E(EEXIST), "bind_virq VIRQ_TIMER again");
    expect_rc(ev_close(p), 0, "close it");
    expect_rc(ev_bind_virq(VIRQ_TIMER, 0, &p), 0, "bind_virq VIRQ_TIMER after close");
    expect_rc(ev_close(p), 0, "close it");
    expect_rc(ev_bind_virq(24, 0, &p), E(EINVAL), "bind_virq 24 (NR_VIRQS)");
    expect_rc(ev_bind_virq(0xffffffffu, 0, &p), E(EINVAL), "bind_virq 0xffffffff");
    expect_rc(ev_bind_virq(VIRQ_DOM_EXC, 1, &p), E(EINVAL), "bind_virq global VIRQ on vCPU 1");
    expect_rc(ev_bind_virq(VIRQ_TIMER, 99, &p), E(ENOENT), "bind_virq vCPU 99");
    expect_rc(ev_bind_ipi(99, &p), E(ENOENT), "bind_ipi vCPU 99");
    expect_rc(HYPERVISOR_event_channel_op(99, &p), E(ENOSYS), "unknown sub-op 99");
}

static void check_exhaust(void)
{
    unsigned long cap = cmdline_ulong("ports", ARRAY_SIZE(ports));
    unsigned long n = 0;
    long rc = 0;

    if (cap > ARRAY_SIZE(ports))
        cap = ARRAY_SIZE(ports);
    if (on_xen() && ev_fifo()) {
        /* Xen's dom0 has no port limit: 131071 FIFO ports, minutes of TCG */
        printf("  (port exhaustion skipped: FIFO dom0 on Xen)\n");
        return;
    }
    while (n < cap && !(rc = ev_alloc_unbound(DOMID_SELF, DOMID_SELF, &ports[n])))
        n++;
    expect_rc(rc, E(ENOSPC), "alloc_unbound until the port space is exhausted (%lu ports, %s)",
              n, ev_abi());
    expect(n > 0 && ports[n - 1] == n, "ports 1..%lu handed out in order (last %u)",
           n, n ? ports[n - 1] : 0);
    unsigned long bad = 0;
    for (unsigned long i = 0; i < n; i++)
        bad += ev_close(ports[i]) != 0;
    expect(!bad, "closed all %lu (%lu failed)", n, bad);
    expect_rc(ev_alloc_unbound(DOMID_SELF, DOMID_SELF, &ports[0]), 0, "alloc after closing");
    expect(ports[0] == 1, "the first free port again: %u", ports[0]);
    ev_close(ports[0]);
}

static void check_unprivileged(void)
{
    struct evtchn_status st;
    struct evtchn_reset r = { .dom = 0 };
    evtchn_port_t p;

    expect_rc(ev_alloc_unbound(0, DOMID_SELF, &p), E(EPERM), "alloc_unbound in d0");
    expect_rc(ev_status(0, 1, &st), E(EPERM), "status of d0's port 1");
    expect_rc(HYPERVISOR_event_channel_op(EVTCHNOP_reset, &r), E(EPERM), "reset d0");
}

void main(void)
{
    hctest_init("ev-perm");
    ev_init(on_event);
    check_not_offered();
    check_ranges();
    check_virq_ipi();
    if (!is_control_domain())
        check_unprivileged();
    check_exhaust();
    test_end();
}
