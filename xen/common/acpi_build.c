/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ACPI tables for PVH domains (see xen/acpi_build.h).  Layouts follow the
 * ACPI 6.x specification; the FADT is revision 6 (276 bytes) with the
 * HW_REDUCED_ACPI flag, so the guest looks for no PM1/GPE blocks, PIT, PIC
 * or RTC and uses SLEEP_CONTROL_REG / SLEEP_STATUS_REG for S5.
 */
#include <xen/acpi.h>
#include <xen/acpi_build.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#define OEM_ID          "XENVMM"
#define OEM_TABLE_ID    "PVH     "
#define CREATOR_ID      "XVMM"
#define TABLE_ALIGN     16

struct madt {
    struct acpi_table_header h;
    uint32_t lapic_addr;
    uint32_t flags;                 /* bit 0 PCAT_COMPAT: clear (no 8259s) */
} __packed;

struct madt_lapic {                 /* type 0 */
    uint8_t type, length;
    uint8_t uid;                    /* ACPI processor UID = vcpu_id */
    uint8_t apic_id;
    uint32_t flags;
} __packed;

struct madt_x2apic {                /* type 9 */
    uint8_t type, length;
    uint16_t reserved;
    uint32_t x2apic_id;
    uint32_t flags;
    uint32_t uid;
} __packed;

struct fadt {
    struct acpi_table_header h;
    uint32_t firmware_ctrl, dsdt;
    uint8_t reserved0, pm_profile;
    uint16_t sci_int;
    uint32_t smi_cmd;
    uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
    uint32_t pm1a_evt, pm1b_evt, pm1a_cnt, pm1b_cnt, pm2_cnt, pm_tmr, gpe0, gpe1;
    uint8_t pm1_evt_len, pm1_cnt_len, pm2_cnt_len, pm_tmr_len;
    uint8_t gpe0_len, gpe1_len, gpe1_base, cst_cnt;
    uint16_t p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
    uint8_t duty_offset, duty_width, day_alrm, mon_alrm, century;
    uint16_t iapc_boot_arch;
    uint8_t reserved1;
    uint32_t flags;
    struct acpi_gas reset_reg;
    uint8_t reset_value;
    uint16_t arm_boot_arch;
    uint8_t minor_version;
    uint64_t x_firmware_ctrl, x_dsdt;
    struct acpi_gas x_pm1a_evt, x_pm1b_evt, x_pm1a_cnt, x_pm1b_cnt;
    struct acpi_gas x_pm2_cnt, x_pm_tmr, x_gpe0, x_gpe1;
    struct acpi_gas sleep_control, sleep_status;
    uint64_t hypervisor_id;
} __packed;

_Static_assert(sizeof(struct acpi_rsdp) == 36, "RSDP");
_Static_assert(sizeof(struct acpi_table_header) == 36, "header");
_Static_assert(sizeof(struct madt) == 44, "MADT");
_Static_assert(sizeof(struct madt_lapic) == 8, "MADT LAPIC");
_Static_assert(sizeof(struct madt_x2apic) == 16, "MADT x2APIC");
_Static_assert(offsetof(struct fadt, flags) == 112, "FADT flags");
_Static_assert(offsetof(struct fadt, x_dsdt) == 140, "FADT X_DSDT");
_Static_assert(offsetof(struct fadt, sleep_control) == 244, "FADT SLEEP_CONTROL");
_Static_assert(sizeof(struct fadt) == 276, "FADT");

/*
 * DefinitionBlock body: Name (_S5, Package (4) {5, 5, 0, 0}).
 * NameOp '_S5_' PackageOp PkgLength(8) NumElements(4)
 * BytePrefix 5, BytePrefix 5, ZeroOp, ZeroOp.
 */
static const uint8_t dsdt_aml[] = {
    0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00,
};

/* Offsets of each table in the buffer. */
struct layout {
    size_t rsdp, xsdt, fadt, dsdt, madt, end;
    size_t madt_len;
};

static bool use_x2apic_entry(uint32_t apic_id, unsigned int vcpu)
{
    /* As the spec asks: type 0 while ID and UID fit in a byte, else type 9. */
    return apic_id >= 0xff || vcpu >= 0xff;
}

static size_t madt_length(const uint32_t *apic_ids, unsigned int n)
{
    size_t len = sizeof(struct madt);
    unsigned int i;

    for (i = 0; i < n; i++)
        len += apic_ids && !use_x2apic_entry(apic_ids[i], i) ?
               sizeof(struct madt_lapic) : sizeof(struct madt_x2apic);
    return len;
}

static void compute_layout(struct layout *l, const uint32_t *apic_ids, unsigned int n)
{
    l->rsdp = 0;
    l->xsdt = ROUNDUP(sizeof(struct acpi_rsdp), TABLE_ALIGN);
    l->fadt = l->xsdt + ROUNDUP(sizeof(struct acpi_table_header) + 2 * 8, TABLE_ALIGN);
    l->dsdt = l->fadt + ROUNDUP(sizeof(struct fadt), TABLE_ALIGN);
    l->madt = l->dsdt + ROUNDUP(sizeof(struct acpi_table_header) + sizeof(dsdt_aml),
                                TABLE_ALIGN);
    l->madt_len = madt_length(apic_ids, n);
    l->end = l->madt + ROUNDUP(l->madt_len, TABLE_ALIGN);
}

/* The worst case (all type 9 entries), for sizing buffers. */
size_t acpi_build_size(unsigned int nr_vcpus)
{
    struct layout l;

    compute_layout(&l, NULL, nr_vcpus);
    return l.end;
}

static uint8_t sum_bytes(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t s = 0;

    while (len--)
        s += *b++;
    return s;
}

static void set_checksum(struct acpi_table_header *h)
{
    h->checksum = 0;
    h->checksum = -sum_bytes(h, h->length);
}

static void fill_header(struct acpi_table_header *h, const char *sig, uint32_t len,
                        uint8_t rev)
{
    memcpy(h->signature, sig, 4);
    h->length = len;
    h->revision = rev;
    memcpy(h->oem_id, OEM_ID, 6);
    memcpy(h->oem_table_id, OEM_TABLE_ID, 8);
    h->oem_revision = 1;
    memcpy(h->creator_id, CREATOR_ID, 4);
    h->creator_revision = 1;
}

static void build_rsdp(struct acpi_rsdp *r, uint64_t xsdt)
{
    memcpy(r->signature, "RSD PTR ", 8);
    memcpy(r->oem_id, OEM_ID, 6);
    r->revision = 2;
    r->rsdt_address = 0;            /* XSDT only */
    r->length = sizeof(*r);
    r->xsdt_address = xsdt;
    r->checksum = -sum_bytes(r, ACPI_RSDP_V1_SIZE);
    r->ext_checksum = -sum_bytes(r, sizeof(*r));
}

static void build_xsdt(uint8_t *p, uint64_t fadt, uint64_t madt)
{
    struct acpi_table_header *h = (void *)p;
    uint32_t len = sizeof(*h) + 2 * 8;

    fill_header(h, "XSDT", len, 1);
    memcpy(p + sizeof(*h), &fadt, 8);       /* entries may be unaligned */
    memcpy(p + sizeof(*h) + 8, &madt, 8);
    set_checksum(h);
}

static struct acpi_gas io_reg8(uint16_t port)
{
    return (struct acpi_gas){ .space_id = ACPI_GAS_IO, .bit_width = 8,
                              .access_size = 1 /* byte */, .address = port };
}

static void build_fadt(struct fadt *f, const struct acpi_build_config *cfg, uint64_t dsdt)
{
    fill_header(&f->h, "FACP", sizeof(*f), 6);
    f->minor_version = 0;                   /* ACPI 6.0 */
    f->dsdt = dsdt <= 0xffffffffu ? dsdt : 0;
    f->x_dsdt = dsdt;
    f->flags = ACPI_FADT_HW_REDUCED;
    /* No VGA, no CMOS RTC, no 8042, no legacy devices. */
    f->iapc_boot_arch = ACPI_FADT_NO_VGA | ACPI_FADT_NO_CMOS_RTC;
    f->sleep_control = io_reg8(cfg->sleep_control_port);
    f->sleep_status = io_reg8(cfg->sleep_status_port);
    set_checksum(&f->h);
}

static void build_dsdt(struct acpi_table_header *h)
{
    fill_header(h, "DSDT", sizeof(*h) + sizeof(dsdt_aml), 2);
    memcpy(h + 1, dsdt_aml, sizeof(dsdt_aml));
    set_checksum(h);
}

static void build_madt(uint8_t *p, const struct acpi_build_config *cfg, size_t len)
{
    struct madt *m = (void *)p;
    size_t off = sizeof(*m);
    unsigned int i;

    fill_header(&m->h, "APIC", len, 4);
    m->lapic_addr = ACPI_LAPIC_DEFAULT_ADDR;
    m->flags = 0;
    for (i = 0; i < cfg->nr_vcpus; i++) {
        uint32_t id = cfg->apic_ids[i];
        if (use_x2apic_entry(id, i)) {
            struct madt_x2apic e = { .type = ACPI_MADT_X2APIC, .length = sizeof(e),
                                     .x2apic_id = id, .flags = ACPI_MADT_ENABLED,
                                     .uid = i };
            memcpy(p + off, &e, sizeof(e));
            off += sizeof(e);
        } else {
            struct madt_lapic e = { .type = ACPI_MADT_LAPIC, .length = sizeof(e),
                                    .uid = i, .apic_id = id, .flags = ACPI_MADT_ENABLED };
            memcpy(p + off, &e, sizeof(e));
            off += sizeof(e);
        }
    }
    set_checksum(&m->h);
}

int acpi_build_tables(const struct acpi_build_config *cfg, void *buf, size_t size,
                      struct acpi_build_result *res)
{
    uint8_t *p = buf;
    struct layout l;

    if (!cfg->nr_vcpus || cfg->nr_vcpus > ACPI_BUILD_MAX_VCPUS || !cfg->apic_ids ||
        cfg->base % TABLE_ALIGN || cfg->base > ~0ull - acpi_build_size(cfg->nr_vcpus))
        return -EINVAL;
    compute_layout(&l, cfg->apic_ids, cfg->nr_vcpus);
    if (size < l.end)
        return -ENOSPC;
    memset(buf, 0, l.end);
    build_rsdp((void *)(p + l.rsdp), cfg->base + l.xsdt);
    build_xsdt(p + l.xsdt, cfg->base + l.fadt, cfg->base + l.madt);
    build_fadt((void *)(p + l.fadt), cfg, cfg->base + l.dsdt);
    build_dsdt((void *)(p + l.dsdt));
    build_madt(p + l.madt, cfg, l.madt_len);
    res->rsdp = cfg->base + l.rsdp;
    res->size = l.end;
    return 0;
}
