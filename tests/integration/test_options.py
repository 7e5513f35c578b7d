# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Hypervisor command-line options: unknown options and bad values are
reported and the boot goes on; typed values (size with suffix, comN=
syntax) take effect; loglvl= filters what reaches the console."""

from boot_lines import BOOT_TIMEOUT, CPUS, MEMORY, READY

CONSOLE = "console=com1 "


def test_unknown_option_reported(qemu):
    q = qemu(cmdline=CONSOLE + "frobnicate=1")
    q.wait_for(r"^\(XEN\) Unknown command line option 'frobnicate'", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_bad_values_reported(qemu):
    q = qemu(cmdline=CONSOLE + "loglvl=bogus noreboot=maybe conring_size=12Q")
    for name, val in (("loglvl", "bogus"), ("noreboot", "maybe"),
                      ("conring_size", "12Q")):
        q.wait_for(rf"^\(XEN\) Bad value for command line option '{name}': "
                   rf"'{val}'", BOOT_TIMEOUT, start=0)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_typed_values_take_effect(qemu):
    q = qemu(cmdline=CONSOLE + "com1=57600,8n1 conring_size=64K")
    q.wait_for(r"^\(XEN\) Console: com1 at 0x3f8, 57600 8n1", BOOT_TIMEOUT)
    q.wait_for(r"^\(XEN\) Console: loglvl \S+, ring 64 KiB", BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_loglvl_warning_hides_info(qemu):
    """loglvl=warning: warnings still print, info lines (banner, memory,
    "ready") do not; the machine still boots and obeys debug keys."""
    q = qemu(cmdline=CONSOLE + "loglvl=warning frobnicate=1")
    q.wait_for(r"^\(XEN\) Unknown command line option 'frobnicate'", BOOT_TIMEOUT)
    # Nothing tells us when input is polled (UART set-up may drop a byte
    # sent too early), so press 'R' once a second until the machine resets.
    for _ in range(BOOT_TIMEOUT):
        q.send("R")
        if not q.still_running_after(1):
            break
    assert q.wait_exit(1) == 0
    log = q.output
    for hidden in ("Xen-compatible hypervisor version", "RAM detected",
                   "ready", "'R' pressed"):
        assert hidden not in log, f"{hidden!r} printed despite loglvl=warning"


def test_loglvl_default_shows_info(qemu):
    q = qemu(cmdline=CONSOLE + "loglvl=info")
    q.wait_for(MEMORY, BOOT_TIMEOUT)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_maxcpus_limits_bringup(qemu):
    q = qemu(cmdline=CONSOLE + "maxcpus=1", smp=2)
    q.wait_for(READY, BOOT_TIMEOUT)
    assert q.wait_for(CPUS, 5, start=0).group(1) == "1"
