/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ev-virq: the control domain's global and debug VIRQs.  As dom0 it binds
 * VIRQ_DOM_EXC (global) and VIRQ_DEBUG (per vCPU, vCPU 0), prints
 * "ev-virq: waiting", and expects VIRQ_DOM_EXC when another domain is
 * destroyed (run it next to a domU that ends, e.g. crash); with "debug" on
 * its command line it also waits for VIRQ_DEBUG, which the hypervisor's
 * 'q' debug key raises.  Binding a global VIRQ twice is -EEXIST, a
 * per-vCPU VIRQ on a vCPU that does not exist -ENOENT.  "fifo" selects the
 * FIFO ABI.
 */
#include "evtchn.h"

#define TIMEOUT_NS 20000000000ull

static volatile unsigned long rx[64];

static void on_event(evtchn_port_t port)
{
    if (port < ARRAY_SIZE(rx))
        rx[port]++;
}

static void wait_virq(evtchn_port_t port, const char *name)
{
    if (!ev_wait(&rx[port], 1, TIMEOUT_NS))
        test_failure("no %s event on port %u", name, port);
    printf("  [ ok ] %s arrived on port %u\n", name, port);
}

void main(void)
{
    evtchn_port_t exc, dbg, p;

    hctest_init("ev-virq");
    ev_init(on_event);
    printf("ev-virq: %s\n", ev_abi());
    expect_rc(ev_bind_virq(VIRQ_DOM_EXC, 0, &exc), 0, "bind VIRQ_DOM_EXC");
    expect_rc(ev_bind_virq(VIRQ_DOM_EXC, 0, &p), E(EEXIST), "bind VIRQ_DOM_EXC twice");
    expect_rc(ev_bind_virq(VIRQ_DEBUG, 0, &dbg), 0, "bind VIRQ_DEBUG on vCPU 0");
    expect_rc(ev_bind_virq(VIRQ_DEBUG, 77, &p), E(ENOENT), "bind VIRQ_DEBUG on vCPU 77");
    printf("ev-virq: waiting\n");
    wait_virq(exc, "VIRQ_DOM_EXC");
    if (cmdline_has("debug"))
        wait_virq(dbg, "VIRQ_DEBUG");
    expect_rc(ev_close(exc), 0, "close VIRQ_DOM_EXC");
    expect_rc(ev_close(dbg), 0, "close VIRQ_DEBUG");
    test_end();
}
