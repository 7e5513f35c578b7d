/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * One VMCS per vCPU: allocation, making it current on the pCPU that runs
 * the vCPU (a VMCS active on another pCPU is VMCLEARed there first, by
 * IPI), the controls (from vmx_caps, checked at boot), the host state of
 * this pCPU, and writing a pending guest state (vmx.h) into it.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/errno.h>
#include <xen/bootinfo.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include <xen/cpumask.h>
#include <xen/xmalloc.h>
#include <asm/config.h>
#include <asm/desc.h>
#include <asm/p2m.h>
#include <asm/traps.h>
#include "vmx.h"

#define MSR_PAT         0x00000277

int vmx_vcpu_init(struct vcpu *v)
{
    struct vmx_vcpu *s = xzalloc(sizeof(*s));
    int vpid;

    if (!s)
        return -ENOMEM;
    s->vmcs = alloc_xenheap_pages(0, MEMF_zero);
    vpid = vmx_vpid_get();
    if (!s->vmcs || vpid <= 0) {
        free_xenheap_pages(s->vmcs, 0);
        if (vpid > 0)
            vmx_vpid_put(vpid);
        xfree(s);
        return -ENOMEM;
    }
    *(uint32_t *)s->vmcs = vmx_caps.revision;
    s->vmcs_pa = __pa(s->vmcs);
    BUG_ON(!vmclear(s->vmcs_pa));   /* launch state "clear", active nowhere */
    s->vmcs_cpu = -1;
    s->last_cpu = -1;
    s->vpid = vpid;
    v->arch.vendor = s;
    if (hvm_fpu_vcpu_init(v)) {
        vmx_vcpu_destroy(v);
        return -ENOMEM;
    }
    vmx_set_sipi_state(v, 0);       /* something valid until the builder sets it */
    return 0;
}

/* IPI: VMCLEAR @data's VMCS if it is active on this pCPU. */
static void vmclear_ipi(void *data)
{
    struct vmx_vcpu *s = data;
    unsigned int cpu = smp_processor_id();

    if (s->vmcs_cpu != (int)cpu)
        return;
    vmclear(s->vmcs_pa);
    if (vmx_cpus[cpu].current == s)
        vmx_cpus[cpu].current = NULL;
    s->launched = false;
    __atomic_store_n(&s->vmcs_cpu, -1, __ATOMIC_RELEASE);
}

/* Make sure @s's VMCS is active nowhere but (maybe) @cpu.  Interrupts on. */
static void vmcs_pull(struct vmx_vcpu *s, unsigned int cpu)
{
    int where = __atomic_load_n(&s->vmcs_cpu, __ATOMIC_ACQUIRE);
    cpumask_t mask;

    if (where < 0 || where == (int)cpu)
        return;
    cpumask_clear(&mask);
    cpumask_set_cpu(where, &mask);
    on_selected_cpus(&mask, vmclear_ipi, s, true);
}

void vmx_vcpu_destroy(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);
    unsigned int cpu;

    if (!s)
        return;
    hvm_fpu_vcpu_destroy(v);
    vmcs_pull(s, smp_processor_id());
    vmclear_ipi(s);                 /* if it is active here */
    for_each_online_cpu(cpu)
        if (vmx_cpus[cpu].msr_owner == s)
            vmx_cpus[cpu].msr_owner = NULL;
    vmx_vpid_put(s->vpid);
    free_xenheap_pages(s->vmcs, 0);
    xfree(s);
    v->arch.vendor = NULL;
}

struct __attribute__((packed)) dtr { uint16_t limit; uint64_t base; };

/* This pCPU's state that a VM exit loads (SDM 27.5). */
static void write_host_state(void)
{
    static const uint32_t sel_fields[] = {
        VMCS_HOST_CS_SEL, VMCS_HOST_SS_SEL, VMCS_HOST_DS_SEL, VMCS_HOST_ES_SEL,
        VMCS_HOST_FS_SEL, VMCS_HOST_GS_SEL, VMCS_HOST_TR_SEL,
    };
    uint16_t sel[ARRAY_SIZE(sel_fields)], tr;
    struct dtr gdt, idt;
    const uint64_t *desc;
    uint64_t tr_base;

    __asm__ volatile("mov %%cs, %0; mov %%ss, %1; mov %%ds, %2; mov %%es, %3"
                     : "=r"(sel[0]), "=r"(sel[1]), "=r"(sel[2]), "=r"(sel[3]));
    __asm__ volatile("mov %%fs, %0; mov %%gs, %1; str %2"
                     : "=r"(sel[4]), "=r"(sel[5]), "=r"(sel[6]));
    __asm__ volatile("sgdt %0" : "=m"(gdt));
    __asm__ volatile("sidt %0" : "=m"(idt));
    tr = sel[6];
    desc = (const uint64_t *)(gdt.base + (tr & ~7u));
    tr_base = ((desc[0] >> 16) & 0xffffff) | (((desc[0] >> 56) & 0xff) << 24) |
              ((desc[1] & 0xffffffff) << 32);
    for (unsigned int i = 0; i < ARRAY_SIZE(sel_fields); i++)
        vmwrite(sel_fields[i], sel[i] & ~7u);    /* RPL 0, GDT */
    vmwrite(VMCS_HOST_CR0, read_cr0());
    vmwrite(VMCS_HOST_CR3, read_cr3());
    vmwrite(VMCS_HOST_CR4, read_cr4());
    vmwrite(VMCS_HOST_FS_BASE, rdmsr(MSR_FS_BASE));
    vmwrite(VMCS_HOST_GS_BASE, rdmsr(MSR_GS_BASE));
    vmwrite(VMCS_HOST_TR_BASE, tr_base);
    vmwrite(VMCS_HOST_GDTR_BASE, gdt.base);
    vmwrite(VMCS_HOST_IDTR_BASE, idt.base);
    vmwrite(VMCS_HOST_SYSENTER_CS, 0);
    vmwrite(VMCS_HOST_SYSENTER_ESP, 0);
    vmwrite(VMCS_HOST_SYSENTER_EIP, 0);
    vmwrite(VMCS_HOST_EFER, rdmsr(MSR_EFER));
    vmwrite(VMCS_HOST_PAT, rdmsr(MSR_PAT));
    vmwrite(VMCS_HOST_RIP, (uint64_t)vmx_exit_stub);
}

/* Controls and the guest-state fields no setter touches; once per VMCS. */
static void write_controls(struct vcpu *v)
{
    struct vmx_vcpu *s = to_vmx(v);

    vmwrite(VMCS_PIN_CTLS, vmx_caps.pin);
    s->proc_ctls = vmx_caps.proc;
    vmwrite(VMCS_PROC_CTLS, s->proc_ctls);
    vmwrite(VMCS_PROC_CTLS2, vmx_caps.proc2);
    vmwrite(VMCS_EXIT_CTLS, vmx_caps.exit);
    vmwrite(VMCS_ENTRY_CTLS, s->entry_ctls);
    vmwrite(VMCS_EXCEPTION_BITMAP, 1u << TRAP_invalid_op);     /* VMMCALL on Intel */
    vmwrite(VMCS_CR3_TARGET_COUNT, 0);
    vmwrite(VMCS_EXIT_MSR_STORE_COUNT, 0);
    vmwrite(VMCS_EXIT_MSR_LOAD_COUNT, 0);
    vmwrite(VMCS_ENTRY_MSR_LOAD_COUNT, 0);
    vmwrite(VMCS_IO_BITMAP_A, vmx_io_bitmap_pa[0]);
    vmwrite(VMCS_IO_BITMAP_B, vmx_io_bitmap_pa[1]);
    vmwrite(VMCS_MSR_BITMAP, vmx_msr_bitmap_pa);
    vmwrite(VMCS_EPT_POINTER, vmx_eptp(p2m_root_maddr(v->domain)));
    vmwrite(VMCS_VPID, s->vpid);
    vmwrite(VMCS_LINK_POINTER, ~0ull);
    vmwrite(VMCS_GUEST_DEBUGCTL, 0);
    vmwrite(VMCS_GUEST_PENDING_DBG, 0);
    vmwrite(VMCS_GUEST_SYSENTER_CS, 0);
    vmwrite(VMCS_GUEST_SYSENTER_ESP, 0);
    vmwrite(VMCS_GUEST_SYSENTER_EIP, 0);
    vmwrite(VMCS_CR0_MASK, vmx_cr0_host_owned());
    vmwrite(VMCS_CR4_MASK, vmx_cr4_host_owned());
    s->controls_written = true;
}

void vmx_vmcs_enter(struct vcpu *v, unsigned int cpu)
{
    struct vmx_vcpu *s = to_vmx(v);

    vmcs_pull(s, cpu);
    local_irq_disable();
    if (vmx_cpus[cpu].current != s) {
        BUG_ON(!vmptrld(s->vmcs_pa));
        vmx_cpus[cpu].current = s;
    }
    if (s->vmcs_cpu != (int)cpu) {
        write_host_state();
        s->launched = false;
        __atomic_store_n(&s->vmcs_cpu, (int)cpu, __ATOMIC_RELEASE);
    }
    if (!s->controls_written)
        write_controls(v);
    if (s->load_state)
        vmx_write_pending_state(v);
}
