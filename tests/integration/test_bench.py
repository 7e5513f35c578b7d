# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""The benchmark guest (tests/bench) boots on our hypervisor and prints its
table: one BENCH line per operation with numbers (grant tables have
landed: no row is n/a on ours any more), then SUCCESS, every page back.
Timings are never asserted here; `make bench` is where they are compared
with Xen 4.17 (scripts/bench, README "Benchmarks")."""

import os
import re

from boot_lines import ENTRY_TSC
from qemu import TOP
from test_guests import assert_pages_back, assert_success, boot, only

BENCH = os.path.join(TOP, "tests", "bench", "bench.elf")
OPS = ("null_hypercall", "cpuid", "io_port", "msr_read", "evtchn_send",
       "event_round_trip", "sched_yield", "gnttab_copy", "gnttab_map", "memory_op")
# "BENCH <key> <min> <median> <iters> <label>" or "BENCH <key> n/a <rc> <label>"
ROW = r"^\(d0\) BENCH {key} (?:(\d+) (\d+) (\d+)|n/a (-?\d+)) \S"


def test_bench_guest_prints_its_table(qemu):
    q = boot(qemu, [BENCH + " iters=20"])
    assert_success(q, 0)
    assert_pages_back(q)
    for key in OPS:
        m = only(q, ROW.format(key=key))
        assert m.group(4) is None, f"{key} is n/a: {m.group(0)}"
        assert int(m.group(3)) == 20, f"{key}: {m.group(0)}"
        assert int(m.group(1)) <= int(m.group(2)), f"{key}: min above median"
    assert only(q, r"^\(d0\) BENCH done")
    # the boot figure's two ends: guest's first instruction after our entry
    entry = int(only(q, ENTRY_TSC).group(1))
    first = int(only(q, r"^\(d0\) BENCH boot_tsc (\d+)").group(1))
    assert 0 < entry < first
    assert not re.search(r"BENCH \S+ n/a .*failed\)", q.output)
