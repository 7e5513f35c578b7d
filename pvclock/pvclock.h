/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Time scaling in Xen's pvclock model, shared by the hypervisor, test
 * guests and host unit tests (freestanding: <stdint.h> types only).
 *
 * A struct time_scale converts a count of ticks of one clock into another
 * unit (normally TSC ticks into nanoseconds):
 *
 *     out = ((shift >= 0 ? in << shift : in >> -shift) * mul_frac) >> 32
 *
 * mul_frac is a 0.32 fixed-point fraction kept in [2^31, 2^32) for full
 * precision.  This is the pair struct vcpu_time_info carries to guests as
 * tsc_to_system_mul / tsc_shift, so a guest computes exactly what we do.
 * The relative error of a scale is below 2^-32 (mul_frac is rounded) plus
 * what a right shift drops from the input (< 2^-shift ticks).
 */
#ifndef PVCLOCK_PVCLOCK_H
#define PVCLOCK_PVCLOCK_H

#include <stdint.h>

struct time_scale {
    int shift;              /* Xen's tsc_shift (an int8_t in the ABI) */
    uint32_t mul_frac;      /* Xen's tsc_to_system_mul */
};

/* Largest shift a scale may carry either way; larger ratios are clamped. */
#define TIME_SCALE_MAX_SHIFT 31

/*
 * Scale by num / den.  Both are clamped to [1, 2^62]; ratios beyond
 * 2^+-TIME_SCALE_MAX_SHIFT are clamped to the nearest representable one.
 */
void set_time_scale_ratio(struct time_scale *ts, uint64_t num, uint64_t den);

/* Ticks of a @ticks_per_sec clock -> nanoseconds (Xen's set_time_scale). */
void set_time_scale(struct time_scale *ts, uint64_t ticks_per_sec);

/* Nanoseconds -> ticks of a @ticks_per_sec clock (the inverse scale). */
void set_time_scale_inverse(struct time_scale *ts, uint64_t ticks_per_sec);

/*
 * Apply @ts to @delta: a 64x32-bit multiply keeping the top 64 bits of the
 * 96-bit product, done in 64-bit halves so 32-bit guests can use it too.
 * Monotonic in @delta; saturates at UINT64_MAX instead of wrapping.
 */
uint64_t scale_delta(uint64_t delta, const struct time_scale *ts);

#endif
