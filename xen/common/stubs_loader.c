/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY (loader helper): a weak stand-in for alloc_domheap_pages (dom
 * helper, xen/common/domheap.c) so the PVH builder links before that work
 * is merged.  The real definition overrides it; delete this file once it is
 * in main.
 */
#include <xen/sched.h>

__attribute__((weak)) struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order)
{
    (void)d; (void)order;
    return NULL;
}
