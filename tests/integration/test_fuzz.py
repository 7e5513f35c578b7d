# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Robustness (issue 10): the fuzz guest (tests/guests/fuzz) makes seeded
random hypercalls and exits as an unprivileged domain while a victim
domain runs its checksummed workload (hello work=), a pair of domains
ping-pongs events (ev-ping, dom0 and domU 2) and another pair shares and
copies pages through grants (gt-stress, domUs 3 and 4).  Afterwards every domain
has succeeded, none crashed, the hypervisor is alive and the free-page
count is back at its baseline.  `make fuzz SEED=... N=...` runs the same
boot with other figures (FUZZ_SEED / FUZZ_N in the environment)."""

import os

from boot_lines import ALL_DOMAINS_ENDED, DOM_CRASHED, VERDICT, dom
from test_guests import assert_pages_back, assert_success, elf, started

SEED = int(os.environ.get("FUZZ_SEED", "1"), 0)
CALLS = int(os.environ.get("FUZZ_N", "50000"))
# the ev-ping pair, the gt-stress pair and the victim run about as long
# as 50000 calls
PINGS = 3000
GRANT_STEPS = 1500
VICTIM_WORK = 100000000
TIMEOUT = 240 + CALLS // 500


def test_fuzz_with_victims(qemu):
    mods = [elf("ev-ping") + f" work={PINGS} peer=2",
            elf("fuzz") + f" seed={SEED} n={CALLS}",
            elf("ev-ping") + f" work={PINGS}",
            elf("gt-stress") + f" peer=4 seed={SEED} steps={GRANT_STEPS}",
            elf("gt-stress") + f" peer=3 seed={SEED} steps={GRANT_STEPS}",
            elf("hello") + f" work={VICTIM_WORK}"]
    q = qemu(cmdline="console=com1 dom0_mem=16M "
                     "domU=2,mem=32M,name=fuzz;3,mem=16M,name=ev-ping;"
                     "4,mem=16M,name=gt-a;5,mem=16M,name=gt-b;6,mem=16M,name=victim",
             initrd=",".join(mods))
    started(q)
    q.wait_for(ALL_DOMAINS_ENDED, TIMEOUT)
    print(f"fuzz seed {SEED:#x}, {CALLS} calls")
    # every domain's fate first, so one failure does not hide another's
    fates = {}
    for d in range(6):
        c = q.find_all(dom(DOM_CRASHED, d))
        v = q.find_all(dom(VERDICT, d))
        fates[d] = ("crashed: " + c[0].group(1) if c else
                    v[0].group(1) if v else "no verdict")
    assert all(f == "SUCCESS" for f in fates.values()), f"seed {SEED:#x}: {fates}"
    for d in range(6):
        assert_success(q, d)
    assert q.find_all(dom(r"^\(d{id}\) fuzz: %d calls, \d+ exits" % CALLS, 1))
    for d in (3, 4):
        assert q.find_all(dom(r"^\(d{id}\) gt-stress: d%d: .*every byte as modelled" % d, d))
    assert_pages_back(q)
