/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The Xen public ABI for the test guests: our include/public/ headers, plus
 * TEMPORARY copies of the definitions still to come there (elfnote.h,
 * hvm/start_info.h, arch-x86/cpuid.h, from the loader helper); once those
 * are in main this file includes them instead.  Values are Xen's ABI.
 */
#ifndef GUEST_XEN_PUBLIC_H
#define GUEST_XEN_PUBLIC_H

#include <stdint.h>

#include <public/xen.h>          /* hypercall numbers, CONSOLEIO_* */
#include <public/sched.h>        /* SCHEDOP_*, SHUTDOWN_*, struct sched_shutdown */
#include <public/version.h>      /* XENVER_* */

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
