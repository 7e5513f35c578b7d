/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The arch hooks of xen/mm.h over a malloc'd arena (see mm_arena.h). */
#include <stdlib.h>
#include <string.h>
#include "mm_arena.h"

unsigned char *arena;
unsigned long arena_frames;
static struct page_info *table;

void *arch_mfn_to_virt(unsigned long mfn)
{
    return mfn < arena_frames ? arena + mfn * PAGE_SIZE : NULL;
}

unsigned long arch_virt_to_mfn(const void *va)
{
    const unsigned char *p = va;

    if (!arena || p < arena || p >= arena + arena_frames * PAGE_SIZE)
        return INVALID_MFN;
    return (unsigned long)(p - arena) / PAGE_SIZE;
}

void arena_setup(unsigned long frames)
{
    free(arena);
    free(table);
    arena = aligned_alloc(PAGE_SIZE, frames * PAGE_SIZE);
    table = calloc(frames, sizeof(*table));
    if (!arena || !table)
        abort();
    arena_frames = frames;
    page_alloc_init(table, frames);
}
