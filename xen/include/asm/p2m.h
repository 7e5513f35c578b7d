/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The physical-to-machine map of a domain: 4-level nested page tables (NPT
 * on AMD; EPT implements the same interface later) with 4 KiB and 2 MiB
 * entries and a type per entry (kept in software-available PTE bits), and
 * guest memory access built on it.  The table logic is host-tested.
 */
#ifndef ASM_P2M_H
#define ASM_P2M_H

#include <xen/types.h>

struct domain;
struct vcpu;

typedef enum {
    p2m_invalid = 0,        /* nothing mapped */
    p2m_ram_rw,             /* guest RAM */
    p2m_ram_ro,             /* guest RAM, writes fault */
    p2m_mmio_direct,        /* machine MMIO passed through (uncached) */
    p2m_grant_map_rw,       /* another domain's page through a grant */
    p2m_grant_map_ro,
    p2m_foreign,            /* another domain's page (control domain mapping) */
    p2m_special,            /* hypervisor-provided page (shared_info, start_info, ACPI) */
} p2m_type_t;

/* Set up an empty p2m for @d (d->arch.p2m); 0 or -ENOMEM. */
int p2m_init(struct domain *d);
/* Free the p2m's own table pages (not the frames it maps). */
void p2m_teardown(struct domain *d);
/*
 * Map 2^order frames (order 0 or 9, gfn and mfn aligned to it) at @gfn.
 * Replaces what was there (splitting a 2 MiB entry if needed).
 * 0, -EINVAL (bad order/alignment/gfn beyond the guest physical width), -ENOMEM.
 */
int p2m_set_entry(struct domain *d, uint64_t gfn, unsigned long mfn,
                  unsigned int order, p2m_type_t t);
/* The mfn mapped at @gfn (INVALID_MFN if none); type and mapping order if asked. */
unsigned long p2m_get_entry(struct domain *d, uint64_t gfn, p2m_type_t *t,
                            unsigned int *order);
/*
 * p2m_get_entry() that returns with the p2m locked, so the mapping (and
 * the frame behind it) cannot be removed, and hence the frame not freed,
 * until p2m_put_entry(): for the hypervisor's own short accesses to guest
 * frames (one page copy).  Frames are freed only after their p2m entry is
 * gone, so this is what makes such an access safe against a concurrent
 * decrease_reservation.
 */
unsigned long p2m_get_entry_hold(struct domain *d, uint64_t gfn, p2m_type_t *t);
void p2m_put_entry(struct domain *d);
/* The highest GFN ever mapped (0 if none): XENMEM_maximum_gpfn. */
uint64_t p2m_max_mapped_gfn(const struct domain *d);
/*
 * Unmap 2^order frames at @gfn (nothing mapped is fine); 0, -EINVAL, or
 * -ENOMEM when a 4 KiB removal had to split a 2 MiB entry and could not.
 */
int p2m_remove(struct domain *d, uint64_t gfn, unsigned int order);
/* Machine address of the top-level table, for the VMCB's nCR3 / EPTP. */
uint64_t p2m_root_maddr(const struct domain *d);
/* Table pages the p2m holds (its own memory, not counted in tot_pages). */
unsigned long p2m_table_pages(const struct domain *d);

/* Copy to/from guest-physical memory (RAM types only); 0 or -EFAULT. */
int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *buf, size_t len);
int copy_from_guest_phys(struct domain *d, void *buf, uint64_t gpa, size_t len);
/* Zero guest-physical memory; 0 or -EFAULT. */
int clear_guest_phys(struct domain *d, uint64_t gpa, size_t len);

/* Page-fault error code bits used for guest walks. */
#define PFEC_present    (1u << 0)
#define PFEC_write      (1u << 1)
#define PFEC_user       (1u << 2)
#define PFEC_insn_fetch (1u << 4)

/*
 * Translate a guest virtual address through the guest's own page tables
 * (paging off, 32-bit, PAE, 4-level long mode) for an access described by
 * @pfec.  0 and *gpa, or -EFAULT (not mapped / not permitted).
 */
int guest_virt_to_phys(struct vcpu *v, uint64_t va, uint32_t pfec, uint64_t *gpa);
/* Copy to/from guest virtual memory, page-crossing handled; 0 or -EFAULT. */
int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len);
int copy_to_guest_virt(struct vcpu *v, uint64_t va, const void *buf, size_t len);

/* Decode a nested page fault error code ("not present, write, ...") into @buf. */
const char *npf_describe(uint64_t error_code, char *buf, size_t size);

#endif
