/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * LZMA2 chunk framing.  A control byte starts each chunk:
 *   0x00        end of the LZMA2 data
 *   0x01 / 0x02 uncompressed chunk with / without a dictionary reset,
 *               then a 16-bit big-endian size - 1
 *   0x80-0xFF   LZMA chunk: bits 0-4 are bits 16-20 of the uncompressed
 *               size - 1, bits 5-6 say what is reset (0 nothing, 1 state,
 *               2 state + new properties, 3 also the dictionary); then
 *               16 bits of uncompressed size - 1, 16 bits of compressed
 *               size - 1, and the properties byte when bit 6 is set
 *   else        invalid
 * The first chunk must reset the dictionary, and the first LZMA chunk after
 * a dictionary reset must carry properties.
 */
#include <xen/errno.h>
#include <xen/string.h>
#include "xz_private.h"
#include "xz_lzma.h"

struct lzma2 {
    struct xz_lzma *lz;
    size_t dict_start;
    bool need_dict_reset, need_props;
};

static int need(struct xz_cursor *c, size_t n)
{
    return c->len - c->pos >= n ? 0 : xz_fail(c, -EINVAL, "LZMA2 data is truncated");
}

static void dict_reset(struct lzma2 *l, size_t pos)
{
    l->dict_start = pos;
    l->need_dict_reset = false;
    l->need_props = true;
    xz_lzma_reset(l->lz);
}

static int uncompressed_chunk(struct lzma2 *l, struct xz_cursor *c, uint8_t ctl,
                              uint8_t *out, size_t out_cap, size_t *out_pos)
{
    size_t size;

    if (need(c, 2))
        return c->rc;
    size = ((size_t)c->buf[c->pos] << 8 | c->buf[c->pos + 1]) + 1;
    c->pos += 2;
    if (ctl == 1)
        dict_reset(l, *out_pos);
    if (need(c, size))
        return c->rc;
    if (size > out_cap - *out_pos)
        return xz_fail(c, -ENOSPC, "output buffer too small for the decompressed data");
    memcpy(out + *out_pos, c->buf + c->pos, size);
    c->pos += size;
    *out_pos += size;
    return 0;
}

static int lzma_chunk(struct lzma2 *l, struct xz_cursor *c, uint8_t ctl,
                      uint8_t *out, size_t out_cap, size_t *out_pos)
{
    unsigned int reset = (ctl >> 5) & 3;
    size_t usize, csize;
    const char *why;
    size_t where;

    if (need(c, 4))
        return c->rc;
    usize = ((size_t)(ctl & 0x1f) << 16 | (size_t)c->buf[c->pos] << 8 | c->buf[c->pos + 1]) + 1;
    csize = ((size_t)c->buf[c->pos + 2] << 8 | c->buf[c->pos + 3]) + 1;
    c->pos += 4;
    if (reset == 3)
        dict_reset(l, *out_pos);
    if (reset >= 2) {
        if (need(c, 1))
            return c->rc;
        if (xz_lzma_props(l->lz, c->buf[c->pos++]))
            return xz_fail(c, -EINVAL, "bad LZMA properties byte (lc/lp/pb)");
        l->need_props = false;
    } else if (l->need_props) {
        return xz_fail(c, -EINVAL, "LZMA2 chunk without properties after a dictionary reset");
    }
    if (reset >= 1)
        xz_lzma_reset(l->lz);
    if (need(c, csize))
        return c->rc;
    if (usize > out_cap - *out_pos)
        return xz_fail(c, -ENOSPC, "output buffer too small for the decompressed data");
    if (xz_lzma_chunk(l->lz, c->buf + c->pos, csize, out, l->dict_start, *out_pos,
                      *out_pos + usize, &why, &where)) {
        c->pos += where;            /* report where in the chunk it went wrong */
        return xz_fail(c, -EINVAL, why);
    }
    c->pos += csize;
    *out_pos += usize;
    return 0;
}

int xz_lzma2_decode(struct xz_lzma *lz, struct xz_cursor *c,
                    uint8_t *out, size_t out_cap, size_t *out_pos)
{
    struct lzma2 l = { .lz = lz, .dict_start = *out_pos, .need_dict_reset = true,
                       .need_props = true };

    for (;;) {
        uint8_t ctl;
        int rc;

        if (need(c, 1))
            return c->rc;
        ctl = c->buf[c->pos++];
        if (ctl == 0)
            return 0;
        if (ctl > 2 && ctl < 0x80)
            return xz_fail(c, -EINVAL, "bad LZMA2 control byte");
        if (l.need_dict_reset && ctl != 1 && ctl < 0xe0)
            return xz_fail(c, -EINVAL, "LZMA2 data does not start with a dictionary reset");
        rc = ctl < 0x80 ? uncompressed_chunk(&l, c, ctl, out, out_cap, out_pos)
                        : lzma_chunk(&l, c, ctl, out, out_cap, out_pos);
        if (rc)
            return rc;
    }
}
