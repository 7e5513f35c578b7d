/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Internal interfaces between the common exit-policy files of hvm/. */
#ifndef HVM_POLICY_H
#define HVM_POLICY_H

#include <xen/types.h>

struct domain;
struct vcpu;

/* May @d log another unknown-MSR / unhandled-port message? (io.c) */
bool hvm_log_allowed(struct domain *d);

/* x2APIC MSRs 0x800-0x8ff and TSC_DEADLINE (vlapic.c): 0 or -EPERM (#GP). */
int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);

/* Initial APIC_BASE and MTRRdefType of @v (msr.c; vlapic_init calls it). */
void hvm_msr_vcpu_reset(struct vcpu *v);

/*
 * Decode the instruction in @buf (@avail bytes fetched) as @expected
 * (enum hvm_insn), in 64-bit code if @mode64: its length, -EINVAL if it is
 * something else (or longer than 15 bytes), -EFAULT if it runs past @avail.
 */
int hvm_insn_decode(const uint8_t *buf, unsigned int avail, bool mode64, int expected);

/*
 * Length of the MOV store in @buf (insn_store.c): 88/89/C6/C7/A2/A3 with a
 * memory destination; -EINVAL for anything else, -EFAULT past @avail.
 */
int hvm_store_insn_length(const uint8_t *buf, unsigned int avail, bool mode64);

#endif
