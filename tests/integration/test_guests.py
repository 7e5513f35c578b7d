# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Test guests (tests/guests) as the initial domain and as extra boot-time
domains: verdicts, shutdown/crash/destroy lines, free pages back at their
pre-domain count, malformed images refused while other domains run, and
the 'q' key.  Each boot ends when "All domains ended" appears.

Boot configuration (team brief): module 1 is dom0's kernel + command line;
`domU=<module>[,mem=..][,vcpus=..][,name=..]` adds domains 1, 2, ...
"""

import os
import re

import pytest

from boot_lines import (ALL_DOMAINS_ENDED, BOOT_TIMEOUT, DOM_CRASHED,
                        DOM_CREATED, DOM_DESTROYED, DOM_REFUSED, DOM_SHUTDOWN,
                        GUEST_LINE, GUEST_TIMEOUT, READY, SVM_ENABLED, VERDICT,
                        dom)
from qemu import DEFAULT_CMDLINE, TOP

GUESTS = os.path.join(TOP, "tests", "guests")
# Seconds from "ready" until the first domain is created or refused.
FIRST_DOMAIN_TIMEOUT = 15
# Enough busy loop to still be running when a neighbour crashes (~1 s of TCG).
VICTIM_WORK = 100000000
# What crash/badmem spin first, so that the victim is mid-work (~0.1 s).
CRASH_DELAY = 10000000


def elf(name):
    return os.path.join(GUESTS, name, name + ".elf")


def bad(name):
    return os.path.join(GUESTS, "malformed", name + ".elf")


def boot(qemu, modules, xen_args="", smp=2, extra=()):
    """Boot with @modules (list of "path [cmdline]") and wait until every
    domain has ended (@extra: more QEMU arguments).  Returns the Qemu instance."""
    for m in modules:
        path = m.split(" ", 1)[0]
        assert os.path.isfile(path), f"{path} missing (run make)"
    q = qemu(cmdline=f"{DEFAULT_CMDLINE} dom0_mem=16M {xen_args}".strip(),
             initrd=",".join(modules), smp=smp, extra=extra)
    started(q)
    q.wait_for(ALL_DOMAINS_ENDED, GUEST_TIMEOUT)
    return q


def started(q):
    """Fail fast (not after GUEST_TIMEOUT) when no domain gets built."""
    q.wait_for(READY, BOOT_TIMEOUT, start=0)
    q.wait_for(r"^\(XEN\) d\d+: (created|refused)", FIRST_DOMAIN_TIMEOUT, start=0)


def only(q, pattern):
    """The one match of @pattern in the log (guest lines may appear twice,
    once per console channel: take the first)."""
    ms = q.find_all(pattern)
    assert ms, f"no line matches /{pattern}/; log tail:\n{q.tail(60)}"
    return ms[0]


def assert_pages_back(q):
    m = only(q, ALL_DOMAINS_ENDED)
    assert m.group(1) == m.group(2), f"free pages {m.group(1)} != {m.group(2)} before domains"
    assert "Panic" not in q.output


def assert_success(q, domid):
    """@domid printed SUCCESS, powered off and was destroyed."""
    v = only(q, dom(VERDICT, domid))
    assert v.group(1) == "SUCCESS", f"d{domid}: {v.group(1)}"
    assert only(q, dom(DOM_SHUTDOWN, domid)).group(1) == "poweroff"
    assert int(only(q, dom(DOM_DESTROYED, domid)).group(1)) > 0
    assert not q.find_all(dom(DOM_CRASHED, domid))


def assert_crashed(q, domid):
    """@domid was crashed by the hypervisor: crashed line, then shutdown:
    crash, then destroyed; no verdict (it never got past the fault)."""
    c = only(q, dom(DOM_CRASHED, domid))
    s = only(q, dom(DOM_SHUTDOWN, domid))
    d = only(q, dom(DOM_DESTROYED, domid))
    assert s.group(1) == "crash"
    assert c.start() < s.start() < d.start()
    assert not q.find_all(dom(VERDICT, domid)), "crashing guest printed a verdict"
    return c


# ---- each guest alone, as dom0 -----------------------------------------

def test_hello_dom0(qemu):
    q = boot(qemu, [elf("hello") + " greeting=hi work=1000"])
    only(q, SVM_ENABLED)
    created = only(q, dom(DOM_CREATED, 0))
    assert (created.group(2), created.group(3)) == ("1", "16")
    only(q, dom(GUEST_LINE, 0, "hello: this line went through port 0xe9 only"))
    only(q, dom(GUEST_LINE, 0, "hello: this line went through console_io only"))
    only(q, dom(GUEST_LINE, 0, r'hello: cmdline "greeting=hi work=1000"'))
    only(q, dom(GUEST_LINE, 0, r"hello: memory map, \d+ entries"))
    only(q, dom(GUEST_LINE, 0, r"hello:\s+0x0*-0x\S+ RAM"))
    only(q, dom(GUEST_LINE, 0, "hello: work done"))
    assert_success(q, 0)
    assert_pages_back(q)


@pytest.mark.parametrize("guest,xen_args", [
    ("exits", ""),
    ("smp", "dom0_max_vcpus=2"),
])
def test_guest_succeeds_dom0(qemu, guest, xen_args):
    q = boot(qemu, [elf(guest)], xen_args)
    assert_success(q, 0)
    assert not re.search(r"\[FAIL\]", q.output), "a check failed"
    assert_pages_back(q)


@pytest.mark.parametrize("guest", ["crash", "badmem"])
def test_guest_crashes_dom0(qemu, guest):
    q = boot(qemu, [elf(guest)])
    only(q, dom(GUEST_LINE, 0, guest + ": .*expect"))
    assert_crashed(q, 0)
    assert_pages_back(q)


# ---- several domains at once on -smp 2 ---------------------------------

def test_two_domains(qemu):
    q = boot(qemu, [elf("hello") + " work=1000000", elf("exits")],
             "domU=2,mem=16M,name=exits")
    assert only(q, dom(DOM_CREATED, 1)).group(1) == "exits"
    assert_success(q, 0)
    assert_success(q, 1)
    assert_pages_back(q)


def test_crash_ends_only_itself(qemu):
    """crash triple-faults while hello (dom0) is busy; hello still succeeds."""
    q = boot(qemu, [elf("hello") + f" work={VICTIM_WORK}",
                    elf("crash") + f" work={CRASH_DELAY}"],
             "domU=2,mem=16M,name=crash")
    crashed = assert_crashed(q, 1)
    assert_success(q, 0)
    # The victim was mid-work when the neighbour crashed.
    assert only(q, dom(GUEST_LINE, 0, "hello: work: ")).start() < crashed.start()
    assert crashed.start() < only(q, dom(VERDICT, 0)).start()
    assert_pages_back(q)


def test_four_domains_crash_and_badmem(qemu):
    q = boot(qemu, [elf("hello") + f" work={VICTIM_WORK}",
                    elf("crash") + f" work={CRASH_DELAY}",
                    elf("badmem") + f" work={CRASH_DELAY}",
                    elf("hello") + " work=20000000"],
             "domU=2,mem=16M,name=crash;3,mem=16M,name=badmem;4,mem=16M,vcpus=1")
    for i in range(4):
        only(q, dom(DOM_CREATED, i))
    assert_crashed(q, 1)
    assert_crashed(q, 2)
    assert_success(q, 0)
    assert_success(q, 3)
    assert_pages_back(q)


# ---- malformed images ---------------------------------------------------

FIXTURES = ["truncated", "truncated-hdr", "nonote", "badpaddr"]


def test_malformed_domus_refused(qemu):
    """Every malformed image is refused with a reason; dom0 runs on."""
    mods = [elf("hello") + " work=20000000"] + [bad(f) for f in FIXTURES]
    specs = ";".join(f"{i + 2},mem=16M,name={f}" for i, f in enumerate(FIXTURES))
    q = boot(qemu, mods, "domU=" + specs)
    for i, f in enumerate(FIXTURES, 1):
        why = only(q, dom(DOM_REFUSED, i)).group(1)
        assert why.strip(), f"{f}: empty reason"
        assert not q.find_all(dom(VERDICT, i))
    assert_success(q, 0)
    assert_pages_back(q)


def test_malformed_dom0_refused(qemu):
    """A refused dom0 does not stop the hypervisor or the other domains."""
    q = boot(qemu, [bad("nonote"), elf("hello")], "domU=2,mem=16M")
    only(q, dom(DOM_REFUSED, 0))
    assert_success(q, 1)
    assert_pages_back(q)


# ---- debug key ------------------------------------------------------------

def test_key_q_shows_domains(qemu):
    q = qemu(cmdline=f"{DEFAULT_CMDLINE} dom0_mem=16M domU=2,mem=16M,vcpus=2,name=worker",
             initrd=",".join([elf("hello") + f" work={VICTIM_WORK * 3}",
                              elf("hello") + f" work={VICTIM_WORK * 3}"]))
    started(q)
    q.wait_for(dom(GUEST_LINE, 1, "hello: work: "), GUEST_TIMEOUT)
    q.send("q")
    header = q.wait_for(r"^\(XEN\) 'q' pressed -> dumping domain", 10)
    start = header.end()
    q.wait_for(r"(?i)^\(XEN\).*\b(d0|domain 0)\b", 10, start=start)
    q.wait_for(r"(?i)^\(XEN\).*\b(d1|domain 1)\b.*|^\(XEN\).*worker", 10, start=start)
    q.wait_for(r"(?i)^\(XEN\).*vcpu", 10, start=start)
    q.wait_for(ALL_DOMAINS_ENDED, GUEST_TIMEOUT)
    # Keys are handled while guests run: the dump shows them alive.
    first_end = min(m.start() for m in q.find_all(dom(DOM_SHUTDOWN, None)))
    assert header.start() < first_end, \
        "'q' was only handled after the domains had ended (key input starved while guests run?)"
    assert_success(q, 0)
    assert_success(q, 1)
    assert_pages_back(q)
