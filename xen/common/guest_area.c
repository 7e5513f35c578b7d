/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest areas the hypervisor keeps writing after a hypercall registered
 * them (runstate, secondary vcpu_time_info): located once through the
 * registering vCPU's page tables, written later by guest-physical address
 * from any CPU (see xen/vcpu_op.h).  An area may cross one page boundary.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/p2m.h>

int guest_area_locate(struct vcpu *caller, uint64_t va, uint32_t size, struct guest_area *a)
{
    uint32_t len0 = (uint32_t)min((uint64_t)size, PAGE_SIZE - (va & (PAGE_SIZE - 1)));
    struct guest_area n = { .len0 = len0, .size = size };

    if (!size || size > PAGE_SIZE || va + size < va)
        return -EFAULT;
    if (guest_virt_to_phys(caller, va, PFEC_write, &n.gpa[0]))
        return -EFAULT;
    if (len0 < size && guest_virt_to_phys(caller, va + len0, PFEC_write, &n.gpa[1]))
        return -EFAULT;
    *a = n;
    return 0;
}

int guest_area_write(struct domain *d, const struct guest_area *a, uint32_t off,
                     const void *buf, uint32_t len)
{
    const uint8_t *p = buf;
    int rc = 0;

    if (off > a->size || len > a->size - off)
        return -EFAULT;
    if (off < a->len0) {
        uint32_t n = min(len, a->len0 - off);

        rc = copy_to_guest_phys(d, a->gpa[0] + off, p, n);
        p += n;
        off += n;
        len -= n;
    }
    if (len && !rc)
        rc = copy_to_guest_phys(d, a->gpa[1] + (off - a->len0), p, len);
    return rc ? -EFAULT : 0;
}
