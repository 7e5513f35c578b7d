/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Boot entry.  Multiboot1 (QEMU -kernel) and multiboot2 (GRUB) loaders both
 * enter start32 in 32-bit protected mode with paging off, EAX = magic and
 * EBX = physical address of the info structure.  We switch to long mode on
 * the static boot page tables, jump to the higher-half link address, clear
 * BSS and call __start_xen(magic, info).  The image is flat (objcopy -O
 * binary), so both headers use their "address fields" form.
 */
#include <asm/config.h>

#define PA(x)       ((x) - XEN_VIRT_START)
#define MB1_MAGIC   0x1BADB002
#define MB1_FLAGS   0x00010003      /* page align, memory info, address fields */
#define MB2_MAGIC   0xE85250D6
#define PTE_LARGE   0x83            /* present, writable, 2 MiB */
#define PTE_TABLE   0x03            /* present, writable */

        .section .text.head, "ax"
        .code32
        .globl start32
start32:
        jmp     real_start32

        .balign 4
mb1_header:
        .long   MB1_MAGIC
        .long   MB1_FLAGS
        .long   -(MB1_MAGIC + MB1_FLAGS)
        .long   PA(mb1_header)          /* header_addr */
        .long   PA(_start)              /* load_addr */
        .long   PA(_edata)              /* load_end_addr */
        .long   PA(_end)                /* bss_end_addr */
        .long   PA(start32)             /* entry_addr */

        .balign 8
mb2_header:
        .long   MB2_MAGIC
        .long   0                       /* architecture: i386 */
        .long   mb2_header_end - mb2_header
        .long   -(MB2_MAGIC + (mb2_header_end - mb2_header))
        .balign 8                       /* address tag */
        .short  2, 0
        .long   24
        .long   PA(mb2_header)
        .long   PA(_start)
        .long   PA(_edata)
        .long   PA(_end)
        .balign 8                       /* entry address tag */
        .short  3, 0
        .long   12
        .long   PA(start32)
        .balign 8                       /* end tag */
        .short  0, 0
        .long   8
mb2_header_end:

real_start32:
        cli
        cld
        mov     %eax, %edi              /* multiboot magic */
        mov     %ebx, %esi              /* multiboot info (physical) */
        rdtsc                           /* benchmarks: TSC at hypervisor entry */
        mov     %eax, PA(boot_entry_tsc)
        mov     %edx, PA(boot_entry_tsc) + 4

        lgdt    PA(boot_gdtr32)
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        ljmp    $BOOT_CS32, $PA(1f)
1:
        /* Long mode present?  Remember EDX of leaf 0x80000001 for NX. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      no_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx
        jnc     no_long_mode
        mov     %edx, %ebp

        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     $PA(idle_pg_table), %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER */
        rdmsr
        or      $0x100, %eax            /* LME */
        bt      $20, %ebp
        jnc     2f
        or      $0x800, %eax            /* NXE */
2:      wrmsr
        mov     $0x80010033, %eax       /* PG | WP | NE | ET | MP | PE */
        mov     %eax, %cr0
        ljmp    $BOOT_CS64, $PA(start64_low)

no_long_mode:
        mov     $PA(no_lm_msg), %ebx
3:      movzbl  (%ebx), %eax
        test    %eax, %eax
        jz      5f
        mov     %eax, %ecx
        mov     $0x3fd, %edx
4:      in      %dx, %al
        test    $0x20, %al
        jz      4b
        mov     $0x3f8, %edx
        mov     %ecx, %eax
        out     %al, %dx
        inc     %ebx
        jmp     3b
5:      hlt
        jmp     5b

        .code64
start64_low:
        movabs  $start64, %rax
        jmp     *%rax

        .section .text.boot, "ax"
start64:
        lgdt    boot_gdtr64(%rip)
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        mov     %edi, %r12d
        mov     %esi, %r13d
        lea     _sbss(%rip), %rdi
        lea     _ebss(%rip), %rcx
        sub     %rdi, %rcx
        xor     %eax, %eax
        rep stosb
        lea     cpu0_stack + STACK_SIZE(%rip), %rsp
        xor     %ebp, %ebp              /* ends backtraces */
        mov     %r12d, %edi
        mov     %r13d, %esi
        call    __start_xen
        ud2

        .section .data
        .balign 8
        .globl  boot_entry_tsc
boot_entry_tsc: .quad 0                 /* outside .bss: survives its clearing */

        .section .rodata
no_lm_msg:
        .asciz  "ERROR: this CPU has no 64-bit long mode; cannot boot.\r\n"

        .data
        .balign 16
        .globl boot_gdt
boot_gdt:
        .quad   0
        .quad   0x00af9a000000ffff      /* 0x08: 64-bit code */
        .quad   0x00cf92000000ffff      /* 0x10: data */
        .quad   0x00cf9a000000ffff      /* 0x18: 32-bit code */
boot_gdt_end:
        .globl boot_gdtr32
boot_gdtr32:
        .word   boot_gdt_end - boot_gdt - 1
        .long   PA(boot_gdt)
        .balign 8
        .word   0, 0, 0
boot_gdtr64:
        .word   boot_gdt_end - boot_gdt - 1
        .quad   boot_gdt

/*
 * Boot page tables: 0-4 GiB identity mapped and at DIRECTMAP_VIRT_START
 * (both through l3_ident), and the first GiB at XEN_VIRT_START.
 */
        .section .data.page_aligned, "aw"
        .balign 4096
        .globl idle_pg_table
idle_pg_table:
        .quad   PA(l3_ident) + PTE_TABLE
        .fill   261, 8, 0
        .quad   PA(l3_ident) + PTE_TABLE        /* slot 262: directmap */
        .fill   248, 8, 0
        .quad   PA(l3_high) + PTE_TABLE         /* slot 511 */
        .globl l3_ident
l3_ident:
        .quad   PA(l2_ident) + PTE_TABLE
        .quad   PA(l2_ident) + 0x1000 + PTE_TABLE
        .quad   PA(l2_ident) + 0x2000 + PTE_TABLE
        .quad   PA(l2_ident) + 0x3000 + PTE_TABLE
        .fill   508, 8, 0
        .globl l3_high
l3_high:
        .fill   510, 8, 0
        .quad   PA(l2_ident) + PTE_TABLE        /* slot 510: first GiB */
        .quad   0
        .globl l2_ident
l2_ident:
        .set    i, 0
        .rept   2048
        .quad   (i << 21) + PTE_LARGE
        .set    i, i + 1
        .endr

        .section .bss.page_aligned, "aw", @nobits
        .balign STACK_SIZE
        .globl cpu0_stack
cpu0_stack:
        .skip   STACK_SIZE
