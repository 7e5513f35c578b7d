/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * MSRs on VMX.  The MSR bitmap (shared by every vCPU) intercepts
 * everything except FS/GS base and SYSENTER (VMCS guest-state fields,
 * switched by entry and exit) and the syscall MSRs KERNEL_GS_BASE, STAR,
 * LSTAR, CSTAR and SFMASK, which VMX does not switch at all: the host
 * never uses them, so the guest's values stay in the registers, are read
 * back after every exit and loaded again when another vCPU ran here in
 * between.  The I/O bitmaps intercept every port.  EFER and PAT are VMCS
 * fields (saved and loaded by entry/exit controls); writes are checked as
 * on SVM (asm/hvm_checks.h).
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/errno.h>
#include <xen/bootinfo.h>
#include <asm/config.h>
#include <asm/processor.h>
#include <asm/hvm_checks.h>
#include "vmx.h"

#define MSR_STAR            0xc0000081
#define MSR_LSTAR           0xc0000082
#define MSR_CSTAR           0xc0000083
#define MSR_SFMASK          0xc0000084
#define MSR_SYSENTER_CS     0x00000174
#define MSR_SYSENTER_ESP    0x00000175
#define MSR_SYSENTER_EIP    0x00000176
#define MSR_PAT             0x00000277
#define CPUID_EXT1_EDX_NX   (1u << 20)

uint64_t vmx_msr_bitmap_pa, vmx_io_bitmap_pa[2];

static const uint32_t passthrough_msrs[] = {
    MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE,
    MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK,
    MSR_SYSENTER_CS, MSR_SYSENTER_ESP, MSR_SYSENTER_EIP,
};

/* Clear @msr's read and write intercept bits. */
static void bitmap_allow(uint8_t *map, uint32_t msr)
{
    unsigned int byte, bit;

    BUG_ON(vmx_msr_bitmap_pos(msr, &byte, &bit));
    map[byte] &= ~(1u << bit);
    map[byte + VMX_MSR_BITMAP_WRITE] &= ~(1u << bit);
}

int vmx_maps_init(void)
{
    uint8_t *msr = alloc_xenheap_pages(0, 0);
    uint8_t *io = alloc_xenheap_pages(1, 0);    /* bitmaps A and B */

    if (!msr || !io) {
        free_xenheap_pages(msr, 0);
        free_xenheap_pages(io, 1);
        return -ENOMEM;
    }
    memset(msr, 0xff, PAGE_SIZE);
    memset(io, 0xff, 2 * PAGE_SIZE);
    for (unsigned int i = 0; i < ARRAY_SIZE(passthrough_msrs); i++)
        bitmap_allow(msr, passthrough_msrs[i]);
    vmx_msr_bitmap_pa = __pa(msr);
    vmx_io_bitmap_pa[0] = __pa(io);
    vmx_io_bitmap_pa[1] = __pa(io) + PAGE_SIZE;
    return 0;
}

/* After an exit (interrupts off): the guest's syscall MSRs are still loaded. */
void vmx_syscall_msrs_save(struct vmx_vcpu *s)
{
    s->kernel_gs_base = rdmsr(MSR_KERNEL_GS_BASE);
    s->star = rdmsr(MSR_STAR);
    s->lstar = rdmsr(MSR_LSTAR);
    s->cstar = rdmsr(MSR_CSTAR);
    s->sfmask = rdmsr(MSR_SFMASK);
}

/* Before an entry (interrupts off): load @s's values unless they are still there. */
void vmx_syscall_msrs_load(struct vmx_vcpu *s, unsigned int cpu)
{
    if (vmx_cpus[cpu].msr_owner == s)
        return;
    wrmsr(MSR_KERNEL_GS_BASE, s->kernel_gs_base);
    wrmsr(MSR_STAR, s->star);
    wrmsr(MSR_LSTAR, s->lstar);
    wrmsr(MSR_CSTAR, s->cstar);
    wrmsr(MSR_SFMASK, s->sfmask);
    vmx_cpus[cpu].msr_owner = s;
}

static uint64_t efer_allowed(void)
{
    uint64_t bits = EFER_SCE | EFER_LME | EFER_LMA_BIT;

    if (cpuid(0x80000001).edx & CPUID_EXT1_EDX_NX)
        bits |= EFER_NXE;
    return bits;
}

/* Called from exit handlers: the VMCS is current. */
int vmx_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)v;
    switch (msr) {
    case MSR_EFER:
        *val = vmread(VMCS_GUEST_EFER);
        return 0;
    case MSR_PAT:
        *val = vmread(VMCS_GUEST_PAT);
        return 0;
    }
    return -ENOENT;
}

int vmx_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    uint64_t old = vmread(VMCS_GUEST_EFER);

    switch (msr) {
    case MSR_EFER:
        if (!efer_write_valid(old, val, vmx_get_cr0(), efer_allowed()))
            return -EPERM;
        vmx_set_efer(v, efer_after_write(old, val));
        return 0;
    case MSR_PAT:
        if (!pat_valid(val))
            return -EPERM;
        vmwrite(VMCS_GUEST_PAT, val);
        v->arch.msr_pat = val;
        return 0;
    }
    return -ENOENT;
}
