/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * LZMA decoding of one LZMA2 chunk: a range decoder over exactly the
 * chunk's compressed bytes and the LZMA symbol loop writing exactly the
 * chunk's uncompressed bytes into the output, which is also the dictionary
 * (single-call decoding: every earlier byte since the last dictionary reset
 * is still there).  All reads are bounds-checked: reading past the chunk
 * sets an error instead, and a distance reaching before the dictionary
 * start or a match running past the chunk end is corruption.
 */
#include "xz_lzma.h"

#define PROB_BITS   11
#define PROB_INIT   (1u << (PROB_BITS - 1))
#define MOVE_BITS   5
#define TOP         (1u << 24)

#define STATES          12
#define LIT_STATES      7       /* states below this follow a literal */
#define DIST_MODEL_END  14      /* slots from here on use direct bits + align */
#define MATCH_MIN       2

struct rc {
    const uint8_t *in;
    size_t pos, end;
    uint32_t range, code;
    bool overrun;
};

static inline uint8_t rc_byte(struct rc *rc)
{
    if (rc->pos < rc->end)
        return rc->in[rc->pos++];
    rc->overrun = true;
    return 0;
}

static inline void rc_normalize(struct rc *rc)
{
    if (rc->range < TOP) {
        rc->range <<= 8;
        rc->code = (rc->code << 8) | rc_byte(rc);
    }
}

static inline unsigned int rc_bit(struct rc *rc, uint16_t *p)
{
    uint32_t bound;

    rc_normalize(rc);
    bound = (rc->range >> PROB_BITS) * *p;
    if (rc->code < bound) {
        rc->range = bound;
        *p += ((1u << PROB_BITS) - *p) >> MOVE_BITS;
        return 0;
    }
    rc->range -= bound;
    rc->code -= bound;
    *p -= *p >> MOVE_BITS;
    return 1;
}

/* @n bits, most significant first, through a binary tree of probabilities. */
static inline unsigned int rc_tree(struct rc *rc, uint16_t *probs, unsigned int n)
{
    unsigned int m = 1;

    for (unsigned int i = 0; i < n; i++)
        m = (m << 1) | rc_bit(rc, &probs[m]);
    return m - (1u << n);
}

/* @n bits, least significant first (probs[1..] as in rc_tree). */
static inline uint32_t rc_tree_rev(struct rc *rc, uint16_t *probs, unsigned int n)
{
    unsigned int m = 1;
    uint32_t v = 0;

    for (unsigned int i = 0; i < n; i++) {
        unsigned int bit = rc_bit(rc, &probs[m]);
        m = (m << 1) | bit;
        v |= bit << i;
    }
    return v;
}

/* @n bits with probability one half each. */
static inline uint32_t rc_direct(struct rc *rc, unsigned int n)
{
    uint32_t v = 0;

    while (n--) {
        rc_normalize(rc);
        rc->range >>= 1;
        uint32_t bit = rc->code >= rc->range;
        rc->code -= rc->range & (0u - bit);
        v = (v << 1) | bit;
    }
    return v;
}

static void probs_init(uint16_t *p, size_t n)
{
    while (n--)
        *p++ = PROB_INIT;
}

void xz_lzma_reset(struct xz_lzma *lz)
{
    /* Every probability array sits before lc/lp/pb in the struct. */
    probs_init((uint16_t *)lz, offsetof(struct xz_lzma, lc) / sizeof(uint16_t));
    lz->state = 0;
    lz->rep[0] = lz->rep[1] = lz->rep[2] = lz->rep[3] = 0;
}

int xz_lzma_props(struct xz_lzma *lz, uint8_t props)
{
    if (props >= 9 * 5 * 5)
        return -1;
    lz->lc = props % 9;
    lz->lp = (props / 9) % 5;
    lz->pb = props / 45;
    return lz->lc + lz->lp > 4 ? -1 : 0;    /* LZMA2's limit */
}

static unsigned int decode_len(struct rc *rc, struct xz_lzma_len *l, unsigned int pos_state)
{
    if (!rc_bit(rc, &l->choice))
        return MATCH_MIN + rc_tree(rc, l->low[pos_state], 3);
    if (!rc_bit(rc, &l->choice2))
        return MATCH_MIN + 8 + rc_tree(rc, l->mid[pos_state], 3);
    return MATCH_MIN + 16 + rc_tree(rc, l->high, 8);
}

static uint32_t decode_dist(struct rc *rc, struct xz_lzma *lz, unsigned int len)
{
    unsigned int len_state = len - MATCH_MIN < 3 ? len - MATCH_MIN : 3;
    unsigned int slot = rc_tree(rc, lz->dist_slot[len_state], 6);
    unsigned int nbits;
    uint32_t dist;

    if (slot < 4)
        return slot;
    nbits = (slot >> 1) - 1;
    dist = (2u | (slot & 1)) << nbits;
    if (slot < DIST_MODEL_END)
        /* The tree for this slot starts at dist - slot in dist_special (probs[1..]). */
        return dist + rc_tree_rev(rc, lz->dist_special + dist - slot - 1, nbits);
    dist += rc_direct(rc, nbits - 4) << 4;
    return dist + rc_tree_rev(rc, lz->dist_align, 4);
}

static void decode_literal(struct rc *rc, struct xz_lzma *lz, uint8_t *out, size_t pos,
                           size_t dict_start)
{
    size_t n = pos - dict_start;
    unsigned int prev = n ? out[pos - 1] : 0;
    unsigned int ctx = ((n & ((1u << lz->lp) - 1)) << lz->lc) + (prev >> (8 - lz->lc));
    uint16_t *probs = lz->literal[ctx];
    unsigned int sym = 1;

    if (lz->state >= LIT_STATES) {
        /* After a match: follow the byte at rep0 while the bits agree. */
        unsigned int match = out[pos - lz->rep[0] - 1];
        while (sym < 0x100) {
            unsigned int mbit = (match >> 7) & 1;
            match <<= 1;
            unsigned int bit = rc_bit(rc, &probs[((1 + mbit) << 8) + sym]);
            sym = (sym << 1) | bit;
            if (bit != mbit)
                break;
        }
    }
    while (sym < 0x100)
        sym = (sym << 1) | rc_bit(rc, &probs[sym]);
    out[pos] = (uint8_t)sym;
    lz->state = lz->state < 4 ? 0 : lz->state < 10 ? lz->state - 3 : lz->state - 6;
}

/* A rep match: pick the distance (rotating the reps) and return the length. */
static unsigned int decode_rep(struct rc *rc, struct xz_lzma *lz, unsigned int pos_state)
{
    unsigned int s = lz->state;
    uint32_t dist;

    if (!rc_bit(rc, &lz->is_rep0[s])) {
        if (!rc_bit(rc, &lz->is_rep0_long[s][pos_state])) {
            lz->state = s < LIT_STATES ? 9 : 11;        /* short rep: one byte */
            return 1;
        }
    } else {
        if (!rc_bit(rc, &lz->is_rep1[s])) {
            dist = lz->rep[1];
        } else {
            if (!rc_bit(rc, &lz->is_rep2[s])) {
                dist = lz->rep[2];
            } else {
                dist = lz->rep[3];
                lz->rep[3] = lz->rep[2];
            }
            lz->rep[2] = lz->rep[1];
        }
        lz->rep[1] = lz->rep[0];
        lz->rep[0] = dist;
    }
    lz->state = s < LIT_STATES ? 8 : 11;
    return decode_len(rc, &lz->rep_len, pos_state);
}

int xz_lzma_chunk(struct xz_lzma *lz, const uint8_t *in, size_t in_len,
                  uint8_t *out, size_t dict_start, size_t pos, size_t end,
                  const char **why, size_t *where)
{
    struct rc rc = { .in = in, .end = in_len, .range = 0xffffffffu };
    unsigned int pb_mask = (1u << lz->pb) - 1;

    if (in_len < 5 || in[0] != 0)
        return *why = "bad LZMA range coder start", -1;
    rc.pos = 1;
    for (int i = 0; i < 4; i++)
        rc.code = (rc.code << 8) | in[rc.pos++];
    *where = rc.pos;
    while (pos < end) {
        unsigned int pos_state = (pos - dict_start) & pb_mask;
        unsigned int len;

        if (rc.overrun)
            break;
        *where = rc.pos;
        if (!rc_bit(&rc, &lz->is_match[lz->state][pos_state])) {
            decode_literal(&rc, lz, out, pos++, dict_start);
            continue;
        }
        if (rc_bit(&rc, &lz->is_rep[lz->state])) {
            if (pos == dict_start)
                return *why = "LZMA repeat match with an empty dictionary", -1;
            len = decode_rep(&rc, lz, pos_state);
        } else {
            lz->rep[3] = lz->rep[2];
            lz->rep[2] = lz->rep[1];
            lz->rep[1] = lz->rep[0];
            len = decode_len(&rc, &lz->match_len, pos_state);
            lz->state = lz->state < LIT_STATES ? 7 : 10;
            lz->rep[0] = decode_dist(&rc, lz, len);
            if (lz->rep[0] == 0xffffffffu)
                return *why = "LZMA end marker inside LZMA2 data", -1;
        }
        if (lz->rep[0] >= pos - dict_start)
            return *why = "LZMA match distance beyond the dictionary", -1;
        if (len > end - pos)
            return *why = "LZMA match runs past the chunk's uncompressed size", -1;
        /* Byte by byte: a match may overlap the bytes it produces. */
        for (const uint8_t *src = out + pos - lz->rep[0] - 1; len--; )
            out[pos++] = *src++;
    }
    *where = rc.pos;
    if (rc.overrun)
        return *why = "LZMA data runs past the chunk's compressed size (truncated or corrupt)", -1;
    rc_normalize(&rc);
    if (rc.overrun || rc.pos != rc.end || rc.code != 0)
        return *why = "LZMA chunk does not end where its compressed size says", -1;
    return 0;
}
