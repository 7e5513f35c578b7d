/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Just enough ACPI to find the local APIC IDs: RSDP (start_info->rsdp_paddr)
 * -> XSDT (or RSDT) -> MADT, entries of type 0 (local APIC) and 9 (local
 * x2APIC) with the enabled flag.  Everything is bounds- and checksum-checked;
 * tables must lie below 4 GiB (our identity map).
 */
#include "guest.h"

struct acpi_header {
    char sig[4];
    uint32_t length;
    uint8_t revision, checksum;
    char oem[6], oem_table[8];
    uint32_t oem_rev, creator, creator_rev;
} __attribute__((packed));

struct rsdp {
    char sig[8];
    uint8_t checksum;
    char oem[6];
    uint8_t revision;
    uint32_t rsdt;
    uint32_t length;
    uint64_t xsdt;
    uint8_t xchecksum, reserved[3];
} __attribute__((packed));

static bool sum_ok(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t s = 0;

    while (len--)
        s += *b++;
    return s == 0;
}

static const struct acpi_header *table_at(uint64_t pa)
{
    const struct acpi_header *h = (const void *)pa;

    if (!pa || pa >= (1ull << 32) - sizeof(*h))
        return NULL;
    if (h->length < sizeof(*h) || h->length > (1u << 20) || pa + h->length > (1ull << 32))
        return NULL;
    if (!sum_ok(h, h->length)) {
        printf("acpi: bad checksum in %.4s at %#lx\n", h->sig, (unsigned long)pa);
        return NULL;
    }
    return h;
}

static const struct acpi_header *find_madt(void)
{
    const struct rsdp *r = start_info ? (const void *)start_info->rsdp_paddr : NULL;
    const struct acpi_header *root;
    bool x;

    if (!r || (uint64_t)r >= (1ull << 32) - sizeof(*r) || memcmp(r->sig, "RSD PTR ", 8) ||
        !sum_ok(r, 20))
        return NULL;
    x = r->revision >= 2 && r->xsdt;
    root = table_at(x ? r->xsdt : r->rsdt);
    if (!root)
        return NULL;
    size_t esz = x ? 8 : 4, n = (root->length - sizeof(*root)) / esz;
    const uint8_t *ents = (const uint8_t *)(root + 1);
    for (size_t i = 0; i < n; i++) {
        uint64_t pa = 0;

        memcpy(&pa, ents + i * esz, esz);
        const struct acpi_header *t = table_at(pa);
        if (t && !memcmp(t->sig, "APIC", 4))
            return t;
    }
    return NULL;
}

int acpi_madt_apic_ids(uint32_t *ids, int max)
{
    const struct acpi_header *m = find_madt();
    const uint8_t *p, *end;
    int n = 0;

    if (!m)
        return -1;
    p = (const uint8_t *)(m + 1) + 8;           /* local APIC address, flags */
    end = (const uint8_t *)m + m->length;
    for (; p + 2 <= end && p[1] >= 2 && p + p[1] <= end; p += p[1]) {
        uint32_t id, flags;

        if (p[0] == 0 && p[1] >= 8) {            /* processor local APIC */
            id = p[3];
            memcpy(&flags, p + 4, 4);
        } else if (p[0] == 9 && p[1] >= 16) {    /* processor local x2APIC */
            memcpy(&id, p + 4, 4);
            memcpy(&flags, p + 8, 4);
        } else {
            continue;
        }
        if ((flags & 1) && n < max)
            ids[n++] = id;
    }
    return n;
}
