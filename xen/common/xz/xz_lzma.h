/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* The LZMA layer under LZMA2 (xz_lzma.c). */
#ifndef XEN_COMMON_XZ_LZMA_H
#define XEN_COMMON_XZ_LZMA_H

#include <xen/xz.h>

/* All probabilities to one half, state 0, repeat distances 0. */
void xz_lzma_reset(struct xz_lzma *lz);
/* Set lc/lp/pb from an LZMA properties byte; -1 if invalid for LZMA2. */
int xz_lzma_props(struct xz_lzma *lz, uint8_t props);
/*
 * Decode one chunk: compressed bytes @in[0, @in_len), output @out[@pos,
 * @end), dictionary from @dict_start.  0, or -1 with *@why and, in
 * *@where, how far into @in the decoder had read.
 */
int xz_lzma_chunk(struct xz_lzma *lz, const uint8_t *in, size_t in_len,
                  uint8_t *out, size_t dict_start, size_t pos, size_t end,
                  const char **why, size_t *where);

#endif
