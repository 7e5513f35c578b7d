/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * platform_op decisions (see xen/platform_op.h), Xen 4.17's answers for a
 * PVH initial domain booted without EFI and without EDD/VBE data (as
 * QEMU's multiboot loader boots us):
 *   - interface_version != XENPF_INTERFACE_VERSION: -EACCES, checked
 *     before the privilege check (-EPERM for anyone but the hardware
 *     domain), as Xen's do_platform_op does;
 *   - settime32/settime64 set the wallclock (settime64 needs mbz == 0);
 *   - get_cpuinfo / get_cpu_version describe physical CPUs; a CPU number
 *     that is not present gives XEN_PCPU_FLAGS_INVALID / zeros, never an
 *     error, and max_present always;
 *   - firmware_info: no EDD disks or VBE EDID (-ESRCH), not an EFI boot
 *     (-ENOSYS), keyboard shift flags 0 at index 0 (other index -ESRCH),
 *     other types -EINVAL;
 *   - every other command -ENOSYS (memtype, microcode, ACPI sleep, CPU
 *     and memory hotplug, power management: we do none of them; Xen 4.17
 *     has no XENPF_get_dom0_console either).
 */
#include <xen/errno.h>
#include <xen/platform_op.h>
#include <xen/string.h>

static long settime32(struct xen_platform_op *op, const struct platform_env *env)
{
    env->settime(op->u.settime32.secs, op->u.settime32.nsecs, op->u.settime32.system_time);
    return 0;
}

static long settime64(struct xen_platform_op *op, const struct platform_env *env)
{
    if (op->u.settime64.mbz)
        return -EINVAL;
    env->settime(op->u.settime64.secs, op->u.settime64.nsecs, op->u.settime64.system_time);
    return 0;
}

static bool valid_cpu(const struct platform_env *env, uint32_t cpu)
{
    return cpu <= env->max_present && env->online(cpu);
}

static long get_cpuinfo(struct xen_platform_op *op, const struct platform_env *env)
{
    struct xenpf_pcpuinfo *p = &op->u.pcpu_info;

    if (!valid_cpu(env, p->xen_cpuid)) {
        p->flags = XEN_PCPU_FLAGS_INVALID;
    } else {
        p->apic_id = env->apic_id(p->xen_cpuid);
        p->acpi_id = env->acpi_id(p->xen_cpuid);
        p->flags = XEN_PCPU_FLAGS_ONLINE;
    }
    p->max_present = env->max_present;
    return 0;
}

static long get_cpu_version(struct xen_platform_op *op, const struct platform_env *env)
{
    struct xenpf_pcpu_version *p = &op->u.pcpu_version;

    if (!valid_cpu(env, p->xen_cpuid)) {
        memset(p->vendor_id, 0, sizeof(p->vendor_id));
        p->family = p->model = p->stepping = 0;
    } else {
        env->version(p->xen_cpuid, p);
    }
    p->max_present = env->max_present;
    return 0;
}

static long firmware_info(struct xen_platform_op *op, const struct platform_env *env)
{
    struct xenpf_firmware_info *f = &op->u.firmware_info;

    (void)env;
    switch (f->type) {
    case XEN_FW_DISK_INFO:
    case XEN_FW_DISK_MBR_SIGNATURE:
    case XEN_FW_VBEDDC_INFO:
        return -ESRCH;                  /* the boot loader gave no EDD / EDID data */
    case XEN_FW_EFI_INFO:
        return -ENOSYS;                 /* not booted through EFI */
    case XEN_FW_KBD_SHIFT_FLAGS:
        if (f->index)
            return -ESRCH;              /* Xen 4.17 (checked with hc-platform) */
        f->u[0] = 0;
        return 0;
    default:
        return -EINVAL;
    }
}

static const struct {
    uint32_t cmd;
    long (*fn)(struct xen_platform_op *op, const struct platform_env *env);
    bool copy_back;
} ops[] = {
    { XENPF_settime32,       settime32,       false },
    { XENPF_settime64,       settime64,       false },
    { XENPF_get_cpuinfo,     get_cpuinfo,     true },
    { XENPF_get_cpu_version, get_cpu_version, true },
    { XENPF_firmware_info,   firmware_info,   true },
};

long platform_op(struct xen_platform_op *op, bool hwdom, const struct platform_env *env,
                 bool *copy_back)
{
    *copy_back = false;
    if (op->interface_version != XENPF_INTERFACE_VERSION)
        return -EACCES;
    if (!hwdom)
        return -EPERM;
    for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        if (ops[i].cmd != op->cmd)
            continue;
        long rc = ops[i].fn(op, env);
        *copy_back = ops[i].copy_back && !rc;
        return rc;
    }
    return -ENOSYS;
}
