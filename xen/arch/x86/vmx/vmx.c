/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * VMX bring-up: detection (vmx_probe, called by hvm_init) from CPUID and
 * IA32_FEATURE_CONTROL, the control settings we need checked against the
 * allowed-0/1 capability MSRs (the TRUE_* ones when VMX_BASIC says they
 * exist), EPT and VPID capabilities, VMXON on every pCPU (CR0/CR4 fixed
 * bits applied), and the vendor ops table.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/errno.h>
#include <xen/bootinfo.h>
#include <xen/init.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include <asm/config.h>
#include <asm/processor.h>
#include "vmx.h"

#define CPUID1_ECX_VMX      (1u << 5)
#define X86_CR4_VMXE        (1ul << 13)

struct vmx_cpu vmx_cpus[NR_CPUS];
struct vmx_caps vmx_caps;

/* Controls every guest needs, and ones taken when the CPU has them. */
static const struct {
    const char *name;
    uint32_t msr, true_msr;
    uint32_t required, optional;
    uint32_t *out;
} ctl_specs[] = {
    { "pin-based", MSR_VMX_PINBASED, MSR_VMX_TRUE_PINBASED,
      PIN_EXT_INTR_EXITING | PIN_NMI_EXITING, 0, &vmx_caps.pin },
    { "processor-based", MSR_VMX_PROCBASED, MSR_VMX_TRUE_PROCBASED,
      PROC_HLT_EXITING | PROC_CR8_LOAD_EXITING | PROC_CR8_STORE_EXITING |
      PROC_IO_BITMAPS | PROC_MSR_BITMAPS | PROC_MWAIT_EXITING |
      PROC_MONITOR_EXITING | PROC_SECONDARY, 0, &vmx_caps.proc },
    { "secondary", MSR_VMX_PROCBASED2, MSR_VMX_PROCBASED2,
      PROC2_EPT | PROC2_VPID | PROC2_UNRESTRICTED,
      PROC2_RDTSCP | PROC2_INVPCID | PROC2_WBINVD_EXITING | PROC2_XSAVES, &vmx_caps.proc2 },
    { "VM-exit", MSR_VMX_EXIT, MSR_VMX_TRUE_EXIT,
      EXIT_HOST_64 | EXIT_SAVE_EFER | EXIT_LOAD_EFER | EXIT_SAVE_PAT | EXIT_LOAD_PAT,
      0, &vmx_caps.exit },
    { "VM-entry", MSR_VMX_ENTRY, MSR_VMX_TRUE_ENTRY,
      ENTRY_LOAD_EFER | ENTRY_LOAD_PAT, 0, &vmx_caps.entry },
};

static int vmx_cpu_up(void)
{
    unsigned int cpu = smp_processor_id();
    struct vmx_cpu *c = &vmx_cpus[cpu];
    uint64_t fc = rdmsr(MSR_IA32_FEATURE_CONTROL);

    if (c->up)
        return 0;
    if (!(fc & FEATURE_CONTROL_LOCKED))
        wrmsr(MSR_IA32_FEATURE_CONTROL,
              fc | FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMXON_OUTSIDE_SMX);
    else if (!(fc & FEATURE_CONTROL_VMXON_OUTSIDE_SMX))
        return -ENODEV;
    if (!c->vmxon)
        c->vmxon = alloc_xenheap_pages(0, MEMF_zero);
    if (!c->vmxon)
        return -ENOMEM;
    *(uint32_t *)c->vmxon = vmx_caps.revision;
    write_cr0(vmx_fix_cr(read_cr0(), vmx_caps.cr0_fixed0, vmx_caps.cr0_fixed1));
    write_cr4(vmx_fix_cr(read_cr4() | X86_CR4_VMXE, vmx_caps.cr4_fixed0, vmx_caps.cr4_fixed1));
    if (!vmxon(__pa(c->vmxon)))
        return -EIO;
    c->current = NULL;
    c->msr_owner = NULL;
    hvm_fpu_cpu_up(cpu);
    c->up = true;
    return 0;
}

static const struct hvm_vendor_ops vmx_ops = {
    .name = "VMX",
    .p2m_format = &p2m_pt_ept,
    .cpu_up = vmx_cpu_up,
    .vcpu_init = vmx_vcpu_init,
    .vcpu_destroy = vmx_vcpu_destroy,
    .set_pvh_entry_state = vmx_set_pvh_entry_state,
    .run_once = vmx_run_once,
    .inject_exception = vmx_inject_exception,
    .get_paging = vmx_get_paging,
    .flush_guest_tlbs = vmx_flush_guest_tlbs,
    .msr_read = vmx_msr_read,
    .msr_write = vmx_msr_write,
    .set_sipi_state = vmx_set_sipi_state,
    .set_vcpu_state = vmx_set_vcpu_state,
    .dump_vcpu = vmx_dump_vcpu,
    .exit_name = vmx_exit_name,
};

/* Fill vmx_caps.*: NULL, or why a required control is missing. */
static const char *adjust_controls(void)
{
    static char why[96];
    bool true_ctls = rdmsr(MSR_VMX_BASIC) & VMX_BASIC_TRUE_CTLS;

    for (unsigned int i = 0; i < ARRAY_SIZE(ctl_specs); i++) {
        uint64_t cap = rdmsr(true_ctls ? ctl_specs[i].true_msr : ctl_specs[i].msr);
        uint32_t missing = vmx_ctl_adjust(cap, ctl_specs[i].required, ctl_specs[i].optional,
                                          ctl_specs[i].out);

        if (missing) {
            snprintf(why, sizeof(why), "%s controls %#x not allowed", ctl_specs[i].name, missing);
            return why;
        }
    }
    return NULL;
}

static const char *vmx_unusable(void)
{
    uint64_t fc, ept;

    if (!(cpuid(1).ecx & CPUID1_ECX_VMX))
        return "CPUID 1 ECX.VMX is clear";
    fc = rdmsr(MSR_IA32_FEATURE_CONTROL);
    if ((fc & FEATURE_CONTROL_LOCKED) && !(fc & FEATURE_CONTROL_VMXON_OUTSIDE_SMX))
        return "disabled by firmware (IA32_FEATURE_CONTROL locked without VMXON)";
    if (!(rdmsr(MSR_VMX_PROCBASED) & ((uint64_t)PROC_SECONDARY << 32)))
        return "no secondary processor-based controls";
    ept = rdmsr(MSR_VMX_EPT_VPID_CAP);
    if (!(ept & EPT_CAP_WALK4) || !(ept & EPT_CAP_WB))
        return "no 4-level write-back EPT";
    if (!(ept & EPT_CAP_2M))
        return "no 2 MiB EPT pages";
    if (!(ept & EPT_CAP_INVEPT) || !(ept & EPT_CAP_INVEPT_SINGLE))
        return "no single-context INVEPT";
    if (!(ept & VPID_CAP_INVVPID) || !(ept & VPID_CAP_INVVPID_SINGLE))
        return "no single-context INVVPID";
    return adjust_controls();
}

const struct hvm_vendor_ops *vmx_probe(void)
{
    const char *why = vmx_unusable();
    uint64_t basic;

    if (why) {
        printk(XENLOG_WARNING "HVM: VMX not usable: %s\n", why);
        return NULL;
    }
    basic = rdmsr(MSR_VMX_BASIC);
    vmx_caps.revision = basic & 0x7fffffff;
    vmx_caps.cr0_fixed0 = rdmsr(MSR_VMX_CR0_FIXED0);
    vmx_caps.cr0_fixed1 = rdmsr(MSR_VMX_CR0_FIXED1);
    vmx_caps.cr4_fixed0 = rdmsr(MSR_VMX_CR4_FIXED0);
    vmx_caps.cr4_fixed1 = rdmsr(MSR_VMX_CR4_FIXED1);
    vmx_caps.ept_vpid = rdmsr(MSR_VMX_EPT_VPID_CAP);
    if (vmx_maps_init() || hvm_fpu_global_init() || vmx_cpu_up()) {
        printk(XENLOG_ERR "HVM: VMX not usable: cannot enable it on the boot CPU\n");
        return NULL;
    }
    printk("HVM: VMX enabled (EPT: yes, 2M: yes, VPID: yes, unrestricted guest: yes, "
           "VMCS revision %#x, %s controls)\n", vmx_caps.revision,
           (basic & VMX_BASIC_TRUE_CTLS) ? "TRUE" : "default");
    printk("HVM: VMX controls pin %#x proc %#x proc2 %#x exit %#x entry %#x\n",
           vmx_caps.pin, vmx_caps.proc, vmx_caps.proc2, vmx_caps.exit, vmx_caps.entry);
    return &vmx_ops;
}

/* After the APs are up: did every online CPU enter VMX operation? */
static int vmx_report_cpus(void)
{
    unsigned int cpu, up = 0;

    if (!vmx_cpus[0].up)
        return 0;
    for_each_online_cpu(cpu)
        up += vmx_cpus[cpu].up;
    printk("HVM: VMX active on %u of %u CPUs\n", up, num_online_cpus());
    return 0;
}
__initcall(vmx_report_cpus);
