/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * void svm_vmrun(struct guest_regs *regs, uint64_t vmcb_pa, uint64_t host_vmcb_pa)
 *
 * Called with GIF=0 (CLGI) so no interrupt or NMI can arrive while the
 * host's FS/GS/TR/... are swapped out.  VMSAVE the host's segment and
 * syscall state into the per-pCPU host VMCB, load the guest's GPRs from
 * @regs (RAX/RSP/RIP/RFLAGS come from the VMCB), VMLOAD + VMRUN the guest,
 * and after #VMEXIT VMSAVE the guest's state, store its GPRs back into
 * @regs and VMLOAD the host's state again -- only then may C code run,
 * since per-CPU data is reached through the GS base.  VMRUN/#VMEXIT
 * preserve the host's RSP and RAX; the callee-saved registers are kept on
 * the stack.
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

        .text
        .globl  svm_vmrun
        .type   svm_vmrun, @function
svm_vmrun:
        push    %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        push    %rdx                    /* host VMCB */
        push    %rdi                    /* regs */

        mov     %rdx, %rax
        vmsave                          /* host FS, GS, TR, LDTR, STAR, ... */

        mov     %rsi, %rax              /* guest VMCB */
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

        vmload
        vmrun
        vmsave                          /* RAX is the guest VMCB again */

        push    %rdi                    /* the guest's RDI */
        mov     8(%rsp), %rdi           /* regs */
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

        pop     %rax                    /* host VMCB */
        vmload

        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret
        .size   svm_vmrun, . - svm_vmrun
        .section .note.GNU-stack, "", @progbits
