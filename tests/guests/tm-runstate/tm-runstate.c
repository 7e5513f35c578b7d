/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * tm-runstate: runstate accounting seen from a CPU-bound guest.  It
 * enables the runstate_update_flag assist, registers vCPU 0's runstate
 * area and spins over a window of system time [start_ms, start_ms +
 * len_ms] (command line; defaults 1500 and 2000), reading its pvclock and
 * the area all the time.  Two copies of it on one pCPU (the integration
 * test boots with maxcpus=1) share the pCPU, so each one's steal time in
 * the window should be what the other ran.
 *
 * Its runstate at the exact window edges: while it runs, the area says
 * "running since state_entry_time", so any instant of the current stretch
 * is known exactly; if the edge fell while it was descheduled, the first
 * sample after it shows how long the running stretch before it lasted
 * (time[running] grew by that much) and which state the gap went to.
 * Checks: the four times over the window add up to its length within
 * 0.1%; nothing blocked or offline (it never blocks); the area is never
 * seen torn and never goes backwards; VCPUOP_get_runstate_info agrees with
 * the area.  Prints the window's figures for the integration test, which
 * compares one domain's steal with the other's running time.
 */
#include "tm.h"

#define TOLERANCE_PPM 1000          /* 0.1% */

static struct vcpu_runstate_info area __attribute__((aligned(64)));
static unsigned long samples, regressions;

static uint64_t sum(const struct vcpu_runstate_info *r)
{
    return r->time[0] + r->time[1] + r->time[2] + r->time[3];
}

/* A sample taken within one running stretch: clock, then area, then clock. */
static uint64_t sample(struct vcpu_runstate_info *r)
{
    static struct vcpu_runstate_info last;

    for (;;) {
        uint64_t t0 = tm_clock(0), t1;

        tm_runstate_read(&area, r);
        t1 = tm_clock(0);
        samples++;
        for (unsigned int s = 0; s < 4; s++)
            if (r->time[s] < last.time[s])
                regressions++;
        if (r->state_entry_time < last.state_entry_time)
            regressions++;
        last = *r;
        if (r->state == RUNSTATE_running && r->state_entry_time <= t0)
            return t1;              /* the area describes [entry, t1] */
    }
}

/* Our figures at system time @t (>= the last call's @t), spinning until then. */
static void figures_at(uint64_t t, struct vcpu_runstate_info *out)
{
    struct vcpu_runstate_info prev, cur;
    uint64_t now = sample(&prev);

    while (now < t) {
        uint64_t n = sample(&cur);

        if (n >= t && cur.state_entry_time > t) {
            /* Descheduled around @t: the stretch before ended at x. */
            uint64_t x = prev.state_entry_time + (cur.time[RUNSTATE_running] -
                                                  prev.time[RUNSTATE_running]);
            unsigned int grew = 0, state = RUNSTATE_runnable;

            for (unsigned int s = 1; s < 4; s++)
                if (cur.time[s] != prev.time[s]) {
                    grew++;
                    state = s;
                }
            if (x >= t) {
                *out = prev;
                out->time[RUNSTATE_running] += t - prev.state_entry_time;
            } else {
                if (grew != 1)
                    test_error("%u states between two samples around %lu ns", grew,
                               (unsigned long)t);
                *out = cur;
                out->time[state] -= cur.state_entry_time - t;
            }
            out->state_entry_time = t;
            return;
        }
        prev = cur;
        now = n;
    }
    *out = prev;                    /* running at @t, since prev's entry */
    out->time[RUNSTATE_running] += t - prev.state_entry_time;
    out->state_entry_time = t;
}

static void check_get_runstate_info(void)
{
    struct vcpu_runstate_info a, g;
    uint64_t t0, t1;

    do {
        t0 = sample(&a);
        if (HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &g))
            test_error("VCPUOP_get_runstate_info failed");
        t1 = tm_clock(0);
    } while (g.state_entry_time != a.state_entry_time);     /* no switch in between */
    /* The hypercall counts up to its own "now", within [t0, t1] of our clock. */
    check(g.state == RUNSTATE_running, "get_runstate_info: state %d", g.state);
    check(sum(&g) >= sum(&a) + (t0 - a.state_entry_time) &&
          sum(&g) <= sum(&a) + (t1 - a.state_entry_time),
          "get_runstate_info total %lu within the area's [%lu, %lu]", (unsigned long)sum(&g),
          (unsigned long)(sum(&a) + t0 - a.state_entry_time),
          (unsigned long)(sum(&a) + t1 - a.state_entry_time));
    for (unsigned int s = 1; s < 4; s++)
        check(g.time[s] == a.time[s], "get_runstate_info time[%u] %lu, area %lu", s,
              (unsigned long)g.time[s], (unsigned long)a.time[s]);
}

static void no_events(evtchn_port_t port)
{
    (void)port;
}

void main(void)
{
    uint64_t start = cmdline_ulong("start_ms", 1500) * 1000000ull;
    uint64_t len = cmdline_ulong("len_ms", 2000) * 1000000ull;
    struct vcpu_runstate_info a, b;
    uint64_t d[4], total, now;
    long rc;

    tm_init("tm-runstate", no_events);
    rc = HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag);
    check(rc == 0, "vm_assist(runstate_update_flag): %ld", rc);
    rc = tm_register_runstate(0, &area);
    check(rc == 0, "VCPUOP_register_runstate_memory_area: %ld", rc);
    check(area.state == RUNSTATE_running && sum(&area) > 0,
          "area not written at registration (state %d)", area.state);
    check_get_runstate_info();
    now = tm_clock(0);
    if (now + 100000000ull > start)
        test_error("at %lu ms already, too late for start_ms=%lu", (unsigned long)(now / 1000000),
                   (unsigned long)(start / 1000000));
    figures_at(start, &a);
    figures_at(start + len, &b);
    total = 0;
    for (unsigned int s = 0; s < 4; s++) {
        d[s] = b.time[s] - a.time[s];
        total += d[s];
    }
    printf("tm-runstate: window %lu..%lu ms: running %lu runnable %lu blocked %lu offline %lu ns\n",
           (unsigned long)(start / 1000000), (unsigned long)((start + len) / 1000000),
           (unsigned long)d[0], (unsigned long)d[1], (unsigned long)d[2], (unsigned long)d[3]);
    printf("tm-runstate: total %lu ns of %lu ns elapsed, steal %lu ns, %lu samples\n",
           (unsigned long)total, (unsigned long)len, (unsigned long)d[RUNSTATE_runnable],
           samples);
    check((total > len ? total - len : len - total) <= len / 1000000 * TOLERANCE_PPM,
          "runstate total %lu ns within 0.1%% of %lu ns elapsed", (unsigned long)total,
          (unsigned long)len);
    check(d[RUNSTATE_blocked] == 0 && d[RUNSTATE_offline] == 0,
          "CPU-bound: blocked %lu, offline %lu ns (both 0)", (unsigned long)d[2],
          (unsigned long)d[3]);
    check(!regressions, "the runstate area went backwards %lu times", regressions);
    check_get_runstate_info();
    test_end();
}
