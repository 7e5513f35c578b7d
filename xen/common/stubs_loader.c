/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY (loader helper): weak stand-ins for functions other helpers own
 * (dom: alloc_domheap_pages; p2m: p2m_set_entry and guest copies), so the
 * PVH builder links before their work is merged.  The real definitions
 * override these; delete this file once they are all in main.
 */
#include <asm/p2m.h>
#include <xen/errno.h>
#include <xen/sched.h>

__attribute__((weak)) struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order)
{
    (void)d; (void)order;
    return NULL;
}

__attribute__((weak)) int p2m_set_entry(struct domain *d, uint64_t gfn, unsigned long mfn,
                                        unsigned int order, p2m_type_t t)
{
    (void)d; (void)gfn; (void)mfn; (void)order; (void)t;
    return -ENOSYS;
}

__attribute__((weak)) int copy_to_guest_phys(struct domain *d, uint64_t gpa,
                                             const void *buf, size_t len)
{
    (void)d; (void)gpa; (void)buf; (void)len;
    return -EFAULT;
}

__attribute__((weak)) int clear_guest_phys(struct domain *d, uint64_t gpa, size_t len)
{
    (void)d; (void)gpa; (void)len;
    return -EFAULT;
}
