/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Our own .xz decoder (xen/common/xz/): the .xz container (stream header,
 * blocks, index, footer, stream padding, concatenated streams), the LZMA2
 * filter, the x86 BCJ filter, and CRC32/CRC64 checks (none also accepted;
 * SHA-256 is refused).  Single-call only: the whole input is in memory and
 * the output buffer doubles as the LZMA2 dictionary, so the only other
 * memory is one struct xz_dec the caller provides (xmalloc it: ~30 KiB).
 * Freestanding: no allocation, no globals except the CRC tables.
 */
#ifndef XEN_XZ_H
#define XEN_XZ_H

#include <xen/types.h>

/* One LZMA length coder's probabilities. */
struct xz_lzma_len {
    uint16_t choice, choice2;
    uint16_t low[16][8], mid[16][8], high[256];
};

/* LZMA decoder state: the probability model plus the repeat distances. */
struct xz_lzma {
    uint16_t is_match[12][16], is_rep[12], is_rep0[12], is_rep1[12], is_rep2[12];
    uint16_t is_rep0_long[12][16];
    uint16_t dist_slot[4][64], dist_special[114], dist_align[16];
    struct xz_lzma_len match_len, rep_len;
    uint16_t literal[16][0x300];          /* 1 << (lc + lp) <= 16 in LZMA2 */
    unsigned int lc, lp, pb, state;
    uint32_t rep[4];
};

/* Everything the decoder keeps; the caller allocates it (contents need no init). */
struct xz_dec {
    struct xz_lzma lzma;
    /* Index verification: what the blocks said, to compare with the index. */
    uint64_t blocks, unpadded_sum, uncompressed_sum;
    uint32_t records_crc;
    size_t err_offset;                    /* input offset of the first error */
};

/*
 * Decode the .xz file @in[0, @in_len) (one or more streams, optionally
 * followed by stream padding) into @out[0, @out_cap).  Returns 0 and the
 * output length in *@out_len, or a negative errno with a one-line reason in
 * *@why and the input offset in @s->err_offset:
 *   -EINVAL   corrupt or truncated input (bad magic, CRC, sizes, LZMA data)
 *   -ENOSPC   the output does not fit in @out_cap bytes
 *   -EOPNOTSUPP  valid .xz that uses a filter or check we do not have
 */
int xz_decode(struct xz_dec *s, const uint8_t *in, size_t in_len,
              uint8_t *out, size_t out_cap, size_t *out_len, const char **why);

/* CRC-32 (IEEE, as xz and gzip) and CRC-64 (ECMA-182, as xz) of @len bytes, chained by @crc. */
uint32_t xz_crc32(const uint8_t *buf, size_t len, uint32_t crc);
uint64_t xz_crc64(const uint8_t *buf, size_t len, uint64_t crc);

/* The x86 BCJ decoder over @buf[0, @size) whose first byte is at stream offset @start. */
void xz_bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start);

#endif
