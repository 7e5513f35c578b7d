/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-vcpu: vcpu_op (hypercall 24) and vm_assist (21).  Run with 2 vCPUs
 * (dom0_max_vcpus=2 / domU vcpus=2) for the secondary-vCPU checks; with one
 * they are skipped.
 *   every sub-op: a vCPU ID beyond the domain's -> -ENOENT (checked first);
 *   is_up: vCPU 0 -> 1, vCPU 1 before start -> 0;
 *   get_runstate_info: vCPU 0 running, vCPU 1 offline; bad pointers ->
 *     -EFAULT;
 *   register_runstate_memory_area / register_vcpu_time_memory_area: filled
 *     at once (running; an even version with a scale); bad argument
 *     pointers -> -EFAULT; an area at a bad address is accepted (Xen only
 *     records the handle; updates to it fail silently) -> 0; address 0
 *     unregisters -> 0;
 *   set_singleshot_timer: far future -> 0, already expired (even with
 *     VCPU_SSHOTTMR_future: 4.17.x fires it at once) -> 0, bad pointer ->
 *     -EFAULT, another vCPU -> -EINVAL (before the copy); stop -> 0, on
 *     another vCPU -> -EINVAL; stop_periodic_timer -> 0;
 *   register_vcpu_info: offset beyond the page or misaligned -> -ENXIO, a
 *     GFN that is not RAM -> -EINVAL, bad pointer -> -EFAULT, a good one ->
 *     0, a second registration -> -EINVAL;
 *   initialise: vCPU 0 (running) -> -EEXIST, bad pointer -> -EFAULT; vCPU 1
 *     with a 32-bit flat context -> 0, up -> 0, the AP runs and takes
 *     itself down (VCPUOP_down sleeps it inside the hypercall), is_up -> 0,
 *     up again -> 0 and the AP's VCPUOP_down returns 0, initialise again ->
 *     -EEXIST; up on vCPU 0 (already up) -> 0;
 *   unknown sub-ops -> -ENOSYS;
 *   vm_assist: runstate_update_flag enable/disable -> 0; other types (PV's
 *     4gb_segments, 64, 0xffffffff) -> -EINVAL; unknown cmd -> -ENOSYS.
 */
#include "hctest.h"

#define BAD_VCPU 64

static struct vcpu_runstate_info runstate[2];
static struct vcpu_time_info timeinfo __attribute__((aligned(64)));
static volatile unsigned int ap_ran;
static volatile long ap_down_rc = 1;

static void check_ids(unsigned int n)
{
    struct vcpu_runstate_info ri;

    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_is_up, 0, NULL), 1, "VCPUOP_is_up(0)");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL), E(ENOENT), "VCPUOP_is_up(%u) (no such vCPU)", n);
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_is_up, 0xffffffff, NULL), E(ENOENT), "VCPUOP_is_up(0xffffffff)");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_is_up, 0xbad00000000ul, NULL), 1,
              "VCPUOP_is_up with RSI[63:32] set (vCPU ID is 32-bit)");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, BAD_VCPU, &ri), E(ENOENT),
              "VCPUOP_get_runstate_info(%u)", BAD_VCPU);
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, BAD_VCPU, NULL), E(ENOENT),
              "VCPUOP_stop_periodic_timer(%u)", BAD_VCPU);
    expect_rc(HYPERVISOR_vcpu_op(1000, BAD_VCPU, NULL), E(ENOENT),
              "unknown VCPUOP on vCPU %u (the ID is checked first)", BAD_VCPU);
    if (n > 1)
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0, "VCPUOP_is_up(1) before start");
}

static void check_runstate(unsigned int n)
{
    struct vcpu_register_runstate_memory_area area = { (uint64_t)&runstate[0] };
    struct vcpu_runstate_info ri;

    memset(&ri, 0xff, sizeof(ri));
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &ri), 0, "VCPUOP_get_runstate_info(0)");
    expect(ri.state == RUNSTATE_running, "vCPU 0 runstate %d (running)", ri.state);
    if (n > 1) {
        HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 1, &ri);
        expect(ri.state == RUNSTATE_offline, "vCPU 1 runstate %d (offline)", ri.state);
    }
    for_each_bad_ptr(p, sizeof(ri))
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, PTR(p->va)), E(EFAULT),
                  "VCPUOP_get_runstate_info to %s", p->name);

    memset(runstate, 0xff, sizeof(runstate));
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &area), 0,
              "VCPUOP_register_runstate_memory_area(0)");
    expect(runstate[0].state == RUNSTATE_running, "registered runstate area filled: state %d",
           runstate[0].state);
    for_each_bad_ptr(p, sizeof(area))
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, PTR(p->va)),
                  E(EFAULT), "VCPUOP_register_runstate_memory_area, argument at %s", p->name);
    for_each_bad_ptr(p, sizeof(ri)) {
        area.addr = p->va;
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &area), 0,
                  "VCPUOP_register_runstate_memory_area, area at %s (recorded)", p->name);
    }
    area.addr = 0;
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &area), 0,
              "VCPUOP_register_runstate_memory_area, area 0 (unregister)");

    expect_rc(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag), 0,
              "vm_assist enable runstate_update_flag");
    expect_rc(HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_runstate_update_flag), 0,
              "vm_assist disable runstate_update_flag");
    expect_rc(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_4gb_segments), E(EINVAL),
              "vm_assist enable 4gb_segments (PV only)");
    expect_rc(HYPERVISOR_vm_assist(VMASST_CMD_enable, 64), E(EINVAL), "vm_assist type 64");
    expect_rc(HYPERVISOR_vm_assist(VMASST_CMD_enable, 0xffffffff), E(EINVAL), "vm_assist type 0xffffffff");
    expect_rc(HYPERVISOR_vm_assist(2, VMASST_TYPE_runstate_update_flag), E(ENOSYS),
              "vm_assist cmd 2 (unknown)");
}

static void check_time_area(void)
{
    struct vcpu_register_time_memory_area area = { (uint64_t)&timeinfo };

    memset(&timeinfo, 0, sizeof(timeinfo));
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &area), 0,
              "VCPUOP_register_vcpu_time_memory_area(0)");
    expect(!(timeinfo.version & 1) && timeinfo.version && timeinfo.tsc_to_system_mul,
           "time area filled: version %u, mul %#x, shift %d", timeinfo.version,
           timeinfo.tsc_to_system_mul, timeinfo.tsc_shift);
    for_each_bad_ptr(p, sizeof(area))
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, PTR(p->va)),
                  E(EFAULT), "VCPUOP_register_vcpu_time_memory_area, argument at %s", p->name);
    area.addr = 0;
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &area), 0,
              "VCPUOP_register_vcpu_time_memory_area, area 0 (unregister)");
}

static void check_timers(unsigned int n)
{
    struct vcpu_set_singleshot_timer t = { .timeout_abs_ns = 1ull << 62 };

    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t), 0,
              "VCPUOP_set_singleshot_timer, far future");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0, "VCPUOP_stop_singleshot_timer");
    t.timeout_abs_ns = 1;
    t.flags = VCPU_SSHOTTMR_future;
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t), 0,
              "VCPUOP_set_singleshot_timer, expired, VCPU_SSHOTTMR_future (fires now)");
    for_each_bad_ptr(p, sizeof(t))
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, PTR(p->va)), E(EFAULT),
                  "VCPUOP_set_singleshot_timer from %s", p->name);
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0, "VCPUOP_stop_periodic_timer");
    if (n < 2)
        return;
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 1, PTR(0)), E(EINVAL),
              "VCPUOP_set_singleshot_timer on vCPU 1 (not the caller; before the copy)");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 1, NULL), E(EINVAL),
              "VCPUOP_stop_singleshot_timer on vCPU 1 (not the caller)");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 1, NULL), 0,
              "VCPUOP_stop_periodic_timer on vCPU 1");
}

static void check_vcpu_info(unsigned int n)
{
    struct vcpu_register_vcpu_info vi = { .mfn = GFN(scratch_page(0)), .offset = 4096 - 32 };

    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &vi), E(ENXIO),
              "VCPUOP_register_vcpu_info, offset 4064 (vcpu_info past the page)");
    vi.offset = 4;
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &vi), E(ENXIO),
              "VCPUOP_register_vcpu_info, offset 4 (misaligned)");
    vi.offset = 64;
    vi.mfn = 0xc0000;               /* 3 GiB: not RAM */
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &vi), E(EINVAL),
              "VCPUOP_register_vcpu_info, GFN 0xc0000 (not RAM)");
    for_each_bad_ptr(p, sizeof(vi))
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, PTR(p->va)), E(EFAULT),
                  "VCPUOP_register_vcpu_info from %s", p->name);
    vi.mfn = GFN(scratch_page(0));
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &vi), 0,
              "VCPUOP_register_vcpu_info(0), scratch page + 64");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &vi), E(EINVAL),
              "VCPUOP_register_vcpu_info(0) again (already registered)");
    if (n > 1) {
        /* a vCPU that is down may have it registered by another */
        vi.mfn = GFN(scratch_page(1));
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 1, &vi), 0,
                  "VCPUOP_register_vcpu_info(1) while vCPU 1 is down");
    }
}

static void ap_main(void)
{
    ap_ran = 1;
    ap_down_rc = HYPERVISOR_vcpu_op(VCPUOP_down, 1, NULL);
    halt_forever();                 /* after the BSP brought it up again */
}

static void check_initialise(unsigned int n)
{
    static struct vcpu_hvm_context ctx;
    long rc = -1;

    ap_context_pm32(&ctx);
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_initialise, 0, &ctx), E(EEXIST),
              "VCPUOP_initialise(0) (running)");
    for_each_bad_ptr(p, sizeof(ctx))
        expect_rc(HYPERVISOR_vcpu_op(VCPUOP_initialise, 0, PTR(p->va)), E(EFAULT),
                  "VCPUOP_initialise(0) from %s (copied first)", p->name);
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_up, 0, NULL), 0, "VCPUOP_up(0) (already up)");
    if (n < 2) {
        printf("  [skip] secondary vCPU start: one vCPU only\n");
        return;
    }
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), E(EINVAL), "VCPUOP_up(1) before initialise");
    ap_prepare(ap_main);
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &ctx), 0,
              "VCPUOP_initialise(1), 32-bit flat context");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL), 0, "VCPUOP_is_up(1) after initialise");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up(1)");
    /* the AP sets ap_ran, then VCPUOP_down sleeps it inside the hypercall */
    for (unsigned long i = 0; i < 100000000 && rc != 0; i++) {
        if (ap_ran && (i & 0xff) == 0)
            rc = HYPERVISOR_vcpu_op(VCPUOP_is_up, 1, NULL);
        cpu_relax();
    }
    expect(ap_ran, "vCPU 1 ran");
    expect_rc(rc, 0, "VCPUOP_is_up(1) after it took itself down");
    expect(ap_down_rc == 1, "its VCPUOP_down has not returned while it is down");
    /* up again: the AP returns from VCPUOP_down with 0 */
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_up, 1, NULL), 0, "VCPUOP_up(1) again");
    for (unsigned long i = 0; i < 100000000 && ap_down_rc == 1; i++)
        cpu_relax();
    expect_rc(ap_down_rc, 0, "VCPUOP_down(1) by vCPU 1, returned after the second up");
    expect_rc(HYPERVISOR_vcpu_op(VCPUOP_initialise, 1, &ctx), E(EEXIST),
              "VCPUOP_initialise(1) again");
}

static void check_unknown(void)
{
    static const unsigned long cmds[] = { 14, 64, 0x7fffffff, 0xffffffff };

    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
        expect_rc(HYPERVISOR_vcpu_op(cmds[i], 0, NULL), E(ENOSYS), "VCPUOP %#lx (unknown)", cmds[i]);
}

void main(void)
{
    unsigned int n;

    hctest_init("hc-vcpu");
    n = nr_vcpus();
    check_ids(n);
    check_runstate(n);
    check_time_area();
    check_timers(n);
    check_vcpu_info(n);
    check_initialise(n);
    check_unknown();
    test_end();
}
