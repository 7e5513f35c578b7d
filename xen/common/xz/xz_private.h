/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Internal interfaces between the .xz container code and the LZMA2 decoder. */
#ifndef XEN_COMMON_XZ_PRIVATE_H
#define XEN_COMMON_XZ_PRIVATE_H

#include <xen/xz.h>

/* A bounded input cursor; @why is set once, on the first error. */
struct xz_cursor {
    const uint8_t *buf;
    size_t pos, len;
    const char *why;
    int rc;
};

/* Record an error (the first one wins) and return @rc. */
int xz_fail(struct xz_cursor *c, int rc, const char *why);

/*
 * Decode one LZMA2 stream (chunks up to the 0x00 end marker) from @c into
 * @out starting at *@out_pos; the dictionary is @out from *@out_pos on.
 * Returns 0 or the error already recorded in @c.
 */
int xz_lzma2_decode(struct xz_lzma *lz, struct xz_cursor *c,
                    uint8_t *out, size_t out_cap, size_t *out_pos);

#endif
