# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Grant tables (issue 6) through the gt-* test guests, in both grant
table versions ("v2" on a guest's command line): one domain on its own
(sizes, versions, frames, copy within the domain, mapping its own grants,
maptrack exhaustion, the per-domain limits), two domains (A grants, B maps,
writes, A sees; read-only grants; copy both ways; revocation while mapped;
error codes; foreign GFNs; B's maptrack exhausted), either domain ending
while pages are mapped, and a seeded random two-domain stress run.  Every
boot must end with SUCCESS from each guest, no "[FAIL]" line and the free
pages back at their pre-domain count.

gt-self also passes as dom0 on Xen 4.17 in both versions
(scripts/run-on-xen ... on-xen [v2] maptrack=1 with
--xen-args gnttab_max_maptrack_frames=1); see tests/guests/README.md.
"""

import pytest

from boot_lines import DOM_DESTROYED, DOM_GRANT_KEPT, DOM_SHUTDOWN, GUEST_LINE, dom
from test_guests import assert_crashed, assert_pages_back, assert_success, boot, elf, only
from test_hypercalls import assert_no_failed_checks

VERSIONS = {"v1": "", "v2": " v2"}
STRESS_STEPS = 600


def pair(qemu, guest, args0="", args1="", domu_keys="", xen_args=""):
    """@guest as dom0 (@args0) and as domU 1 (@args1); returns the Qemu."""
    spec = f"domU=2,mem=16M,name={guest}{domu_keys}"
    return boot(qemu, [elf(guest) + args0, elf(guest) + args1], f"{spec} {xen_args}".strip())


def ok_pair(q):
    assert_no_failed_checks(q)
    assert_success(q, 0)
    assert_success(q, 1)
    assert_pages_back(q)


@pytest.mark.parametrize("ver", sorted(VERSIONS))
def test_gt_self_dom0(qemu, ver):
    """Xen's option names: gnttab_max_frames, gnttab_max_maptrack_frames."""
    q = boot(qemu, [elf("gt-self") + f" maptrack=1 maxframes=32{VERSIONS[ver]}"],
             "gnttab_max_frames=32 gnttab_max_maptrack_frames=1")
    only(q, dom(GUEST_LINE, 0, rf"gt-self: d0, grant table {ver}"))
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] 255 mappings before the maptrack ran out"))
    assert_no_failed_checks(q)
    assert_success(q, 0)
    assert_pages_back(q)


@pytest.mark.parametrize("ver", sorted(VERSIONS))
def test_gt_self_all_ops(qemu, ver):
    """gnttab_all_ops (our extension) opens dump_table, get_status_frames,
    cache_flush and unmap_and_replace to PVH guests, with Xen's semantics."""
    q = boot(qemu, [elf("gt-self") + f" all-ops{VERSIONS[ver]}"], "gnttab_all_ops")
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] dump_table \(all ops\): 0"))
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] unmap the ro one \(all ops"))
    assert_no_failed_checks(q)
    assert_success(q, 0)
    assert_pages_back(q)


@pytest.mark.parametrize("ver", sorted(VERSIONS))
def test_gt_self_domU_limits(qemu, ver):
    """domU keys max_grant_frames and max_maptrack_frames (2 frames: 511);
    gt-self's "limits" part only (a domU's console is rate-limited)."""
    q = boot(qemu, [elf("hello"),
                    elf("gt-self") + f" limits maptrack=2 maxframes=20{VERSIONS[ver]}"],
             "domU=2,mem=16M,name=gt-self,max_grant_frames=20,max_maptrack_frames=2")
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] 511 mappings before the maptrack ran out"))
    ok_pair(q)


@pytest.mark.parametrize("ver", sorted(VERSIONS))
def test_gt_pair(qemu, ver):
    """A (d0) grants, B (d1, 1 maptrack frame) maps, writes, A sees; ro,
    copies, revocation, errors, foreign GFNs, B's maptrack exhausted."""
    q = pair(qemu, "gt-pair", VERSIONS[ver], " maptrack=1" + VERSIONS[ver],
             ",max_maptrack_frames=1")
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] B sees A's page through the mapping"))
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] A sees B's write"))
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] the write was discarded"))
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] revoking the rw grant while mapped fails"))
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] 254 mappings besides the mailbox's"))
    only(q, dom(GUEST_LINE, 0, r"gt-pair: d0 done, all grants revoked"))
    only(q, dom(GUEST_LINE, 1, r"gt-pair: d1 done, all mappings gone"))
    ok_pair(q)


def test_gt_remove_from_physmap_keeps_grant_mapping(qemu):
    """XENMEM_remove_from_physmap of a GFN holding another domain's granted
    page: -ENOENT on Xen 4.17 (get_page_from_gfn cannot take a reference on
    a page the caller does not own) and the mapping stays.  Ours removes the
    p2m entry behind the grant code's back (the handle then cannot be
    unmapped, the grant never revoked): reported to the gnttab side."""
    q = pair(qemu, "gt-pair", "", " remove-gfn")
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] remove_from_physmap of that GFN: -ENOENT"))
    ok_pair(q)


def test_gt_granter_dies_mid_mapping(qemu):
    """d1 powers off while d0 maps its page: d0 keeps using it, unmaps."""
    q = pair(qemu, "gt-destroy", " mode=granter-dies", " mode=granter-dies")
    gone = only(q, dom(GUEST_LINE, 0, r"gt-destroy: d1 is gone"))
    assert only(q, dom(DOM_SHUTDOWN, 1)).start() < gone.start()
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] the mapping of the dead granter's page keeps"))
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] unmap the dead granter's page: GNTST_okay"))
    # the one mapped page outlives d1 and is freed by d0's unmap
    kept = int(only(q, dom(DOM_GRANT_KEPT, 1)).group(1))
    assert kept == 1
    # both domains have 16 MiB: d1 freed all but the kept page at its death
    assert int(only(q, dom(DOM_DESTROYED, 1)).group(1)) + kept == \
        int(only(q, dom(DOM_DESTROYED, 0)).group(1))
    ok_pair(q)


def test_gt_granter_frees_mapped_page(qemu):
    """d0 gives back a page d1 maps: not freed or reused until the unmap."""
    q = pair(qemu, "gt-destroy", " mode=granter-frees", " mode=granter-frees")
    only(q, dom(GUEST_LINE, 1, r"\s+\[ ok \] d1's mapping still shows the old page"))
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] d0's new page untouched"))
    ok_pair(q)
    assert not q.find_all(dom(DOM_GRANT_KEPT, None))


@pytest.mark.parametrize("how", ["poweroff", "crash"])
def test_gt_mapper_dies_mid_mapping(qemu, how):
    """d1 ends with three of d0's grants mapped: all released."""
    extra = " crash" if how == "crash" else ""
    q = pair(qemu, "gt-destroy", " mode=mapper-dies", " mode=mapper-dies" + extra)
    gone = only(q, dom(GUEST_LINE, 0, r"gt-destroy: d1 is gone"))
    assert only(q, dom(DOM_SHUTDOWN, 1)).start() < gone.start()
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] rw grant released by d1's death and revoked"))
    assert_no_failed_checks(q)
    assert_success(q, 0)
    if how == "crash":
        assert only(q, dom(DOM_SHUTDOWN, 1)).group(1) == "crash"
        assert int(only(q, dom(DOM_DESTROYED, 1)).group(1)) > 0
    else:
        assert_success(q, 1)
    assert_pages_back(q)


def test_gt_map_over_grant_mapping_crashes_mapper(qemu):
    """As Xen 4.17 (p2m_add_page): a grant mapped at a GFN that holds a grant
    mapping crashes the mapper; the granter finds both grants free."""
    q = pair(qemu, "gt-destroy", " mode=map-over-map", " mode=map-over-map")
    c = assert_crashed(q, 1)
    assert "grant" in c.group(1)
    only(q, dom(GUEST_LINE, 0, r"\s+\[ ok \] the first grant released by d1's crash"))
    assert_no_failed_checks(q)
    assert_success(q, 0)
    assert_pages_back(q)


STRESS_LINE = (r"gt-stress: d{d}: (\d+) steps, (\d+) second mappings, (\d+) refused as expected, "
               r"every byte as modelled")
STRESS_OPS = r"gt-stress: d{d}: ops (.*)"


@pytest.mark.parametrize("ver", sorted(VERSIONS))
def test_gt_stress(qemu, ver):
    args = f" seed=42 steps={STRESS_STEPS}{VERSIONS[ver]}"
    q = pair(qemu, "gt-stress", args, args)
    for d in (0, 1):
        m = only(q, dom(GUEST_LINE, d, STRESS_LINE.format(d=d)))
        assert int(m.group(1)) == STRESS_STEPS
    ops = only(q, dom(GUEST_LINE, 1, STRESS_OPS.format(d=1)))
    assert int(m.group(2)) > 0, "no slot was ever mapped twice"
    print(f"\ngt-stress {ver}: {ops.group(1)}; {m.group(2)} second mappings, "
          f"{m.group(3)} refused (d1)")
    ok_pair(q)


@pytest.mark.parametrize("ver", sorted(VERSIONS))
def test_gt_stress_mapper_dies(qemu, ver):
    """B powers off mid-run holding mappings: all released, pages exact."""
    args = f" seed=5 steps=600 die=400{VERSIONS[ver]}"
    q = pair(qemu, "gt-stress", args, args)
    m = only(q, dom(GUEST_LINE, 1, r"gt-stress: d1 powers off at step 400 with (\d+) mappings"))
    assert int(m.group(1)) > 0
    only(q, dom(GUEST_LINE, 0, r"gt-stress: d0: d1 died at step 400 holding \d+ mappings: all "
                               r"released, every byte as modelled"))
    ok_pair(q)


def test_gt_stress_reproducible(qemu):
    """The same seed gives the same run (operation counts and refusals)."""
    args = " seed=7 steps=200"
    lines = []
    for _ in range(2):
        q = pair(qemu, "gt-stress", args, args)
        ok_pair(q)
        lines.append([only(q, dom(GUEST_LINE, d, pat.format(d=d))).group(0)
                      for d in (0, 1) for pat in (STRESS_OPS, STRESS_LINE)])
        q.close()
    assert lines[0] == lines[1]
