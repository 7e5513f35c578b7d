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

from boot_lines import DOM_SHUTDOWN, GUEST_LINE, dom
from test_guests import assert_pages_back, assert_success, boot, elf, only
from test_hypercalls import assert_no_failed_checks

DENIED = r"^\(XEN\) d{id}: denied: (.+)"
FLOOD = 500
BURST = 40                  # xen/common/deny_log.c


def denied(q, domid):
    return [m.group(1) for m in q.find_all(dom(DENIED, domid))]


def test_isolation_attacker_vs_dom0_and_domu(qemu):
    q = boot(qemu, [elf("iso") + " victim peer=2 attacker=1",
                    elf("iso") + " targets=0+2",
                    elf("iso") + " victim peer=0 attacker=1 work=60000000"],
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
    n = int(only(q, r"^\(XEN\) d1: (\d+) denied messages suppressed").group(1))
    assert n >= FLOOD - BURST, f"only {n} suppressed"
    assert not denied(q, 0) and not denied(q, 2), "victims were refused something"
