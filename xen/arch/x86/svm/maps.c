/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The MSR and I/O permission maps, shared by every vCPU (read-only once
 * built).  Everything is intercepted except the MSRs whose state lives in
 * the VMCB and is switched by VMLOAD/VMSAVE, which are safe to hand over:
 * the guest's values never reach the host (we VMLOAD the host's copy after
 * every exit).  EFER, PAT, the TSC MSRs, the x2APIC range 0x800-0x8ff and
 * the hypercall-page MSR 0x40000000 all stay intercepted.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/errno.h>
#include <xen/bootinfo.h>
#include <asm/config.h>
#include <asm/processor.h>
#include "svm.h"

uint64_t svm_msrpm_pa, svm_iopm_pa;

#define MSR_STAR            0xc0000081
#define MSR_LSTAR           0xc0000082
#define MSR_CSTAR           0xc0000083
#define MSR_SFMASK          0xc0000084
#define MSR_SYSENTER_CS     0x00000174
#define MSR_SYSENTER_ESP    0x00000175
#define MSR_SYSENTER_EIP    0x00000176

static const uint32_t passthrough_msrs[] = {
    MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE,
    MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK,
    MSR_SYSENTER_CS, MSR_SYSENTER_ESP, MSR_SYSENTER_EIP,
};

/* Let the guest read and write @msr without an exit. */
static void msrpm_allow(uint8_t *msrpm, uint32_t msr)
{
    long bit = msrpm_bit(msr);

    BUG_ON(bit < 0);
    msrpm[bit / 8] &= ~(3u << (bit % 8));
}

int svm_maps_init(void)
{
    uint8_t *msrpm = alloc_xenheap_pages(1, 0);     /* 8 KiB */
    uint8_t *iopm = alloc_xenheap_pages(2, 0);      /* 12 KiB used of 16 */

    if (!msrpm || !iopm) {
        free_xenheap_pages(msrpm, 1);
        free_xenheap_pages(iopm, 2);
        return -ENOMEM;
    }
    memset(msrpm, 0xff, MSRPM_SIZE);
    memset(iopm, 0xff, 4 * PAGE_SIZE);
    for (unsigned int i = 0; i < sizeof(passthrough_msrs) / sizeof(passthrough_msrs[0]); i++)
        msrpm_allow(msrpm, passthrough_msrs[i]);
    svm_msrpm_pa = __pa(msrpm);
    svm_iopm_pa = __pa(iopm);
    return 0;
}
