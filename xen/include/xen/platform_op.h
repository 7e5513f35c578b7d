/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * platform_op and physdev_op, split so the decisions are host-testable:
 * hypercalls/platform_op.c and physdev_op.c decide on an already-copied
 * argument, through the small environment below; *_entry.c copy in/out
 * and supply the real CPUs, wallclock and domain.
 */
#ifndef XEN_PLATFORM_OP_H
#define XEN_PLATFORM_OP_H

#include <xen/types.h>
#include <public/platform.h>

/* What platform_op needs to know about the host. */
struct platform_env {
    unsigned int max_present;                   /* highest present CPU number */
    bool (*online)(unsigned int cpu);           /* present and running */
    uint32_t (*apic_id)(unsigned int cpu);
    uint32_t (*acpi_id)(unsigned int cpu);
    /* vendor string, family, model, stepping of an online CPU */
    void (*version)(unsigned int cpu, struct xenpf_pcpu_version *out);
    /* XENPF_settime*: the wallclock read (sec, nsec) at system time @at */
    void (*settime)(uint64_t sec, uint32_t nsec, uint64_t at);
};

/*
 * One platform_op on @op (already copied in), as Xen 4.17 answers it for a
 * caller that is (@hwdom) or is not the hardware domain.  Returns the
 * result; *@copy_back says whether op->u must go back to the guest.
 */
long platform_op(struct xen_platform_op *op, bool hwdom, const struct platform_env *env,
                 bool *copy_back);

/* Size of physdev_op @cmd's argument, 0 for commands we refuse unread. */
size_t physdev_op_arg_size(unsigned int cmd);
/* One physdev_op (argument in @arg) as Xen 4.17 answers a PVH (no PIRQ) domain. */
long physdev_op(unsigned int cmd, bool hwdom, void *arg);
/* Forget every PCI device dom0 reported (tests). */
void physdev_pci_reset(void);

#endif
