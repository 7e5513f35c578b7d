test_elf_SRCS := xen/common/elf.c
