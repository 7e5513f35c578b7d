# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Debian's own kernel (linux-image-amd64, /boot/vmlinuz-*) as the PVH
initial domain (issue 8).  Asserts only what works today:

* the bzImage is accepted, its XZ payload decompressed by our decoder into
  the ELF vmlinux and loaded at its physical addresses;
* Linux prints its banner through earlyprintk=xen and reaches /init of the
  initramfs from scripts/mkinitramfs on hvc0, on 2 vCPUs;
* the init's checks (see scripts/mkinitramfs) all pass: "Booting kernel on
  Xen PVH", /sys/hypervisor type/version = our xen_version, capabilities and
  uuid there, the xen clockevent on every vCPU and the xen clocksource,
  dom0's local xenstore port (alloc_unbound to itself), per-vCPU timer
  VIRQ and IPI event channels in /proc/interrupts, the steal column in
  /proc/stat, `sleep 1` = 1 s of xen-clocksource time within 2%,
  xen-evtchn and xen-privcmd load;
* `poweroff -f` (ACPI S5 through our FADT) ends in a hypervisor shutdown,
  and every page comes back;
* bzImages we cannot use are refused with a reason.
"""

import glob
import gzip
import os
import struct
import subprocess

import pytest

from boot_lines import (ALL_DOMAINS_ENDED, BOOT_TIMEOUT, BZIMAGE, DOM_CREATED,
                        DOM_REFUSED, DOM_SHUTDOWN, READY, dom)
from qemu import DEFAULT_CMDLINE, TOP
from test_guests import assert_pages_back, assert_success, boot, elf, only

INITRD = os.path.join(TOP, "build", "linux", "initramfs.cpio.gz")
LINUX_TIMEOUT = 300         # decompression (~10 s) + boot (~10 s) on a loaded TCG host
CHECKS = ["pvh", "hypervisor_type", "hypervisor_version", "sys_hypervisor", "clockevents_xen",
          "clocksource_xen", "xenstore_local", "interrupts_timer",
          "interrupts_resched", "interrupts_callfunc", "interrupts_callfuncsingle",
          "steal_column", "sleep_1s", "modprobe_xen-evtchn", "modprobe_xen-privcmd"]


def vmlinuz():
    found = sorted(glob.glob("/boot/vmlinuz-*"))
    assert found, "no /boot/vmlinuz-* (ensure-deps installs linux-image-amd64)"
    return found[-1]


@pytest.fixture(scope="module")
def initrd():
    subprocess.run([os.path.join(TOP, "scripts", "mkinitramfs"), INITRD], check=True,
                   stdout=subprocess.DEVNULL)
    return INITRD


def boot_linux(qemu, kernel, initrd_path, xen_args="", cmdline="console=hvc0 earlyprintk=xen"):
    mods = f"{kernel} {cmdline}" + (f",{initrd_path}" if initrd_path else "")
    q = qemu(cmdline=f"{DEFAULT_CMDLINE} {xen_args}".strip(), initrd=mods, smp=2)
    q.wait_for(READY, BOOT_TIMEOUT, start=0)
    return q


def test_debian_kernel_boots_as_pvh_dom0(qemu, initrd):
    q = boot_linux(qemu, vmlinuz(), initrd, "dom0_mem=512M dom0_max_vcpus=2")
    q.wait_for(ALL_DOMAINS_ENDED, LINUX_TIMEOUT, start=0)
    bz = only(q, BZIMAGE)
    assert bz.group(1) == "xz" and int(bz.group(3)) > int(bz.group(2))
    only(q, r"^\(XEN\) d0: PVH kernel \(linux\) ELF64 \[0x1000000, ")
    created = only(q, dom(DOM_CREATED, 0))
    assert created.group(2) == "2" and created.group(3) == "512"
    # earlyprintk=xen and then hvc0, both through console_io.
    only(q, r"^\(d0\) \[ +0\.000000\] Linux version 6\.1\.")
    only(q, r"^\(d0\) \[ *[\d.]+\] Hypervisor detected: Xen HVM")
    only(q, r"^\(d0\) \[ *[\d.]+\] smp: Brought up 1 node, 2 CPUs")
    only(q, r"^\(d0\) \[ *[\d.]+\] Run /init as init process")
    for name in CHECKS:
        m = only(q, rf"^\(d0\) CHECK {name}: (PASS|FAIL)(.*)")
        assert m.group(1) == "PASS", f"{name}: {m.group(0)}"
    version = only(q, r"^\(d0\) CHECK hypervisor_version: PASS version=(\S+)")
    assert version.group(1) == "4.17.0"     # our xen_version (XENVER_version/extraversion)
    caps = only(q, r"^\(d0\) CHECK sys_hypervisor: PASS caps=(.*) uuid=")
    assert caps.group(1).split() == ["hvm-3.0-x86_32", "hvm-3.0-x86_32p", "hvm-3.0-x86_64"]
    only(q, r"^\(d0\) Test result: SUCCESS$")
    assert only(q, dom(DOM_SHUTDOWN, 0)).group(1) == "poweroff"
    assert_pages_back(q)


def test_plain_elf_vmlinux_boots(qemu, initrd, tmp_path):
    """The ELF vmlinux inside the bzImage (extracted here by xz-utils) is
    accepted as module 1 too, without the bzImage step."""
    data = open(vmlinuz(), "rb").read()
    off = (data[0x1f1] + 1) * 512 + struct.unpack_from("<I", data, 0x248)[0]
    length = struct.unpack_from("<I", data, 0x24c)[0]
    elf_path = tmp_path / "vmlinux"
    with open(elf_path, "wb") as f:
        f.write(subprocess.run(["xz", "-dc"], input=data[off:off + length - 4],
                               stdout=subprocess.PIPE, check=True).stdout)
    q = boot_linux(qemu, str(elf_path), initrd, "dom0_mem=512M")
    q.wait_for(ALL_DOMAINS_ENDED, LINUX_TIMEOUT, start=0)
    assert not q.find_all(BZIMAGE)
    only(q, r"^\(XEN\) d0: PVH kernel \(linux\) ELF64 \[0x1000000, ")
    only(q, r"^\(d0\) Test result: SUCCESS$")
    assert only(q, dom(DOM_SHUTDOWN, 0)).group(1) == "poweroff"
    assert_pages_back(q)


def _bzimage_with_payload(path, payload, size):
    """Debian's bzImage with its payload replaced (header fields adjusted)."""
    img = bytearray(open(vmlinuz(), "rb").read())
    setup = (img[0x1f1] or 4) * 512 + 512
    off = struct.unpack_from("<I", img, 0x248)[0]
    out = img[:setup + off] + payload + struct.pack("<I", size)
    struct.pack_into("<I", out, 0x24c, len(payload) + 4)
    with open(path, "wb") as f:
        f.write(out)
    return path


@pytest.mark.parametrize("kind,reason", [
    ("gzip", r"bzImage payload is gzip-compressed; only XZ is supported "
             r"\(gzip could be added later\)"),
    ("corrupt", r"XZ payload corrupt at byte \d+: .+"),
])
def test_unusable_bzimage_refused(qemu, tmp_path, kind, reason):
    if kind == "gzip":
        img = _bzimage_with_payload(str(tmp_path / "gz"), gzip.compress(b"\x7fELF" * 1000), 4000)
    else:
        data = bytearray(open(vmlinuz(), "rb").read())
        off = (data[0x1f1] + 1) * 512 + struct.unpack_from("<I", data, 0x248)[0]
        data[off + 200] ^= 0x40                     # inside the first LZMA2 chunk
        img = str(tmp_path / "corrupt")
        open(img, "wb").write(data)
    q = boot_linux(qemu, img, None, "dom0_mem=64M")
    q.wait_for(ALL_DOMAINS_ENDED, 60, start=0)
    only(q, dom(DOM_REFUSED, 0).replace("(.+)", reason) + "$")
    assert_pages_back(q)


def test_serial_input_reaches_dom0_shell(qemu, initrd):
    """Ctrl-a three times gives the serial line to dom0: a command typed there
    runs in Linux's busybox shell on hvc0; three more give it back to the
    debug keys ('q' dumps domains); `poweroff -f` ends the domain."""
    q = boot_linux(qemu, vmlinuz(), initrd, "dom0_mem=512M",
                   "console=hvc0 earlyprintk=xen linuxcheck=shell")
    q.wait_for(r"^\(d0\) linuxcheck: shell on the console", LINUX_TIMEOUT)
    q.send(b"\x01\x01\x01")
    q.wait_for(r"\*\*\* Serial input to DOM0", 10)
    q.send("echo typed-$((6*7))\r")
    q.wait_for(r"^\(d0\) typed-42", 60)
    q.send(b"\x01\x01\x01")
    q.wait_for(r"\*\*\* Serial input to Xen", 10)
    q.send("q")
    q.wait_for(r"^\(XEN\) Domain 0 \(d0\) privileged: tot_pages", 10)
    q.send(b"\x01\x01\x01")
    q.wait_for(r"\*\*\* Serial input to DOM0", 10)
    q.send("poweroff -f\r")
    q.wait_for(ALL_DOMAINS_ENDED, 60)
    assert only(q, dom(DOM_SHUTDOWN, 0)).group(1) == "poweroff"
    assert_pages_back(q)


@pytest.mark.parametrize("as_domu", [False, True], ids=["dom0", "domU"])
def test_platform_and_physdev_ops(qemu, as_domu):
    """hc-platform (tests/guests): platform_op/physdev_op answers, the same
    checks that pass on Xen 4.17 (scripts/run-hc-tests-on-xen hc-platform)."""
    guest = elf("hc-platform")
    if as_domu:
        q = boot(qemu, [elf("hello") + " work=1000", guest], "domU=2")
        domid = 1
    else:
        q = boot(qemu, [guest])
        domid = 0
    fails = [m.group(0) for m in q.find_all(rf"^\(d{domid}\)\s+\[FAIL\].*$")]
    assert not fails, "\n".join(fails)
    assert_success(q, domid)
    assert_pages_back(q)
