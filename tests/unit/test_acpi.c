/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ACPI table discovery and parsing (xen/arch/x86/acpi.c, acpi_tables.c)
 * over fake physical memory: the first MiB (BDA, EBDA, BIOS area) and a
 * window at TBL_BASE for the tables.  Covers broken firmware: bad
 * checksums, truncated and zero-length entries, lengths past the table.
 */
#include "harness.h"
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>

#define LOW_SIZE  0x100000
#define TBL_BASE  0x3ffe0000ul
#define TBL_SIZE  0x10000

static uint8_t lowmem[LOW_SIZE];
static uint8_t tblmem[TBL_SIZE];

const void *acpi_map(paddr_t pa, size_t len)
{
    if (pa < LOW_SIZE && len <= LOW_SIZE - pa)
        return lowmem + pa;
    if (pa >= TBL_BASE && pa - TBL_BASE < TBL_SIZE && len <= TBL_SIZE - (pa - TBL_BASE))
        return tblmem + (pa - TBL_BASE);
    return NULL;
}

static void *fake(paddr_t pa)
{
    return (void *)acpi_map(pa, 1);
}

static void fix_checksum(void *p, size_t len, uint8_t *field)
{
    *field = 0;
    *field = -(uint8_t)({ uint8_t s = 0; for (size_t i = 0; i < len; i++) s += ((uint8_t *)p)[i]; s; });
}

/* Write a table of @len bytes at @pa: header, then @body; checksummed. */
static struct acpi_table_header *put_table(paddr_t pa, const char *sig, const void *body,
                                           size_t body_len)
{
    struct acpi_table_header *h = fake(pa);

    memset(h, 0, sizeof(*h));
    memcpy(h->signature, sig, 4);
    h->length = sizeof(*h) + body_len;
    h->revision = 1;
    memcpy(h->oem_id, "TESTOE", 6);
    memcpy(h->oem_table_id, "TESTTBL ", 8);
    if (body_len)
        memcpy(h + 1, body, body_len);
    fix_checksum(h, h->length, &h->checksum);
    return h;
}

static struct acpi_rsdp *put_rsdp(paddr_t pa, int rev, uint32_t rsdt, uint64_t xsdt)
{
    struct acpi_rsdp *r = fake(pa);

    memset(r, 0, sizeof(*r));
    memcpy(r->signature, "RSD PTR ", 8);
    memcpy(r->oem_id, "TESTOE", 6);
    r->revision = rev;
    r->rsdt_address = rsdt;
    r->length = sizeof(*r);
    r->xsdt_address = xsdt;
    fix_checksum(r, ACPI_RSDP_V1_SIZE, &r->checksum);
    fix_checksum(r, sizeof(*r), &r->ext_checksum);
    return r;
}

/* A MADT with the usual QEMU content plus whatever @extra holds. */
static void put_madt(paddr_t pa, const uint8_t *extra, size_t extra_len)
{
    uint8_t body[1024] = {
        0x00, 0x00, 0xe0, 0xfe, 0x01, 0, 0, 0,          /* LAPIC addr, PCAT_COMPAT */
        0, 8, 0, 0, 1, 0, 0, 0,                         /* LAPIC uid 0 id 0 enabled */
        0, 8, 1, 1, 1, 0, 0, 0,                         /* LAPIC uid 1 id 1 enabled */
        1, 12, 0, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0, /* IO-APIC 0 at fec00000 */
        2, 10, 0, 0, 2, 0, 0, 0, 0, 0,                  /* ISA IRQ0 -> GSI 2 */
        4, 6, 0xff, 0, 0, 1,                            /* LAPIC NMI all, LINT1 */
    };
    size_t base = 8 + 8 + 8 + 12 + 10 + 6;

    if (extra_len)
        memcpy(body + base, extra, extra_len);
    put_table(pa, "APIC", body, base + extra_len);
}

/* RSDT (and XSDT unless @xsdt_pa is 0) listing the given tables. */
static void put_roots(paddr_t rsdt_pa, paddr_t xsdt_pa, const paddr_t *t, unsigned int n)
{
    uint32_t r[16];
    uint64_t x[16];

    for (unsigned int i = 0; i < n; i++) {
        r[i] = t[i];
        x[i] = t[i];
    }
    put_table(rsdt_pa, "RSDT", r, n * 4);
    if (xsdt_pa)
        put_table(xsdt_pa, "XSDT", x, n * 8);
}

static void reset_mem(void)
{
    memset(lowmem, 0, sizeof(lowmem));
    memset(tblmem, 0, sizeof(tblmem));
    unit_log_clear();
}

#define T(off) (TBL_BASE + (off))

TEST(checksum)
{
    uint8_t b[4] = { 1, 2, 3, 0xfa };
    CHECK(acpi_checksum_ok(b, 4));
    b[0] = 2;
    CHECK(!acpi_checksum_ok(b, 4));
    CHECK(acpi_checksum_ok(b, 0));
}

TEST(rsdp_versions)
{
    struct acpi_rsdp *r;

    reset_mem();
    r = put_rsdp(0xe0000, 0, 0x1000, 0);
    CHECK_EQ(acpi_rsdp_check(r, sizeof(*r)), 1);
    CHECK_EQ(acpi_rsdp_check(r, 19), -EINVAL);          /* cut short */
    r = put_rsdp(0xe0000, 2, 0x1000, 0x2000);
    CHECK_EQ(acpi_rsdp_check(r, sizeof(*r)), 2);
    CHECK_EQ(acpi_rsdp_check(r, 20), 1);                /* v2 part unreadable */
    r->ext_checksum++;
    CHECK_EQ(acpi_rsdp_check(r, sizeof(*r)), 1);        /* v1 part still good */
    r->length = 0x10000;
    CHECK_EQ(acpi_rsdp_check(r, sizeof(*r)), 1);        /* length beyond what we have */
    r->checksum++;
    CHECK_EQ(acpi_rsdp_check(r, sizeof(*r)), -EINVAL);
    r = put_rsdp(0xe0000, 0, 0x1000, 0);
    r->signature[0] = 'X';
    CHECK_EQ(acpi_rsdp_check(r, sizeof(*r)), -EINVAL);
}

TEST(find_in_bios_area_rsdt)
{
    paddr_t tables[] = { T(0x100) };

    reset_mem();
    put_rsdp(0xe0008, 0, T(0), 0);                      /* not 16-byte aligned: ignored */
    CHECK_EQ(acpi_boot_init(0), -ENODEV);
    put_rsdp(0xf5a50, 0, T(0), 0);
    put_madt(T(0x100), NULL, 0);
    put_roots(T(0), 0, tables, 1);
    CHECK_EQ(acpi_boot_init(0), 0);
    CHECK(strstr(unit_log, "ACPI: RSDP 000F5A50, 0014 (r0 TESTOE)"));
    CHECK(strstr(unit_log, "ACPI: RSDT 3FFE0000"));
    CHECK(strstr(unit_log, "ACPI: APIC 3FFE0100"));
    CHECK(acpi_madt.present);
    CHECK_EQ(acpi_madt.nr_cpus, 2);
    CHECK_EQ(acpi_madt.cpus[1].apic_id, 1);
    CHECK_EQ(acpi_madt.lapic_addr, 0xfee00000);
    CHECK(acpi_madt.pcat_compat);
    CHECK_EQ(acpi_madt.nr_ioapics, 1);
    CHECK_EQ(acpi_madt.ioapics[0].addr, 0xfec00000);
    CHECK_EQ(acpi_madt.nr_nmis, 1);
    CHECK_EQ(acpi_madt.nmis[0].acpi_uid, ~0u);
    CHECK(!acpi_fadt.present);
    CHECK_EQ(acpi_isa_irq_to_gsi(0, NULL), 2);
    CHECK_EQ(acpi_isa_irq_to_gsi(4, NULL), 4);
}

TEST(find_in_ebda_and_hint)
{
    paddr_t tables[] = { T(0x100) };

    reset_mem();
    put_madt(T(0x100), NULL, 0);
    put_roots(T(0), 0, tables, 1);
    *(uint16_t *)fake(0x40e) = 0x9fc0;                  /* EBDA at 0x9fc00 */
    put_rsdp(0x9fc10, 0, T(0), 0);
    CHECK_EQ(acpi_boot_init(0), 0);
    CHECK(strstr(unit_log, "RSDP 0009FC10"));
    unit_log_clear();
    put_rsdp(0x5000, 0, T(0), 0);                       /* the loader's copy wins */
    CHECK_EQ(acpi_boot_init(0x5000), 0);
    CHECK(strstr(unit_log, "RSDP 00005000"));
    unit_log_clear();
    CHECK_EQ(acpi_boot_init(0x6000), 0);                /* bad hint: fall back to scan */
    CHECK(strstr(unit_log, "RSDP 0009FC10"));
}

TEST(xsdt_preferred_and_fallback)
{
    paddr_t tables[] = { T(0x100) };
    struct acpi_table_header *x;

    reset_mem();
    put_madt(T(0x100), NULL, 0);
    put_roots(T(0), T(0x80), tables, 1);
    put_rsdp(0xe0000, 2, T(0), T(0x80));
    CHECK_EQ(acpi_boot_init(0), 0);
    CHECK(strstr(unit_log, "ACPI: XSDT 3FFE0080"));
    CHECK(acpi_madt.present);
    unit_log_clear();
    x = fake(T(0x80));
    x->checksum++;                                      /* corrupt XSDT: use RSDT */
    CHECK_EQ(acpi_boot_init(0), 0);
    CHECK(strstr(unit_log, "using the RSDT"));
    CHECK(strstr(unit_log, "ACPI: RSDT 3FFE0000"));
    CHECK(acpi_madt.present);
}

TEST(bad_tables_skipped)
{
    paddr_t tables[] = { T(0x100), T(0x8000000), T(0x400), 0xfff00000 };
    struct acpi_table_header *h;

    reset_mem();
    put_madt(T(0x100), NULL, 0);
    h = fake(T(0x100));
    h->checksum++;                                      /* broken MADT */
    h = put_table(T(0x400), "FACP", (uint8_t[200]){ 0 }, 200);
    h->length = 0x7fffffff;                             /* absurd length */
    put_roots(T(0), 0, tables, 4);
    put_rsdp(0xe0000, 0, T(0), 0);
    CHECK_EQ(acpi_boot_init(0), 0);
    CHECK(!acpi_madt.present);
    CHECK(!acpi_fadt.present);
    CHECK(acpi_find_table("APIC") == NULL);
    CHECK(strstr(unit_log, "no MADT"));
}

TEST(root_too_short)
{
    struct acpi_table_header *r;

    reset_mem();
    r = put_table(T(0), "RSDT", NULL, 0);
    r->length = 10;                                     /* shorter than its header */
    put_rsdp(0xe0000, 0, T(0), 0);
    CHECK_EQ(acpi_boot_init(0), -ENODEV);
    CHECK(acpi_find_table("APIC") == NULL);
}

TEST(madt_entries)
{
    uint8_t extra[] = {
        0, 8, 2, 2, 0, 0, 0, 0,                         /* disabled: skipped */
        0, 8, 3, 3, 2, 0, 0, 0,                         /* online-capable */
        0, 8, 4, 1, 1, 0, 0, 0,                         /* duplicate APIC ID 1 */
        0, 8, 5, 0xff, 1, 0, 0, 0,                      /* broadcast ID */
        9, 16, 0, 0, 0x00, 0x01, 0, 0, 1, 0, 0, 0, 9, 0, 0, 0, /* x2APIC 256 */
        0, 4, 6, 6,                                     /* LAPIC entry too short */
        2, 10, 1, 4, 4, 0, 0, 0, 0, 0,                  /* override on bus 1 */
        2, 10, 0, 20, 20, 0, 0, 0, 0, 0,                /* ISA IRQ 20: nonsense */
        2, 10, 0, 9, 9, 0, 0, 0, 0x0d, 0,               /* IRQ9 level/low */
        3, 8, 0, 0, 7, 0, 0, 0,                         /* NMI source GSI 7 */
        5, 12, 0, 0, 0, 0, 0xd0, 0xfe, 0, 0, 0, 0,      /* LAPIC address override */
        0x7f, 3, 0,                                     /* unknown type: skipped */
    };
    const struct acpi_table_header *h;
    struct acpi_madt_info *m = &acpi_madt;

    reset_mem();
    put_madt(T(0x100), extra, sizeof(extra));
    h = fake(T(0x100));
    CHECK_EQ(acpi_madt_parse(h, m), 0);
    CHECK_EQ(m->nr_cpus, 4);
    CHECK_EQ(m->cpus[2].apic_id, 3);
    CHECK(!m->cpus[2].enabled);
    CHECK_EQ(m->cpus[3].apic_id, 256);
    CHECK_EQ(m->cpus[3].acpi_uid, 9);
    CHECK_EQ(m->nr_cpus_skipped, 3);
    CHECK_EQ(m->nr_overrides, 2);
    CHECK_EQ(m->overrides[1].isa_irq, 9);
    CHECK_EQ(m->overrides[1].flags, 0xd);
    CHECK_EQ(m->nr_nmis, 2);
    CHECK_EQ(m->nmis[1].gsi_or_lint, 7);
    CHECK(!m->nmis[1].local);
    CHECK_EQ(m->lapic_addr, 0xfed00000);
    CHECK_EQ(m->nr_bad, 3);
}

TEST(madt_bad_lengths)
{
    uint8_t zero_len[] = { 0, 0, 9, 9, 1, 0, 0, 0 };
    uint8_t past_end[] = { 1, 40, 0, 0, 0, 0, 0, 0 };
    struct acpi_table_header *h;
    struct acpi_madt_info *m = &acpi_madt;

    reset_mem();
    put_madt(T(0x100), zero_len, sizeof(zero_len));     /* must not loop forever */
    h = fake(T(0x100));
    CHECK_EQ(acpi_madt_parse(h, m), 0);
    CHECK_EQ(m->nr_cpus, 2);
    CHECK_EQ(m->nr_bad, 1);
    put_madt(T(0x100), past_end, sizeof(past_end));
    CHECK_EQ(acpi_madt_parse(h, m), 0);
    CHECK_EQ(m->nr_ioapics, 1);
    CHECK_EQ(m->nr_bad, 1);
    h->length = 40;                                     /* shorter than a MADT */
    CHECK_EQ(acpi_madt_parse(h, m), -EINVAL);
    CHECK(!m->present);
}

TEST(madt_too_many_cpus)
{
    uint8_t extra[8 * (NR_CPUS + 2)];
    struct acpi_table_header *h;

    for (unsigned int i = 0; i < NR_CPUS + 2; i++) {
        uint8_t e[8] = { 0, 8, i + 2, i + 2, 1, 0, 0, 0 };
        memcpy(extra + 8 * i, e, 8);
    }
    reset_mem();
    put_madt(T(0x100), extra, sizeof(extra));
    h = fake(T(0x100));
    CHECK_EQ(acpi_madt_parse(h, &acpi_madt), 0);
    CHECK_EQ(acpi_madt.nr_cpus, NR_CPUS);
    CHECK_EQ(acpi_madt.nr_cpus_skipped, 4);
}

static struct acpi_table_header *put_fadt(unsigned int len, uint32_t flags)
{
    uint8_t body[300] = { 0 };
    struct acpi_gas reset = { ACPI_GAS_IO, 8, 0, 1, 0xcf9 };

    memcpy(body + 76 - 36, &(uint32_t){ 0x608 }, 4);   /* PM_TMR_BLK */
    body[91 - 36] = 4;                                  /* PM_TMR_LEN */
    memcpy(body + 112 - 36, &flags, 4);
    memcpy(body + 116 - 36, &reset, sizeof(reset));
    body[128 - 36] = 6;
    return put_table(T(0x400), "FACP", body, len - 36);
}

TEST(fadt_fields)
{
    struct acpi_fadt_info *f = &acpi_fadt;
    struct acpi_table_header *h;
    struct acpi_gas xtmr = { ACPI_GAS_IO, 32, 0, 3, 0xb008 };

    reset_mem();
    h = put_fadt(116, 1u << 8);
    CHECK_EQ(acpi_fadt_parse(h, f), 0);
    CHECK_EQ(f->pm_tmr_port, 0x608);
    CHECK(f->pm_tmr_32bit);
    CHECK(!f->reset_valid);                             /* too short for it */
    h = put_fadt(244, 1u << 10);
    CHECK_EQ(acpi_fadt_parse(h, f), 0);
    CHECK(f->reset_valid);
    CHECK_EQ(f->reset_reg.address, 0xcf9);
    CHECK_EQ(f->reset_value, 6);
    CHECK(!f->pm_tmr_32bit);
    memcpy((uint8_t *)h + 208, &xtmr, sizeof(xtmr));    /* X_PM_TMR_BLK wins */
    CHECK_EQ(acpi_fadt_parse(h, f), 0);
    CHECK_EQ(f->pm_tmr_port, 0xb008);
    h->length = 100;
    CHECK_EQ(acpi_fadt_parse(h, f), -EINVAL);
    CHECK(!f->present);
}

TEST_MAIN()
