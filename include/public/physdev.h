/* SPDX-License-Identifier: MIT */
/*
 * physdev_op (hypercall 33): Xen's command numbers and the x86_64 layouts
 * of the PCI operations a PVH dom0 issues (xen/include/public/physdev.h).
 */
#ifndef PUBLIC_PHYSDEV_H
#define PUBLIC_PHYSDEV_H

#include <public/xen.h>

#define PHYSDEVOP_eoi                   12
#define PHYSDEVOP_pirq_eoi_gmfn_v1      17
#define PHYSDEVOP_pirq_eoi_gmfn_v2      28
#define PHYSDEVOP_irq_status_query       5
#define PHYSDEVOP_set_iopl               6
#define PHYSDEVOP_set_iobitmap           7
#define PHYSDEVOP_apic_read              8
#define PHYSDEVOP_apic_write             9
#define PHYSDEVOP_alloc_irq_vector      10
#define PHYSDEVOP_free_irq_vector       11
#define PHYSDEVOP_map_pirq              13
#define PHYSDEVOP_unmap_pirq            14
#define PHYSDEVOP_manage_pci_add        15
#define PHYSDEVOP_manage_pci_remove     16
#define PHYSDEVOP_restore_msi           19
#define PHYSDEVOP_setup_gsi             21
#define PHYSDEVOP_get_free_pirq         23
#define PHYSDEVOP_pci_mmcfg_reserved    24
#define PHYSDEVOP_pci_device_add        25
#define PHYSDEVOP_pci_device_remove     26
#define PHYSDEVOP_restore_msi_ext       27
#define PHYSDEVOP_prepare_msix          30
#define PHYSDEVOP_release_msix          31
#define PHYSDEVOP_dbgp_op               29
#define PHYSDEVOP_pci_device_reset      32

struct physdev_pci_mmcfg_reserved {
    uint64_t address;
    uint16_t segment;
    uint8_t start_bus, end_bus;
    uint32_t flags;
};

#define XEN_PCI_DEV_EXTFN   0x1
#define XEN_PCI_DEV_VIRTFN  0x2
#define XEN_PCI_DEV_PXM     0x4

/* pci_device_add: optional trailing u32 optarr[] (PXM) not read here. */
struct physdev_pci_device_add {
    uint16_t seg;
    uint8_t bus, devfn;
    uint32_t flags;
    struct { uint8_t bus, devfn; } physfn;
};

struct physdev_pci_device {
    uint16_t seg;
    uint8_t bus, devfn;
};

_Static_assert(sizeof(struct physdev_pci_mmcfg_reserved) == 16, "mmcfg_reserved");
_Static_assert(sizeof(struct physdev_pci_device_add) == 12, "pci_device_add");

#endif
