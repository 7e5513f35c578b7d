/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * platform_op and physdev_op decisions (hypercalls/platform_op.c,
 * physdev_op.c) against Xen 4.17's answers for a PVH initial domain:
 * version before privilege, settime with mbz, CPU info for present and
 * absent CPUs, firmware info without EFI/EDD, everything else -ENOSYS;
 * physdev's HVM filter, PCI add/remove bookkeeping, MMCFG flags.
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/platform_op.h>
#include <public/physdev.h>

static uint64_t set_sec, set_at;
static uint32_t set_nsec;
static unsigned int settime_calls;

static bool online(unsigned int cpu) { return cpu != 2; }       /* CPUs 0,1,3 */
static uint32_t apic(unsigned int cpu) { return cpu * 2; }
static uint32_t acpi(unsigned int cpu) { return cpu + 100; }
static void version(unsigned int cpu, struct xenpf_pcpu_version *o)
{
    memcpy(o->vendor_id, "AuthenticAMD", 12);
    o->family = 0x17, o->model = cpu, o->stepping = 2;
}
static void settime(uint64_t s, uint32_t ns, uint64_t at)
{
    set_sec = s, set_nsec = ns, set_at = at, settime_calls++;
}

static const struct platform_env env = { 3, online, apic, acpi, version, settime };

static long call(struct xen_platform_op *op, bool hwdom, bool *back)
{
    return platform_op(op, hwdom, &env, back);
}

static struct xen_platform_op mk(uint32_t cmd)
{
    struct xen_platform_op op;

    memset(&op, 0xcc, sizeof(op));
    op.cmd = cmd;
    op.interface_version = XENPF_INTERFACE_VERSION;
    return op;
}

TEST(version_checked_before_privilege)
{
    struct xen_platform_op op = mk(XENPF_get_cpuinfo);
    bool back;

    op.interface_version = 0x03000000;
    CHECK_EQ(call(&op, true, &back), -EACCES);
    CHECK_EQ(call(&op, false, &back), -EACCES);
    op.interface_version = XENPF_INTERFACE_VERSION;
    CHECK_EQ(call(&op, false, &back), -EPERM);
    CHECK(!back);
}

TEST(settime)
{
    struct xen_platform_op op = mk(XENPF_settime64);
    bool back;

    op.u.settime64.secs = 1700000000, op.u.settime64.nsecs = 5;
    op.u.settime64.system_time = 123, op.u.settime64.mbz = 1;
    settime_calls = 0;
    CHECK_EQ(call(&op, true, &back), -EINVAL);
    CHECK_EQ(settime_calls, 0);
    op.u.settime64.mbz = 0;
    CHECK_EQ(call(&op, true, &back), 0);
    CHECK(set_sec == 1700000000 && set_nsec == 5 && set_at == 123 && !back);
    op = mk(XENPF_settime32);
    op.u.settime32.secs = 42, op.u.settime32.nsecs = 7, op.u.settime32.system_time = 9;
    CHECK_EQ(call(&op, true, &back), 0);
    CHECK(set_sec == 42 && set_nsec == 7 && set_at == 9);
    CHECK_EQ(call(&op, false, &back), -EPERM);
    CHECK_EQ(settime_calls, 2);
}

TEST(cpuinfo_present_and_absent)
{
    struct xen_platform_op op = mk(XENPF_get_cpuinfo);
    bool back;

    op.u.pcpu_info.xen_cpuid = 3;
    CHECK_EQ(call(&op, true, &back), 0);
    CHECK(back);
    CHECK_EQ(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_ONLINE);
    CHECK_EQ(op.u.pcpu_info.apic_id, 6);
    CHECK_EQ(op.u.pcpu_info.acpi_id, 103);
    CHECK_EQ(op.u.pcpu_info.max_present, 3);
    for (uint32_t cpu = 2; cpu < 0x80000000u; cpu = cpu * 2 + 2) {
        op = mk(XENPF_get_cpuinfo);
        op.u.pcpu_info.xen_cpuid = cpu;
        CHECK_EQ(call(&op, true, &back), 0);            /* not an error, as Xen */
        CHECK_EQ(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_INVALID);
        CHECK_EQ(op.u.pcpu_info.max_present, 3);
    }
}

TEST(cpu_version)
{
    struct xen_platform_op op = mk(XENPF_get_cpu_version);
    bool back;

    op.u.pcpu_version.xen_cpuid = 1;
    CHECK_EQ(call(&op, true, &back), 0);
    CHECK(!memcmp(op.u.pcpu_version.vendor_id, "AuthenticAMD", 12));
    CHECK(op.u.pcpu_version.family == 0x17 && op.u.pcpu_version.model == 1);
    op = mk(XENPF_get_cpu_version);
    op.u.pcpu_version.xen_cpuid = 99;
    CHECK_EQ(call(&op, true, &back), 0);
    CHECK(op.u.pcpu_version.vendor_id[0] == 0 && op.u.pcpu_version.family == 0);
    CHECK_EQ(op.u.pcpu_version.max_present, 3);
}

TEST(firmware_info)
{
    static const struct { uint32_t type, index; long rc; } cases[] = {
        { XEN_FW_DISK_INFO, 0, -ESRCH }, { XEN_FW_DISK_MBR_SIGNATURE, 0, -ESRCH },
        { XEN_FW_VBEDDC_INFO, 0, -ESRCH }, { XEN_FW_EFI_INFO, 0, -ENOSYS },
        { XEN_FW_KBD_SHIFT_FLAGS, 0, 0 }, { XEN_FW_KBD_SHIFT_FLAGS, 1, -ESRCH },
        { 0, 0, -EINVAL }, { 99, 0, -EINVAL },
    };
    bool back;

    for (unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct xen_platform_op op = mk(XENPF_firmware_info);
        op.u.firmware_info.type = cases[i].type;
        op.u.firmware_info.index = cases[i].index;
        CHECK_EQ(call(&op, true, &back), cases[i].rc);
        CHECK_EQ(back, cases[i].rc == 0);
        if (!cases[i].rc)
            CHECK_EQ(op.u.firmware_info.u[0], 0);
    }
}

TEST(everything_else_enosys)
{
    static const uint32_t cmds[] = { XENPF_add_memtype, XENPF_microcode_update,
        XENPF_enter_acpi_sleep, XENPF_set_processor_pminfo, XENPF_cpu_online,
        XENPF_mem_hotadd, XENPF_resource_op, XENPF_get_symbol, XENPF_get_dom0_console,
        XENPF_efi_runtime_call, 0, 1000 };
    bool back;

    for (unsigned int i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        struct xen_platform_op op = mk(cmds[i]);
        CHECK_EQ(call(&op, true, &back), -ENOSYS);
        CHECK_EQ(call(&op, false, &back), -EPERM);
    }
}

TEST(physdev_filter)
{
    struct physdev_pci_device_add add = { 0, 0, 0x08, 0, { 0, 0 } };
    static const unsigned int refused[] = { PHYSDEVOP_eoi, PHYSDEVOP_irq_status_query,
        PHYSDEVOP_get_free_pirq, PHYSDEVOP_set_iopl, PHYSDEVOP_setup_gsi,
        PHYSDEVOP_pci_device_reset, PHYSDEVOP_manage_pci_add, 0, 12345 };

    physdev_pci_reset();
    for (unsigned int i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        CHECK_EQ(physdev_op(refused[i], true, &add), -ENOSYS);
        CHECK_EQ(physdev_op_arg_size(refused[i]), 0);
    }
    /* The PCI ops exist only for the hardware domain. */
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_add, false, &add), -ENOSYS);
    CHECK_EQ(physdev_op(PHYSDEVOP_dbgp_op, false, &add), -ENOSYS);
    CHECK_EQ(physdev_op(PHYSDEVOP_map_pirq, false, &add), -ENOSYS);
    CHECK_EQ(physdev_op_arg_size(PHYSDEVOP_pci_device_add), 12);
    CHECK_EQ(physdev_op_arg_size(PHYSDEVOP_pci_mmcfg_reserved), 16);
}

TEST(physdev_pci_bookkeeping)
{
    struct physdev_pci_device_add add = { 0, 1, 0x10, 0, { 0, 0 } };
    struct physdev_pci_device dev = { 0, 1, 0x10 };
    struct physdev_pci_mmcfg_reserved mm = { 0xe0000000, 0, 0, 255, 1 };

    physdev_pci_reset();
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_remove, true, &dev), -ENODEV);
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_add, true, &add), 0);
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_add, true, &add), 0);     /* again: fine */
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_remove, true, &dev), 0);
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_remove, true, &dev), -ENODEV);
    add.seg = 1;
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_add, true, &add), -ENODEV);
    add.seg = 0;
    for (unsigned int i = 0; i < 256; i++) {
        add.bus = i;
        CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_add, true, &add), 0);
    }
    add.devfn = 0x11;
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_device_add, true, &add), -ENOMEM);
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_mmcfg_reserved, true, &mm), -ENODEV);
    mm.flags = 2;
    CHECK_EQ(physdev_op(PHYSDEVOP_pci_mmcfg_reserved, true, &mm), -EINVAL);
    CHECK_EQ(physdev_op(PHYSDEVOP_dbgp_op, true, &dev), 0);
    physdev_pci_reset();
}

TEST_MAIN()
