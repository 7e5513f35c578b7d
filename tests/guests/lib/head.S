/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * PVH entry for the test guests.  The hypervisor starts vCPU 0 at the
 * XEN_ELFNOTE_PHYS32_ENTRY address in 32-bit flat protected mode, paging
 * off, EBX = guest-physical address of struct hvm_start_info.  We keep EBX,
 * load our GDT, clear .bss, build identity page tables for the first 4 GiB
 * (2 MiB pages), enable long mode and call guest_start() (setup.c).
 *
 * Application processors come in through the real-mode trampoline at the end
 * (copied below 1 MiB by ap_prepare()), then share the 32->64-bit path.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define CS64    0x08
#define DS      0x10
#define CS32    0x18

        .section .note.Xen, "a", @note
        .balign 4
        .long   4                       /* name size: "Xen\0" */
        .long   4                       /* descriptor size */
        .long   XEN_ELFNOTE_PHYS32_ENTRY
        .asciz  "Xen"
        .long   pvh_entry32

        .section .text.entry, "ax"
        .code32
        .globl  pvh_entry32
pvh_entry32:
        rdtsc                           /* the benchmark's "time to first instruction" */
        mov     %eax, entry_tsc
        mov     %edx, entry_tsc + 4
        cli
        cld
        mov     %ebx, start_info_pa     /* .data: survives the .bss clear */
        lgdt    gdt_ptr
        ljmp    $CS32, $1f
1:      mov     $DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $boot_stack_top, %esp

        mov     $__bss_start, %edi
        mov     $__bss_end, %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb

        /* PML4[0] -> PDPT; PDPT[0..3] -> PD0..3; PD entries 2 MiB each. */
        mov     $pt_pdpt + 3, %eax
        mov     %eax, pt_pml4
        mov     $pt_pd + 3, %eax
        xor     %ecx, %ecx
2:      mov     %eax, pt_pdpt(, %ecx, 8)
        add     $4096, %eax
        inc     %ecx
        cmp     $4, %ecx
        jb      2b
        mov     $0x83, %eax             /* present, writable, 2 MiB page */
        xor     %ecx, %ecx
3:      mov     %eax, pt_pd(, %ecx, 8)
        add     $0x200000, %eax
        inc     %ecx
        cmp     $2048, %ecx
        jb      3b

        mov     $bsp_entry64, %esi
        /* fall through */

/* 32-bit flat, %esi = 64-bit code to continue at.  Shared with APs. */
enter_long_mode:
        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     $pt_pml4, %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER.LME */
        rdmsr
        or      $0x100, %eax
        wrmsr
        mov     %cr0, %eax
        or      $0x80000001, %eax       /* PG | PE */
        mov     %eax, %cr0
        ljmp    $CS64, $1f
        .code64
1:      mov     $DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs
        mov     %esi, %esi              /* upper halves are undefined after the switch */
        jmp     *%rsi

bsp_entry64:
        lea     boot_stack_top(%rip), %rsp
        xor     %ebp, %ebp
        call    guest_start
        jmp     .

ap_entry64:
        mov     ap_stack_top(%rip), %rsp
        xor     %ebp, %ebp
        call    ap_start
        jmp     .

        .code32
ap_entry32:
        mov     $DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     $ap_entry64, %esi
        jmp     enter_long_mode

/*
 * An AP started by VCPUOP_initialise in 32-bit flat protected mode (the
 * hypervisor's segment state, no GDT of ours loaded yet): load it, then as
 * from the trampoline.  Needs ap_prepare() first (the AP's stack).
 */
        .globl  ap_entry_pm32
ap_entry_pm32:
        lgdt    gdt_ptr
        ljmp    $CS32, $ap_entry32

/*
 * Real-mode trampoline, copied to a page below 1 MiB.  A SIPI with vector
 * V starts it at CS = V << 8, IP = 0, so it addresses itself through CS.
 */
        .code16
        .globl  ap_trampoline, ap_trampoline_end
ap_trampoline:
        cli
        mov     %cs, %ax
        mov     %ax, %ds
        lgdtl   ap_trampoline_gdtr - ap_trampoline
        mov     %cr0, %eax
        or      $1, %eax
        mov     %eax, %cr0
        ljmpl   $CS32, $ap_entry32
        .balign 4
ap_trampoline_gdtr:
        .word   gdt_end - gdt - 1
        .long   gdt
ap_trampoline_end:
        .code64

/* ---- exception and interrupt stubs: 16 bytes each, vector = index ---- */
        .balign 16
        .globl  isr_stubs
isr_stubs:
vec = 0
        .rept   256
        .balign 16
        .if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || (vec == 13) || (vec == 14) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
        .else
        pushq   $0
        .endif
        pushq   $vec
        jmp     isr_common
vec = vec + 1
        .endr

isr_common:
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        cld
        call    trap_dispatch
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rbx
        pop     %rax
        add     $16, %rsp               /* vector, error code */
        iretq

        .section .data
        .balign 8
        .globl  start_info_pa, ap_stack_top, entry_tsc
start_info_pa:  .quad 0
entry_tsc:      .quad 0                 /* TSC at pvh_entry32 (EAX/EDX are free there) */
ap_stack_top:   .quad 0
        .balign 16
        .globl  gdt_ptr
gdt_ptr:
        .word   gdt_end - gdt - 1
        .quad   gdt
        .balign 16
gdt:
        .quad   0
        .quad   0x00af9a000000ffff      /* 0x08: 64-bit code */
        .quad   0x00cf92000000ffff      /* 0x10: flat data */
        .quad   0x00cf9a000000ffff      /* 0x18: 32-bit code */
gdt_end:

        .section .bss
        .balign 4096
        .globl  pt_pml4
pt_pml4:        .skip 4096
pt_pdpt:        .skip 4096
pt_pd:          .skip 4 * 4096
        .balign 16
boot_stack:     .skip 16384
boot_stack_top:
        .section .note.GNU-stack, "", @progbits
