/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The 'd' debug key and crash reports: a vCPU's registers and, when its VMCS is current here, the VMCS. */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include "vmx.h"

void vmx_dump_vcpu(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);
    const struct guest_regs *r = &v->arch.regs;
    unsigned long flags = local_irq_save();
    unsigned int cpu = smp_processor_id();

    printk("  VMX d%u v%u: rip %#lx rsp %#lx rflags %#lx rax %#lx rbx %#lx rcx %#lx rdx %#lx\n",
           v->domain->domain_id, v->vcpu_id, r->rip, r->rsp, r->rflags, r->rax, r->rbx,
           r->rcx, r->rdx);
    if (vmx_cpus[cpu].current == s && s->vmcs_cpu == (int)cpu) {
        printk("  cr0 %#lx (shadow %#lx) cr3 %#lx cr4 %#lx (shadow %#lx) efer %#lx entry %#lx\n",
               vmread(VMCS_GUEST_CR0), vmread(VMCS_CR0_SHADOW), vmread(VMCS_GUEST_CR3),
               vmread(VMCS_GUEST_CR4), vmread(VMCS_CR4_SHADOW), vmread(VMCS_GUEST_EFER),
               vmread(VMCS_ENTRY_CTLS));
        for (unsigned int i = 0; i < NR_VMX_SEGS; i++)
            printk("  seg%u sel %#lx ar %#lx limit %#lx base %#lx\n", i,
                   vmread(VMCS_GUEST_SEL(i)), vmread(VMCS_GUEST_AR(i)),
                   vmread(VMCS_GUEST_LIMIT(i)), vmread(VMCS_GUEST_BASE(i)));
        printk("  intr %#lx activity %#lx entry-intr %#lx idt-vec %#lx vpid %u\n",
               vmread(VMCS_GUEST_INTERRUPTIBILITY), vmread(VMCS_GUEST_ACTIVITY),
               vmread(VMCS_ENTRY_INTR_INFO), vmread(VMCS_IDT_VECTORING_INFO), s->vpid);
    } else {
        printk("  cr0 %#lx cr3 %#lx cr4 %#lx efer %#lx (VMCS not current here)\n",
               s->paging.cr0, s->paging.cr3, s->paging.cr4, s->paging.efer);
    }
    local_irq_restore(flags);
}
