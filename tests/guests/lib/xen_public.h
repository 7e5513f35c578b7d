/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY: the few Xen public ABI definitions the test guests need, until
 * the loader helper's include/public/ headers (xen.h, sched.h, version.h,
 * elfnote.h, hvm/start_info.h, arch-x86/cpuid.h) are in main; then this file
 * includes those instead.  Values are Xen's ABI (see Xen's public headers).
 */
#ifndef GUEST_XEN_PUBLIC_H
#define GUEST_XEN_PUBLIC_H

#include <stdint.h>

/* Hypercall numbers (xen.h). */
#define __HYPERVISOR_xen_version    17
#define __HYPERVISOR_console_io     18
#define __HYPERVISOR_vcpu_op        24
#define __HYPERVISOR_sched_op       29

/* console_io commands (xen.h). */
#define CONSOLEIO_write             0
#define CONSOLEIO_read              1

/* sched_op (sched.h). */
#define SCHEDOP_yield               0
#define SCHEDOP_block               1
#define SCHEDOP_shutdown            2
struct sched_shutdown {
    unsigned int reason;
};
#define SHUTDOWN_poweroff           0
#define SHUTDOWN_reboot             1
#define SHUTDOWN_suspend            2
#define SHUTDOWN_crash              3
#define SHUTDOWN_watchdog           4

/* xen_version (version.h). */
#define XENVER_version              0

/* ELF notes (elfnote.h). */
#define XEN_ELFNOTE_PHYS32_ENTRY    18

/* CPUID leaves (arch-x86/cpuid.h). */
#define XEN_CPUID_FIRST_LEAF        0x40000000
#define XEN_CPUID_SIGNATURE_EBX     0x566e6558  /* "XenV" */
#define XEN_CPUID_SIGNATURE_ECX     0x65584d4d  /* "MMXe" */
#define XEN_CPUID_SIGNATURE_EDX     0x4d4d566e  /* "nVMM" */

/* struct hvm_start_info (hvm/start_info.h). */
#define XEN_HVM_START_MAGIC_VALUE   0x336ec578
struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr;          /* version >= 1 */
    uint32_t memmap_entries;        /* version >= 1 */
    uint32_t reserved;
};
struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};
struct hvm_memmap_table_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;                  /* XEN_HVM_MEMMAP_TYPE_* (= e820 types) */
    uint32_t reserved;
};
#define XEN_HVM_MEMMAP_TYPE_RAM       1
#define XEN_HVM_MEMMAP_TYPE_RESERVED  2
#define XEN_HVM_MEMMAP_TYPE_ACPI      3
#define XEN_HVM_MEMMAP_TYPE_NVS       4

_Static_assert(sizeof(struct hvm_start_info) == 56, "hvm_start_info v1 is 56 bytes");
_Static_assert(sizeof(struct hvm_memmap_table_entry) == 24, "memmap entry");

#endif
