# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""AMD-V bring-up: SVM is found and enabled on every CPU; without nested
paging the hypervisor says why and still boots (no domains).  Guests
running through the intercepts are covered by test_guests.py."""

from boot_lines import BOOT_TIMEOUT, HVM_SVM, READY

CONSOLE = "console=com1 "


def test_svm_enabled(qemu):
    q = qemu(cmdline=CONSOLE, smp=2)
    m = q.wait_for(HVM_SVM, BOOT_TIMEOUT)
    assert int(m.group(1)) >= 2
    assert m.group(2) == "no"           # QEMU TCG has no NRIPS
    q.wait_for(r"^\(XEN\) HVM: SVM active on 2 of 2 CPUs", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)
    assert "cannot enable" not in q.output


def test_no_npt_reported(qemu):
    q = qemu(cmdline=CONSOLE, smp=1, extra=("-cpu", "qemu64,+svm,-npt"))
    q.wait_for(r"^\(XEN\) HVM: SVM not usable: no nested paging", BOOT_TIMEOUT)
    q.wait_for(r"^\(XEN\) HVM: no usable hardware virtualization", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)
