/* SPDX-License-Identifier: MIT */
/*
 * platform_op (hypercall 7), the initial domain's hardware-platform
 * operations: Xen's numbers and x86_64 layouts (xen/include/public/platform.h),
 * the subset a Linux dom0 issues.  Every call carries
 * XENPF_INTERFACE_VERSION; the union is padded to 128 bytes.
 */
#ifndef PUBLIC_PLATFORM_H
#define PUBLIC_PLATFORM_H

#include <public/xen.h>

#define XENPF_INTERFACE_VERSION 0x03000001

#define XENPF_settime32             17
#define XENPF_add_memtype           31
#define XENPF_del_memtype           32
#define XENPF_read_memtype          33
#define XENPF_microcode_update      35
#define XENPF_platform_quirk        39
#define XENPF_efi_runtime_call      49
#define XENPF_firmware_info         50
#define XENPF_enter_acpi_sleep      51
#define XENPF_change_freq           52
#define XENPF_getidletime           53
#define XENPF_set_processor_pminfo  54
#define XENPF_get_cpuinfo           55
#define XENPF_get_cpu_version       48
#define XENPF_cpu_online            56
#define XENPF_cpu_offline           57
#define XENPF_cpu_hotadd            58
#define XENPF_mem_hotadd            59
#define XENPF_core_parking          60
#define XENPF_resource_op           61
#define XENPF_settime64             62
#define XENPF_get_symbol            63
#define XENPF_get_dom0_console      64      /* Xen 4.18+: -ENOSYS on 4.17 */

struct xenpf_settime32 {
    uint32_t secs, nsecs;
    uint64_t system_time;
};

struct xenpf_settime64 {
    uint64_t secs;
    uint32_t nsecs;
    uint32_t mbz;
    uint64_t system_time;
};

#define XEN_FW_DISK_INFO            1
#define XEN_FW_DISK_MBR_SIGNATURE   2
#define XEN_FW_VBEDDC_INFO          3
#define XEN_FW_EFI_INFO             4
#define XEN_FW_KBD_SHIFT_FLAGS      5

struct xenpf_firmware_info {
    uint32_t type;                  /* IN: XEN_FW_* */
    uint32_t index;                 /* IN */
    uint8_t u[88];                  /* OUT: per type (none served here) */
};

#define XEN_PCPU_FLAGS_ONLINE   1
#define XEN_PCPU_FLAGS_INVALID  2

struct xenpf_pcpuinfo {
    uint32_t xen_cpuid;             /* IN */
    uint32_t max_present;           /* OUT: highest present CPU number */
    uint32_t flags;                 /* OUT: XEN_PCPU_FLAGS_* */
    uint32_t apic_id, acpi_id;      /* OUT */
};

struct xenpf_pcpu_version {
    uint32_t xen_cpuid;             /* IN */
    uint32_t max_present;           /* OUT */
    char vendor_id[12];             /* OUT: CPUID 0 EBX, EDX, ECX */
    uint32_t family, model, stepping;
};

struct xen_platform_op {
    uint32_t cmd;
    uint32_t interface_version;     /* XENPF_INTERFACE_VERSION */
    union {
        struct xenpf_settime32 settime32;
        struct xenpf_settime64 settime64;
        struct xenpf_firmware_info firmware_info;
        struct xenpf_pcpuinfo pcpu_info;
        struct xenpf_pcpu_version pcpu_version;
        uint8_t pad[128];
    } u;
};

_Static_assert(sizeof(struct xen_platform_op) == 136, "xen_platform_op");
_Static_assert(sizeof(struct xenpf_settime64) == 24, "settime64");
_Static_assert(sizeof(struct xenpf_pcpu_version) == 32, "pcpu_version");

#endif
