/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* pvclock time scaling: accuracy, monotonicity, range and bad input. */
#include "harness.h"
#include <stdint.h>
#include <pvclock/pvclock.h>

#define NSEC_PER_SEC 1000000000ull
#define TEN_YEARS_NS (10ull * 366 * 24 * 3600 * NSEC_PER_SEC)

/* Exact delta * num / den with 128-bit arithmetic (host reference). */
static unsigned __int128 exact(uint64_t delta, uint64_t num, uint64_t den)
{
    return (unsigned __int128)delta * num / den;
}

/* |got - want| <= want * 2^-30 + slack, the bound pvclock.h promises. */
static int close_enough(uint64_t got, unsigned __int128 want, uint64_t slack)
{
    unsigned __int128 diff = got > want ? got - want : want - got;
    return diff <= (want >> 30) + slack;
}

static const uint64_t freqs[] = {
    500000000ull, 999999999ull, 1000000000ull, 1000000001ull, 1193182ull * 1000,
    2100000000ull, 2494334000ull, 3000000000ull, 3599999999ull, 4294967295ull,
    4294967296ull, 4700000123ull, 5000000000ull,
};

TEST(accuracy_500mhz_to_5ghz)
{
    for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
        struct time_scale ts;
        uint64_t f = freqs[i];

        set_time_scale(&ts, f);
        CHECK(ts.mul_frac >= (1u << 31));
        for (uint64_t d = 1; d < (1ull << 62); d = d * 3 + 7) {
            unsigned __int128 want = exact(d, NSEC_PER_SEC, f);
            if (want > TEN_YEARS_NS)
                break;
            /* slack: the right shift drops up to 2^-shift ticks (< 1 ns here) */
            CHECK(close_enough(scale_delta(d, &ts), want, 2));
        }
        /* One second of ticks is one second, to within 2 ns. */
        CHECK(close_enough(scale_delta(f, &ts), NSEC_PER_SEC, 2));
    }
}

TEST(inverse_scale)
{
    for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
        struct time_scale to_ns, to_ticks;
        uint64_t f = freqs[i];

        set_time_scale(&to_ns, f);
        set_time_scale_inverse(&to_ticks, f);
        for (uint64_t ns = 1; ns < TEN_YEARS_NS; ns = ns * 5 + 3) {
            uint64_t ticks = scale_delta(ns, &to_ticks);
            CHECK(close_enough(ticks, exact(ns, f, NSEC_PER_SEC), 2));
            /* Round trip loses at most a few ns plus the relative error. */
            CHECK(close_enough(scale_delta(ticks, &to_ns), ns, 4));
        }
    }
}

TEST(matches_xen_for_round_frequencies)
{
    struct time_scale ts;

    set_time_scale(&ts, 1000000000ull);        /* 1 GHz: factor exactly 1 */
    CHECK_EQ(ts.shift, 1);
    CHECK_EQ(ts.mul_frac, 1u << 31);
    set_time_scale(&ts, 500000000ull);         /* 500 MHz: factor 2 */
    CHECK_EQ(ts.shift, 2);
    CHECK_EQ(ts.mul_frac, 1u << 31);
    set_time_scale(&ts, 4000000000ull);        /* 4 GHz: factor 1/4 */
    CHECK_EQ(ts.shift, -1);
    CHECK_EQ(ts.mul_frac, 1u << 31);
    CHECK_EQ(scale_delta(4000000000ull, &ts), NSEC_PER_SEC);
}

TEST(monotonic)
{
    for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
        struct time_scale ts;
        uint64_t prev = 0, d = 0;

        set_time_scale(&ts, freqs[i]);
        /* Dense near 0, near 2^32 (the split point) and sparse beyond. */
        for (unsigned int n = 0; n < 200000 && d < (1ull << 60); n++) {
            uint64_t v = scale_delta(d, &ts);
            CHECK(v >= prev);
            prev = v;
            d += n < 100000 ? 1 : (d >> 12) + 1;
            if (n == 50000)
                d = (1ull << 32) - 50000;
        }
    }
}

TEST(ten_years_no_overflow)
{
    for (unsigned int i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
        struct time_scale ts;
        uint64_t f = freqs[i];
        uint64_t ticks = (uint64_t)exact(TEN_YEARS_NS, f, NSEC_PER_SEC);

        set_time_scale(&ts, f);
        CHECK(close_enough(scale_delta(ticks, &ts), TEN_YEARS_NS, 2));
        CHECK(scale_delta(ticks, &ts) < UINT64_MAX);
    }
}

TEST(shift_range)
{
    struct time_scale ts;

    for (uint64_t f = 1; f && f <= (1ull << 62); f <<= 1) {
        set_time_scale(&ts, f);
        CHECK(ts.shift >= -TIME_SCALE_MAX_SHIFT && ts.shift <= TIME_SCALE_MAX_SHIFT);
        CHECK(ts.mul_frac >= (1u << 31));
        set_time_scale(&ts, f + 1);
        CHECK(ts.shift >= -TIME_SCALE_MAX_SHIFT && ts.shift <= TIME_SCALE_MAX_SHIFT);
    }
    /* 500 MHz .. 5 GHz needs only shifts -3..+2. */
    set_time_scale(&ts, 500000000ull);
    CHECK_EQ(ts.shift, 2);
    set_time_scale(&ts, 5000000000ull);
    CHECK_EQ(ts.shift, -2);
}

TEST(bad_input)
{
    struct time_scale ts;

    set_time_scale(&ts, 0);                    /* treated as 1 Hz */
    CHECK(ts.shift == 30 && ts.mul_frac >= (1u << 31));
    set_time_scale_ratio(&ts, 1ull << 62, 1);  /* too big: clamped */
    CHECK_EQ(ts.shift, TIME_SCALE_MAX_SHIFT);
    set_time_scale_ratio(&ts, 1, UINT64_MAX);  /* too small: clamped */
    CHECK_EQ(ts.shift, -TIME_SCALE_MAX_SHIFT);
    CHECK_EQ(scale_delta(1000, &ts), 0);
    /* Saturation rather than wrap-around. */
    set_time_scale(&ts, 500000000ull);
    CHECK_EQ(scale_delta(UINT64_MAX, &ts), UINT64_MAX);
    /* Hand-made scales with absurd shifts. */
    ts = (struct time_scale){ 100, 1u << 31 };
    CHECK_EQ(scale_delta(1, &ts), UINT64_MAX);
    CHECK_EQ(scale_delta(0, &ts), 0);
    ts = (struct time_scale){ -100, 1u << 31 };
    CHECK_EQ(scale_delta(UINT64_MAX, &ts), 0);
    ts = (struct time_scale){ 0, 0 };          /* an unset scale: always 0 */
    CHECK_EQ(scale_delta(UINT64_MAX, &ts), 0);
}

TEST_MAIN()
