# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Regular expressions for the log lines the tests rely on (see the team
brief: these forms are a contract between the hypervisor and the tests)."""

BANNER = r"^\(XEN\) Xen-compatible hypervisor version (\S+)"
LOADER = r"^\(XEN\) Boot loader: multiboot(\d)"
MEMORY = r"^\(XEN\) Memory: (\d+) KiB RAM detected"
TSC = r"^\(XEN\) TSC: (\d+\.\d{3}) MHz \(calibrated against ([^)]+)\)"
CPUS = r"^\(XEN\) Brought up (\d+) CPUs"
BOOT_TIME = r"^\(XEN\) Boot time to ready: (\d+) ms"
READY = r"^\(XEN\) ready\b"

# Seconds to reach "ready" under TCG (generous: CI shares two cores).
BOOT_TIMEOUT = 90

# HVM vendor selection (svm helper); QEMU's SVM has no NRIPS.
HVM_SVM = r"^\(XEN\) HVM: SVM enabled \(ASIDs: (\d+), NPT: yes, NRIPS: (no|yes)\)"
