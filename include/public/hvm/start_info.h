/* SPDX-License-Identifier: MIT */
/*
 * The PVH start of day structure (guest ABI), with Xen's layout and numbers
 * (public/arch-x86/hvm/start_info.h).  At the PVH entry point EBX holds the
 * guest-physical address of struct hvm_start_info.  All addresses in it are
 * guest-physical; version 1 adds the memory map.
 *
 *  hvm_start_info  -> modlist_paddr: hvm_modlist_entry[nr_modules]
 *                  -> cmdline_paddr: NUL-terminated ASCII (0: none)
 *                  -> rsdp_paddr:    ACPI RSDP (0: none)
 *                  -> memmap_paddr:  hvm_memmap_table_entry[memmap_entries]
 */
#ifndef PUBLIC_HVM_START_INFO_H
#define PUBLIC_HVM_START_INFO_H

#include <stdint.h>

#define XEN_HVM_START_MAGIC_VALUE   0x336ec578u

/* start_info flags (SIF_* of public/xen.h). */
#define XEN_HVM_SIF_PRIVILEGED      (1u << 0)   /* SIF_PRIVILEGED */
#define XEN_HVM_SIF_INITDOMAIN      (1u << 1)   /* SIF_INITDOMAIN: the control domain */

/* Memory map types: the E820 numbering. */
#define XEN_HVM_MEMMAP_TYPE_RAM         1
#define XEN_HVM_MEMMAP_TYPE_RESERVED    2
#define XEN_HVM_MEMMAP_TYPE_ACPI        3
#define XEN_HVM_MEMMAP_TYPE_NVS         4
#define XEN_HVM_MEMMAP_TYPE_UNUSABLE    5
#define XEN_HVM_MEMMAP_TYPE_DISABLED    6
#define XEN_HVM_MEMMAP_TYPE_PMEM        7

struct hvm_start_info {
    uint32_t magic;             /* XEN_HVM_START_MAGIC_VALUE */
    uint32_t version;           /* 0 or 1 */
    uint32_t flags;             /* XEN_HVM_SIF_* */
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    /* Version 1 and later. */
    uint64_t memmap_paddr;
    uint32_t memmap_entries;
    uint32_t reserved;          /* must be zero */
};

struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;     /* 0: none */
    uint64_t reserved;
};

struct hvm_memmap_table_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;              /* XEN_HVM_MEMMAP_TYPE_* */
    uint32_t reserved;
};

_Static_assert(sizeof(struct hvm_start_info) == 56, "hvm_start_info size");
_Static_assert(__builtin_offsetof(struct hvm_start_info, modlist_paddr) == 0x10, "modlist");
_Static_assert(__builtin_offsetof(struct hvm_start_info, rsdp_paddr) == 0x20, "rsdp");
_Static_assert(__builtin_offsetof(struct hvm_start_info, memmap_paddr) == 0x28, "memmap");
_Static_assert(__builtin_offsetof(struct hvm_start_info, memmap_entries) == 0x30, "entries");
_Static_assert(sizeof(struct hvm_modlist_entry) == 32, "hvm_modlist_entry size");
_Static_assert(sizeof(struct hvm_memmap_table_entry) == 24, "hvm_memmap_table_entry size");
_Static_assert(__builtin_offsetof(struct hvm_memmap_table_entry, type) == 16, "type");

#endif
