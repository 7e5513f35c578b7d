# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Domain configuration and the domain debug keys, without guests: bad
domU= specs are reported and the boot goes on; the scheduler reports its
time slice; 'q' and 'd' work when there is nothing to dump."""

from boot_lines import BOOT_TIMEOUT, READY

CONSOLE = "console=com1 "
KEY_TIMEOUT = 10


def test_bad_domu_spec_reported(qemu):
    q = qemu(cmdline=CONSOLE + "domU=2,mem=16M;3,vcpus=0")
    q.wait_for(r"^\(XEN\) domU=: spec 2: bad vCPU count 'vcpus=0'", BOOT_TIMEOUT)
    q.wait_for(r"^\(XEN\) Bad value for command line option 'domU'", BOOT_TIMEOUT, start=0)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_sched_timeslice_option(qemu):
    q = qemu(cmdline=CONSOLE + "sched_timeslice=5")
    q.wait_for(r"^\(XEN\) Scheduler: credit, time slice 5 ms, accounting period 15 ms", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_domain_keys_without_domains(qemu):
    q = qemu()
    q.wait_for(READY, BOOT_TIMEOUT)
    q.send("q")
    hdr = q.wait_for(r"^\(XEN\) 'q' pressed -> dumping domain info", KEY_TIMEOUT)
    q.wait_for(r"^\(XEN\) No domains", KEY_TIMEOUT, start=hdr.end())
    q.send("d")
    hdr = q.wait_for(r"^\(XEN\) 'd' pressed -> dumping vCPU registers", KEY_TIMEOUT)
    q.wait_for(r"^\(XEN\) No (domains|hardware virtualization)", KEY_TIMEOUT,
               start=hdr.end())
    assert q.running()
