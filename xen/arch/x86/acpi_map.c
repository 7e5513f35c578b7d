/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * acpi_map() for the hypervisor.  Tables below 4 GiB are reached through
 * the directmap (always mapped there, holes included).  Tables above go
 * through ioremap(); those mappings are never undone, so the last few are
 * kept and reused, as the table walk maps the same tables repeatedly.
 */
#include <xen/acpi.h>
#include <xen/bootinfo.h>
#include <xen/lib.h>
#include <asm/page.h>

#define ACPI_DIRECT_LIMIT (1ul << 32)
#define ACPI_MAP_CACHE    8

static struct { paddr_t pa; size_t len; const uint8_t *va; } map_cache[ACPI_MAP_CACHE];
static unsigned int map_next;

static const void *acpi_ioremap(paddr_t pa, size_t len)
{
    const uint8_t *va;

    for (unsigned int i = 0; i < ACPI_MAP_CACHE; i++)
        if (map_cache[i].va && pa >= map_cache[i].pa &&
            pa + len <= map_cache[i].pa + map_cache[i].len)
            return map_cache[i].va + (pa - map_cache[i].pa);
    va = ioremap(pa, len);
    if (!va) {
        printk(XENLOG_WARNING "ACPI: cannot map %#lx+%#zx\n", (unsigned long)pa, len);
        return NULL;
    }
    map_cache[map_next] = (typeof(map_cache[0])){ pa, len, va };
    map_next = (map_next + 1) % ACPI_MAP_CACHE;
    return va;
}

const void *acpi_map(paddr_t pa, size_t len)
{
    if (pa + len < pa)
        return NULL;                            /* wraps around */
    if (pa + len <= ACPI_DIRECT_LIMIT)
        return __va(pa);
    return acpi_ioremap(pa, len);
}
