/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest-virtual memory access for hypercall arguments: translate each page
 * through the guest's own page tables (guest_walk.c, with table reads
 * through the p2m), then copy through the p2m.  The access is a user one
 * when the vCPU is at CPL 3.  Any failure is -EFAULT; a copy that fails
 * part way may have transferred the bytes before the bad page.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/guest_walk.h>
#include <asm/hvm.h>
#include <asm/p2m.h>

static int read_guest_pte(void *ctx, uint64_t gpa, unsigned int size, uint64_t *val)
{
    *val = 0;
    return copy_from_guest_phys(ctx, val, gpa, size);    /* little endian */
}

static int get_paging(struct vcpu *v, struct guest_paging *pg)
{
    if (!hvm_ops || !hvm_ops->get_paging)
        return -EFAULT;
    hvm_ops->get_paging(v, pg);
    return 0;
}

int guest_virt_to_phys(struct vcpu *v, uint64_t va, uint32_t pfec, uint64_t *gpa)
{
    struct guest_paging pg;

    if (get_paging(v, &pg))
        return -EFAULT;
    return guest_walk(&pg, va, pfec, read_guest_pte, v->domain, gpa);
}

static int virt_access(struct vcpu *v, uint64_t va, void *buf, size_t len, bool write)
{
    struct guest_paging pg;
    unsigned char *p = buf;
    uint32_t pfec;

    if (va + len < va || get_paging(v, &pg))
        return -EFAULT;                         /* wraps around: never valid */
    pfec = (write ? PFEC_write : 0) | (pg.cpl == 3 ? PFEC_user : 0);
    while (len) {
        size_t n = min(len, (size_t)PAGE_SIZE - (va & (PAGE_SIZE - 1)));
        uint64_t gpa;
        int rc = guest_walk(&pg, va, pfec, read_guest_pte, v->domain, &gpa);

        if (!rc)
            rc = write ? copy_to_guest_phys(v->domain, gpa, p, n)
                       : copy_from_guest_phys(v->domain, p, gpa, n);
        if (rc)
            return -EFAULT;
        p += n;
        va += n;
        len -= n;
    }
    return 0;
}

int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len)
{
    return virt_access(v, va, buf, len, false);
}

int copy_to_guest_virt(struct vcpu *v, uint64_t va, const void *buf, size_t len)
{
    return virt_access(v, va, (void *)buf, len, true);
}
