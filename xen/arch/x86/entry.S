/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Interrupt and exception stubs: one 16-byte stub per vector pushes a zero
 * error code when the CPU does not, then the vector, and joins common_trap,
 * which saves the general registers as struct cpu_user_regs and calls
 * do_trap(regs).
 *
 * Before the call, a frame record { interrupted rbp, interrupted rip } is
 * pushed and rbp pointed at it, so a backtrace taken inside a handler
 * (BUG_ON in an IRQ handler, say) continues into the interrupted code.
 */
#define UREGS_rbp   (4 * 8)     /* offsets in struct cpu_user_regs */
#define UREGS_rip   (17 * 8)

        .text
        .balign 16
        .globl trap_stubs
trap_stubs:
        .set vec, 0
        .rept 256
        .balign 16
        .if (vec == 8) || (vec == 10) || (vec == 11) || (vec == 12) || \
            (vec == 13) || (vec == 14) || (vec == 17) || (vec == 21) || \
            (vec == 29) || (vec == 30)
        .else
        pushq   $0
        .endif
        pushq   $vec
        jmp     common_trap
        .set vec, vec + 1
        .endr

common_trap:
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        cld
        mov     %rsp, %rdi
        pushq   UREGS_rip(%rdi)
        pushq   UREGS_rbp(%rdi)
        mov     %rsp, %rbp      /* 16 bytes pushed: rsp stays 16-aligned */
        call    do_trap
        add     $16, %rsp
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        add     $16, %rsp
        iretq
