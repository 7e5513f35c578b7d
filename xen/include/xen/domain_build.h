/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Building boot-time domains.  Boot configuration follows Xen: module 1 is
 * the initial domain's kernel (the rest of its module string is its command
 * line), module 2 its initrd; dom0_mem= and dom0_max_vcpus= size it.  Our
 * extension declares further unprivileged boot-time domains on the
 * hypervisor command line (see boot_domains.c for the syntax).
 */
#ifndef XEN_DOMAIN_BUILD_H
#define XEN_DOMAIN_BUILD_H

#include <xen/types.h>
#include <xen/bootinfo.h>

struct domain;

struct domain_config {
    uint16_t domid;
    bool privileged;
    char name[32];
    uint64_t mem_bytes;             /* guest RAM */
    unsigned int max_vcpus;
    const char *cmdline;            /* kernel command line ("" if none) */
    const struct boot_module *kernel;
    const struct boot_module *initrd;  /* NULL if none */
    unsigned int max_event_channels;   /* highest port; 0: the boot option's */
    unsigned int max_grant_frames;     /* 0: gnttab_max_frames= */
    unsigned int max_maptrack_frames;  /* 0: gnttab_max_maptrack_frames= */
    unsigned int weight, cap;       /* scheduler: 0 = default weight / no cap */
    uint64_t cpus;                  /* hard affinity (bit n = CPU n); 0: any */
};

/* Where the vCPU 0 starts: the PVH entry point and start_info address. */
struct pvh_entry {
    uint32_t eip;                   /* XEN_ELFNOTE_PHYS32_ENTRY */
    uint32_t ebx;                   /* guest-physical address of hvm_start_info */
};

/*
 * Lay out and populate @d's guest-physical memory, load the kernel (ELF64 or
 * ELF32, by physical address), the initrd, command line, hvm_start_info
 * (version 1, with memory map and modules) and the domain's ACPI tables
 * (RSDP, XSDT, MADT with one local APIC per vCPU, FADT).  On a malformed
 * image returns -errno after printing a clear reason; nothing is left mapped
 * that domain_destroy() would not free.
 */
int pvh_build_domain(struct domain *d, const struct domain_config *cfg,
                     struct pvh_entry *entry);

/* Create and start every boot-time domain (called once from __start_xen). */
void create_boot_domains(void);

#endif
