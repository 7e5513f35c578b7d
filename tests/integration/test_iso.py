# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""`make iso` builds a GRUB rescue ISO, and GRUB boots the hypervisor from
it to "ready" through multiboot2 (the default entry) and multiboot1."""

import os
import subprocess

from boot_lines import BOOT_TIMEOUT, LOADER, MEMORY, READY
from qemu import TOP

GRUB_TIMEOUT = 120      # BIOS + GRUB from CD under TCG, then our boot


def build(cmd, env_extra=None):
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(env_extra or {})
    p = subprocess.run(cmd, cwd=TOP, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=300)
    assert p.returncode == 0, p.stdout.decode(errors="replace")


def boot_iso(qemu, iso, loader):
    q = qemu(cdrom=iso)
    q.wait_for(r"Booting `Xen-compatible hypervisor \(multiboot%s\)'" % loader,
               GRUB_TIMEOUT)
    assert q.wait_for(LOADER, GRUB_TIMEOUT).group(1) == loader
    q.wait_for(MEMORY, BOOT_TIMEOUT, start=0)
    q.wait_for(READY, BOOT_TIMEOUT)


def test_make_iso_boots_multiboot2(qemu):
    iso = os.path.join(TOP, "build", "xen.iso")
    if os.path.exists(iso):
        os.remove(iso)
    build(["make", "-s", "iso"])
    assert os.path.getsize(iso) > 0
    boot_iso(qemu, iso, "2")


def test_iso_multiboot1_entry(qemu):
    iso = os.path.join(TOP, "build", "test-iso", "xen-mb1.iso")
    build([os.path.join(TOP, "scripts", "mkiso"), "xen/xen", iso],
          {"GRUB_DEFAULT": "1"})
    boot_iso(qemu, iso, "1")
