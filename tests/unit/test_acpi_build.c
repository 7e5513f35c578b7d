/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * PVH ACPI tables (xen/common/acpi_build.c): signatures, lengths,
 * revisions, checksums, pointers between tables, the FADT's hardware-reduced
 * sleep registers, the DSDT's _S5 package and the MADT entries; the MADT is
 * also read back with the hypervisor's own firmware parser (acpi_tables.c).
 */
#include "harness.h"
#include <xen/acpi.h>
#include <xen/acpi_build.h>
#include <xen/errno.h>

#define BASE 0xe0000ull

const void *acpi_map(paddr_t pa, size_t len) { (void)pa; (void)len; return NULL; }

static uint8_t buf[65536];
static uint32_t ids[ACPI_BUILD_MAX_VCPUS];

static uint32_t rd32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t rd64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static uint8_t sum(const void *p, size_t len)
{
    uint8_t s = 0;
    for (size_t i = 0; i < len; i++)
        s += ((const uint8_t *)p)[i];
    return s;
}

/* The table at guest-physical @gpa, checked: signature, length, checksum. */
static const uint8_t *table(uint64_t gpa, const char *sig, size_t used)
{
    const uint8_t *t;

    CHECK(gpa >= BASE && gpa - BASE + 36 <= used);
    t = buf + (gpa - BASE);
    CHECK(!sig[0] || !memcmp(t, sig, 4));
    CHECK(gpa - BASE + rd32(t + 4) <= used);
    CHECK_EQ(sum(t, rd32(t + 4)), 0);
    CHECK_EQ(gpa % 8, 0);
    return t;
}

static struct acpi_build_result build(unsigned int n)
{
    struct acpi_build_config cfg = {
        .base = BASE, .nr_vcpus = n, .apic_ids = ids,
        .sleep_control_port = 0x4000, .sleep_status_port = 0x4001,
    };
    struct acpi_build_result res;

    for (unsigned int i = 0; i < n; i++)
        ids[i] = i * 2;
    memset(buf, 0xcc, sizeof(buf));
    CHECK_EQ(acpi_build_tables(&cfg, buf, sizeof(buf), &res), 0);
    CHECK(res.size <= acpi_build_size(n));
    return res;
}

TEST(rsdp_and_xsdt)
{
    struct acpi_build_result res = build(1);
    const struct acpi_rsdp *r = (const void *)(buf + (res.rsdp - BASE));
    const uint8_t *x;

    CHECK_EQ(res.rsdp, BASE);
    CHECK_EQ(res.rsdp % 16, 0);
    CHECK(!memcmp(r->signature, "RSD PTR ", 8));
    CHECK_EQ(r->revision, 2);
    CHECK_EQ(r->length, 36);
    CHECK_EQ(sum(r, 20), 0);
    CHECK_EQ(sum(r, 36), 0);
    CHECK_EQ(acpi_rsdp_check(r, 36), 2);            /* our own firmware parser agrees */
    x = table(r->xsdt_address, "XSDT", res.size);
    CHECK_EQ(x[8], 1);
    CHECK_EQ(rd32(x + 4), 36 + 16);
    table(rd64(x + 36), "FACP", res.size);
    table(rd64(x + 44), "APIC", res.size);
}

static const uint8_t *find(const char *sig, struct acpi_build_result *res)
{
    const struct acpi_rsdp *r = (const void *)(buf + (res->rsdp - BASE));
    const uint8_t *x = buf + (r->xsdt_address - BASE);

    for (unsigned int i = 0; i < (rd32(x + 4) - 36) / 8; i++) {
        const uint8_t *t = table(rd64(x + 36 + 8 * i), "", res->size);
        if (!memcmp(t, sig, 4))
            return t;
    }
    CHECK(!"table not found");
    return NULL;
}

TEST(fadt_hw_reduced)
{
    struct acpi_build_result res = build(2);
    const uint8_t *f = find("FACP", &res);
    struct acpi_fadt_info fi;

    CHECK_EQ(rd32(f + 4), 276);
    CHECK(f[8] >= 5);
    CHECK(rd32(f + 112) & ACPI_FADT_HW_REDUCED);
    CHECK_EQ(rd32(f + 112), ACPI_FADT_HW_REDUCED);
    /* IAPC_BOOT_ARCH: no 8042 (bit 1), no legacy devices (bit 0). */
    CHECK_EQ(f[109] & 3, 0);
    CHECK(f[109] & ACPI_FADT_NO_CMOS_RTC);
    /* SLEEP_CONTROL_REG at 244, SLEEP_STATUS_REG at 256: 8-bit system I/O. */
    CHECK_EQ(f[244], ACPI_GAS_IO);
    CHECK_EQ(f[245], 8);
    CHECK_EQ(f[246], 0);
    CHECK_EQ(f[247], 1);
    CHECK_EQ(rd64(f + 248), 0x4000);
    CHECK_EQ(f[256], ACPI_GAS_IO);
    CHECK_EQ(f[257], 8);
    CHECK_EQ(rd64(f + 260), 0x4001);
    /* No PM blocks. */
    CHECK_EQ(rd32(f + 56), 0);
    CHECK_EQ(rd32(f + 64), 0);
    CHECK_EQ(rd32(f + 76), 0);
    /* X_DSDT (and the 32-bit DSDT, equal) -> DSDT. */
    CHECK_EQ(rd32(f + 40), rd64(f + 140));
    table(rd64(f + 140), "DSDT", res.size);
    CHECK_EQ(acpi_fadt_parse((const void *)f, &fi), 0);
    CHECK_EQ(fi.pm_tmr_port, 0);
}

TEST(dsdt_s5)
{
    static const uint8_t aml[] = {
        0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00,
    };
    struct acpi_build_result res = build(1);
    const uint8_t *f = find("FACP", &res);
    const uint8_t *d = table(rd64(f + 140), "DSDT", res.size);

    CHECK_EQ(rd32(d + 4), 36 + sizeof(aml));
    CHECK_EQ(d[8], 2);
    CHECK(!memcmp(d + 36, aml, sizeof(aml)));
    /* PkgLength covers itself, NumElements and the elements. */
    CHECK_EQ(aml[6], sizeof(aml) - 6);
}

TEST(madt_entries)
{
    static const unsigned int counts[] = { 1, 2, 4, 127, 128 };

    for (unsigned int c = 0; c < ARRAY_SIZE(counts); c++) {
        unsigned int n = counts[c];
        struct acpi_build_result res = build(n);
        const uint8_t *m = find("APIC", &res);
        static struct acpi_madt_info mi;

        CHECK_EQ(rd32(m + 36), 0xfee00000u);
        CHECK_EQ(rd32(m + 40), 0);                  /* no PCAT_COMPAT */
        CHECK_EQ(rd32(m + 4), 44 + 8 * n);          /* IDs <= 254: type 0 entries */
        for (unsigned int i = 0; i < n; i++) {
            const uint8_t *e = m + 44 + 8 * i;
            CHECK_EQ(e[0], ACPI_MADT_LAPIC);
            CHECK_EQ(e[1], 8);
            CHECK_EQ(e[2], i);                      /* UID = vcpu_id */
            CHECK_EQ(e[3], 2 * i);                  /* vcpu_apic_id() */
            CHECK_EQ(rd32(e + 4), ACPI_MADT_ENABLED);
        }
        CHECK_EQ(acpi_madt_parse((const void *)m, &mi), 0);
        /* The host parser keeps NR_CPUS of them and counts the rest. */
        CHECK_EQ(mi.nr_cpus + mi.nr_cpus_skipped, n);
        CHECK_EQ(mi.nr_ioapics, 0);
        CHECK(!mi.pcat_compat);
        CHECK_EQ(mi.nr_bad, 0);
        CHECK_EQ(mi.cpus[mi.nr_cpus - 1].apic_id, 2 * (mi.nr_cpus - 1));
        CHECK(mi.cpus[0].enabled);
    }
}

TEST(madt_x2apic_entries)
{
    struct acpi_build_config cfg = { .base = BASE, .nr_vcpus = 3, .apic_ids = ids };
    struct acpi_build_result res;
    const uint8_t *m, *e;

    ids[0] = 0; ids[1] = 0xff; ids[2] = 0x1234;
    CHECK_EQ(acpi_build_tables(&cfg, buf, sizeof(buf), &res), 0);
    m = find("APIC", &res);
    CHECK_EQ(rd32(m + 4), 44 + 8 + 16 + 16);
    e = m + 44 + 8;
    CHECK_EQ(e[0], ACPI_MADT_X2APIC);
    CHECK_EQ(e[1], 16);
    CHECK_EQ(rd32(e + 4), 0xff);
    CHECK_EQ(rd32(e + 8), ACPI_MADT_ENABLED);
    CHECK_EQ(rd32(e + 12), 1);
    CHECK_EQ(rd32(e + 16 + 4), 0x1234);
    CHECK_EQ(rd32(e + 16 + 12), 2);
}

TEST(bad_config)
{
    struct acpi_build_config cfg = { .base = BASE, .nr_vcpus = 1, .apic_ids = ids };
    struct acpi_build_result res;

    cfg.nr_vcpus = 0;
    CHECK_EQ(acpi_build_tables(&cfg, buf, sizeof(buf), &res), -EINVAL);
    cfg.nr_vcpus = ACPI_BUILD_MAX_VCPUS + 1;
    CHECK_EQ(acpi_build_tables(&cfg, buf, sizeof(buf), &res), -EINVAL);
    cfg.nr_vcpus = 1;
    cfg.base = BASE + 4;
    CHECK_EQ(acpi_build_tables(&cfg, buf, sizeof(buf), &res), -EINVAL);
    cfg.base = ~0ull & ~15ull;
    CHECK_EQ(acpi_build_tables(&cfg, buf, sizeof(buf), &res), -EINVAL);
    cfg.base = BASE;
    cfg.apic_ids = NULL;
    CHECK_EQ(acpi_build_tables(&cfg, buf, sizeof(buf), &res), -EINVAL);
    cfg.apic_ids = ids;
    CHECK_EQ(acpi_build_tables(&cfg, buf, 100, &res), -ENOSPC);
    CHECK_EQ(acpi_build_tables(&cfg, buf, acpi_build_size(1), &res), 0);
}

TEST_MAIN()
