test_acpi_SRCS := xen/arch/x86/acpi.c xen/arch/x86/acpi_tables.c
