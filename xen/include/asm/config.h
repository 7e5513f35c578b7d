/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Virtual memory layout and build-wide constants of the hypervisor.
 *
 *   0xffffffff80000000  XEN_VIRT_START: first GiB of physical memory; the
 *                       image is linked at XEN_VIRT_START + XEN_PHYS_START.
 *   0xffff830000000000  DIRECTMAP_VIRT_START: all RAM (boot maps 0-4 GiB).
 *   0xffff820000000000  IOREMAP_VIRT_START: uncached MMIO mappings.
 *   0x0000000000000000  identity map of 0-4 GiB, used only while booting
 *                       CPUs (and, later, the guest half of the address space).
 */
#ifndef ASM_CONFIG_H
#define ASM_CONFIG_H

#define XEN_VIRT_START        0xffffffff80000000
#define XEN_PHYS_START        0x200000
#define DIRECTMAP_VIRT_START  0xffff830000000000
#define DIRECTMAP_SIZE        (1UL << 40)   /* 1 TiB: 0xffff8300... - 0xffff8400... */
#define IOREMAP_VIRT_START    0xffff820000000000
#define IOREMAP_SIZE          (1UL << 30)

#define PAGE_SHIFT            12
#define PAGE_SIZE             (1 << PAGE_SHIFT)
#define STACK_ORDER           3     /* 32 KiB; the lowest page is a guard */
#define STACK_SIZE            (PAGE_SIZE << STACK_ORDER)
#define NR_CPUS               64

#define BOOT_CS64             0x08
#define BOOT_DS               0x10
#define BOOT_CS32             0x18

#ifndef __ASSEMBLY__
#define __pa_sym(x)  ((unsigned long)(x) - XEN_VIRT_START)
#endif

#endif
