# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""The hypercall test guests (tests/guests/hc-*, issue 4) on our hypervisor:
each family's guest as dom0 (the control domain) and, where privilege
matters, as a domU next to a dom0 (the unprivileged checks: control-only
sub-ops -> -EPERM).  Each boot must end with "Test result: SUCCESS" from
every test guest, no "[FAIL]" line, and all domains ended with the free
pages back at their pre-domain count.

The same guests run on Xen 4.17 with scripts/run-hc-tests-on-xen (as dom0
only: Xen's dom0 is privileged); see tests/guests/README.md.
"""

import re

import pytest

from boot_lines import DOM_SHUTDOWN, GUEST_LINE, VERDICT, dom
from test_guests import assert_pages_back, assert_success, boot, elf, only

# hello's busy loop as the domU's neighbour: about 2 s of TCG
DOM0_WORK = 200000000
# guest -> extra hypervisor options when it runs as dom0
DOM0 = {
    "hc-version": "",
    "hc-console": "",
    "hc-sched": "",
    "hc-vcpu": "dom0_max_vcpus=2",
    "hc-memory": "",
    "hc-hvm": "",
    "hc-multicall": "",
    "hc-table": "",
}
# guests with unprivileged checks -> domU spec options
DOMU = {
    "hc-version": "",
    "hc-console": "",
    "hc-sched": "",
    "hc-vcpu": ",vcpus=2",
    "hc-memory": "",
    "hc-hvm": "",
    "hc-multicall": "",
    "hc-table": "",
}


def assert_no_failed_checks(q):
    fails = [m.group(0) for m in q.find_all(r"^\(d\d+\)\s+\[FAIL\].*$")]
    if fails:
        pytest.fail(f"{len(fails)} failed checks:\n" + "\n".join(fails[:40]), pytrace=False)


@pytest.mark.parametrize("guest", sorted(DOM0))
def test_hc_dom0(qemu, guest):
    q = boot(qemu, [elf(guest)], DOM0[guest])
    only(q, dom(GUEST_LINE, 0, guest + r": on ours, domain 0 \(control domain\)"))
    assert_no_failed_checks(q)
    assert_success(q, 0)
    assert_pages_back(q)


@pytest.mark.parametrize("guest", sorted(DOMU))
def test_hc_domU(qemu, guest):
    """The guest as domain 1 (unprivileged) while dom0 runs hello."""
    # dom0 must outlive the domU's checks on it (else they get -ESRCH)
    q = boot(qemu, [elf("hello") + f" work={DOM0_WORK}", elf(guest)],
             f"domU=2,mem=16M,name={guest}{DOMU[guest]}")
    only(q, dom(GUEST_LINE, 1, guest + r": on ours, domain 1 \(unprivileged\)"))
    assert_no_failed_checks(q)
    assert_success(q, 0)
    assert_success(q, 1)
    assert_pages_back(q)


def test_hc_sched_remote_shutdown(qemu):
    """dom0's hc-sched shuts a busy domU down with SCHEDOP_remote_shutdown."""
    q = boot(qemu, [elf("hc-sched") + " victim=1", elf("hello") + " work=1000000000"],
             "domU=2,mem=16M,name=victim")
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] SCHEDOP_remote_shutdown of domain 1 \(poweroff\)"))
    assert only(q, dom(DOM_SHUTDOWN, 1)).group(1) == "poweroff"
    assert not q.find_all(dom(VERDICT, 1)), "the victim finished its work first"
    assert_no_failed_checks(q)
    assert_success(q, 0)
    assert_pages_back(q)
