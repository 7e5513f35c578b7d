/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * acpi_map() for the hypervisor: ACPI tables are reached through the
 * directmap, which the boot page tables provide for 0-4 GiB.  Tables above
 * 4 GiB would need ioremap() (not available yet); they are refused, and
 * the caller treats them as missing.
 */
#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/lib.h>

#define ACPI_DIRECT_LIMIT (1ul << 32)

const void *acpi_map(paddr_t pa, size_t len)
{
    if (pa >= ACPI_DIRECT_LIMIT || len > ACPI_DIRECT_LIMIT - pa) {
        printk(XENLOG_WARNING "ACPI: table at %#lx+%#zx above 4 GiB: not mapped\n",
               (unsigned long)pa, len);
        return NULL;
    }
    return __va(pa);
}
