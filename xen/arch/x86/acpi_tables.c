/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ACPI table parsers: checksums, the RSDP, the MADT and the FADT.  Pure
 * functions over memory that is already mapped, so they run in host unit
 * tests with hand-made (and deliberately broken) tables.  Every length
 * comes from firmware and is checked before it is used.
 */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/lib.h>

bool acpi_checksum_ok(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++)
        sum += b[i];
    return sum == 0;
}

/*
 * @avail: bytes readable at @r.  Returns 2 if the XSDT may be used (v2+,
 * both checksums good), 1 if only the RSDT may (ACPI 1.0, or a v2 RSDP
 * whose extended part is cut short or corrupt), or -EINVAL.
 */
int acpi_rsdp_check(const struct acpi_rsdp *r, size_t avail)
{
    if (avail < ACPI_RSDP_V1_SIZE || memcmp(r->signature, "RSD PTR ", 8) ||
        !acpi_checksum_ok(r, ACPI_RSDP_V1_SIZE))
        return -EINVAL;
    if (r->revision < 2 || avail < sizeof(*r) || r->length < sizeof(*r) ||
        r->length > avail || !acpi_checksum_ok(r, r->length) || !r->xsdt_address)
        return 1;
    return 2;
}

/* MADT entry layouts (ACPI 6.x, 5.2.12). */
enum {
    MADT_LAPIC = 0, MADT_IOAPIC = 1, MADT_OVERRIDE = 2, MADT_NMI_SRC = 3,
    MADT_LAPIC_NMI = 4, MADT_LAPIC_ADDR = 5, MADT_X2APIC = 9, MADT_X2APIC_NMI = 10,
};
#define MADT_PCAT_COMPAT    (1u << 0)
#define MADT_CPU_ENABLED    (1u << 0)
#define MADT_CPU_ONLINE_CAP (1u << 1)

struct madt { struct acpi_table_header h; uint32_t lapic_addr, flags; } __packed;
struct madt_entry { uint8_t type, length; } __packed;
struct madt_lapic { struct madt_entry e; uint8_t uid, apic_id; uint32_t flags; } __packed;
struct madt_ioapic { struct madt_entry e; uint8_t id, rsvd; uint32_t addr, gsi_base; } __packed;
struct madt_override {
    struct madt_entry e; uint8_t bus, source; uint32_t gsi; uint16_t flags;
} __packed;
struct madt_nmi_src { struct madt_entry e; uint16_t flags; uint32_t gsi; } __packed;
struct madt_lapic_nmi { struct madt_entry e; uint8_t uid; uint16_t flags; uint8_t lint; } __packed;
struct madt_lapic_addr { struct madt_entry e; uint16_t rsvd; uint64_t addr; } __packed;
struct madt_x2apic {
    struct madt_entry e; uint16_t rsvd; uint32_t apic_id, flags, uid;
} __packed;
struct madt_x2apic_nmi {
    struct madt_entry e; uint16_t flags; uint32_t uid; uint8_t lint, rsvd[3];
} __packed;

static void add_cpu(struct acpi_madt_info *m, uint32_t apic_id, uint32_t uid,
                    uint32_t flags)
{
    if (!(flags & (MADT_CPU_ENABLED | MADT_CPU_ONLINE_CAP)))
        goto skip;
    for (unsigned int i = 0; i < m->nr_cpus; i++)
        if (m->cpus[i].apic_id == apic_id)
            goto skip;                  /* listed twice (xAPIC + x2APIC) */
    if (m->nr_cpus >= NR_CPUS)
        goto skip;
    m->cpus[m->nr_cpus++] = (struct acpi_cpu){
        apic_id, uid, flags & MADT_CPU_ENABLED
    };
    return;
skip:
    m->nr_cpus_skipped++;
}

static void add_nmi(struct acpi_madt_info *m, bool local, uint32_t uid,
                    uint32_t gsi_or_lint, uint16_t flags)
{
    if (m->nr_nmis < ACPI_MAX_NMIS)
        m->nmis[m->nr_nmis++] = (struct acpi_nmi){ local, uid, gsi_or_lint, flags };
}

static void add_ioapic(struct acpi_madt_info *m, const struct madt_ioapic *e)
{
    if (m->nr_ioapics < ACPI_MAX_IOAPICS)
        m->ioapics[m->nr_ioapics++] = (struct acpi_ioapic){ e->id, e->addr, e->gsi_base };
    else
        m->nr_bad++;
}

static void add_override(struct acpi_madt_info *m, const struct madt_override *e)
{
    /* Only ISA (bus 0) sources with a real ISA IRQ number make sense. */
    if (e->bus != 0 || e->source >= 16 || m->nr_overrides >= ACPI_MAX_OVERRIDES) {
        m->nr_bad++;
        return;
    }
    m->overrides[m->nr_overrides++] = (struct acpi_irq_override){
        e->source, e->gsi, e->flags
    };
}

/* Minimum length of each entry type we understand; 0 for types we skip. */
static unsigned int madt_entry_min(uint8_t type)
{
    switch (type) {
    case MADT_LAPIC:      return sizeof(struct madt_lapic);
    case MADT_IOAPIC:     return sizeof(struct madt_ioapic);
    case MADT_OVERRIDE:   return sizeof(struct madt_override);
    case MADT_NMI_SRC:    return sizeof(struct madt_nmi_src);
    case MADT_LAPIC_NMI:  return sizeof(struct madt_lapic_nmi);
    case MADT_LAPIC_ADDR: return sizeof(struct madt_lapic_addr);
    case MADT_X2APIC:     return sizeof(struct madt_x2apic);
    case MADT_X2APIC_NMI: return sizeof(struct madt_x2apic_nmi);
    default:              return sizeof(struct madt_entry);
    }
}

static void madt_entry(struct acpi_madt_info *m, const struct madt_entry *e)
{
    const void *p = e;

    switch (e->type) {
    case MADT_LAPIC: {
        const struct madt_lapic *l = p;
        if (l->apic_id == 0xff)         /* broadcast ID: not a CPU */
            m->nr_cpus_skipped++;
        else
            add_cpu(m, l->apic_id, l->uid, l->flags);
        break;
    }
    case MADT_X2APIC: {
        const struct madt_x2apic *x = p;
        add_cpu(m, x->apic_id, x->uid, x->flags);
        break;
    }
    case MADT_IOAPIC:
        add_ioapic(m, p);
        break;
    case MADT_OVERRIDE:
        add_override(m, p);
        break;
    case MADT_NMI_SRC: {
        const struct madt_nmi_src *n = p;
        add_nmi(m, false, 0, n->gsi, n->flags);
        break;
    }
    case MADT_LAPIC_NMI: {
        const struct madt_lapic_nmi *n = p;
        add_nmi(m, true, n->uid == 0xff ? ~0u : n->uid, n->lint, n->flags);
        break;
    }
    case MADT_X2APIC_NMI: {
        const struct madt_x2apic_nmi *n = p;
        add_nmi(m, true, n->uid, n->lint, n->flags);
        break;
    }
    case MADT_LAPIC_ADDR: {
        const struct madt_lapic_addr *a = p;
        if (a->addr >> 32)
            m->nr_bad++;
        else
            m->lapic_addr = a->addr;
        break;
    }
    }
}

/* @h must be readable for h->length bytes (the caller checked the checksum). */
int acpi_madt_parse(const struct acpi_table_header *h, struct acpi_madt_info *m)
{
    const struct madt *t = (const void *)h;
    const uint8_t *p, *end;

    memset(m, 0, sizeof(*m));
    if (h->length < sizeof(*t) || memcmp(h->signature, "APIC", 4))
        return -EINVAL;
    m->present = true;
    m->lapic_addr = t->lapic_addr;
    m->pcat_compat = t->flags & MADT_PCAT_COMPAT;
    end = (const uint8_t *)h + h->length;
    for (p = (const uint8_t *)(t + 1); end - p >= (long)sizeof(struct madt_entry); ) {
        const struct madt_entry *e = (const void *)p;
        /* A zero length would loop forever; past the end would overrun. */
        if (e->length < sizeof(*e) || e->length > end - p) {
            m->nr_bad++;
            break;
        }
        if (e->length < madt_entry_min(e->type))
            m->nr_bad++;
        else
            madt_entry(m, e);
        p += e->length;
    }
    return 0;
}

/* FADT fields we use, at their fixed offsets (ACPI 6.x, 5.2.9). */
#define FADT_PM_TMR_BLK     76      /* u32 I/O port */
#define FADT_PM_TMR_LEN     91      /* u8, 4 when present */
#define FADT_FLAGS          112     /* u32 */
#define FADT_RESET_REG      116     /* GAS */
#define FADT_RESET_VALUE    128     /* u8 */
#define FADT_X_PM_TMR_BLK   208     /* GAS */
#define FADT_TMR_VAL_EXT    (1u << 8)
#define FADT_RESET_REG_SUP  (1u << 10)

static uint32_t get32(const struct acpi_table_header *h, unsigned int off)
{
    uint32_t v;
    memcpy(&v, (const uint8_t *)h + off, sizeof(v));
    return v;
}

static void fadt_pm_timer(const struct acpi_table_header *h, struct acpi_fadt_info *f)
{
    const uint8_t *b = (const void *)h;
    struct acpi_gas x;

    /* Prefer the 64-bit X_PM_TMR_BLK when it names a valid I/O port. */
    if (h->length >= FADT_X_PM_TMR_BLK + sizeof(x)) {
        memcpy(&x, b + FADT_X_PM_TMR_BLK, sizeof(x));
        if (x.space_id == ACPI_GAS_IO && x.address && x.address <= 0xfffc) {
            f->pm_tmr_port = x.address;
            return;
        }
    }
    if (b[FADT_PM_TMR_LEN] == 4 && get32(h, FADT_PM_TMR_BLK) <= 0xfffc)
        f->pm_tmr_port = get32(h, FADT_PM_TMR_BLK);
}

int acpi_fadt_parse(const struct acpi_table_header *h, struct acpi_fadt_info *f)
{
    uint32_t flags;

    memset(f, 0, sizeof(*f));
    if (memcmp(h->signature, "FACP", 4) || h->length < FADT_FLAGS + 4)
        return -EINVAL;
    f->present = true;
    flags = get32(h, FADT_FLAGS);
    fadt_pm_timer(h, f);
    f->pm_tmr_32bit = f->pm_tmr_port && (flags & FADT_TMR_VAL_EXT);
    if ((flags & FADT_RESET_REG_SUP) && h->length > FADT_RESET_VALUE) {
        memcpy(&f->reset_reg, (const uint8_t *)h + FADT_RESET_REG, sizeof(f->reset_reg));
        f->reset_value = ((const uint8_t *)h)[FADT_RESET_VALUE];
        /* Memory, I/O or PCI config space (2); anything else we cannot use. */
        f->reset_valid = f->reset_reg.address && f->reset_reg.space_id <= 2;
    }
    return 0;
}
