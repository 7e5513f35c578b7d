/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The .xz container.  A file is one or more streams, each optionally
 * followed by stream padding (zero bytes, a multiple of four):
 *   stream header  FD 37 7A 58 5A 00, flags (00, check id), CRC32(flags)
 *   blocks         header (size byte, flags, optional sizes, filter flags,
 *                  zero padding, CRC32), LZMA2 data, zero padding to a
 *                  multiple of four, the check of the uncompressed data
 *   index          00, record count, (unpadded size, uncompressed size)
 *                  per block, zero padding, CRC32
 *   stream footer  CRC32, backward size (index size / 4 - 1), the flags
 *                  again, 59 5A ("YZ")
 * Integers in block headers and the index are little-endian base-128
 * (at most 9 bytes, no redundant zero byte).  Every field is checked; the
 * index must describe exactly the blocks we decoded (compared through a
 * running CRC32 of the records, so no memory is needed for them).
 */
#include <xen/errno.h>
#include <xen/string.h>
#include "xz_private.h"

#define FILTER_X86      0x04
#define FILTER_LZMA2    0x21
#define CHECK_NONE      0x0
#define CHECK_CRC32     0x1
#define CHECK_CRC64     0x4
#define CHECK_SHA256    0xa
#define VLI_MAX         ((uint64_t)-1 >> 1)

static const uint8_t header_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

/* Size of each check id's field (the format reserves ids 0-15). */
static const uint8_t check_size[16] = { 0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64 };

int xz_fail(struct xz_cursor *c, int rc, const char *why)
{
    if (!c->rc) {
        c->rc = rc;
        c->why = why;
    }
    return c->rc;
}

static int need(struct xz_cursor *c, size_t n, const char *what)
{
    return c->len - c->pos >= n ? 0 : xz_fail(c, -EINVAL, what);
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A variable-length integer from @p[*pos, end). */
static int vli(struct xz_cursor *c, size_t end, uint64_t *v)
{
    *v = 0;
    for (unsigned int i = 0; i < 9; i++) {
        if (c->pos >= end)
            return xz_fail(c, -EINVAL, "truncated integer in a block header or the index");
        uint8_t b = c->buf[c->pos++];
        *v |= (uint64_t)(b & 0x7f) << (7 * i);
        if (!(b & 0x80))
            return i && !b ? xz_fail(c, -EINVAL, "non-minimal integer encoding") : 0;
    }
    return xz_fail(c, -EINVAL, "integer longer than 9 bytes");
}

static bool all_zero(const uint8_t *p, size_t n)
{
    while (n--)
        if (*p++)
            return false;
    return true;
}

/* What a block header says. */
struct block_info {
    size_t header_size;
    uint64_t csize, usize;              /* VLI_MAX + 1 when absent */
    bool x86;
    uint32_t x86_start;
};

static int filter(struct xz_cursor *c, size_t end, bool last, struct block_info *bi)
{
    uint64_t id, psize;

    if (vli(c, end, &id) || vli(c, end, &psize))
        return c->rc;
    if (psize > end - c->pos)
        return xz_fail(c, -EINVAL, "filter properties run past the block header");
    if (id == FILTER_LZMA2) {
        if (!last)
            return xz_fail(c, -EINVAL, "LZMA2 is not the last filter");
        if (psize != 1 || (c->buf[c->pos] & 0xc0) || c->buf[c->pos] > 40)
            return xz_fail(c, -EINVAL, "bad LZMA2 dictionary size property");
    } else if (id == FILTER_X86) {
        if (last || bi->x86)
            return xz_fail(c, -EINVAL, "x86 BCJ filter in a bad position");
        if (psize != 0 && psize != 4)
            return xz_fail(c, -EINVAL, "bad x86 BCJ properties");
        bi->x86 = true;
        bi->x86_start = psize ? le32(c->buf + c->pos) : 0;
    } else if (last) {
        return xz_fail(c, -EOPNOTSUPP, "last filter is not LZMA2 (unsupported filter)");
    } else {
        return xz_fail(c, -EOPNOTSUPP, "unsupported filter (only x86 BCJ and LZMA2)");
    }
    c->pos += psize;
    return 0;
}

static int block_header(struct xz_cursor *c, struct block_info *bi)
{
    size_t start = c->pos, end;
    uint8_t flags;

    memset(bi, 0, sizeof(*bi));
    bi->header_size = ((size_t)c->buf[c->pos] + 1) * 4;
    if (need(c, bi->header_size, "truncated block header"))
        return c->rc;
    end = start + bi->header_size - 4;
    if (xz_crc32(c->buf + start, bi->header_size - 4, 0) != le32(c->buf + end))
        return xz_fail(c, -EINVAL, "block header CRC32 mismatch");
    flags = c->buf[start + 1];
    c->pos = start + 2;
    if (flags & 0x3c)
        return xz_fail(c, -EOPNOTSUPP, "reserved block flags set");
    bi->csize = bi->usize = VLI_MAX + 1;
    if ((flags & 0x40) && vli(c, end, &bi->csize))
        return c->rc;
    if ((flags & 0x80) && vli(c, end, &bi->usize))
        return c->rc;
    if (bi->csize == 0)
        return xz_fail(c, -EINVAL, "block header gives compressed size 0");
    for (unsigned int i = 0, n = (flags & 3) + 1; i < n; i++)
        if (filter(c, end, i == n - 1, bi))
            return c->rc;
    if (!all_zero(c->buf + c->pos, end - c->pos))
        return xz_fail(c, -EOPNOTSUPP, "non-zero block header padding");
    c->pos = end + 4;
    return 0;
}

static bool check_matches(unsigned int check, const uint8_t *data, size_t len,
                          const uint8_t *field)
{
    if (check == CHECK_CRC32)
        return xz_crc32(data, len, 0) == le32(field);
    if (check == CHECK_CRC64)
        return xz_crc64(data, len, 0) == ((uint64_t)le32(field + 4) << 32 | le32(field));
    return true;                        /* CHECK_NONE */
}

/* Fold one (unpadded, uncompressed) record into the running hash. */
static void record(struct xz_dec *s, uint64_t unpadded, uint64_t usize)
{
    uint8_t rec[16];

    for (int i = 0; i < 8; i++) {
        rec[i] = (uint8_t)(unpadded >> (8 * i));
        rec[8 + i] = (uint8_t)(usize >> (8 * i));
    }
    s->records_crc = xz_crc32(rec, sizeof(rec), s->records_crc);
    s->blocks++;
    s->unpadded_sum += unpadded;
    s->uncompressed_sum += usize;
}

static int block(struct xz_dec *s, struct xz_cursor *c, unsigned int check,
                 uint8_t *out, size_t out_cap, size_t *out_pos)
{
    struct block_info bi;
    size_t in_start, out_start = *out_pos;
    uint64_t csize, usize;

    if (block_header(c, &bi))
        return c->rc;
    in_start = c->pos;
    if (xz_lzma2_decode(&s->lzma, c, out, out_cap, out_pos))
        return c->rc;
    csize = c->pos - in_start;
    usize = *out_pos - out_start;
    if ((bi.csize <= VLI_MAX && bi.csize != csize) || (bi.usize <= VLI_MAX && bi.usize != usize))
        return xz_fail(c, -EINVAL, "block sizes differ from its header");
    while (c->pos & 3) {
        if (need(c, 1, "truncated block padding"))
            return c->rc;
        if (c->buf[c->pos++])
            return xz_fail(c, -EINVAL, "non-zero block padding");
    }
    if (bi.x86)
        xz_bcj_x86_decode(out + out_start, usize, bi.x86_start);
    if (need(c, check_size[check], "truncated block check"))
        return c->rc;
    if (!check_matches(check, out + out_start, usize, c->buf + c->pos))
        return xz_fail(c, -EINVAL, check == CHECK_CRC32 ? "CRC32 of the data does not match"
                                                        : "CRC64 of the data does not match");
    c->pos += check_size[check];
    record(s, bi.header_size + csize + check_size[check], usize);
    return 0;
}

static int check_index(struct xz_dec *s, struct xz_cursor *c, size_t *index_size)
{
    size_t start = c->pos;
    uint64_t count, unpadded, usize;
    uint64_t blocks = 0, unpadded_sum = 0, usum = 0;
    uint32_t crc = 0;

    c->pos++;                           /* the 0x00 indicator */
    if (vli(c, c->len, &count))
        return c->rc;
    if (count != s->blocks)
        return xz_fail(c, -EINVAL, "index record count differs from the blocks");
    for (; blocks < count; blocks++) {
        uint8_t rec[16];
        if (vli(c, c->len, &unpadded) || vli(c, c->len, &usize))
            return c->rc;
        for (int i = 0; i < 8; i++) {
            rec[i] = (uint8_t)(unpadded >> (8 * i));
            rec[8 + i] = (uint8_t)(usize >> (8 * i));
        }
        crc = xz_crc32(rec, sizeof(rec), crc);
        unpadded_sum += unpadded;
        usum += usize;
    }
    if (crc != s->records_crc || unpadded_sum != s->unpadded_sum || usum != s->uncompressed_sum)
        return xz_fail(c, -EINVAL, "index does not match the decoded blocks");
    while ((c->pos - start) & 3) {
        if (need(c, 1, "truncated index"))
            return c->rc;
        if (c->buf[c->pos++])
            return xz_fail(c, -EINVAL, "non-zero index padding");
    }
    if (need(c, 4, "truncated index"))
        return c->rc;
    if (xz_crc32(c->buf + start, c->pos - start, 0) != le32(c->buf + c->pos))
        return xz_fail(c, -EINVAL, "index CRC32 mismatch");
    c->pos += 4;
    *index_size = c->pos - start;
    return 0;
}

static int stream(struct xz_dec *s, struct xz_cursor *c, uint8_t *out, size_t out_cap,
                  size_t *out_pos)
{
    const uint8_t *h = c->buf + c->pos, *f;
    size_t index_size = 0;
    unsigned int check;

    if (need(c, 12, "truncated stream header"))
        return c->rc;
    if (memcmp(h, header_magic, sizeof(header_magic)))
        return xz_fail(c, -EINVAL, "not an .xz stream (bad magic)");
    if (xz_crc32(h + 6, 2, 0) != le32(h + 8))
        return xz_fail(c, -EINVAL, "stream header CRC32 mismatch");
    if (h[6] || (h[7] & 0xf0))
        return xz_fail(c, -EOPNOTSUPP, "unsupported stream flags");
    check = h[7];
    if (check != CHECK_NONE && check != CHECK_CRC32 && check != CHECK_CRC64)
        return xz_fail(c, -EOPNOTSUPP, check == CHECK_SHA256 ? "SHA-256 check not supported"
                                                             : "unknown check type");
    c->pos += 12;
    s->blocks = s->unpadded_sum = s->uncompressed_sum = 0;
    s->records_crc = 0;
    for (;;) {
        if (need(c, 1, "truncated stream (no index)"))
            return c->rc;
        if (!c->buf[c->pos])
            break;
        if (block(s, c, check, out, out_cap, out_pos))
            return c->rc;
    }
    if (check_index(s, c, &index_size) || need(c, 12, "truncated stream footer"))
        return c->rc;
    f = c->buf + c->pos;
    if (f[10] != 'Y' || f[11] != 'Z')
        return xz_fail(c, -EINVAL, "bad stream footer magic");
    if (xz_crc32(f + 4, 6, 0) != le32(f))
        return xz_fail(c, -EINVAL, "stream footer CRC32 mismatch");
    if ((uint64_t)le32(f + 4) * 4 + 4 != index_size)
        return xz_fail(c, -EINVAL, "stream footer backward size differs from the index");
    if (f[8] != h[6] || f[9] != h[7])
        return xz_fail(c, -EINVAL, "stream footer flags differ from the header");
    c->pos += 12;
    return 0;
}

int xz_decode(struct xz_dec *s, const uint8_t *in, size_t in_len,
              uint8_t *out, size_t out_cap, size_t *out_len, const char **why)
{
    struct xz_cursor c = { .buf = in, .len = in_len };
    size_t out_pos = 0;

    s->err_offset = 0;
    if (!in_len)
        xz_fail(&c, -EINVAL, "empty input (not an .xz file)");
    while (!c.rc && c.pos < c.len) {
        if (stream(s, &c, out, out_cap, &out_pos))
            break;
        /* Stream padding: zero bytes in groups of four, then maybe another stream. */
        size_t pad = c.pos;
        while (c.pos < c.len && !c.buf[c.pos])
            c.pos++;
        if ((c.pos - pad) & 3)
            xz_fail(&c, -EINVAL, "stream padding is not a multiple of four bytes");
    }
    if (c.rc) {
        s->err_offset = c.pos;
        *why = c.why;
        return c.rc;
    }
    *out_len = out_pos;
    return 0;
}
