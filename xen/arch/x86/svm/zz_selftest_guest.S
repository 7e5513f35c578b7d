/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY (until real test guests run end to end): the 32-bit guest of
 * the `svm_selftest` boot option, copied to guest-physical 0x1000 and
 * entered in the PVH state.  It prints through port 0xe9 and exercises one
 * intercept after another, ending in a triple fault.
 */
#define G(x) ((x) - svm_selftest_guest + 0x1000)

        .section .rodata.svm_selftest, "a"
        .code32
        .globl  svm_selftest_guest, svm_selftest_guest_end
svm_selftest_guest:
        lgdt    G(gdt_desc)
        ljmp    $0x08, $G(1f)
1:      mov     $0x10, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     $0x4000, %esp
        lidt    G(idt_desc)
        cmp     $1, %ebx                /* variant 1: something we do not handle */
        je      string_io
        cmp     $2, %ebx                /* variant 2: unmapped guest memory */
        je      bad_memory
        mov     $'S', %al
        out     %al, $0xe9              /* IOIO */
        xor     %eax, %eax
        cpuid                           /* CPUID */
        mov     $0x12345678, %ecx
        rdmsr                           /* MSR -> #GP -> 'G' */
        mov     $0x277, %ecx
        rdmsr                           /* MSR: PAT */
        cmp     $0x00070406, %eax
        jne     fail
        hlt                             /* HLT */
        vmmcall                         /* VMMCALL */
        vmcall                          /* #UD exit, hypercall */
        stgi                            /* STGI exit -> #UD -> 'U' */
        mov     $'E', %al
        out     %al, $0xe9
        lidt    G(null_idt)
        int3                            /* no IDT: triple fault */
fail:   mov     $'F', %al
        out     %al, $0xe9
        lidt    G(null_idt)
        int3

string_io:
        mov     $'T', %al
        out     %al, $0xe9
        mov     $0x1000, %esi
        mov     $0x80, %dx
        outsb                           /* string I/O: crashes the domain */
        jmp     fail

bad_memory:
        mov     0x100000, %eax          /* NPF: crashes the domain */
        jmp     fail

gp_handler:
        add     $4, %esp                /* error code */
        addl    $2, (%esp)              /* past RDMSR */
        push    %eax
        mov     $'G', %al
        out     %al, $0xe9
        pop     %eax
        iret
ud_handler:
        addl    $3, (%esp)              /* past STGI */
        mov     $'U', %al
        out     %al, $0xe9
        iret

        .balign 8
gdt:    .quad   0
        .quad   0x00cf9b000000ffff      /* 0x08: flat 32-bit code */
        .quad   0x00cf93000000ffff      /* 0x10: flat data */
gdt_desc:
        .word   3 * 8 - 1
        .long   G(gdt)
        .balign 8
idt:    .fill   6, 8, 0
        .word   G(ud_handler), 0x08, 0x8e00, 0       /* #UD */
        .fill   6, 8, 0
        .word   G(gp_handler), 0x08, 0x8e00, 0       /* #GP */
idt_desc:
        .word   14 * 8 - 1
        .long   G(idt)
null_idt:
        .word   0
        .long   0
svm_selftest_guest_end:
        .section .note.GNU-stack, "", @progbits
