# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Drive the hypervisor in Bochs (Intel VMX + EPT) for the VMX tests.

Bochs stands in for QEMU, whose TCG has no VMX.  A Bochs instance boots a
GRUB ISO (scripts/mkiso: multiboot2, the modules as QEMU's -initrd list
would give them) with scripts/run-bochs, which copies the first serial
port into a file and stops Bochs when UNTIL matches a line of it ("All
domains ended" or a panic) or at its timeout.  The verdict comes from that
serial log only: Bochs' own exit status means nothing (1 even after a
clean power-off).

Bochs offers the same read-only interface as qemu.Qemu (wait_for,
find_all, only-style helpers via output/tail), so the SVM tests' helpers
in test_guests.py apply unchanged.  BochsRun.run() boots one
configuration to the end and returns the finished Bochs; a test module
can start several at once (two cores: two Bochs at a time).
"""

import os
import re
import subprocess
import tempfile
import time

from qemu import LOG_DIR, TOP, XEN_IMAGE, QemuError, scaled

RUN_BOCHS = os.path.join(TOP, "scripts", "run-bochs")
MKISO = os.path.join(TOP, "scripts", "mkiso")
ISO_DIR = os.path.join(TOP, "build", "vmx")
# Wall-clock bound of one Bochs run (boot ~8 s, then the guests).
BOCHS_TIMEOUT = 75
UNTIL = r"All domains ended|Panic|FATAL"
# run-bochs' status when Bochs was killed by SIGSEGV, SIGBUS or SIGABRT
EMULATOR_CRASH = (128 + 11, 128 + 7, 128 + 6)
# What grub.cfg needs; a small image loads faster in Bochs.
GRUB_MODULES = "normal serial terminal multiboot multiboot2 iso9660 biosdisk configfile"


class Bochs:
    """One Bochs run: build the ISO, boot, wait until the end."""

    def __init__(self, name, cmdline, initrd="", smp=2, mem=256,
                 timeout=BOCHS_TIMEOUT):
        self.name = re.sub(r"[^A-Za-z0-9_.=-]+", "_", name).strip("_")
        self.cmdline = cmdline
        self.modules = [m for m in initrd.split(",") if m] if initrd else []
        self.smp = smp
        self.mem = mem
        self.timeout = timeout
        os.makedirs(ISO_DIR, exist_ok=True)
        os.makedirs(LOG_DIR, exist_ok=True)
        self.iso = os.path.join(ISO_DIR, self.name + ".iso")
        self.serial = os.path.join(LOG_DIR, "vmx-" + self.name + ".log")
        self.pos = 0
        self.rc = None
        self.elapsed = None

    def run(self):
        if not os.path.isfile(XEN_IMAGE):
            raise QemuError(f"{XEN_IMAGE} does not exist (run make)")
        env = dict(os.environ, XEN_CMDLINE=self.cmdline, GRUB_TIMEOUT="0",
                   GRUB_MODULES=GRUB_MODULES)
        subprocess.run([MKISO, XEN_IMAGE, self.iso] + self.modules, env=env,
                       check=True, stdout=subprocess.DEVNULL)
        for attempt in (1, 2):
            self._boot()
            # Bochs itself died of a signal (SIGSEGV once in many runs)
            # before the end: that says nothing of us; boot once more and
            # keep the first log beside the second.
            if self.rc not in EMULATOR_CRASH or re.search(UNTIL, self.output):
                break
            os.replace(self.serial, f"{self.serial}.bochs-died-{self.rc}")
        return self

    def _boot(self):
        env = dict(os.environ, SMP=str(self.smp), MEM=str(self.mem), UNTIL=UNTIL,
                   BOCHS_LOG=self.serial + ".bochs")
        start = time.monotonic()
        with tempfile.TemporaryFile() as out:
            p = subprocess.Popen([RUN_BOCHS, self.iso, self.serial,
                                  str(int(scaled(self.timeout)))],
                                 env=env, stdout=out, stderr=subprocess.STDOUT,
                                 start_new_session=True)
            try:
                self.rc = p.wait(timeout=scaled(self.timeout) + 30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, 9)
                self.rc = p.wait()
        self.elapsed = time.monotonic() - start

    # ---- the Qemu-like read side ---------------------------------------

    @property
    def output(self):
        try:
            with open(self.serial, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            data = b""
        return data.decode("utf-8", "replace").replace("\r", "")

    def tail(self, lines=40):
        return "\n".join(self.output.splitlines()[-lines:])

    def find_all(self, regex):
        return list(re.finditer(regex, self.output, re.M))

    def wait_for(self, regex, timeout=30, start=None):
        """The run is over: search the log (after the previous match)."""
        del timeout
        start = self.pos if start is None else start
        m = re.compile(regex, re.M).search(self.output, start)
        if not m:
            how = ("timed out" if self.rc == 124 else f"run-bochs status {self.rc}")
            raise QemuError(f"/{regex}/ not in the Bochs log ({how} after "
                            f"{self.elapsed:.0f}s); log tail:\n{self.tail()}")
        self.pos = m.end()
        return m
