/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypercall test guests' environment and return-code checks (see
 * hctest.h).  A check line names the call, what it returned and what Xen
 * 4.17 returns, so a log can be compared with Xen's line by line.
 */
#include "hctest.h"

#define XEN_HVM_CPUID_DOMID_PRESENT (1u << 3)

static const struct { int err; const char *name; } errnames[] = {
    { XEN_EPERM, "EPERM" }, { XEN_ENXIO, "ENXIO" }, { XEN_ENOENT, "ENOENT" }, { XEN_ESRCH, "ESRCH" },
    { XEN_E2BIG, "E2BIG" }, { XEN_ENOMEM, "ENOMEM" }, { XEN_EACCES, "EACCES" },
    { XEN_EFAULT, "EFAULT" }, { XEN_EBUSY, "EBUSY" }, { XEN_EEXIST, "EEXIST" },
    { XEN_EINVAL, "EINVAL" }, { XEN_ENOSPC, "ENOSPC" }, { XEN_ERANGE, "ERANGE" },
    { XEN_ENOSYS, "ENOSYS" }, { XEN_ENODATA, "ENODATA" }, { XEN_ETIME, "ETIME" },
    { XEN_EOVERFLOW, "EOVERFLOW" }, { XEN_EDOM, "EDOM" }, { XEN_ERESTART, "ERESTART" },
    { XEN_EOPNOTSUPP, "EOPNOTSUPP" }, { XEN_EAGAIN, "EAGAIN" },
};

const char *rc_str(long rc, char *buf)
{
    for (size_t i = 0; i < ARRAY_SIZE(errnames); i++)
        if (rc == -errnames[i].err) {
            snprintf(buf, 32, "-%s", errnames[i].name);
            return buf;
        }
    snprintf(buf, 32, rc >= 0 && rc <= 4096 ? "%ld" : "%#lx", rc);
    return buf;
}

static bool report(long got, long want, const char *note, const char *fmt, va_list ap)
{
    char what[128], g[32], w[32];

    vsnprintf(what, sizeof(what), fmt, ap);
    if (got == want)
        check(true, "%s: %s%s", what, rc_str(got, g), note);
    else
        check(false, "%s: %s, expected %s%s", what, rc_str(got, g), rc_str(want, w), note);
    return got == want;
}

bool expect_rc(long got, long want, const char *fmt, ...)
{
    va_list ap;
    bool ok;

    va_start(ap, fmt);
    ok = report(got, want, " (as Xen)", fmt, ap);
    va_end(ap);
    return ok;
}

bool expect_rc2(long got, long want_xen, long want_ours, const char *fmt, ...)
{
    char note[64], x[32], o[32];
    va_list ap;
    bool ok;

    if (want_xen == want_ours)
        snprintf(note, sizeof(note), " (as Xen)");
    else if (on_xen())
        snprintf(note, sizeof(note), " (Xen; ours gives %s)", rc_str(want_ours, o));
    else
        snprintf(note, sizeof(note), " (ours; Xen gives %s, deliberate)", rc_str(want_xen, x));
    va_start(ap, fmt);
    ok = report(got, on_xen() ? want_xen : want_ours, note, fmt, ap);
    va_end(ap);
    return ok;
}

bool on_xen(void)
{
    return cmdline_has("on-xen");
}

unsigned int my_domid(void)
{
    struct cpuid_regs r = cpuid_count(XEN_CPUID_FIRST_LEAF + 4, 0);

    return r.a & XEN_HVM_CPUID_DOMID_PRESENT ? r.c : 0;
}

bool is_control_domain(void)
{
    return my_domid() == 0;
}

unsigned int nr_vcpus(void)
{
    uint32_t ids[16];
    int n = acpi_madt_apic_ids(ids, 16);

    return n > 0 ? (unsigned int)n : 1;
}

void hctest_init(const char *name)
{
    char v[32];

    if (!hypervisor_is_xen())
        test_skip("%s: not on a Xen-compatible hypervisor", name);
    badptr_init();
    printf("%s: on %s, domain %u (%s), %u vCPU(s), Xen %s, %s\n", name,
           on_xen() ? "Xen 4.17 (on-xen)" : "ours", my_domid(),
           is_control_domain() ? "control domain" : "unprivileged", nr_vcpus(),
           rc_str(HYPERVISOR_xen_version(XENVER_version, NULL), v),
           hypercall_uses_vmmcall() ? "VMMCALL" : "VMCALL");
}
