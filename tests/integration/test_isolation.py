# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Isolation and liveness (issue 10): hostile guests cannot hurt the
hypervisor or each other.

Isolation: the iso guest as an unprivileged domU attacks dom0 and another
domU (both iso victims that grant pages and offer ports to each other, never
to the attacker): every attempt gets Xen 4.17's code (checked in the guest)
and a rate-limited "(XEN) d1: denied: ..." line; the victims end with
SUCCESS, their pages, grants and ports untouched, and every page comes back.

Liveness: a domain spinning with interrupts disabled, one flooding a peer
with events, one flooding IPIs, all on one pCPU (maxcpus=1) with a victim
that must finish its checksummed workload; crashing guests end alone
(test_guests.py has the triple fault and the bad NPT access next to a
victim: test_crash_ends_only_itself, test_four_domains_crash_and_badmem).
"""

import re

from boot_lines import DOM_DENIED, DOM_DENIED_SUPPRESSED, GUEST_LINE, dom
from test_guests import (CRASH_DELAY, assert_crashed, assert_pages_back, assert_success, boot,
                         elf, only)
from test_hypercalls import assert_no_failed_checks

FLOOD = 500
BURST = 40                  # xen/common/deny_log.c


def denied(q, domid):
    return [m.group(1) for m in q.find_all(dom(DOM_DENIED, domid))]


def test_isolation_attacker_vs_dom0_and_domu(qemu):
    q = boot(qemu, [elf("iso") + " victim peer=2 attacker=1",
                    elf("iso") + " targets=0+2",
                    elf("iso") + " victim peer=0 attacker=1"],
             "domU=2,mem=16M,name=attacker;3,mem=16M,name=victim")
    assert_no_failed_checks(q)
    for d in (0, 1, 2):
        assert_success(q, d)
    assert_pages_back(q)
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] d0: map its ref 8 \(granted to another domain\)"))
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] d2: bind_interdomain to its port 1"))
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] populate_physmap past max_pages"))
    lines = denied(q, 1)
    want = [r"GNTTABOP_map_grant_ref of d0's ref 8", r"GNTTABOP_copy d0 -> d32752",
            r"GNTTABOP_copy d32752 -> d0", r"memory_op on d0",
            r"add_to_physmap_batch gmfn_foreign", r"bind_interdomain to d0 port 1",
            r"event channel op on d0", r"SCHEDOP_remote_shutdown of d0",
            r"domctl cmd 3", r"sysctl cmd 1", r"platform_op cmd 62", r"console_io cmd 1",
            r"memory limit:", r"add_to_physmap of GFN 0xc0000", r"add_to_physmap of GFN 0xfee00"]
    for w in want:
        assert any(re.match(w, l) for l in lines), f"no 'denied: {w}' line in {lines}"
    # far more than BURST refusals (the flood alone is FLOOD): rate limited,
    # the burst, then one line a second, then the count of those dropped
    assert BURST <= len(lines) <= BURST + 5, f"{len(lines)} denied lines"
    n = int(only(q, dom(DOM_DENIED_SUPPRESSED, 1)).group(1))
    assert n >= FLOOD - BURST, f"only {n} suppressed"
    assert not denied(q, 0) and not denied(q, 2), "victims were refused something"


# ---- liveness: one pCPU shared by a victim and a hog ---------------------

HOG_MS = 4000               # each hog's own bound (pvclock)
WORK = 40000000             # victim: 2 x 40M xorshift steps, ~0.8 s of TCG alone
WORK_DONE = r"hog: work of 2x\d+ steps done in (\d+) ms"


def hog_run(qemu, hog_args, end_line, domus="domU=2,mem=16M,name=hog", extra=()):
    """dom0: the mode=work victim; d1: the hog; all on one pCPU.  The
    victim must finish (SUCCESS) before the hog's bound runs out."""
    mods = [elf("hog") + f" mode=work work={WORK}", elf("hog") + f" {hog_args} ms={HOG_MS}"]
    q = boot(qemu, mods + [elf("hog") + " " + e for e in extra], f"maxcpus=1 {domus}")
    assert_no_failed_checks(q)
    for d in range(len(mods) + len(extra)):
        assert_success(q, d)
    assert_pages_back(q)
    done = only(q, dom(GUEST_LINE, 0, WORK_DONE))
    start = only(q, dom(GUEST_LINE, 1, r"hog: mode "))
    end = only(q, dom(GUEST_LINE, 1, end_line))
    assert start.start() < done.start(), "the victim finished before the hog started"
    assert done.start() < end.start(), "the victim finished only after the hog stopped"
    print(f"victim's work next to '{hog_args}': {done.group(1)} ms (hog bound {HOG_MS} ms)")
    return q


def test_liveness_cli_spinner_is_preempted(qemu):
    alone = boot(qemu, [elf("hog") + f" mode=work work={WORK}"], "maxcpus=1")
    assert_success(alone, 0)
    print(f"victim's work alone: {only(alone, dom(GUEST_LINE, 0, WORK_DONE)).group(1)} ms")
    alone.kill()
    hog_run(qemu, "mode=cli", r"hog: spun \d+ ms with interrupts disabled")


def test_liveness_event_flood(qemu):
    """d1 sends to d2's port in a tight loop; d0 and d2 (the flooded one,
    working with interrupts on) both finish while it floods."""
    q = hog_run(qemu, "mode=evflood peer=2 port=1", r"hog: (\d+) events sent",
                domus="domU=2,mem=16M,name=flood;3,mem=16M,name=sink",
                extra=[f"mode=sink peer=1 work={WORK}"])
    sink_done = only(q, dom(GUEST_LINE, 2, WORK_DONE))
    end = only(q, dom(GUEST_LINE, 1, r"hog: (\d+) events sent"))
    assert sink_done.start() < end.start(), "the flooded domain finished only after the flood"
    got = int(only(q, dom(GUEST_LINE, 2, r"hog: (\d+) events arrived")).group(1))
    assert got > 0, "no event reached the sink"
    print(f"flood: {end.group(1)} events sent, {got} upcalls in the sink, "
          f"sink's work {sink_done.group(1)} ms")


def test_liveness_ipi_flood(qemu):
    """Self-IPIs and IPIs to its second vCPU (three vCPUs on one pCPU)."""
    q = hog_run(qemu, "mode=ipiflood", r"hog: (\d+) IPIs sent",
                domus="domU=2,mem=16M,vcpus=2,name=ipis")
    only(q, dom(GUEST_LINE, 1, r"hog: IPI flood to self and vCPU 1 "))


def test_liveness_crashers_on_the_victims_cpu(qemu):
    """test_guests.py crashes guests next to a victim on two pCPUs; here on
    one: a triple fault, a read and a write outside RAM (bad NPT accesses)
    while the victim works,"""
    q = boot(qemu, [elf("hog") + f" mode=work work={WORK}",
                    elf("crash") + f" work={CRASH_DELAY}",
                    elf("badmem") + f" work={CRASH_DELAY}",
                    elf("badmem") + f" work={CRASH_DELAY} write"],
             "maxcpus=1 domU=2,mem=16M,name=crash;3,mem=16M,name=badread;4,mem=16M,name=badwrite")
    crashed = [assert_crashed(q, d) for d in (1, 2, 3)]
    assert_success(q, 0)
    done = only(q, dom(GUEST_LINE, 0, WORK_DONE))
    assert max(c.start() for c in crashed) < done.start(), "crashes after the victim's work"
    assert_pages_back(q)
    print(f"victim's work next to three crashing domains: {done.group(1)} ms; "
          + "; ".join(c.group(1) for c in crashed))
