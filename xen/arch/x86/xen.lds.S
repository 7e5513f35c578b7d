/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Linker script: the image is linked in the higher half and loaded at
 * XEN_PHYS_START.  The multiboot headers come first (.text.head) so QEMU
 * and GRUB find them in the first 8 KiB.  The symbol table goes after all
 * code and data so its size never moves a code address.
 */
#include <asm/config.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start32)

PHDRS
{
    text PT_LOAD FLAGS(5);
    rodata PT_LOAD FLAGS(4);
    data PT_LOAD FLAGS(6);
}

SECTIONS
{
    . = XEN_VIRT_START + XEN_PHYS_START;
    _start = .;

    .text : AT(ADDR(.text) - XEN_VIRT_START) {
        _stext = .;
        *(.text.head)
        *(.text.boot)
        *(.text .text.*)
        _etext = .;
    } :text

    . = ALIGN(4096);
    .rodata : AT(ADDR(.rodata) - XEN_VIRT_START) {
        _srodata = .;
        *(.rodata .rodata.* .rodata.str*)
        . = ALIGN(8);
        __param_start = .;
        KEEP(*(.data.param))
        __param_end = .;
        . = ALIGN(8);
        __keyhandler_start = .;
        KEEP(*(.data.keyhandler))
        __keyhandler_end = .;
        . = ALIGN(8);
        __initcall_start = .;
        KEEP(*(.data.initcall))
        __initcall_end = .;
        _erodata = .;
    } :rodata

    . = ALIGN(4096);
    .data : AT(ADDR(.data) - XEN_VIRT_START) {
        _sdata = .;
        *(.data.page_aligned)
        *(.data .data.*)
        _edata_main = .;
    } :data

    .symtab_data : AT(ADDR(.symtab_data) - XEN_VIRT_START) {
        . = ALIGN(8);
        *(.xensyms)
        . = ALIGN(4096);
        _edata = .;
    } :data

    .bss (NOLOAD) : AT(ADDR(.bss) - XEN_VIRT_START) {
        _sbss = .;
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(4096);
        _ebss = .;
    } :data

    _end = .;

    /DISCARD/ : {
        *(.comment) *(.note .note.*) *(.eh_frame) *(.discard)
    }
}
