/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest FPU/SSE/AVX state, switched lazily per pCPU (xen/arch/x86/hvm/fpu.c),
 * shared by the SVM and VMX backends.  The per-vCPU part lives in
 * v->arch.fpu (struct hvm_fpu, asm/domain.h).
 */
#ifndef ASM_HVM_FPU_H
#define ASM_HVM_FPU_H

#include <xen/types.h>

struct vcpu;

int hvm_fpu_global_init(void);                          /* once, on the boot CPU */
void hvm_fpu_cpu_up(unsigned int cpu);                  /* on each pCPU */
int hvm_fpu_vcpu_init(struct vcpu *v);
void hvm_fpu_vcpu_destroy(struct vcpu *v);
void hvm_fpu_pull(struct vcpu *v, unsigned int cpu);     /* interrupts on */
void hvm_fpu_switch_in(struct vcpu *v, unsigned int cpu); /* interrupts off, before entry */
/* XSETBV from the guest: 0, or -EPERM for #GP. */
int hvm_fpu_xsetbv(struct vcpu *v, uint32_t index, uint64_t value);

#endif
