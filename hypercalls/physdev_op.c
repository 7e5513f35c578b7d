/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * physdev_op decisions (see xen/platform_op.h), Xen 4.17's answers for a
 * PVH domain, which has no PIRQs (no XEN_X86_EMU_USE_PIRQ):
 *   - only map_pirq/unmap_pirq (anyone), eoi/irq_status_query/
 *     get_free_pirq (PIRQ domains only: -ENOSYS here) and, for the
 *     hardware domain, pci_mmcfg_reserved/pci_device_add/
 *     pci_device_remove/dbgp_op pass Xen's HVM filter; all else -ENOSYS;
 *   - map_pirq/unmap_pirq: -ENOSYS (a deviation: we route no physical
 *     interrupts at all; Xen would try to bind a GSI/MSI);
 *   - pci_device_add records the device (segment 0 only, else -ENODEV, as
 *     Xen without MCFG knows only segment 0), pci_device_remove forgets
 *     it (-ENODEV if unknown);
 *   - pci_mmcfg_reserved: unknown flags -EINVAL, else -ENODEV (we know
 *     of no MMCFG region, as Xen on QEMU's i440fx);
 *   - dbgp_op: 0 (no EHCI debug port in use, nothing to do).
 */
#include <xen/errno.h>
#include <xen/platform_op.h>
#include <xen/spinlock.h>
#include <public/physdev.h>

#define MAX_PCI_DEVS        256
#define XEN_PCI_MMCFG_RESERVED 1u

struct pci_sbdf {
    uint16_t seg;
    uint8_t bus, devfn;
    bool used;
};

static struct pci_sbdf pci_devs[MAX_PCI_DEVS];
static DEFINE_SPINLOCK(pci_lock);

static int pci_find(uint16_t seg, uint8_t bus, uint8_t devfn)
{
    for (int i = 0; i < MAX_PCI_DEVS; i++)
        if (pci_devs[i].used && pci_devs[i].seg == seg && pci_devs[i].bus == bus &&
            pci_devs[i].devfn == devfn)
            return i;
    return -1;
}

static long pci_add(uint16_t seg, uint8_t bus, uint8_t devfn)
{
    long rc = -ENOMEM;

    if (seg)
        return -ENODEV;
    spin_lock(&pci_lock);
    if (pci_find(seg, bus, devfn) >= 0) {
        rc = 0;                         /* Xen updates a known device: fine */
    } else {
        for (int i = 0; i < MAX_PCI_DEVS; i++) {
            if (!pci_devs[i].used) {
                pci_devs[i] = (struct pci_sbdf){ seg, bus, devfn, true };
                rc = 0;
                break;
            }
        }
    }
    spin_unlock(&pci_lock);
    return rc;
}

static long pci_remove(uint16_t seg, uint8_t bus, uint8_t devfn)
{
    long rc = -ENODEV;
    int i;

    spin_lock(&pci_lock);
    i = pci_find(seg, bus, devfn);
    if (i >= 0) {
        pci_devs[i].used = false;
        rc = 0;
    }
    spin_unlock(&pci_lock);
    return rc;
}

void physdev_pci_reset(void)
{
    spin_lock(&pci_lock);
    for (int i = 0; i < MAX_PCI_DEVS; i++)
        pci_devs[i].used = false;
    spin_unlock(&pci_lock);
}

static long op_device_add(void *arg)
{
    const struct physdev_pci_device_add *a = arg;

    return pci_add(a->seg, a->bus, a->devfn);
}

static long op_device_remove(void *arg)
{
    const struct physdev_pci_device *a = arg;

    return pci_remove(a->seg, a->bus, a->devfn);
}

static long op_mmcfg_reserved(void *arg)
{
    const struct physdev_pci_mmcfg_reserved *a = arg;

    return (a->flags & ~XEN_PCI_MMCFG_RESERVED) ? -EINVAL : -ENODEV;
}

static long op_dbgp(void *arg)
{
    (void)arg;
    return 0;
}

static long op_no_pirq(void *arg)
{
    (void)arg;
    return -ENOSYS;
}

/* Xen's HVM filter: who may issue what; then the handler. */
static const struct {
    unsigned int cmd;
    bool hwdom_only;
    size_t size;                        /* bytes copied in (0: none) */
    long (*fn)(void *arg);
} ops[] = {
    { PHYSDEVOP_map_pirq,           false, 0,  op_no_pirq },
    { PHYSDEVOP_unmap_pirq,         false, 0,  op_no_pirq },
    { PHYSDEVOP_pci_mmcfg_reserved, true,  sizeof(struct physdev_pci_mmcfg_reserved),
      op_mmcfg_reserved },
    { PHYSDEVOP_pci_device_add,     true,  sizeof(struct physdev_pci_device_add),
      op_device_add },
    { PHYSDEVOP_pci_device_remove,  true,  sizeof(struct physdev_pci_device), op_device_remove },
    { PHYSDEVOP_dbgp_op,            true,  6,  op_dbgp },  /* u8 op, u8 bus, pci device */
};

static int find(unsigned int cmd)
{
    for (unsigned int i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (ops[i].cmd == cmd)
            return (int)i;
    return -1;
}

size_t physdev_op_arg_size(unsigned int cmd)
{
    int i = find(cmd);

    return i < 0 ? 0 : ops[i].size;
}

long physdev_op(unsigned int cmd, bool hwdom, void *arg)
{
    int i = find(cmd);

    /* eoi, irq_status_query, get_free_pirq: PIRQ domains only; PVH has none. */
    if (i < 0 || (ops[i].hwdom_only && !hwdom))
        return -ENOSYS;
    return ops[i].fn(arg);
}
