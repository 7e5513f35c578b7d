/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * SVM bring-up: detection (svm_probe, called by hvm_init), the per-pCPU
 * enable (EFER.SVME, the VM_HSAVE_PA host save area and a host VMCB for
 * VMSAVE/VMLOAD of the host's FS/GS/TR/syscall state), and the vendor ops
 * table the rest of the hypervisor uses.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/errno.h>
#include <xen/percpu.h>
#include <xen/bootinfo.h>
#include <xen/init.h>
#include <xen/smp.h>
#include <asm/config.h>
#include <asm/processor.h>
#include "svm.h"

#define CPUID_EXT1_ECX_SVM  (1u << 2)
#define SVM_FEAT_NP         (1u << 0)
#define SVM_FEAT_NRIPS      (1u << 3)

struct svm_cpu svm_cpus[NR_CPUS];
bool svm_nrips;
uint32_t svm_nr_asids;

static int svm_cpu_up(void)
{
    unsigned int cpu = smp_processor_id();
    struct svm_cpu *c = &svm_cpus[cpu];

    if (c->up)
        return 0;
    if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
        return -ENODEV;
    if (!c->hsave)
        c->hsave = alloc_xenheap_pages(0, MEMF_zero);
    if (!c->host_vmcb)
        c->host_vmcb = alloc_xenheap_pages(0, MEMF_zero);
    if (!c->hsave || !c->host_vmcb)
        return -ENOMEM;
    c->host_vmcb_pa = __pa(c->host_vmcb);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
    wrmsr(MSR_VM_HSAVE_PA, __pa(c->hsave));
    svm_asid_cpu_init(cpu);
    hvm_fpu_cpu_up(cpu);
    c->up = true;
    return 0;
}

static const struct hvm_vendor_ops svm_ops = {
    .name = "SVM",
    .cpu_up = svm_cpu_up,
    .vcpu_init = svm_vcpu_init,
    .vcpu_destroy = svm_vcpu_destroy,
    .set_pvh_entry_state = svm_set_pvh_entry_state,
    .run_once = svm_run_once,
    .inject_exception = svm_inject_exception,
    .get_paging = svm_get_paging,
    .flush_guest_tlbs = svm_flush_guest_tlbs,
    .msr_read = svm_msr_read,
    .msr_write = svm_msr_write,
    .set_sipi_state = svm_set_sipi_state,
    .set_vcpu_state = svm_set_vcpu_state,
    .dump_vcpu = svm_dump_vcpu,
    .exit_name = svm_exit_name,
};

/* Why SVM cannot be used here, or NULL if it can. */
static const char *svm_unusable(void)
{
    if (cpuid(0x80000000).eax < 0x8000000a)
        return "no CPUID leaf 0x8000000a";
    if (!(cpuid(0x80000001).ecx & CPUID_EXT1_ECX_SVM))
        return "CPUID 0x80000001 ECX.SVM is clear";
    if (rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
        return "disabled by firmware (VM_CR.SVMDIS)";
    if (!(cpuid(0x8000000a).edx & SVM_FEAT_NP))
        return "no nested paging (CPUID 0x8000000a EDX.NP is clear)";
    if (cpuid(0x8000000a).ebx < 2)
        return "no guest ASIDs";
    return NULL;
}

const struct hvm_vendor_ops *svm_probe(void)
{
    const char *why = svm_unusable();
    struct cpuid_regs leaf = cpuid(0x8000000a);

    if (why) {
        printk(XENLOG_WARNING "HVM: SVM not usable: %s\n", why);
        return NULL;
    }
    svm_nr_asids = leaf.ebx;
    svm_nrips = leaf.edx & SVM_FEAT_NRIPS;
    if (svm_maps_init() || hvm_fpu_global_init() || svm_cpu_up()) {
        printk(XENLOG_ERR "HVM: SVM not usable: cannot enable it on the boot CPU\n");
        return NULL;
    }
    printk("HVM: SVM enabled (ASIDs: %u, NPT: yes, NRIPS: %s)\n",
           svm_nr_asids, svm_nrips ? "yes" : "no");
    return &svm_ops;
}

/* After the APs are up: did every online CPU enable SVM (start_secondary)? */
static int svm_report_cpus(void)
{
    unsigned int cpu, up = 0;

    if (!svm_cpus[0].up)
        return 0;
    for_each_online_cpu(cpu)
        up += svm_cpus[cpu].up;
    printk("HVM: SVM active on %u of %u CPUs\n", up, num_online_cpus());
    return 0;
}
__initcall(svm_report_cpus);
