/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ACPI boot tables: locate the RSDP (boot loader copy, else the EBDA's
 * first KiB and the BIOS area 0xE0000-0xFFFFF on 16-byte boundaries), walk
 * the XSDT (or the RSDT for ACPI 1.0), and parse the MADT and FADT into
 * acpi_madt / acpi_fadt.  Memory is reached only through acpi_map(), so
 * this file also runs in host unit tests over fake physical memory.
 */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>

#define ACPI_MAX_TABLE_LEN  (4u << 20)      /* sanity cap for one table */
#define ACPI_MAX_ROOT_ENTRIES 256
#define BDA_EBDA_SEGMENT    0x40e
#define BIOS_AREA_START     0xe0000
#define BIOS_AREA_LEN       0x20000

struct acpi_madt_info acpi_madt;
struct acpi_fadt_info acpi_fadt;

static paddr_t root_pa;             /* XSDT or RSDT */
static bool root_is_xsdt;
static unsigned int root_entries;

/* Firmware strings may hold anything: copy, with non-printables as '?'. */
static const char *fw_str(char *buf, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : (s[i] ? '?' : ' ');
    buf[n] = '\0';
    return buf;
}

static void print_table(paddr_t pa, const struct acpi_table_header *h)
{
    char sig[5], oem[7], tbl[9], creator[5];

    printk("ACPI: %s %08lX, %04X (r%u %s %s %6X %s %6X)\n",
           fw_str(sig, h->signature, 4), (unsigned long)pa, h->length,
           h->revision, fw_str(oem, h->oem_id, 6), fw_str(tbl, h->oem_table_id, 8),
           h->oem_revision, fw_str(creator, h->creator_id, 4), h->creator_revision);
}

/* Map a whole table with a sane length, or NULL. */
static const struct acpi_table_header *map_table(paddr_t pa)
{
    const struct acpi_table_header *h = acpi_map(pa, sizeof(*h));

    if (!h || h->length < sizeof(*h) || h->length > ACPI_MAX_TABLE_LEN)
        return NULL;
    return acpi_map(pa, h->length);
}

static paddr_t root_entry(const struct acpi_table_header *root, unsigned int i)
{
    const uint8_t *p = (const uint8_t *)(root + 1);
    uint64_t a64;
    uint32_t a32;

    if (root_is_xsdt) {
        memcpy(&a64, p + i * 8, 8);         /* entries need not be aligned */
        return a64;
    }
    memcpy(&a32, p + i * 4, 4);
    return a32;
}

/* The i-th root entry's table if mapped and checksummed, else NULL. */
static const struct acpi_table_header *table_at(unsigned int i, paddr_t *pa)
{
    const struct acpi_table_header *root = map_table(root_pa), *h;

    if (!root || i >= root_entries)
        return NULL;
    *pa = root_entry(root, i);
    h = map_table(*pa);
    if (!h || !acpi_checksum_ok(h, h->length))
        return NULL;
    return h;
}

const struct acpi_table_header *acpi_find_table(const char *sig)
{
    for (unsigned int i = 0; i < root_entries; i++) {
        paddr_t pa;
        const struct acpi_table_header *h = table_at(i, &pa);
        if (h && !memcmp(h->signature, sig, 4))
            return h;
    }
    return NULL;
}

/* Scan [start, start + len) on 16-byte boundaries; *kind as acpi_rsdp_check(). */
static const struct acpi_rsdp *rsdp_scan(paddr_t start, size_t len, paddr_t *found,
                                         int *kind)
{
    const uint8_t *p = acpi_map(start, len);

    for (size_t off = 0; p && off + ACPI_RSDP_V1_SIZE <= len; off += 16) {
        *kind = acpi_rsdp_check((const void *)(p + off), len - off);
        if (*kind > 0) {
            *found = start + off;
            return (const void *)(p + off);
        }
    }
    return NULL;
}

static const struct acpi_rsdp *rsdp_find(paddr_t hint, paddr_t *found, int *kind)
{
    const struct acpi_rsdp *r;
    const uint16_t *ebda_seg;
    paddr_t ebda;

    if (hint && (r = rsdp_scan(hint, sizeof(*r), found, kind)))
        return r;
    ebda_seg = acpi_map(BDA_EBDA_SEGMENT, sizeof(*ebda_seg));
    ebda = ebda_seg ? (paddr_t)*ebda_seg << 4 : 0;
    if (ebda >= 0x500 && ebda < 0xa0000 && (r = rsdp_scan(ebda, 1024, found, kind)))
        return r;
    return rsdp_scan(BIOS_AREA_START, BIOS_AREA_LEN, found, kind);
}

/* Choose the XSDT when the RSDP allows and it is sound, else the RSDT. */
static int root_init(paddr_t rsdp_pa, const struct acpi_rsdp *r, int kind)
{
    const struct acpi_table_header *h;
    char oem[7];

    printk("ACPI: RSDP %08lX, %04X (r%u %s)\n", (unsigned long)rsdp_pa,
           kind == 2 ? r->length : ACPI_RSDP_V1_SIZE, r->revision,
           fw_str(oem, r->oem_id, 6));
    root_is_xsdt = kind == 2;
    root_pa = root_is_xsdt ? r->xsdt_address : r->rsdt_address;
    h = map_table(root_pa);
    if (root_is_xsdt && (!h || memcmp(h->signature, "XSDT", 4) ||
                         !acpi_checksum_ok(h, h->length))) {
        printk(XENLOG_WARNING "ACPI: bad XSDT at %#lx, using the RSDT\n",
               (unsigned long)root_pa);
        root_is_xsdt = false;
        root_pa = r->rsdt_address;
        h = map_table(root_pa);
    }
    if (!h || memcmp(h->signature, root_is_xsdt ? "XSDT" : "RSDT", 4) ||
        !acpi_checksum_ok(h, h->length)) {
        printk(XENLOG_WARNING "ACPI: no valid RSDT/XSDT at %#lx\n", (unsigned long)root_pa);
        return -ENODEV;
    }
    print_table(root_pa, h);
    root_entries = min((h->length - sizeof(*h)) / (root_is_xsdt ? 8 : 4),
                       (size_t)ACPI_MAX_ROOT_ENTRIES);
    return 0;
}

static void print_tables(void)
{
    for (unsigned int i = 0; i < root_entries; i++) {
        paddr_t pa = 0;
        const struct acpi_table_header *h = table_at(i, &pa);
        if (h)
            print_table(pa, h);
        else
            printk(XENLOG_WARNING "ACPI: table %u at %#lx unreadable or bad checksum\n",
                   i, (unsigned long)pa);
    }
}

static void print_madt(const struct acpi_madt_info *m)
{
    printk("ACPI: MADT: local APIC at %#x, %u CPUs (%u skipped), %u IO-APICs%s\n",
           m->lapic_addr, m->nr_cpus, m->nr_cpus_skipped, m->nr_ioapics,
           m->pcat_compat ? ", dual 8259" : "");
    for (unsigned int i = 0; i < m->nr_cpus; i++)
        printk("ACPI: LAPIC (acpi_id[0x%02x] lapic_id[0x%02x] %s)\n", m->cpus[i].acpi_uid,
               m->cpus[i].apic_id, m->cpus[i].enabled ? "enabled" : "online-capable");
    for (unsigned int i = 0; i < m->nr_ioapics; i++)
        printk("ACPI: IOAPIC (id[0x%02x] address[%#x] gsi_base[%u])\n", m->ioapics[i].id,
               m->ioapics[i].addr, m->ioapics[i].gsi_base);
    for (unsigned int i = 0; i < m->nr_overrides; i++)
        printk("ACPI: INT_SRC_OVR (bus 0 bus_irq %u global_irq %u flags %#x)\n",
               m->overrides[i].isa_irq, m->overrides[i].gsi, m->overrides[i].flags);
    for (unsigned int i = 0; i < m->nr_nmis; i++) {
        const struct acpi_nmi *n = &m->nmis[i];
        if (n->local)
            printk("ACPI: LAPIC_NMI (acpi_id[%#x] lint[%u] flags %#x)\n",
                   n->acpi_uid, n->gsi_or_lint, n->flags);
        else
            printk("ACPI: NMI_SRC (gsi %u flags %#x)\n", n->gsi_or_lint, n->flags);
    }
    if (m->nr_bad)
        printk(XENLOG_WARNING "ACPI: MADT: %u malformed entries ignored\n", m->nr_bad);
}

static void print_fadt(const struct acpi_fadt_info *f)
{
    if (f->pm_tmr_port)
        printk("ACPI: PM-Timer IO Port: %#x (%u bits)\n", f->pm_tmr_port,
               f->pm_tmr_32bit ? 32 : 24);
    if (f->reset_valid)
        printk("ACPI: reset register: space %u address %#lx value %#x\n",
               f->reset_reg.space_id, (unsigned long)f->reset_reg.address, f->reset_value);
}

int acpi_boot_init(paddr_t rsdp_hint)
{
    const struct acpi_table_header *h;
    const struct acpi_rsdp *r;
    paddr_t rsdp_pa = 0;
    int kind = 0;

    memset(&acpi_madt, 0, sizeof(acpi_madt));
    memset(&acpi_fadt, 0, sizeof(acpi_fadt));
    root_entries = 0;
    r = rsdp_find(rsdp_hint, &rsdp_pa, &kind);
    if (!r || root_init(rsdp_pa, r, kind)) {
        printk(XENLOG_WARNING "ACPI: no usable tables found\n");
        return -ENODEV;
    }
    print_tables();
    if ((h = acpi_find_table("APIC")) && !acpi_madt_parse(h, &acpi_madt))
        print_madt(&acpi_madt);
    else
        printk(XENLOG_WARNING "ACPI: no MADT\n");
    if ((h = acpi_find_table("FACP")) && !acpi_fadt_parse(h, &acpi_fadt))
        print_fadt(&acpi_fadt);
    return 0;
}

uint32_t acpi_isa_irq_to_gsi(unsigned int isa_irq, uint16_t *flags)
{
    for (unsigned int i = 0; i < acpi_madt.nr_overrides; i++) {
        if (acpi_madt.overrides[i].isa_irq == isa_irq) {
            if (flags)
                *flags = acpi_madt.overrides[i].flags;
            return acpi_madt.overrides[i].gsi;
        }
    }
    if (flags)
        *flags = 0;                         /* conforming: ISA edge, high */
    return isa_irq;
}
