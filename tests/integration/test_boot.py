# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Boot to "ready" with 1, 2 and 4 CPUs and check what the hypervisor found:
version banner, RAM (within 1% of what QEMU was given), CPUs, TSC
frequency and the boot time."""

import pytest

from boot_lines import (BANNER, BOOT_TIME, BOOT_TIMEOUT, CPUS, LOADER,
                        MEMORY, READY, TSC)
from conftest import xen_version

MiB = 1024


def boot_and_check(qemu, smp, mem_mib):
    q = qemu(smp=smp, mem=f"{mem_mib}M")
    q.wait_for(READY, BOOT_TIMEOUT)

    def line(regex):
        return q.wait_for(regex, 5, start=0)

    assert line(BANNER).group(1) == xen_version()
    assert line(LOADER).group(1) == "1"         # QEMU -kernel is multiboot1

    kib = int(line(MEMORY).group(1))
    given = mem_mib * 1024
    assert abs(kib - given) <= given / 100, \
        f"detected {kib} KiB, QEMU was given {given} KiB"

    assert int(line(CPUS).group(1)) == smp

    mhz = float(line(TSC).group(1))
    assert 100 < mhz < 100000, f"implausible TSC frequency {mhz} MHz"

    ms = int(line(BOOT_TIME).group(1))
    assert 0 < ms < BOOT_TIMEOUT * 1000, f"implausible boot time {ms} ms"

    # Still up a moment later: timers and APs running after "ready" must
    # not bring it down.
    assert q.still_running_after(2), "QEMU exited after ready"
    log = q.output
    for bad in ("Panic", "FATAL", "BUG"):
        assert bad not in log, f"{bad!r} in the log"
    return q


@pytest.mark.parametrize("smp", [1, 2, 4])
def test_boot_smp(qemu, smp):
    boot_and_check(qemu, smp, 1024)


def test_boot_4g(qemu):
    """4 GiB: QEMU puts 3 GiB below the PCI hole and 1 GiB above 4 GiB."""
    boot_and_check(qemu, 2, 4096)
