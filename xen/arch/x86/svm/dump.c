/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The 'd' debug key's view of a vCPU: registers, control state, last exit. */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include "svm.h"

static void dump_seg(const char *name, const struct vmcb_seg *s)
{
    printk("    %-4s sel %04x attr %03x limit %08x base %016lx\n",
           name, s->sel, s->attr, s->limit, s->base);
}

void svm_dump_vcpu(struct vcpu *v)
{
    const struct svm_vcpu *s = to_svm(v);
    const struct vmcb *vmcb = s->vmcb;
    const struct guest_regs *r = &v->arch.regs;
    unsigned int slot = svm_exit_slot(vmcb->exitcode);
    const char *exit = svm_exit_name(slot);

    printk("    rip %016lx rflags %016lx cpl %u\n", r->rip, r->rflags, vmcb->cpl);
    printk("    rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", r->rax, r->rbx, r->rcx, r->rdx);
    printk("    rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n", r->rsi, r->rdi, r->rbp, r->rsp);
    printk("    r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n", r->r8, r->r9, r->r10, r->r11);
    printk("    r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n", r->r12, r->r13, r->r14, r->r15);
    printk("    cr0 %016lx cr2 %016lx cr3 %016lx cr4 %016lx\n",
           vmcb->cr0, vmcb->cr2, vmcb->cr3, vmcb->cr4);
    printk("    efer %016lx pat %016lx xcr0 %lx\n",
           vmcb->efer & ~(uint64_t)EFER_SVME, vmcb->g_pat, v->arch.fpu.xcr0);
    dump_seg("cs", &vmcb->cs);
    dump_seg("ss", &vmcb->ss);
    dump_seg("ds", &vmcb->ds);
    dump_seg("tr", &vmcb->tr);
    dump_seg("gdtr", &vmcb->gdtr);
    dump_seg("idtr", &vmcb->idtr);
    printk("    last exit %#lx (%s) info1 %#lx info2 %#lx intinfo %#lx\n",
           vmcb->exitcode, exit ? exit : "unknown", vmcb->exitinfo1,
           vmcb->exitinfo2, vmcb->exitintinfo);
    printk("    eventinj %#lx vintr %#lx shadow %u asid %u on CPU%d\n",
           vmcb->eventinj, vmcb->vintr, (unsigned int)(vmcb->int_state & INT_STATE_SHADOW),
           s->asid, s->asid_cpu);
    printk("    injected %#lx reinject %#lx; exit before: %#lx at rip %#lx info1 %#lx info2 %#lx"
           " intinfo %#lx\n", s->last_inj, s->reinject, s->prev_exit, s->prev_rip,
           s->prev_info1, s->prev_info2, s->prev_intinfo);
    /* The control fields the CPU only reads: a stray write into the VMCB shows here. */
    printk("    n_cr3 %#lx (p2m root %#lx) np %#lx intercepts %#x %#x iopm %#lx msrpm %#lx\n",
           vmcb->n_cr3, p2m_root_maddr(v->domain), vmcb->np_enable, vmcb->intercepts1,
           vmcb->intercepts2, vmcb->iopm_base_pa, vmcb->msrpm_base_pa);
}
