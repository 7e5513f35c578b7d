# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Regular expressions for the log lines the tests rely on (see the team
brief: these forms are a contract between the hypervisor and the tests)."""

BANNER = r"^\(XEN\) Xen-compatible hypervisor version (\S+)"
LOADER = r"^\(XEN\) Boot loader: multiboot(\d)"
MEMORY = r"^\(XEN\) Memory: (\d+) KiB RAM detected"
TSC = r"^\(XEN\) TSC: (\d+\.\d{3}) MHz \(calibrated against ([^)]+)\)"
CPUS = r"^\(XEN\) Brought up (\d+) CPUs"
# Time (issue 7): the TSC check behind XEN_PVCLOCK_TSC_STABLE_BIT (tsc_sync.c).
TSC_STABLE = (r"^\(XEN\) TSC: invariant (yes|no), synchronised across (\d+) CPUs "
              r"(yes|no \((?:inconclusive|warps), warp \d+ ticks\)): "
              r"pvclock TSC_STABLE_BIT (set|clear)$")
BOOT_TIME = r"^\(XEN\) Boot time to ready: (\d+) ms"
READY = r"^\(XEN\) ready\b"
# TSC at the hypervisor's first instructions (benchmarks: entry to guest)
ENTRY_TSC = r"^\(XEN\) Boot: TSC at hypervisor entry (\d+)"

# Seconds to reach "ready" under TCG (generous: CI shares two cores).
BOOT_TIMEOUT = 90

# HVM vendor selection (svm helper); QEMU's SVM has no NRIPS.
HVM_SVM = r"^\(XEN\) HVM: SVM enabled \(ASIDs: (\d+), NPT: yes, NRIPS: (no|yes)\)"

# ---- domains and test guests (issue 3) ----
SVM_ENABLED = r"^\(XEN\) HVM: SVM enabled \(ASIDs: (\d+), NPT: yes, NRIPS: no\)"
DOM_CREATED = r"^\(XEN\) d{id}: created \(([^,]+), (\d+) vCPUs, (\d+) MiB\)"
DOM_SHUTDOWN = r"^\(XEN\) d{id}: shutdown: (poweroff|reboot|suspend|crash|watchdog)"
DOM_CRASHED = r"^\(XEN\) d{id}: crashed: (.+)"
DOM_DESTROYED = r"^\(XEN\) d{id}: destroyed, (\d+) pages freed"
DOM_REFUSED = r"^\(XEN\) d{id}: refused: (.+)"
# A domain refused something it has no right to (rate-limited, xen/deny.h).
DOM_DENIED = r"^\(XEN\) d{id}: denied: (.+)"
DOM_DENIED_SUPPRESSED = r"^\(XEN\) d{id}: (\d+) denied messages suppressed"
# Grant tables: frames a destroyed domain left to other domains' mappings.
DOM_GRANT_KEPT = r"^\(XEN\) d{id}: (\d+) pages still in use by grant mappings, freed when unmapped"
# Debug key 'g' header (the count of orphaned frames).
GNTTAB_DUMP = r"^\(XEN\) 'g' pressed -> dumping grant tables \((\d+) orphaned frames\)"
ALL_DOMAINS_ENDED = r"^\(XEN\) All domains ended: (\d+) pages free \(before domains: (\d+)\)"
GUEST_LINE = r"^\(d{id}\) {text}"
# XTF-style verdict a test guest prints (through port 0xe9 and console_io).
VERDICT = r"^\(d{id}\) Test result: (SUCCESS|FAILURE: .*|ERROR: .*|SKIP: .*)$"


def dom(pattern, domid, text=""):
    """Fill a d{id} pattern above for domain @domid (any id if None)."""
    return pattern.format(id=r"(?:\d+)" if domid is None else domid, text=text)


# Emulated seconds are cheap for the guests: a domain's whole life (build,
# run, destroy) should take well under this many wall-clock seconds.
GUEST_TIMEOUT = 60

# The PVH loader unpacked a bzImage: method, payload bytes, ELF bytes.
BZIMAGE = (r"^\(XEN\) d0: bzImage \(boot protocol \d+\.\d+\): (\w+) payload (\d+) bytes "
           r"-> ELF (\d+) bytes")
# ---- Intel VMX (issue 11, vmx helper) ----
VMX_ENABLED = (r"^\(XEN\) HVM: VMX enabled \(EPT: yes, 2M: yes, VPID: yes, "
               r"unrestricted guest: yes, VMCS revision 0x[0-9a-f]+, (TRUE|default) controls\)")
VMX_ACTIVE = r"^\(XEN\) HVM: VMX active on (\d+) of (\d+) CPUs"
