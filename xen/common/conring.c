/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The console ring: the last N bytes printed, addressed by absolute byte
 * index (prod counts every byte ever written), so readers can resume where
 * they left off and resizing keeps indices.  Callers serialise (console.c
 * holds the console lock).  Host-testable.
 */
#include <xen/console.h>
#include <xen/lib.h>

void conring_init(struct conring *r, char *buf, size_t size)
{
    ASSERT(size && !(size & (size - 1)));
    r->buf = buf;
    r->size = size;
    r->prod = 0;
    r->first = 0;
}

void conring_put(struct conring *r, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        r->buf[(r->prod + i) & (r->size - 1)] = s[i];
    r->prod += len;
}

uint64_t conring_oldest(const struct conring *r)
{
    return max(r->first, r->prod > r->size ? r->prod - r->size : 0);
}

size_t conring_copy(const struct conring *r, uint64_t *pos, char *buf, size_t size)
{
    uint64_t i = max(*pos, conring_oldest(r));
    size_t n = 0;

    for (; i < r->prod && n < size; i++)
        buf[n++] = r->buf[i & (r->size - 1)];
    *pos = i;
    return n;
}

void conring_move(struct conring *r, char *buf, size_t size)
{
    uint64_t start = r->prod > size ? r->prod - size : 0;

    ASSERT(size && !(size & (size - 1)));
    start = max(start, conring_oldest(r));
    for (uint64_t i = start; i < r->prod; i++)
        buf[i & (size - 1)] = r->buf[i & (r->size - 1)];
    r->buf = buf;
    r->size = size;
    r->first = start;
}

size_t conring_size_for(uint64_t request)
{
    size_t size = CONRING_MIN_SIZE;

    while (size < request && size < CONRING_MAX_SIZE)
        size <<= 1;
    return size;
}
