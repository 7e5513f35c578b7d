/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ACPI tables for PVH domains (common/acpi_build.c, host-tested): RSDP
 * (revision 2), XSDT, MADT (one enabled local APIC per vCPU, no IOAPIC, no
 * 8259), hardware-reduced FADT (revision 6) whose sleep control/status
 * registers are 8-bit I/O ports, and a DSDT that only defines
 * Name (_S5, Package (4) {5, 5, 0, 0}), so the guest's S5 power-off writes
 * SLP_TYP = 5 | SLP_EN to the sleep control port.
 *
 * The tables are written into a caller's buffer that the guest will see at
 * guest-physical address @base; pointers between tables use those
 * addresses.  Layout: RSDP first, then XSDT, FADT, DSDT, MADT, each
 * 16-byte aligned.
 */
#ifndef XEN_ACPI_BUILD_H
#define XEN_ACPI_BUILD_H

#include <xen/types.h>

#define ACPI_BUILD_MAX_VCPUS 4096

struct acpi_build_config {
    uint64_t base;                  /* guest-physical address of buf[0], 16-aligned */
    unsigned int nr_vcpus;          /* 1 .. ACPI_BUILD_MAX_VCPUS */
    const uint32_t *apic_ids;       /* [nr_vcpus]: x2APIC ID of each vCPU */
    uint16_t sleep_control_port;    /* FADT SLEEP_CONTROL_REG (I/O, 8 bits) */
    uint16_t sleep_status_port;     /* FADT SLEEP_STATUS_REG */
};

struct acpi_build_result {
    uint64_t rsdp;                  /* guest-physical address of the RSDP */
    size_t size;                    /* bytes of buf used */
};

/* Bytes acpi_build_tables() needs for @nr_vcpus. */
size_t acpi_build_size(unsigned int nr_vcpus);

/*
 * Build the tables into @buf (@size bytes; zeroed first).  0, or -EINVAL
 * (bad config), -ENOSPC (buffer too small).
 */
int acpi_build_tables(const struct acpi_build_config *cfg, void *buf, size_t size,
                      struct acpi_build_result *res);

/* Table layouts the builder writes (ACPI 6.x), shared with the tests. */
#define ACPI_FADT_HW_REDUCED        (1u << 20)      /* FADT flags */
#define ACPI_FADT_NO_VGA            (1u << 2)       /* FADT IAPC_BOOT_ARCH */
#define ACPI_FADT_NO_CMOS_RTC       (1u << 5)
#define ACPI_MADT_LAPIC             0               /* Processor Local APIC */
#define ACPI_MADT_X2APIC            9               /* Processor Local x2APIC */
#define ACPI_MADT_ENABLED           1u
#define ACPI_LAPIC_DEFAULT_ADDR     0xfee00000u

#endif
