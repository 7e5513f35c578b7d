/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-sched: sched_op (hypercall 29).
 *   yield -> 0 (cmd is an int: RDI's upper half ignored);
 *   block with the APIC one-shot timer armed and interrupts off -> 0 once
 *     the timer fires (the pending interrupt wakes the vCPU; sti then
 *     takes it);
 *   shutdown_code(poweroff) -> 0; shutdown and shutdown_code with bad
 *     pointers -> -EFAULT (and the domain keeps running);
 *   poll: more than 128 ports -> -EINVAL, bad struct or port-array
 *     pointers -> -EFAULT, a port that is not bound (0 is reserved; 1, 4096,
 *     0xffffffff: this guest binds none) -> -EINVAL, no port with an
 *     expired timeout -> 0;
 *   remote_shutdown: bad pointer -> -EFAULT, a domain that does not exist
 *     or DOMID_SELF -> -ESRCH (looked up before the privilege check);
 *     unprivileged, dom0 or itself -> -EPERM; "victim=N" on the command
 *     line: the control domain shuts domain N down (poweroff) -> 0;
 *   unknown sub-ops -> -ENOSYS.
 * Not checkable on Xen as dom0: the unprivileged cases (run as a domU on
 * ours), and a shutdown that succeeds before the end (Xen halts the host
 * when dom0 shuts down).  Deliberate difference (checked on ours only):
 * SCHEDOP_shutdown with an unknown reason returns -EINVAL; Xen records any
 * reason for the toolstack (and for dom0 reboots the host).
 */
#include "hctest.h"

#define TIMER_VECTOR 0x40
#define DOMID_NONE   0x7000          /* below DOMID_FIRST_RESERVED, never created here */

static volatile unsigned int timer_fired;

static void timer_handler(struct cpu_frame *f)
{
    (void)f;
    timer_fired++;
    apic_eoi();
}

static void check_yield(void)
{
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_yield, NULL), 0, "SCHEDOP_yield");
    expect_rc(HYPERVISOR_sched_op(0xbad00000000ul | SCHEDOP_yield, NULL), 0,
              "SCHEDOP_yield with RDI[63:32] set (cmd is an int)");
}

/* Block until the one-shot timer fires; if it fired before we got to the
 * hypercall (a slow host), try again with a longer count. */
static void check_block(void)
{
    uint32_t count = 5000000;
    long rc = 1;

    x2apic_enable();
    set_irq_handler(TIMER_VECTOR, timer_handler);
    for (int tries = 0; tries < 4; tries++, count *= 4) {
        /* A timer that expired in the previous try (before or while we
         * blocked) left its interrupt pending: take it now, or it would
         * end this try's block at once. */
        asm volatile ("sti; nop; cli" ::: "memory");
        timer_fired = 0;
        apic_timer_oneshot(TIMER_VECTOR, count);
        if (apic_rdmsr(APIC_TMCCT) == 0)
            continue;
        rc = HYPERVISOR_sched_op(SCHEDOP_block, NULL);
        if (apic_rdmsr(APIC_TMCCT) == 0)
            break;
    }
    expect_rc(rc, 0, "SCHEDOP_block, woken by the APIC timer (interrupts off)");
    expect(apic_rdmsr(APIC_TMCCT) == 0, "SCHEDOP_block returned after the timer expired");
    irq_enable();
    for (int i = 0; i < 1000 && !timer_fired; i++)
        cpu_relax();
    irq_disable();
    expect(timer_fired == 1, "the timer interrupt is delivered after sti (%u)", timer_fired);
}

static void check_shutdown_pointers(void)
{
    struct sched_shutdown s = { .reason = SHUTDOWN_poweroff };

    expect_rc(HYPERVISOR_sched_op(SCHEDOP_shutdown_code, &s), 0,
              "SCHEDOP_shutdown_code(poweroff) (used at the final shutdown)");
    for_each_bad_ptr(p, sizeof(s)) {
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_shutdown, PTR(p->va)), E(EFAULT),
                  "SCHEDOP_shutdown from %s", p->name);
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_shutdown_code, PTR(p->va)), E(EFAULT),
                  "SCHEDOP_shutdown_code from %s", p->name);
    }
    if (on_xen()) {
        printf("  [skip] SCHEDOP_shutdown with unknown reasons: Xen would shut dom0 (the host) down\n");
        return;
    }
    /* ours only (see the header): unknown reasons are refused */
    s.reason = 6;
    expect_rc2(HYPERVISOR_sched_op(SCHEDOP_shutdown, &s), 0, E(EINVAL),
               "SCHEDOP_shutdown, reason 6 (unknown)");
    s.reason = 0xffffffff;
    expect_rc2(HYPERVISOR_sched_op(SCHEDOP_shutdown, &s), 0, E(EINVAL),
               "SCHEDOP_shutdown, reason 0xffffffff");
}

static void check_poll(void)
{
    static uint32_t ports[2];
    struct sched_poll sp = { .ports = (uint64_t)ports, .nr_ports = 129, .timeout = 1 };

    expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), E(EINVAL), "SCHEDOP_poll, 129 ports");
    for_each_bad_ptr(p, sizeof(sp))
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, PTR(p->va)), E(EFAULT),
                  "SCHEDOP_poll, struct at %s", p->name);
    sp.nr_ports = 1;
    for_each_bad_ptr(p, sizeof(uint32_t)) {
        sp.ports = p->va;
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), E(EFAULT),
                  "SCHEDOP_poll, port array at %s", p->name);
    }
    sp.ports = (uint64_t)ports;
    ports[0] = 4096;
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), E(EINVAL), "SCHEDOP_poll, port 4096");
    ports[0] = 0xffffffff;
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), E(EINVAL), "SCHEDOP_poll, port 0xffffffff");
    ports[0] = 0;                   /* reserved, never bound */
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), E(EINVAL), "SCHEDOP_poll, port 0 (reserved)");
    ports[0] = 1;
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), E(EINVAL), "SCHEDOP_poll, port 1 (not bound)");
    sp.timeout = 1;                 /* 1 ns after boot: long past */
    sp.nr_ports = 0;
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), 0, "SCHEDOP_poll, no ports, expired timeout");
}

static void check_remote_shutdown(void)
{
    struct sched_remote_shutdown rs = { .domain_id = DOMID_NONE, .reason = SHUTDOWN_poweroff };
    unsigned long victim = cmdline_ulong("victim", 0);

    for_each_bad_ptr(p, sizeof(rs))
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, PTR(p->va)), E(EFAULT),
                  "SCHEDOP_remote_shutdown from %s", p->name);
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), E(ESRCH),
              "SCHEDOP_remote_shutdown of domain %#x (none)", DOMID_NONE);
    rs.domain_id = DOMID_SELF;
    expect_rc(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), E(ESRCH),
              "SCHEDOP_remote_shutdown of DOMID_SELF (not looked up)");
    if (!is_control_domain()) {
        rs.domain_id = 0;
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), E(EPERM),
                  "SCHEDOP_remote_shutdown of dom0, unprivileged");
        rs.domain_id = (uint16_t)my_domid();
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), E(EPERM),
                  "SCHEDOP_remote_shutdown of itself, unprivileged");
    } else if (victim) {
        rs.domain_id = (uint16_t)victim;
        expect_rc(HYPERVISOR_sched_op(SCHEDOP_remote_shutdown, &rs), 0,
                  "SCHEDOP_remote_shutdown of domain %lu (poweroff)", victim);
    }
}

static void check_unknown(void)
{
    static const unsigned long cmds[] = { 8, 64, 0x7fffffff, 0xffffffff };

    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
        expect_rc(HYPERVISOR_sched_op(cmds[i], NULL), E(ENOSYS), "sched_op %#lx (unknown)", cmds[i]);
}

void main(void)
{
    hctest_init("hc-sched");
    check_yield();
    check_shutdown_pointers();
    check_poll();
    check_remote_shutdown();
    check_unknown();
    check_block();
    test_end();
}
