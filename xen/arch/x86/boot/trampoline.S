/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Secondary CPU start-up.  A STARTUP IPI starts an AP in 16-bit real mode
 * at CS:IP = (page >> 4):0, so the 16-bit part below (trampoline_start ..
 * trampoline_end) is copied by smpboot.c to a free page under 1 MiB.  It
 * only loads the boot GDT and enters 32-bit protected mode; everything
 * after that runs from the image itself at its physical (identity-mapped)
 * address, then at its higher-half link address:
 *
 *   real mode (copy) -> ap_start32 (PA) -> long mode on idle_pg_table
 *   -> ap_start64 (high) -> start_secondary(ap_boot_cpu) on ap_boot_stack
 *
 * ap_boot_efer/ap_boot_stack/ap_boot_cpu are set by the boot CPU before
 * each INIT-SIPI-SIPI; it starts one AP at a time.
 */
#include <asm/config.h>

#define PA(x)       ((x) - XEN_VIRT_START)
#define GDT_LIMIT   (4 * 8 - 1)     /* null, 64-bit code, data, 32-bit code */

        .section .rodata, "a"
        .code16
        .balign 16
        .globl trampoline_start, trampoline_end
trampoline_start:
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        /* DS = CS: labels are addressed relative to the copy's start. */
        lgdtl   tramp_gdtr - trampoline_start
        mov     %cr0, %eax
        or      $1, %eax                /* PE */
        mov     %eax, %cr0
        ljmpl   $BOOT_CS32, $PA(ap_start32)

        .balign 8
tramp_gdtr:
        .word   GDT_LIMIT
        .long   PA(boot_gdt)
trampoline_end:

        .section .text.boot, "ax"
        .code32
ap_start32:
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     $PA(idle_pg_table), %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER: LME (and NXE) as on the BSP */
        rdmsr
        or      PA(ap_boot_efer), %eax
        wrmsr
        mov     $0x80010033, %eax       /* PG | WP | NE | ET | MP | PE */
        mov     %eax, %cr0
        ljmp    $BOOT_CS64, $PA(ap_start64_low)

        .code64
ap_start64_low:
        movabs  $ap_start64, %rax
        jmp     *%rax

ap_start64:
        lgdt    ap_gdtr64(%rip)
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        mov     ap_boot_stack(%rip), %rsp
        mov     ap_boot_cpu(%rip), %edi
        xor     %ebp, %ebp              /* ends backtraces */
        call    start_secondary
        ud2

        .section .rodata
        .balign 8
        .word   0, 0, 0
ap_gdtr64:
        .word   GDT_LIMIT
        .quad   boot_gdt
