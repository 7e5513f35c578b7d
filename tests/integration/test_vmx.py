# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""The VMX backend (issue 11) under Bochs with an Intel CPU model
(corei7_haswell_4770: VMX, EPT, VPID, unrestricted guest): the hypervisor
picks VMX from CPUID and runs the SVM integration tests' guests with the
same verdicts -- hello, exits, smp (an AP started by INIT/SIPI in real
mode), crash (alone and next to a busy neighbour),
every hc-* hypercall guest as dom0, and the ev-ping event-channel pair.

Each configuration is one Bochs run bounded to about a minute of wall
time (bochs.py); the module starts them two at a time as soon as its first
test runs, and each test then checks its finished run with the helpers of
test_guests.py.  Logs: build/test-logs/vmx-<name>.log.
"""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from bochs import Bochs
from boot_lines import (ALL_DOMAINS_ENDED, DOM_CREATED, GUEST_LINE, VERDICT,
                        VMX_ACTIVE, VMX_ENABLED, dom)
from qemu import DEFAULT_CMDLINE
from test_guests import (CRASH_DELAY, assert_crashed, assert_pages_back,
                         assert_success, elf, only, started)
from test_hypercalls import DOM0 as HC_DOM0
from test_hypercalls import assert_no_failed_checks

# Bochs runs ~100 M guest instructions per second: smaller loops than under TCG.
VICTIM_WORK = 30000000
PING_WORK = 2000         # as test_evtchn.py

# name -> (modules, hypervisor options, CPUs)
SPECS = {
    "hello": ([elf("hello") + " greeting=hi work=1000"], "", 2),
    "exits": ([elf("exits")], "", 2),
    "crash": ([elf("crash")], "", 2),
    "smp": ([elf("smp")], "dom0_max_vcpus=2", 2),
    "crash-neighbour": ([elf("hello") + f" work={VICTIM_WORK}",
                         elf("crash") + f" work={CRASH_DELAY}"],
                        "domU=2,mem=16M,name=crash", 2),
    "four-domains": ([elf("hello") + " work=10000000", elf("smp"),
                      elf("exits"), elf("hello") + " work=10000000"],
                     "domU=2,mem=16M,vcpus=2,name=smp;3,mem=16M,name=exits;4,mem=16M", 2),
    "bad-entry": ([elf("hello") + f" work={VICTIM_WORK}", elf("hello")],
                  "domU=2,mem=16M,name=victim vmx_test_bad_entry=1", 2),
    "ev-ping": ([elf("ev-ping") + f" work={PING_WORK}"] * 2,
                "domU=2,mem=16M,name=ev-ping", 2),
    "ev-ping-fifo": ([elf("ev-ping") + f" work={PING_WORK} fifo"] * 2,
                     "domU=2,mem=16M,name=ev-ping", 2),
}
SPECS.update({g: ([elf(g)], HC_DOM0[g], 2) for g in sorted(HC_DOM0)})


def _run(name, modules, xen_args, smp):
    cmdline = f"{DEFAULT_CMDLINE} dom0_mem=16M {xen_args}".strip()
    return Bochs(name, cmdline, initrd=",".join(modules), smp=smp).run()


def _wanted(session):
    """The configurations the selected tests of this module use (-k friendly)."""
    names = []
    for item in session.items:
        if item.module.__name__ != __name__:
            continue
        name = getattr(item, "callspec", None) and item.callspec.params.get("guest")
        name = name or getattr(item.function, "vmx_spec", None)
        if name in SPECS and name not in names:
            names.append(name)
    return names


def uses(name):
    """Mark a test as checking configuration @name."""
    def mark(fn):
        fn.vmx_spec = name
        return fn
    return mark


@pytest.fixture(scope="module")
def vmx_runs(request):
    pool = ThreadPoolExecutor(max_workers=2)
    futures = {name: pool.submit(_run, name, *SPECS[name])
               for name in _wanted(request.session)}
    yield futures
    for f in futures.values():
        f.cancel()
    pool.shutdown(wait=True)


def finished(vmx_runs, name):
    """The run of configuration @name, checked to have reached its end."""
    b = vmx_runs[name].result()
    started(b)
    b.wait_for(ALL_DOMAINS_ENDED)
    only(b, VMX_ENABLED)
    active = only(b, VMX_ACTIVE)
    assert active.group(1) == active.group(2), "VMX not active on every CPU"
    assert "Panic" not in b.output
    return b


@uses("hello")
def test_vmx_hello(vmx_runs):
    b = finished(vmx_runs, "hello")
    assert not b.find_all(r"^\(XEN\) HVM: SVM enabled")
    created = only(b, dom(DOM_CREATED, 0))
    assert (created.group(2), created.group(3)) == ("1", "16")
    only(b, dom(GUEST_LINE, 0, "hello: this line went through port 0xe9 only"))
    only(b, dom(GUEST_LINE, 0, "hello: this line went through console_io only"))
    only(b, dom(GUEST_LINE, 0, r'hello: cmdline "greeting=hi work=1000"'))
    only(b, dom(GUEST_LINE, 0, "hello: work done"))
    assert_success(b, 0)
    assert_pages_back(b)


@uses("exits")
def test_vmx_exits(vmx_runs):
    b = finished(vmx_runs, "exits")
    assert_success(b, 0)
    assert not re.search(r"\[FAIL\]", b.output), "a check failed"
    assert_pages_back(b)


@uses("smp")
def test_vmx_smp_ap_via_init_sipi(vmx_runs):
    """The AP starts in real mode from INIT/SIPI (unrestricted guest) and reaches long mode."""
    b = finished(vmx_runs, "smp")
    only(b, dom(GUEST_LINE, 0, r"smp: AP running in 64-bit mode, x2APIC ID 2"))
    assert_success(b, 0)
    assert_pages_back(b)


@uses("crash")
def test_vmx_crash(vmx_runs):
    b = finished(vmx_runs, "crash")
    only(b, dom(GUEST_LINE, 0, "crash: .*expect"))
    assert_crashed(b, 0)
    assert_pages_back(b)


@uses("crash-neighbour")
def test_vmx_crash_ends_only_itself(vmx_runs):
    b = finished(vmx_runs, "crash-neighbour")
    crashed = assert_crashed(b, 1)
    assert_success(b, 0)
    assert crashed.start() < only(b, dom(VERDICT, 0)).start()
    assert_pages_back(b)


@uses("four-domains")
def test_vmx_four_domains_five_vcpus(vmx_runs):
    """Five vCPUs of four domains share two pCPUs (VMCS switches on each pCPU)."""
    b = finished(vmx_runs, "four-domains")
    for i in range(4):
        only(b, dom(DOM_CREATED, i))
        assert_success(b, i)
    only(b, dom(GUEST_LINE, 1, r"smp: AP running in 64-bit mode, x2APIC ID 2"))
    assert not re.search(r"\[FAIL\]", b.output), "a check failed"
    assert_pages_back(b)


@uses("bad-entry")
def test_vmx_failed_entry_crashes_only_that_domain(vmx_runs):
    """A VM entry the CPU refuses (test option: bad VMCS link pointer for d1)
    is reported with exit reason and qualification; d0 runs on."""
    b = finished(vmx_runs, "bad-entry")
    c = assert_crashed(b, 1)
    assert re.match(r"VM entry failed: exit reason 33 \(INVALID_GUEST_STATE\), "
                    r"qualification 0x4$", c.group(1)), c.group(1)
    assert_success(b, 0)
    assert_pages_back(b)


@pytest.mark.parametrize("guest", sorted(HC_DOM0))
def test_vmx_hc_dom0(vmx_runs, guest):
    b = finished(vmx_runs, guest)
    only(b, dom(GUEST_LINE, 0, guest + r": on ours, domain 0 \(control domain\)"))
    assert_no_failed_checks(b)
    assert_success(b, 0)
    assert_pages_back(b)


@pytest.mark.parametrize("guest", ["ev-ping", "ev-ping-fifo"])
def test_vmx_ev_ping(vmx_runs, guest):
    b = finished(vmx_runs, guest)
    assert_no_failed_checks(b)
    assert_success(b, 0)
    assert_success(b, 1)
    only(b, dom(GUEST_LINE, 1, rf"ev-ping: echoed {PING_WORK} events"))
    assert_pages_back(b)
