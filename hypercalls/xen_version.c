/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * xen_version(cmd, arg) with Xen 4.17's semantics (xen/common/kernel.c
 * under the default XSM policy).  We report Xen 4.17.0, the interface our
 * guests are written against.  Every sub-op copies whole fixed-size,
 * NUL-padded results (a bad @arg gives -EFAULT); unknown sub-ops -ENOSYS.
 *
 * Privilege, as Xen's dummy XSM policy decides it:
 *   - commandline: an unprivileged caller reads "<denied>" (and gets 0);
 *   - build_id: an unprivileged caller gets -EPERM;
 *   - everything else: any domain.
 *
 * 32-bit callers get the compat layouts: only platform_parameters
 * differs (a 32-bit virt_start, 0 for HVM guests as in Xen).
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/p2m.h>
#include <public/version.h>

#define XEN_MAJOR 4
#define XEN_MINOR 17
#define HYPERVISOR_VIRT_START 0xFFFF800000000000ULL     /* 64-bit guests */

/*
 * Feature bits for HVM/PVH domains (Xen 4.17 sets these for a PVH guest,
 * except memory_op_vnode_supported: we have no XENMEM_get_vnumainfo).
 *   writable_page_tables, auto_translated_physmap: the guest owns its page
 *     tables, and nested paging translates its physical addresses.
 *   hvm_callback_vector: events arrive on a vector the guest chooses
 *     (HVM_PARAM_CALLBACK_IRQ vector type, per-vCPU upcall vector; issue 5).
 *   hvm_safe_pvclock: vcpu_time_info is kept correct for HVM guests, so
 *     Linux uses the Xen clocksource (issue 7).
 *   not_direct_mapped: guest frames are not machine frames.
 *   dom0: only for the control domain.
 * Never set: the PV-only bits, hvm_pirqs (no PIRQs for PVH), direct_mapped.
 */
#define HVM_FEATURES ((1u << XENFEAT_writable_page_tables) |        \
                      (1u << XENFEAT_auto_translated_physmap) |     \
                      (1u << XENFEAT_hvm_callback_vector) |         \
                      (1u << XENFEAT_hvm_safe_pvclock) |            \
                      (1u << XENFEAT_not_direct_mapped))

/* Xen lists guest types "hvm-3.0-<arch> " when HVM is available (no PV here). */
static const char capabilities[] = "hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 ";
static const char extraversion[] = ".0";
static const char changeset[] = "unavailable";

/* Copy @s, NUL-padded to @size bytes, to the guest. */
static long put_padded(struct vcpu *v, uint64_t arg, const char *s, size_t size)
{
    char buf[XEN_CAPABILITIES_INFO_LEN];        /* the largest string result */

    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest_virt(v, arg, buf, size) ? -EFAULT : 0;
}

static long ver_version(struct vcpu *v, uint64_t arg)
{
    (void)v, (void)arg;
    return (XEN_MAJOR << 16) | XEN_MINOR;
}

static long ver_extraversion(struct vcpu *v, uint64_t arg)
{
    return put_padded(v, arg, extraversion, XEN_EXTRAVERSION_LEN);
}

static long ver_compile_info(struct vcpu *v, uint64_t arg)
{
    struct xen_compile_info info;

    memset(&info, 0, sizeof(info));
    strlcpy(info.compiler, "gcc " __VERSION__, sizeof(info.compiler));
    strlcpy(info.compile_by, "unknown", sizeof(info.compile_by));
    strlcpy(info.compile_domain, "unknown", sizeof(info.compile_domain));
    strlcpy(info.compile_date, __DATE__ " " __TIME__, sizeof(info.compile_date));
    return copy_to_guest_virt(v, arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long ver_capabilities(struct vcpu *v, uint64_t arg)
{
    return put_padded(v, arg, capabilities, XEN_CAPABILITIES_INFO_LEN);
}

static long ver_changeset(struct vcpu *v, uint64_t arg)
{
    return put_padded(v, arg, changeset, XEN_CHANGESET_INFO_LEN);
}

static long ver_platform_parameters(struct vcpu *v, uint64_t arg)
{
    struct xen_platform_parameters p = { .virt_start = HYPERVISOR_VIRT_START };
    struct compat_xen_platform_parameters cp = { .virt_start = 0 };
    int rc;

    if (v->arch.hcall_64bit)
        rc = copy_to_guest_virt(v, arg, &p, sizeof(p));
    else
        rc = copy_to_guest_virt(v, arg, &cp, sizeof(cp));
    return rc ? -EFAULT : 0;
}

uint32_t xen_features_submap0(const struct domain *d)
{
    return HVM_FEATURES | (d->is_privileged ? 1u << XENFEAT_dom0 : 0);
}

static long ver_get_features(struct vcpu *v, uint64_t arg)
{
    struct xen_feature_info fi;

    if (copy_from_guest_virt(v, &fi, arg, sizeof(fi)))
        return -EFAULT;
    if (fi.submap_idx != 0)
        return -EINVAL;
    fi.submap = xen_features_submap0(v->domain);
    return copy_to_guest_virt(v, arg, &fi, sizeof(fi)) ? -EFAULT : 0;
}

static long ver_pagesize(struct vcpu *v, uint64_t arg)
{
    (void)v;
    return arg ? -EINVAL : PAGE_SIZE;
}

static long ver_guest_handle(struct vcpu *v, uint64_t arg)
{
    const struct domain *d = v->domain;

    return copy_to_guest_virt(v, arg, d->handle, sizeof(d->handle)) ? -EFAULT : 0;
}

static long ver_commandline(struct vcpu *v, uint64_t arg)
{
    if (!v->domain->is_privileged)
        return copy_to_guest_virt(v, arg, XEN_DENIED_STRING,
                                  sizeof(XEN_DENIED_STRING)) ? -EFAULT : 0;
    return put_padded(v, arg, saved_cmdline, XEN_COMMANDLINE_LEN);
}

/* We are built without a build ID: -ENODATA after Xen's argument checks. */
static long ver_build_id(struct vcpu *v, uint64_t arg)
{
    struct xen_build_id id;

    if (!v->domain->is_privileged)
        return -EPERM;
    if (arg) {
        if (copy_from_guest_virt(v, &id, arg, sizeof(id)))
            return -EFAULT;
        if (id.len == 0)
            return -EINVAL;
    }
    return -ENODATA;
}

static long (*const xenver_ops[])(struct vcpu *, uint64_t) = {
    [XENVER_version]             = ver_version,
    [XENVER_extraversion]        = ver_extraversion,
    [XENVER_compile_info]        = ver_compile_info,
    [XENVER_capabilities]        = ver_capabilities,
    [XENVER_changeset]           = ver_changeset,
    [XENVER_platform_parameters] = ver_platform_parameters,
    [XENVER_get_features]        = ver_get_features,
    [XENVER_pagesize]            = ver_pagesize,
    [XENVER_guest_handle]        = ver_guest_handle,
    [XENVER_commandline]         = ver_commandline,
    [XENVER_build_id]            = ver_build_id,
};

long do_xen_version(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t cmd = (uint32_t)args->a[0];     /* int in Xen's prototype */

    if (cmd >= ARRAY_SIZE(xenver_ops) || !xenver_ops[cmd])
        return -ENOSYS;
    return xenver_ops[cmd](v, args->a[1]);
}
