/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * What the boot loader told us, in one loader-neutral form: filled from the
 * multiboot1 or multiboot2 information structure by multiboot_parse().
 */
#ifndef XEN_BOOTINFO_H
#define XEN_BOOTINFO_H

#include <xen/types.h>

#define MAX_MEM_REGIONS 128
#define MAX_BOOT_MODULES 16

enum mem_type { MEM_RAM = 1, MEM_RESERVED = 2, MEM_ACPI = 3, MEM_NVS = 4, MEM_UNUSABLE = 5 };

struct mem_region {
    paddr_t start;
    uint64_t size;
    uint32_t type;          /* enum mem_type (e820 numbering) */
};

struct boot_module {
    paddr_t start;
    paddr_t end;            /* exclusive */
    const char *cmdline;    /* points into loader memory (directmap) */
};

struct boot_info {
    unsigned int loader;            /* 1 or 2: multiboot version */
    const char *loader_name;
    const char *cmdline;
    unsigned int nr_mem;
    struct mem_region mem[MAX_MEM_REGIONS];
    unsigned int nr_mods;
    struct boot_module mods[MAX_BOOT_MODULES];
    paddr_t rsdp;                   /* 0 if the loader did not provide one */
    paddr_t info_start, info_end;   /* the loader's info block, to reserve */
};

extern struct boot_info boot_info;

/* Returns 0, or -EINVAL for an unknown magic. */
int multiboot_parse(uint32_t magic, paddr_t info);

/* Physical address to directmap virtual address (valid for 0-4 GiB at boot). */
#define __va(pa) ((void *)((unsigned long)(pa) + DIRECTMAP_VIRT_START))
#define __pa(va) ((paddr_t)((unsigned long)(va) - DIRECTMAP_VIRT_START))

#endif
