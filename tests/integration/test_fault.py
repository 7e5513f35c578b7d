# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""A deliberate hypervisor fault (test_fault=<kind>) must print the full
report -- vector and error code, registers, symbolized RIP, backtrace with
symbol names, panic banner -- and then reset the machine (QEMU -no-reboot
exits), or stay halted with noreboot."""

import pytest

from boot_lines import BOOT_TIMEOUT, READY

HDR = r"^\(XEN\) ----\[ Xen-compatible hypervisor \S+\s+x86_64 \]----"
RIP = (r"^\(XEN\) RIP:\s+0008:\[<ffffffff[0-9a-f]{8}>\] "
       r"do_test_fault\+0x[0-9a-f]+/0x[0-9a-f]+")
REGS = r"^\(XEN\) rax: [0-9a-f]{16}\s+rbx: [0-9a-f]{16}"
TRACE = r"^\(XEN\) Xen call trace:"
FRAME = r"^\(XEN\)\s+\[<([0-9a-f]{16})>\] ([A-Za-z_.][\w.]*)\+0x[0-9a-f]+/0x[0-9a-f]+"
PANIC = r"^\(XEN\) Panic on CPU \d+:"
REBOOT = r"^\(XEN\) Reboot in five seconds\.\.\."

# What each kind adds to the report before the RIP line.
KINDS = {
    "pf": r"vector 14 \(#PF.*error code 0002.*\n(.*\n)*?\(XEN\) CR2:\s+00000000dead0000",
    "ud": r"vector 6 \(#UD",
    "gp": r"vector 13 \(#GP.*error code 0000",
    "de": r"vector 0 \(#DE",
    "df": r"vector 8 \(#DF",         # on its IST stack
    "bug": r"^\(XEN\) Xen BUG at \S+\.c:\d+",
}


def check_report(q, kind):
    # The fault may come before or after "ready", but not long after.
    if q.wait_for(f"{HDR}|{READY}|{KINDS[kind]}", BOOT_TIMEOUT).group(0) \
            .endswith("ready"):
        q.wait_for(HDR, 10)
    q.wait_for(KINDS[kind], 10, start=0)
    q.wait_for(RIP, 10)
    if kind != "bug":
        q.wait_for(REGS, 10)
    q.wait_for(TRACE, 10)
    trace_at = q.pos
    q.wait_for(PANIC, 10)
    frames = [m.group(2) for m in q.find_all(FRAME)
              if m.start() > trace_at and m.start() < q.pos]
    assert frames and frames[0] == "do_test_fault", frames
    assert "__start_xen" in frames, f"backtrace does not reach __start_xen: {frames}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fault_resets(qemu, kind):
    q = qemu(cmdline=f"console=com1 test_fault={kind}")
    check_report(q, kind)
    q.wait_for(REBOOT, 10)
    # Five seconds of emulated delay, then a reset that ends QEMU.
    assert q.wait_exit(60) == 0


def test_fault_noreboot_halts(qemu):
    q = qemu(cmdline="console=com1 noreboot test_fault=pf")
    check_report(q, "pf")
    assert q.still_running_after(8), "noreboot: the machine reset anyway"
    assert "Reboot in five seconds" not in q.output


def test_nmi_survived(qemu):
    """test_fault=nmi: an NMI in the hypervisor is reported and survived."""
    q = qemu(cmdline="console=com1 test_fault=nmi")
    q.wait_for(r"^\(XEN\) CPU0: NMI received", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)
    assert "Panic" not in q.output
