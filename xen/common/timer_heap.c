/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Binary min-heap of timers ordered by expiry.  Pure data-structure code
 * (no locking, no hardware), so it runs in the host unit tests too.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/timer.h>

static void place(struct timer_heap *h, unsigned int pos, struct timer *t)
{
    h->slot[pos] = t;
    t->heap_pos = pos;
}

/* Move the timer at @pos towards the root while it is earlier than its parent. */
static void sift_up(struct timer_heap *h, unsigned int pos)
{
    struct timer *t = h->slot[pos];

    while (pos > 0) {
        unsigned int parent = (pos - 1) / 2;

        if (h->slot[parent]->expires <= t->expires)
            break;
        place(h, pos, h->slot[parent]);
        pos = parent;
    }
    place(h, pos, t);
}

/* Move the timer at @pos down while a child is earlier. */
static void sift_down(struct timer_heap *h, unsigned int pos)
{
    struct timer *t = h->slot[pos];

    for (;;) {
        unsigned int child = 2 * pos + 1;

        if (child >= h->size)
            break;
        if (child + 1 < h->size && h->slot[child + 1]->expires < h->slot[child]->expires)
            child++;
        if (t->expires <= h->slot[child]->expires)
            break;
        place(h, pos, h->slot[child]);
        pos = child;
    }
    place(h, pos, t);
}

void timer_heap_init(struct timer_heap *h, struct timer **slots, unsigned int capacity)
{
    h->slot = slots;
    h->size = 0;
    h->capacity = slots ? capacity : 0;
}

int timer_heap_add(struct timer_heap *h, struct timer *t)
{
    if (h->size >= h->capacity)
        return -ENOSPC;
    place(h, h->size++, t);
    sift_up(h, t->heap_pos);
    return 0;
}

void timer_heap_remove(struct timer_heap *h, struct timer *t)
{
    unsigned int pos = t->heap_pos;
    struct timer *last;

    BUG_ON(pos >= h->size || h->slot[pos] != t);
    last = h->slot[--h->size];
    if (last == t)
        return;
    place(h, pos, last);
    timer_heap_update(h, last);
}

void timer_heap_update(struct timer_heap *h, struct timer *t)
{
    unsigned int pos = t->heap_pos;

    BUG_ON(pos >= h->size || h->slot[pos] != t);
    if (pos > 0 && t->expires < h->slot[(pos - 1) / 2]->expires)
        sift_up(h, pos);
    else
        sift_down(h, pos);
}

struct timer *timer_heap_first(const struct timer_heap *h)
{
    return h->size ? h->slot[0] : NULL;
}

int timer_heap_resize(struct timer_heap *h, struct timer **slots, unsigned int capacity)
{
    if (!slots || capacity < h->size)
        return -EINVAL;
    for (unsigned int i = 0; i < h->size; i++)
        slots[i] = h->slot[i];
    h->slot = slots;
    h->capacity = capacity;
    return 0;
}

bool timer_heap_valid(const struct timer_heap *h)
{
    if (h->size > h->capacity)
        return false;
    for (unsigned int i = 0; i < h->size; i++) {
        if (!h->slot[i] || h->slot[i]->heap_pos != i)
            return false;
        if (i > 0 && h->slot[(i - 1) / 2]->expires > h->slot[i]->expires)
            return false;
    }
    return true;
}
