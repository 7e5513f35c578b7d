/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Time-scale construction and application; see pvclock.h for the model. */
#include "pvclock.h"

#define RATIO_MAX (1ull << 62)

/* floor(num * 2^k / den) for num < 2^62, den in [1, 2^62], small results. */
static uint64_t div_shifted(uint64_t num, uint64_t den, unsigned int k)
{
    uint64_t q = num / den, r = num % den;

    while (k--) {
        q <<= 1;
        r <<= 1;            /* r < den <= 2^62: cannot overflow */
        if (r >= den) {
            r -= den;
            q |= 1;
        }
    }
    return q;
}

static unsigned int bit_length(uint64_t v)
{
    unsigned int n = 0;

    for (; v; v >>= 1)
        n++;
    return n;
}

static uint64_t clamp_ratio_term(uint64_t v)
{
    return v == 0 ? 1 : v > RATIO_MAX ? RATIO_MAX : v;
}

/*
 * With f = num/den, pick shift so that f * 2^-shift lies in [1/2, 1); then
 * mul_frac = round(f * 2^(32 - shift)), which lies in [2^31, 2^32].
 */
void set_time_scale_ratio(struct time_scale *ts, uint64_t num, uint64_t den)
{
    int shift;
    uint64_t mul;

    num = clamp_ratio_term(num);
    den = clamp_ratio_term(den);
    /* Now 2^(shift-1) < f < 2^(shift+1); no shift below can overflow. */
    shift = (int)bit_length(num) - (int)bit_length(den);
    if (shift >= 0 ? num >= den << shift : num << -shift >= den)
        shift++;                    /* f >= 2^shift */
    if (shift > TIME_SCALE_MAX_SHIFT)
        goto too_big;
    if (shift < -TIME_SCALE_MAX_SHIFT) {
        *ts = (struct time_scale){ -TIME_SCALE_MAX_SHIFT, 1u << 31 };
        return;
    }
    /* One extra bit for rounding: 33 - shift >= 2 because shift <= 31. */
    mul = div_shifted(num, den, (unsigned int)(33 - shift));
    mul = (mul + 1) >> 1;
    if (mul > UINT32_MAX) {         /* rounded up to 2^32: renormalise */
        mul >>= 1;
        shift++;
    }
    if (shift > TIME_SCALE_MAX_SHIFT)
        goto too_big;
    ts->shift = shift;
    ts->mul_frac = (uint32_t)mul;
    return;

too_big:
    *ts = (struct time_scale){ TIME_SCALE_MAX_SHIFT, UINT32_MAX };
}

void set_time_scale(struct time_scale *ts, uint64_t ticks_per_sec)
{
    set_time_scale_ratio(ts, 1000000000ull, ticks_per_sec);
}

void set_time_scale_inverse(struct time_scale *ts, uint64_t ticks_per_sec)
{
    set_time_scale_ratio(ts, ticks_per_sec, 1000000000ull);
}

uint64_t scale_delta(uint64_t delta, const struct time_scale *ts)
{
    uint64_t hi, lo, sum;

    /* Any shift works (the struct may come from elsewhere): saturate. */
    if (ts->shift <= -64) {
        delta = 0;
    } else if (ts->shift < 0) {
        delta >>= -ts->shift;
    } else if (ts->shift >= 64) {
        if (delta)
            return ts->mul_frac ? UINT64_MAX : 0;
    } else if (ts->shift > 0) {
        if (delta >> (64 - ts->shift))  /* the shift alone would overflow */
            return ts->mul_frac ? UINT64_MAX : 0;
        delta <<= ts->shift;
    }
    /* (hi * 2^32 + lo) * mul >> 32 = hi * mul + (lo * mul >> 32) */
    hi = (delta >> 32) * ts->mul_frac;
    lo = ((delta & UINT32_MAX) * ts->mul_frac) >> 32;
    sum = hi + lo;
    return sum < hi ? UINT64_MAX : sum;
}
