/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* gt-self's two parts (gt-self.c: sizes, versions, frames; ops.c: the rest). */
#ifndef GT_SELF_H
#define GT_SELF_H

#include "gnttab.h"

#define DOMID_NONE  0x7000

extern uint8_t pages[4][4096];          /* scratch pages (GFN = address >> 12) */
extern domid_t me;
extern bool all_ops;

uint8_t pattern_byte(uint32_t seed, unsigned int i);  /* byte @i of gt_fill(seed) */
unsigned int table_entries(void);       /* entries in the whole table (query_size) */
int16_t swap(grant_ref_t a, grant_ref_t b);

void check_copy(void);
void check_self_map(unsigned int version);
void check_subpage(void);
void check_map_over_ram(void);
void check_map_addrs(void);
void check_swap(void);
void check_batches(void);
void check_batch_fault(void);
void check_maptrack(unsigned long frames);

#endif
