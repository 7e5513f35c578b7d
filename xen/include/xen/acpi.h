/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ACPI static tables, boot-time only: find the RSDP, walk the XSDT (or the
 * RSDT), and keep what later code needs from the MADT (CPUs, IO-APICs,
 * ISA interrupt overrides, NMI wiring) and the FADT (PM timer, reset
 * register).  Layouts are those of the ACPI specification (6.x).
 *
 * Firmware tables are untrusted: every length is checked against the
 * table that contains it, and malformed entries are skipped with a warning.
 */
#ifndef XEN_ACPI_H
#define XEN_ACPI_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <asm/config.h>

struct acpi_rsdp {
    char signature[8];              /* "RSD PTR " */
    uint8_t checksum;               /* covers the first 20 bytes */
    char oem_id[6];
    uint8_t revision;               /* 0: ACPI 1.0 (RSDT only), >= 2: XSDT */
    uint32_t rsdt_address;
    uint32_t length;                /* revision >= 2 from here on */
    uint64_t xsdt_address;
    uint8_t ext_checksum;           /* covers all @length bytes */
    uint8_t reserved[3];
} __packed;

#define ACPI_RSDP_V1_SIZE 20

struct acpi_table_header {
    char signature[4];
    uint32_t length;                /* whole table, header included */
    uint8_t revision;
    uint8_t checksum;               /* all bytes of the table sum to 0 */
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    char creator_id[4];
    uint32_t creator_revision;
} __packed;

/* Generic Address Structure (FADT reset register, PM timer X_ block). */
struct acpi_gas {
    uint8_t space_id;               /* 0: memory, 1: system I/O */
    uint8_t bit_width, bit_offset, access_size;
    uint64_t address;
} __packed;

#define ACPI_GAS_MEMORY 0
#define ACPI_GAS_IO     1

#define ACPI_MAX_IOAPICS    16
#define ACPI_MAX_OVERRIDES  16
#define ACPI_MAX_NMIS       (NR_CPUS + 8)

struct acpi_cpu {
    uint32_t apic_id;
    uint32_t acpi_uid;              /* processor UID (NMI entries refer to it) */
    bool enabled;                   /* false: online-capable (hot-add) only */
};

struct acpi_ioapic {
    uint32_t id;
    uint32_t addr;                  /* MMIO base (physical) */
    uint32_t gsi_base;
};

struct acpi_irq_override {
    uint8_t isa_irq;                /* source IRQ on the ISA bus */
    uint32_t gsi;
    uint16_t flags;                 /* MPS INTI flags: polarity bits 1:0, trigger 3:2 */
};

struct acpi_nmi {
    bool local;                     /* true: LAPIC LINTn, false: a GSI */
    uint32_t acpi_uid;              /* local: processor UID, ~0u = all */
    uint32_t gsi_or_lint;           /* GSI, or LINT# (0/1) if local */
    uint16_t flags;
};

struct acpi_madt_info {
    bool present;
    uint32_t lapic_addr;            /* local APIC MMIO base */
    bool pcat_compat;               /* dual 8259s present */
    unsigned int nr_cpus;           /* enabled or online-capable */
    unsigned int nr_cpus_skipped;   /* disabled, duplicate or beyond NR_CPUS */
    struct acpi_cpu cpus[NR_CPUS];
    unsigned int nr_ioapics;
    struct acpi_ioapic ioapics[ACPI_MAX_IOAPICS];
    unsigned int nr_overrides;
    struct acpi_irq_override overrides[ACPI_MAX_OVERRIDES];
    unsigned int nr_nmis;
    struct acpi_nmi nmis[ACPI_MAX_NMIS];
    unsigned int nr_bad;            /* malformed entries skipped */
};

struct acpi_fadt_info {
    bool present;
    uint32_t pm_tmr_port;           /* 0: none */
    bool pm_tmr_32bit;              /* else 24-bit counter */
    bool reset_valid;               /* reset_reg / reset_value usable */
    struct acpi_gas reset_reg;
    uint8_t reset_value;
};

extern struct acpi_madt_info acpi_madt;
extern struct acpi_fadt_info acpi_fadt;

/*
 * Find and parse the tables.  @rsdp_hint is the RSDP's physical address
 * from the boot loader, or 0 to search the EBDA and the BIOS area.
 * Returns 0, or -ENODEV when there is no usable RSDP.
 */
int acpi_boot_init(paddr_t rsdp_hint);

/* A table by signature ("APIC", "FACP", "HPET", ...), checksum-checked; or NULL. */
const struct acpi_table_header *acpi_find_table(const char *sig);

/* GSI and MPS flags of an ISA IRQ (identity mapping unless overridden). */
uint32_t acpi_isa_irq_to_gsi(unsigned int isa_irq, uint16_t *flags);

/* Parsers (acpi_tables.c, host-tested); return 0 or -EINVAL. */
bool acpi_checksum_ok(const void *p, size_t len);
/* 2: use the XSDT, 1: use the RSDT only, -EINVAL: not an RSDP. */
int acpi_rsdp_check(const struct acpi_rsdp *r, size_t avail);
int acpi_madt_parse(const struct acpi_table_header *h, struct acpi_madt_info *out);
int acpi_fadt_parse(const struct acpi_table_header *h, struct acpi_fadt_info *out);

/*
 * Mapping hook: a readable virtual address for [pa, pa + len), or NULL.
 * The hypervisor maps through the directmap (acpi_map.c); unit tests give
 * their own fake physical memory.
 */
const void *acpi_map(paddr_t pa, size_t len);

#endif
