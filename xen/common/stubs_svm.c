/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY stubs (svm branch) of the policy helper's functions, so the
 * SVM code links and its self-test runs before policy is merged.
 * Each one goes as soon as the real implementation is in main.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/p2m.h>

/* policy */
int cpuid_policy_init(struct domain *d) { (void)d; return 0; }
void cpuid_policy_destroy(struct domain *d) { (void)d; }
int vlapic_init(struct vcpu *v) { (void)v; return 0; }
void vlapic_destroy(struct vcpu *v) { (void)v; }
void hvm_cpuid(struct vcpu *v)
{
    v->arch.regs.rax = v->arch.regs.rbx = v->arch.regs.rcx = v->arch.regs.rdx = 0;
}
int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    int rc = hvm_ops->msr_read(v, msr, val);

    return rc == -ENOENT ? -EPERM : rc;
}
int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    int rc = hvm_ops->msr_write(v, msr, val);

    return rc == -ENOENT ? -EPERM : rc;
}
void hvm_io(struct vcpu *v, uint16_t port, unsigned int size, bool in, uint32_t *val)
{
    if (in)
        *val = ~0u;
    else if (port == 0xe9)
        printk("(d%u) %c\n", v->domain->domain_id, (char)*val);
    (void)size;
}
void hvm_hlt(struct vcpu *v) { v->arch.hlt_blocked = true; }
int hvm_pending_interrupt(struct vcpu *v) { (void)v; return -1; }
void hvm_interrupt_injected(struct vcpu *v, int vector) { (void)v; (void)vector; }
/* Architectural lengths, no decoding (the real one checks the bytes). */
int hvm_insn_length(struct vcpu *v, enum hvm_insn expected)
{
    static const int len[] = {
        [HVM_INSN_CPUID] = 2, [HVM_INSN_RDMSR] = 2, [HVM_INSN_WRMSR] = 2,
        [HVM_INSN_HLT] = 1, [HVM_INSN_VMMCALL] = 3, [HVM_INSN_VMCALL] = 3,
        [HVM_INSN_PAUSE] = 2, [HVM_INSN_INVD] = 2, [HVM_INSN_WBINVD] = 2,
        [HVM_INSN_MONITOR] = 3, [HVM_INSN_MWAIT] = 3,
    };
    (void)v;
    return len[expected];
}
