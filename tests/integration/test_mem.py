# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""shared_info, vcpu_info and memory_op (tests/guests/shinfo) as dom0 and as
a domU next to it: the guest's own checks pass, the wallclock comes from the
RTC, and every page (shared_info included) is back when the domains end."""

import re

from boot_lines import ALL_DOMAINS_ENDED, dom, VERDICT
from test_guests import boot, elf, assert_pages_back, assert_success

WALLCLOCK = r"^\(XEN\) Wallclock: (\d+) s since the epoch \(RTC, UTC\)"


def test_shinfo_dom0(qemu):
    q = boot(qemu, [elf("shinfo")])
    assert_success(q, 0)
    assert_pages_back(q)
    assert int(q.find_all(WALLCLOCK)[0].group(1)) > 1577836800     # after 2020


def test_shinfo_dom0_and_domu(qemu):
    q = boot(qemu, [elf("shinfo"), elf("shinfo")], xen_args="domU=2,mem=16M")
    assert_success(q, 0)
    assert_success(q, 1)
    assert_pages_back(q)
