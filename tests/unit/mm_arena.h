/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Host "directmap" for the page allocator: a page-aligned malloc'd arena
 * standing for machine frames [0, frames), and a fresh frame table.
 */
#ifndef TESTS_UNIT_MM_ARENA_H
#define TESTS_UNIT_MM_ARENA_H

#include <xen/mm.h>

extern unsigned char *arena;
extern unsigned long arena_frames;

/* New arena and empty heap over @frames frames (nothing free yet). */
void arena_setup(unsigned long frames);

#endif
