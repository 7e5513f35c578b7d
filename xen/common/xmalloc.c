/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * xmalloc: small sizes come from one-page slabs per size class, large sizes
 * from whole buddy blocks.  The frame table's owner field tags each page as
 * a slab or a large block, and a slab's header keeps a bitmap of the objects
 * in use, so xfree() can prove a pointer is live before touching anything:
 * double frees and foreign pointers BUG instead of corrupting the heap.
 */
#include <xen/xmalloc.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>

#define OWNER_SLAB   0x51ab0001UL   /* page_info.owner of a slab page */
#define OWNER_LARGE  0x1a9e0001UL   /* ... of the head of a large block */
#define SLAB_MAGIC   0x51ab51abU
#define SLAB_HDR     64             /* objects start here, 16-byte aligned */
#define MAX_OBJS     ((PAGE_SIZE - SLAB_HDR) / XMALLOC_ALIGN)

struct slab {
    uint32_t magic;
    uint16_t cls;                   /* index into class_size[] */
    uint16_t nr_used;
    struct slab *next, *prev;       /* partial list of the class (xmalloc_lock) */
    uint64_t used[(MAX_OBJS + 63) / 64];    /* object bitmap (xmalloc_lock) */
};
BUILD_BUG_ON(sizeof(struct slab) > SLAB_HDR);

static const uint16_t class_size[] = { 16, 32, 64, 128, 256, 512, XMALLOC_MAX_SMALL };
#define NR_CLASSES ARRAY_SIZE(class_size)

static DEFINE_SPINLOCK(xmalloc_lock);
static struct slab *partial[NR_CLASSES];    /* slabs with a free object */

static unsigned int slab_objs(unsigned int cls)
{
    return (PAGE_SIZE - SLAB_HDR) / class_size[cls];
}

static void partial_push(struct slab *s)
{
    s->prev = NULL;
    s->next = partial[s->cls];
    if (s->next)
        s->next->prev = s;
    partial[s->cls] = s;
}

static void partial_del(struct slab *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        partial[s->cls] = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->next = s->prev = NULL;
}

static struct slab *slab_new(unsigned int cls)
{
    struct page_info *pg = alloc_pages(0);
    struct slab *s;

    if (!pg)
        return NULL;
    pg->owner = OWNER_SLAB;
    s = page_to_virt(pg);
    memset(s, 0, SLAB_HDR);
    s->magic = SLAB_MAGIC;
    s->cls = cls;
    partial_push(s);
    return s;
}

static void *slab_alloc(unsigned int cls)
{
    unsigned long flags;
    struct slab *s;
    void *p = NULL;

    spin_lock_irqsave(&xmalloc_lock, flags);
    s = partial[cls] ? partial[cls] : slab_new(cls);
    for (unsigned int w = 0; s && w < ARRAY_SIZE(s->used); w++) {
        unsigned int idx;
        if (s->used[w] == ~0ULL)
            continue;
        idx = w * 64 + __builtin_ctzll(~s->used[w]);
        if (idx >= slab_objs(cls))
            break;
        s->used[w] |= 1ULL << (idx % 64);
        if (++s->nr_used == slab_objs(cls))
            partial_del(s);
        p = (char *)s + SLAB_HDR + (size_t)idx * class_size[cls];
        break;
    }
    spin_unlock_irqrestore(&xmalloc_lock, flags);
    return p;
}

static void *large_alloc(size_t size)
{
    unsigned int order = 0;
    struct page_info *pg;

    while (order <= MAX_ORDER && ((size_t)PAGE_SIZE << order) < size)
        order++;
    pg = alloc_pages(order);        /* NULL also for order > MAX_ORDER */
    if (!pg)
        return NULL;
    pg->owner = OWNER_LARGE;
    return page_to_virt(pg);
}

void *xmalloc(size_t size)
{
    if (!size)
        return NULL;
    for (unsigned int cls = 0; cls < NR_CLASSES; cls++)
        if (size <= class_size[cls])
            return slab_alloc(cls);
    return large_alloc(size);
}

void *xzalloc(size_t size)
{
    void *p = xmalloc(size);

    if (p)
        memset(p, 0, size);
    return p;
}

void *_xmalloc_array(size_t elem_size, size_t num, bool zero)
{
    if (elem_size && num > SIZE_MAX / elem_size)
        return NULL;
    return zero ? xzalloc(elem_size * num) : xmalloc(elem_size * num);
}

/* Free object @p of slab @s, or say why not.  xmalloc_lock held. */
static const char *slab_free(struct slab *s, void *p, struct page_info *pg)
{
    size_t off = (char *)p - (char *)s;
    unsigned int idx, cls = s->cls;

    if (s->magic != SLAB_MAGIC || cls >= NR_CLASSES)
        return "slab header corrupted";
    if (off < SLAB_HDR || (off - SLAB_HDR) % class_size[cls] ||
        (idx = (off - SLAB_HDR) / class_size[cls]) >= slab_objs(cls))
        return "pointer is not the start of an object";
    if (!(s->used[idx / 64] & (1ULL << (idx % 64))))
        return "double free";
    s->used[idx / 64] &= ~(1ULL << (idx % 64));
    if (s->nr_used-- == slab_objs(cls))
        partial_push(s);
    /* Keep one empty slab per class to avoid churn; release the others. */
    if (s->nr_used == 0 && (s->next || s->prev)) {
        partial_del(s);
        s->magic = 0;
        pg->owner = 0;
        free_pages(pg, 0);
    }
    return NULL;
}

/* Free @p, or say why it cannot be ours.  xmalloc_lock held. */
static const char *xfree_locked(void *p)
{
    struct page_info *pg = virt_to_page(p);

    if (!pg || ((uintptr_t)p & (XMALLOC_ALIGN - 1)))
        return "pointer not from xmalloc";
    if ((pg->state & PGS_MASK) != PGS_INUSE)
        return "pointer into free memory (double free?)";
    if (pg->owner == OWNER_SLAB)
        return slab_free((void *)((uintptr_t)p & ~(uintptr_t)(PAGE_SIZE - 1)), p, pg);
    if (pg->owner != OWNER_LARGE || !(pg->state & PGF_HEAD) ||
        ((uintptr_t)p & (PAGE_SIZE - 1)))
        return "pointer not from xmalloc";
    pg->owner = 0;
    free_pages(pg, pg->order);
    return NULL;
}

void xfree(void *p)
{
    unsigned long flags;
    const char *why;

    if (!p)
        return;
    spin_lock_irqsave(&xmalloc_lock, flags);
    why = xfree_locked(p);
    spin_unlock_irqrestore(&xmalloc_lock, flags);
    if (why)
        panic("xfree(%p): %s", p, why);
}

void xmalloc_trim(void)
{
    unsigned long flags;

    spin_lock_irqsave(&xmalloc_lock, flags);
    for (unsigned int cls = 0; cls < NR_CLASSES; cls++) {
        struct slab *s = partial[cls], *next;

        for (; s; s = next) {
            next = s->next;
            if (s->nr_used)
                continue;
            partial_del(s);
            s->magic = 0;
            virt_to_page(s)->owner = 0;
            free_pages(virt_to_page(s), 0);
        }
    }
    spin_unlock_irqrestore(&xmalloc_lock, flags);
}
