test_acpi_build_SRCS := xen/common/acpi_build.c xen/arch/x86/acpi_tables.c
