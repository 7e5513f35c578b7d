# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""A deliberate hypervisor fault (test_fault=<kind>) must print the full
report -- symbolized RIP, backtrace with symbol names, panic banner -- and
then reset the machine (QEMU -no-reboot exits), or halt with noreboot."""

import pytest

from boot_lines import BOOT_TIMEOUT, READY

HDR = r"^\(XEN\) ----\[ Xen-compatible hypervisor \S+\s+x86_64 \]----"
RIP = r"^\(XEN\) RIP:\s+0008:\[<ffffffff[0-9a-f]{8}>\] do_test_fault\+0x[0-9a-f]+/0x[0-9a-f]+"
TRACE = r"^\(XEN\) Xen call trace:"
FRAME = r"^\(XEN\)\s+\[<[0-9a-f]{16}>\] [A-Za-z_.][\w.]*\+0x[0-9a-f]+/0x[0-9a-f]+"
PANIC = r"^\(XEN\) Panic on CPU \d+:"
REBOOT = r"^\(XEN\) Reboot in five seconds\.\.\."


def check_report(q):
    # The fault may come before or after "ready", but not long after.
    if q.wait_for(f"{HDR}|{READY}", BOOT_TIMEOUT).group(0).endswith("ready"):
        q.wait_for(HDR, 10)
    q.wait_for(RIP, 10)
    q.wait_for(TRACE, 10)
    q.wait_for(FRAME, 10)
    q.wait_for(PANIC, 10)


@pytest.mark.parametrize("kind", ["pf", "ud", "gp", "bug"])
def test_fault_resets(qemu, kind):
    q = qemu(cmdline=f"console=com1 test_fault={kind}")
    check_report(q)
    q.wait_for(REBOOT, 10)
    # Five seconds of emulated delay, then a reset that ends QEMU.
    assert q.wait_exit(60) == 0


def test_fault_noreboot_halts(qemu):
    q = qemu(cmdline="console=com1 noreboot test_fault=pf")
    check_report(q)
    assert q.still_running_after(10), "noreboot: the machine reset anyway"
    assert "Reboot in five seconds" not in q.output
