/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-platform: platform_op (7) and physdev_op (33), what a Linux PVH dom0
 * issues (issue 8), checked the same way on Xen 4.17 and on ours.
 *   platform_op: interface_version (-EACCES) before privilege (-EPERM for
 *     a domU); get_cpuinfo / get_cpu_version for CPU 0 and for a CPU that
 *     does not exist (XEN_PCPU_FLAGS_INVALID, zeros, never an error);
 *     firmware_info (no EFI: -ENOSYS; no EDD: -ESRCH; keyboard flags, index 1 -ESRCH;
 *     bad type -EINVAL); settime64 mbz; an unknown command; a bad pointer.
 *   physdev_op: the PIRQ ops a PVH domain does not have (-ENOSYS), a
 *     PV-only op, pci_mmcfg_reserved with bad flags, removing a device
 *     nobody added (-ENODEV); as a domU the PCI ops are -ENOSYS.
 */
#include "hctest.h"
#include <public/platform.h>
#include <public/physdev.h>

static struct xen_platform_op op __attribute__((aligned(64)));

static long platform(void)
{
    return hypercall5(__HYPERVISOR_platform_op, (unsigned long)&op, 0, 0, 0, 0);
}

static void prep(uint32_t cmd)
{
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.interface_version = XENPF_INTERFACE_VERSION;
}

static long physdev(unsigned int cmd, void *arg)
{
    return hypercall5(__HYPERVISOR_physdev_op, cmd, (unsigned long)arg, 0, 0, 0);
}

static void check_version_and_privilege(void)
{
    prep(XENPF_get_cpuinfo);
    op.interface_version = 0x03000000;
    expect_rc(platform(), E(EACCES), "platform_op with an old interface_version");
    prep(XENPF_get_cpuinfo);
    if (!is_control_domain()) {
        expect_rc(platform(), E(EPERM), "platform_op get_cpuinfo as a domU");
        return;
    }
    expect_rc(hypercall5(__HYPERVISOR_platform_op, 0, 0, 0, 0, 0), E(EFAULT),
              "platform_op with a NULL argument");
}

static void check_cpuinfo(void)
{
    prep(XENPF_get_cpuinfo);
    op.u.pcpu_info.xen_cpuid = 0;
    expect_rc(platform(), 0, "get_cpuinfo(0)");
    expect(op.u.pcpu_info.flags == XEN_PCPU_FLAGS_ONLINE, "cpu 0 online (flags %u)",
           op.u.pcpu_info.flags);
    expect(op.u.pcpu_info.apic_id == 0, "cpu 0 APIC ID 0 (%u)", op.u.pcpu_info.apic_id);
    expect(op.u.pcpu_info.max_present == 1, "max_present 1 with -smp 2 (%u)",
           op.u.pcpu_info.max_present);
    prep(XENPF_get_cpuinfo);
    op.u.pcpu_info.xen_cpuid = 1;
    expect_rc(platform(), 0, "get_cpuinfo(1)");
    expect(op.u.pcpu_info.flags == XEN_PCPU_FLAGS_ONLINE && op.u.pcpu_info.apic_id == 1,
           "cpu 1 online, APIC ID 1 (flags %u, APIC %u)", op.u.pcpu_info.flags,
           op.u.pcpu_info.apic_id);
    prep(XENPF_get_cpuinfo);
    op.u.pcpu_info.xen_cpuid = 99;
    expect_rc(platform(), 0, "get_cpuinfo(99): not an error");
    expect(op.u.pcpu_info.flags == XEN_PCPU_FLAGS_INVALID, "cpu 99 invalid (flags %u)",
           op.u.pcpu_info.flags);
    expect(op.u.pcpu_info.max_present == 1, "max_present still 1");
}

static void check_cpu_version(void)
{
    struct cpuid_regs r = cpuid(0);
    uint32_t v[3] = { r.b, r.d, r.c };
    prep(XENPF_get_cpu_version);
    expect_rc(platform(), 0, "get_cpu_version(0)");
    expect(!memcmp(op.u.pcpu_version.vendor_id, v, 12), "vendor is CPUID 0's (%.12s)",
           op.u.pcpu_version.vendor_id);
    expect(op.u.pcpu_version.family != 0, "family %u", op.u.pcpu_version.family);
    prep(XENPF_get_cpu_version);
    op.u.pcpu_version.xen_cpuid = 99;
    memset(op.u.pcpu_version.vendor_id, 'x', 12);
    expect_rc(platform(), 0, "get_cpu_version(99): not an error");
    expect(op.u.pcpu_version.vendor_id[0] == 0 && op.u.pcpu_version.family == 0,
           "cpu 99: zeros");
}

static void check_firmware_info(void)
{
    static const struct { uint32_t type, index; long rc; const char *what; } cases[] = {
        { XEN_FW_EFI_INFO, 0, -XEN_ENOSYS, "EFI info (not an EFI boot)" },
        { XEN_FW_DISK_INFO, 0, -XEN_ESRCH, "EDD disk 0 (none)" },
        { XEN_FW_DISK_MBR_SIGNATURE, 0, -XEN_ESRCH, "MBR signature 0 (none)" },
        { XEN_FW_KBD_SHIFT_FLAGS, 0, 0, "keyboard shift flags" },
        { XEN_FW_KBD_SHIFT_FLAGS, 1, -XEN_ESRCH, "keyboard shift flags index 1" },
        { 0, 0, -XEN_EINVAL, "type 0" },
        { 99, 0, -XEN_EINVAL, "type 99" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        prep(XENPF_firmware_info);
        op.u.firmware_info.type = cases[i].type;
        op.u.firmware_info.index = cases[i].index;
        expect_rc(platform(), cases[i].rc, "firmware_info: %s", cases[i].what);
    }
}

static void check_settime_and_unknown(void)
{
    prep(XENPF_settime64);
    op.u.settime64.mbz = 1;
    expect_rc(platform(), E(EINVAL), "settime64 with mbz != 0");
    prep(XENPF_get_dom0_console);
    expect_rc(platform(), E(ENOSYS), "get_dom0_console (not in 4.17)");
    prep(1000);
    expect_rc(platform(), E(ENOSYS), "platform_op 1000 (unknown)");
}

static void check_physdev(void)
{
    static uint8_t arg[64] __attribute__((aligned(16)));
    struct physdev_pci_mmcfg_reserved *mm = (void *)arg;
    struct physdev_pci_device *dev = (void *)arg;
    bool dom0 = is_control_domain();

    memset(arg, 0, sizeof(arg));
    expect_rc(physdev(PHYSDEVOP_eoi, arg), E(ENOSYS), "PHYSDEVOP_eoi (no PIRQs)");
    expect_rc(physdev(PHYSDEVOP_irq_status_query, arg), E(ENOSYS), "irq_status_query");
    expect_rc(physdev(PHYSDEVOP_get_free_pirq, arg), E(ENOSYS), "get_free_pirq");
    expect_rc(physdev(PHYSDEVOP_set_iopl, arg), E(ENOSYS), "set_iopl (PV only)");
    expect_rc(physdev(PHYSDEVOP_manage_pci_add, arg), E(ENOSYS), "manage_pci_add (PV only)");
    expect_rc(physdev(1000, arg), E(ENOSYS), "physdev_op 1000");
    mm->flags = 2;
    expect_rc(physdev(PHYSDEVOP_pci_mmcfg_reserved, arg), dom0 ? E(EINVAL) : E(ENOSYS),
              "pci_mmcfg_reserved with unknown flags");
    memset(arg, 0, sizeof(arg));
    dev->bus = 0x50, dev->devfn = 0x18;
    expect_rc(physdev(PHYSDEVOP_pci_device_remove, arg), dom0 ? E(ENODEV) : E(ENOSYS),
              "pci_device_remove of 50:03.0 (never added)");
    if (dom0)
        expect_rc(physdev(PHYSDEVOP_pci_device_remove, PTR(0x10)), E(EFAULT),
                  "pci_device_remove with a bad pointer");
}

void main(void)
{
    hctest_init("hc-platform");
    check_version_and_privilege();
    if (is_control_domain()) {
        check_cpuinfo();
        check_cpu_version();
        check_firmware_info();
        check_settime_and_unknown();
    }
    check_physdev();
    test_end();
}
