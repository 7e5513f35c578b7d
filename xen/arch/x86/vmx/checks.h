/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Pure VMX logic with no hardware access, shared by the hypervisor and the
 * host unit tests (tests/unit/test_vmx.c): control settings against the
 * allowed-0/1 capability MSRs, segment access-rights conversion, CR fixed
 * bits, the EPT entry format behind the shared p2m table walk, and the
 * translation of an EPT violation into the NPF error code the common
 * nested-fault handler decodes.
 */
#ifndef VMX_CHECKS_H
#define VMX_CHECKS_H

#include <xen/types.h>
#include <asm/p2m_pt.h>
#include "vmcs_defs.h"

/*
 * A control field from a capability MSR (low half: bits that must be 1,
 * high half: bits that may be 1).  @required bits must be allowed, @optional
 * bits are taken when allowed.  Returns 0 and sets *@out, or the required
 * bits the CPU does not allow (nothing set then).
 */
uint32_t vmx_ctl_adjust(uint64_t cap, uint32_t required, uint32_t optional, uint32_t *out);

/* Access rights: packed SVM attr (hvm_seg.attr) <-> VMCS layout (+ unusable when not present). */
uint32_t vmx_ar_from_attr(uint16_t attr);
uint16_t vmx_attr_from_ar(uint32_t ar);

/* A CR value with the bits @fixed0 forces on and @fixed1 forbids applied. */
static inline uint64_t vmx_fix_cr(uint64_t val, uint64_t fixed0, uint64_t fixed1)
{
    return (val | fixed0) & fixed1;
}

/* The EPT entry format for the shared p2m table walk (asm/p2m_pt.h). */
extern const struct p2m_pt_format p2m_pt_ept;
/* EPTP for a 4-level write-back EPT rooted at @root_maddr. */
static inline uint64_t vmx_eptp(uint64_t root_maddr)
{
    return root_maddr | EPTP_WALK4 | EPTP_WB;
}

/*
 * MSR bitmap (SDM 24.6.9): one 4 KiB page of four 1 KiB quarters -- read
 * low (MSRs 0-0x1fff), read high (0xc0000000-0xc0001fff), write low,
 * write high.  Byte and bit of @msr's read intercept (the write intercept
 * is 2048 bytes further), or -1 for an MSR outside both ranges (always
 * intercepted).
 */
int vmx_msr_bitmap_pos(uint32_t msr, unsigned int *byte, unsigned int *bit);
#define VMX_MSR_BITMAP_WRITE    2048

/* EPT violation qualification -> NPF-style error code (p2m_npf.c). */
uint64_t vmx_ept_qual_to_npf(uint64_t qual);

/*
 * VPIDs 1..VPID_MAX (0 is the host's), one per live vCPU so that no TLB
 * entry of another vCPU can ever match.  A plain bitmap; the caller locks.
 */
#define VPID_MAX        4095
struct vpid_pool { uint64_t used[(VPID_MAX + 64) / 64]; };
/* A free VPID (marked used), or 0 when none is left. */
uint16_t vpid_alloc(struct vpid_pool *pool);
void vpid_free(struct vpid_pool *pool, uint16_t vpid);

#endif
