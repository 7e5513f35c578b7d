# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Drive the hypervisor in QEMU for integration tests.

Qemu starts qemu-system-x86_64 with the documented boot line, the first
serial port on stdin/stdout, and a reader thread collecting everything the
machine prints.  Tests wait for regular expressions in that log, send keys
to the serial console and wait for QEMU to exit (-no-reboot turns a reset
into an exit).  The log is saved to build/test-logs/<name>.log when the
instance is closed, and QEMU is always killed by then.

All timeouts are multiplied by $TEST_TIMEOUT_SCALE (default 1): raise it on
a slow machine instead of editing the tests.
"""

import os
import re
import signal
import subprocess
import threading
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
XEN_IMAGE = os.environ.get("XEN_IMAGE", os.path.join(TOP, "xen", "xen"))
LOG_DIR = os.path.join(TOP, "build", "test-logs")
TIMEOUT_SCALE = float(os.environ.get("TEST_TIMEOUT_SCALE", "1") or "1")
DEFAULT_CMDLINE = "console=com1 com1=115200"


def scaled(seconds):
    return seconds * TIMEOUT_SCALE


class QemuError(AssertionError):
    """A wait failed; the message carries the tail of the serial log."""


class Qemu:
    def __init__(self, name, cmdline=DEFAULT_CMDLINE, smp=2, mem="1G",
                 kernel=XEN_IMAGE, cdrom=None, initrd=None, extra=(),
                 cpu="qemu64,+svm,+npt"):
        self.name = re.sub(r"[^A-Za-z0-9_.=-]+", "_", name).strip("_")
        self.args = ["qemu-system-x86_64", "-accel", "tcg",
                     "-cpu", cpu, "-smp", str(smp),
                     "-m", str(mem), "-no-reboot",
                     "-display", "none", "-monitor", "none",
                     "-serial", "stdio"]
        if cdrom:
            self.args += ["-cdrom", cdrom, "-boot", "d"]
        else:
            self.args += ["-kernel", kernel, "-append", cmdline]
            if initrd:
                self.args += ["-initrd", initrd]
        self.args += list(extra)
        # debugging aid: QEMU_EXTRA="-d cpu_reset -D /tmp/q.log" reaches
        # every QEMU a test starts
        self.args += os.environ.get("QEMU_EXTRA", "").split()
        self.proc = None
        self._buf = bytearray()
        self._cond = threading.Condition()
        self._eof = False
        self._reader = None
        self.pos = 0            # where the next wait_for() starts searching

    # ---- lifetime -------------------------------------------------------

    def start(self):
        for opt in ("-kernel", "-cdrom"):
            if opt in self.args:
                path = self.args[self.args.index(opt) + 1]
                if not os.path.isfile(path):
                    raise QemuError(f"{path} does not exist (run make)")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self):
        fd = self.proc.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            with self._cond:
                if not chunk:
                    self._eof = True
                    self._cond.notify_all()
                    return
                self._buf += chunk
                self._cond.notify_all()

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def kill(self):
        if self.running():
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.proc is not None:
            self.proc.wait()
            if self._reader:
                self._reader.join(timeout=5)

    def close(self):
        """Kill QEMU if still running and save the log."""
        self.kill()
        os.makedirs(LOG_DIR, exist_ok=True)
        with open(os.path.join(LOG_DIR, self.name + ".log"), "w") as f:
            f.write("# " + " ".join(self.args) + "\n")
            f.write(self.output)

    # ---- output ---------------------------------------------------------

    @property
    def output(self):
        with self._cond:
            data = bytes(self._buf)
        return data.decode("utf-8", "replace").replace("\r", "")

    def tail(self, lines=40):
        return "\n".join(self.output.splitlines()[-lines:])

    def _fail(self, what):
        state = ("still running" if self.running()
                 else f"exited with status {self.proc.returncode}")
        raise QemuError(f"{what} (QEMU {state}); log tail:\n{self.tail()}")

    def wait_for(self, regex, timeout=30, start=None):
        """Wait until @regex matches the log after @start (default: after
        the previous match) and return the match.  Fails on timeout or when
        QEMU exits first."""
        pat = re.compile(regex, re.M)
        start = self.pos if start is None else start
        deadline = time.monotonic() + scaled(timeout)
        with self._cond:
            while True:
                text = bytes(self._buf).decode("utf-8", "replace").replace("\r", "")
                m = pat.search(text, start)
                if m:
                    self.pos = m.end()
                    return m
                left = deadline - time.monotonic()
                if self._eof or left <= 0:
                    break
                self._cond.wait(min(left, 1.0))
        self._fail(f"timed out after {scaled(timeout):.0f}s waiting for /{regex}/"
                   if not self._eof else f"QEMU exited before /{regex}/ appeared")

    def find_all(self, regex):
        return list(re.finditer(regex, self.output, re.M))

    def send(self, keys):
        """Type @keys (str or bytes) on the serial console."""
        if isinstance(keys, str):
            keys = keys.encode()
        try:
            self.proc.stdin.write(keys)
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass                # QEMU is gone; the next wait reports it

    def wait_exit(self, timeout=30):
        """Wait for QEMU to exit by itself and return its exit status."""
        try:
            rc = self.proc.wait(timeout=scaled(timeout))
        except subprocess.TimeoutExpired:
            self._fail(f"QEMU did not exit within {scaled(timeout):.0f}s")
        self._reader.join(timeout=5)
        return rc

    def still_running_after(self, seconds):
        """True if QEMU has not exited after @seconds (not scaled)."""
        try:
            self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return True
        return False
