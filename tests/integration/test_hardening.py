# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Hypervisor hardening (issue 10): W^X image mappings, NX data, stack
guard pages, no identity map, SMEP/SMAP when the CPU has them.  Each
test_fault kind breaks one rule on purpose; the hypervisor must report the
fault (with the right error code and address) and reset."""

import pytest

from boot_lines import BOOT_TIMEOUT, READY

PROTECTED = (r"^\(XEN\) Hypervisor mappings: text RX, rodata RO, data NX, "
             r"stack guard pages, no identity map")
PANIC = r"^\(XEN\) Panic on CPU \d+:"
REBOOT = r"^\(XEN\) Reboot in five seconds\.\.\."
PF = r"^\(XEN\) TRAP:\s+vector 14 \(#PF page fault\), error code {code}"

# kind -> the lines its report must contain, in order
KINDS = {
    # a store into hypervisor text: present + write
    "wtext": [PF.format(code="0003"), r"^\(XEN\) CR2:\s+ffffffff8[0-9a-f]{7}",
              r"^\(XEN\) RIP:\s+0008:\[<[0-9a-f]+>\] do_test_fault\+"],
    # a jump into a data page: present + instruction fetch (NX)
    "nxdata": [PF.format(code="0011"), r"^\(XEN\) CR2:\s+ffffffff8[0-9a-f]{7}"],
    # NULL: nothing is mapped at 0 any more
    "null": [PF.format(code="0000"), r"^\(XEN\) CR2:\s+0000000000000000"],
    # unbounded recursion: the guard page turns it into a #DF on its IST stack
    "stack": [r"^\(XEN\) Hypervisor stack overflow: guard page of CPU0's stack hit",
              r"^\(XEN\) TRAP:\s+vector 8 \(#DF double fault\)",
              r"^\(XEN\) RIP:\s+0008:\[<[0-9a-f]+>\] recurse\+",
              r"^\(XEN\) Xen call trace:",
              r"^\(XEN\)\s+\[<[0-9a-f]+>\] recurse\+"],
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_hardening_fault_reported_and_reset(qemu, kind):
    q = qemu(cmdline=f"console=com1 test_fault={kind}")
    q.wait_for(PROTECTED, BOOT_TIMEOUT)
    for line in KINDS[kind]:
        q.wait_for(line, 20)
    q.wait_for(PANIC, 20)
    q.wait_for(REBOOT, 10)
    assert "while reporting a fault" not in q.output
    assert q.wait_exit(60) == 0


def test_smep_smap_enabled_when_present(qemu):
    q = qemu(cmdline="console=com1", cpu="qemu64,+svm,+npt,+smep,+smap")
    q.wait_for(PROTECTED + r", SMEP, SMAP$", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_protected_by_default(qemu):
    q = qemu(cmdline="console=com1")
    q.wait_for(PROTECTED + r"$", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)
