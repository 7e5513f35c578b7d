/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypervisor heap (common/xmalloc.c), on top of the page allocator.
 *
 * - xmalloc(0) returns NULL (there is nothing to allocate); so do sizes
 *   larger than the biggest buddy block, and exhaustion.  Never corrupts.
 * - Memory is aligned to at least XMALLOC_ALIGN (16) bytes; sizes above
 *   XMALLOC_MAX_SMALL are whole page blocks and so page aligned.
 * - xfree(NULL) does nothing; a double free, a pointer not returned by
 *   xmalloc, or a pointer into the middle of an object BUGs.
 * - xmalloc_array(type, n) returns NULL if n * sizeof(type) overflows.
 */
#ifndef XEN_XMALLOC_H
#define XEN_XMALLOC_H

#include <xen/types.h>

#define XMALLOC_ALIGN       16
#define XMALLOC_MAX_SMALL   1024

void *xmalloc(size_t size);
void *xzalloc(size_t size);
void xfree(void *p);

/*
 * Return the empty slab pages kept for reuse to the page allocator, so
 * free-page counts taken before and after a workload compare exactly.
 */
void xmalloc_trim(void);

void *_xmalloc_array(size_t elem_size, size_t num, bool zero);
#define xmalloc_array(type, n) ((type *)_xmalloc_array(sizeof(type), (n), false))
#define xzalloc_array(type, n) ((type *)_xmalloc_array(sizeof(type), (n), true))

#endif
