/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * int vmx_enter(struct guest_regs *regs, bool launched)
 *
 * Called with interrupts off and the vCPU's VMCS current.  Saves the
 * callee-saved registers and @regs on the stack, writes the stack pointer
 * into HOST_RSP (HOST_RIP is vmx_exit_stub, written once per VMCS), loads
 * the guest's GPRs (RSP, RIP and RFLAGS are VMCS fields) and VMLAUNCHes or
 * VMRESUMEs.  A VM exit lands in vmx_exit_stub with the stack as it was:
 * store the guest's GPRs into @regs, restore ours and return 0.  A failed
 * VMLAUNCH/VMRESUME falls through instead: return 1 (VMfailInvalid, CF) or
 * 2 (VMfailValid, ZF: see the VM-instruction error field).
 */
#define REG_RAX     0
#define REG_RBX     8
#define REG_RCX     16
#define REG_RDX     24
#define REG_RSI     32
#define REG_RDI     40
#define REG_RBP     48
#define REG_R8      64
#define REG_R9      72
#define REG_R10     80
#define REG_R11     88
#define REG_R12     96
#define REG_R13     104
#define REG_R14     112
#define REG_R15     120
#define VMCS_HOST_RSP 0x6c14

        .text
        .globl  vmx_enter
        .type   vmx_enter, @function
vmx_enter:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdi                    /* regs */

        mov     $VMCS_HOST_RSP, %eax
        vmwrite %rsp, %rax

        test    %esi, %esi              /* launched? (flags survive the movs) */
        mov     REG_RAX(%rdi), %rax
        mov     REG_RBX(%rdi), %rbx
        mov     REG_RCX(%rdi), %rcx
        mov     REG_RDX(%rdi), %rdx
        mov     REG_RSI(%rdi), %rsi
        mov     REG_RBP(%rdi), %rbp
        mov     REG_R8(%rdi), %r8
        mov     REG_R9(%rdi), %r9
        mov     REG_R10(%rdi), %r10
        mov     REG_R11(%rdi), %r11
        mov     REG_R12(%rdi), %r12
        mov     REG_R13(%rdi), %r13
        mov     REG_R14(%rdi), %r14
        mov     REG_R15(%rdi), %r15
        mov     REG_RDI(%rdi), %rdi
        jnz     1f
        vmlaunch
        jmp     2f
1:      vmresume
2:      /* Failed: CF (VMfailInvalid) or ZF (VMfailValid). */
        mov     $1, %eax
        jc      3f
        mov     $2, %eax
3:      add     $8, %rsp                /* regs */
        jmp     vmx_restore

        .globl  vmx_exit_stub
        .type   vmx_exit_stub, @function
vmx_exit_stub:
        push    %rdi                    /* the guest's RDI */
        mov     8(%rsp), %rdi           /* regs */
        mov     %rax, REG_RAX(%rdi)
        mov     %rbx, REG_RBX(%rdi)
        mov     %rcx, REG_RCX(%rdi)
        mov     %rdx, REG_RDX(%rdi)
        mov     %rsi, REG_RSI(%rdi)
        mov     %rbp, REG_RBP(%rdi)
        mov     %r8, REG_R8(%rdi)
        mov     %r9, REG_R9(%rdi)
        mov     %r10, REG_R10(%rdi)
        mov     %r11, REG_R11(%rdi)
        mov     %r12, REG_R12(%rdi)
        mov     %r13, REG_R13(%rdi)
        mov     %r14, REG_R14(%rdi)
        mov     %r15, REG_R15(%rdi)
        popq    REG_RDI(%rdi)
        add     $8, %rsp                /* regs */
        xor     %eax, %eax
vmx_restore:
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret
        .size   vmx_enter, . - vmx_enter
        .section .note.GNU-stack, "", @progbits
