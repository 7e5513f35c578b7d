/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * platform_op (7) and physdev_op (33) entry points: copy the argument in,
 * let hypercalls/platform_op.c or physdev_op.c decide, copy results out.
 * The hardware domain is the control domain here (d->is_privileged).
 * Physical CPUs for XENPF_get_cpuinfo/get_cpu_version: the online CPUs
 * (we have no hotplug, so present == online), their APIC IDs, ACPI UIDs
 * from the host MADT, and this CPU's CPUID (all CPUs are identical under
 * QEMU; Xen reports each CPU's own).
 */
#include <xen/deny.h>
#include <asm/processor.h>
#include <asm/p2m.h>
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/percpu.h>
#include <xen/platform_op.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <xen/wallclock.h>

static bool env_online(unsigned int cpu)
{
    return cpu < NR_CPUS && cpu_online(cpu);
}

static uint32_t env_apic_id(unsigned int cpu)
{
    return per_cpu(cpu)->apic_id;
}

static uint32_t env_acpi_id(unsigned int cpu)
{
    uint32_t apic = per_cpu(cpu)->apic_id;

    for (unsigned int i = 0; i < acpi_madt.nr_cpus; i++)
        if (acpi_madt.cpus[i].apic_id == apic)
            return acpi_madt.cpus[i].acpi_uid;
    return cpu;
}

static void env_version(unsigned int cpu, struct xenpf_pcpu_version *out)
{
    struct cpuid_regs v = cpuid(0), f = cpuid(1);
    unsigned int family = (f.eax >> 8) & 0xf, model = (f.eax >> 4) & 0xf;

    (void)cpu;
    memcpy(out->vendor_id, &v.ebx, 4);
    memcpy(out->vendor_id + 4, &v.edx, 4);
    memcpy(out->vendor_id + 8, &v.ecx, 4);
    if (family == 0xf)
        family += (f.eax >> 20) & 0xff;
    if (family >= 6)
        model |= ((f.eax >> 16) & 0xf) << 4;
    out->family = family;
    out->model = model;
    out->stepping = f.eax & 0xf;
}

static void env_settime(uint64_t sec, uint32_t nsec, uint64_t at)
{
    wallclock_set(sec, nsec, (s_time_t)at);
}

static unsigned int last_online(void)
{
    unsigned int last = 0, cpu;

    for_each_online_cpu(cpu)
        last = cpu;
    return last;
}

long do_platform_op(struct vcpu *v, struct hypercall_args *args)
{
    struct platform_env env = {
        .max_present = last_online(), .online = env_online, .apic_id = env_apic_id,
        .acpi_id = env_acpi_id, .version = env_version, .settime = env_settime,
    };
    struct xen_platform_op op;
    bool copy_back;
    long rc;

    if (copy_from_guest_virt(v, &op, args->a[0], sizeof(op)))
        return -EFAULT;
    rc = platform_op(&op, v->domain->is_privileged, &env, &copy_back);
    if (rc == -EPERM && !v->domain->is_privileged)
        log_denied(v->domain, "platform_op cmd %u (hardware domain only)", op.cmd);
    if (copy_back && copy_to_guest_virt(v, args->a[0] + offsetof(struct xen_platform_op, u),
                                        &op.u, sizeof(op.u)))
        return -EFAULT;
    return rc;
}

long do_physdev_op(struct vcpu *v, struct hypercall_args *args)
{
    unsigned int cmd = (unsigned int)args->a[0];
    size_t size = physdev_op_arg_size(cmd);
    uint8_t buf[32];

    if (size && copy_from_guest_virt(v, buf, args->a[1], size))
        return -EFAULT;
    return physdev_op(cmd, v->domain->is_privileged, buf);
}
