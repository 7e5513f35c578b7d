# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Debug keys typed on the serial console once the hypervisor is ready."""

import pytest

from boot_lines import BOOT_TIMEOUT, READY

KEY_TIMEOUT = 10
KEY_LINE = r"^\(XEN\)\s+key '{}' \(ascii '{:02x}'\) => \S"


def ready(qemu):
    q = qemu()
    q.wait_for(READY, BOOT_TIMEOUT)
    return q


def test_key_help(qemu):
    q = ready(qemu)
    q.send("h")
    hdr = q.wait_for(r"^\(XEN\) 'h' pressed -> showing installed handlers",
                     KEY_TIMEOUT)
    for key in "hmtR":
        q.wait_for(KEY_LINE.format(key, ord(key)), KEY_TIMEOUT, start=hdr.end())


@pytest.mark.parametrize("key,header,body", [
    ("m", r"'m' pressed -> dumping memory info", r"[Ff]ree"),
    ("t", r"'t' pressed -> dumping timer queues", r"CPU0*0"),
], ids=["m", "t"])
def test_key_dump(qemu, key, header, body):
    q = ready(qemu)
    q.send(key)
    q.wait_for(r"^\(XEN\) " + header, KEY_TIMEOUT)
    # The dump follows the header, and the machine keeps running.
    q.wait_for(r"^\(XEN\) .*" + body, KEY_TIMEOUT)
    assert q.running()
    assert "Panic" not in q.output


def test_key_unknown(qemu):
    q = ready(qemu)
    q.send("j")
    q.wait_for(r"^\(XEN\) .*'j'.*press 'h'", KEY_TIMEOUT)
    # Still responsive afterwards.
    q.send("h")
    q.wait_for(r"'h' pressed -> showing installed handlers", KEY_TIMEOUT)


def test_key_reset(qemu):
    q = ready(qemu)
    q.send("R")
    q.wait_for(r"^\(XEN\) 'R' pressed -> rebooting machine", KEY_TIMEOUT)
    assert q.wait_exit(30) == 0


def test_key_hypercall_counters_without_domains(qemu):
    q = ready(qemu)
    q.send("p")
    hdr = q.wait_for(r"^\(XEN\) 'p' pressed -> dumping hypercall counters", KEY_TIMEOUT)
    q.wait_for(r"^\(XEN\) No domains", KEY_TIMEOUT, start=hdr.end())
    q.send("P")
    q.wait_for(r"^\(XEN\) 'P' pressed -> resetting hypercall counters", KEY_TIMEOUT)
    assert q.running()


def test_key_hypercall_counters_with_a_guest(qemu):
    """'p' while dom0 (the hello guest, busy) runs: its console_io calls are counted."""
    import os
    from boot_lines import GUEST_LINE, GUEST_TIMEOUT, dom
    from qemu import DEFAULT_CMDLINE, TOP
    hello = os.path.join(TOP, "tests", "guests", "hello", "hello.elf")
    q = qemu(cmdline=f"{DEFAULT_CMDLINE} dom0_mem=16M", initrd=f"{hello} work=300000000")
    q.wait_for(dom(GUEST_LINE, 0, "hello: work: "), GUEST_TIMEOUT)
    q.send("p")
    hdr = q.wait_for(r"^\(XEN\) 'p' pressed -> dumping hypercall counters", KEY_TIMEOUT)
    q.wait_for(r"^\(XEN\) Domain 0 \(.*\):", KEY_TIMEOUT, start=hdr.end())
    q.wait_for(r"^\(XEN\)\s+hypercalls: .*console_io [1-9]", KEY_TIMEOUT, start=hdr.end())
