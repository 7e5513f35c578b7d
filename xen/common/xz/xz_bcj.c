/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The x86 BCJ filter, decoder side.  The encoder rewrote the 32-bit
 * relative operand of E8 (CALL) / E9 (JMP) opcodes into an absolute one
 * (operand + offset of the next instruction) when the operand's top byte
 * is 0x00 or 0xFF; we subtract it again.  To avoid converting bytes that
 * are really operands of an earlier E8/E9, it remembers, as a 3-bit mask,
 * which of the previous three bytes were E8/E9 that it skipped; some
 * patterns of the mask forbid a conversion, others make it re-check a
 * byte of the result (the format's definition, so both sides agree).
 * The last four bytes of a block are never converted.
 */
#include <xen/xz.h>

/* Does @b look like the top byte of a near call's displacement? */
static bool disp_top(uint8_t b)
{
    return b == 0x00 || b == 0xff;
}

/* For each mask of skipped E8/E9 in the last 3 bytes: may we convert, which byte to re-check. */
static const bool mask_allows[8] = { true, true, true, false, true, false, false, false };
static const uint8_t mask_byte[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };

/* Undo the conversion of the operand at @p (an absolute target) for the opcode at @ip. */
static uint32_t unconvert(uint32_t target, uint32_t ip, uint32_t mask)
{
    uint32_t rel;

    for (;;) {
        rel = target - (ip + 5);
        if (!mask)
            break;
        unsigned int shift = 24 - mask_byte[mask] * 8;
        if (!disp_top((uint8_t)(rel >> shift)))
            break;
        target = rel ^ ((1u << (32 - mask_byte[mask] * 8)) - 1);
    }
    /* Sign-extend from bit 24: the result's top byte is 0x00 or 0xFF again. */
    rel &= 0x01ffffff;
    return rel | (0u - (rel & 0x01000000));
}

void xz_bcj_x86_decode(uint8_t *buf, size_t size, uint32_t start)
{
    uint32_t mask = 0;
    size_t last = 0;            /* index of the last E8/E9 seen; none yet */
    bool seen = false;

    if (size <= 4)
        return;
    for (size_t i = 0; i < size - 4; i++) {
        if ((buf[i] & 0xfe) != 0xe8)
            continue;
        size_t gap = seen ? i - last : 4;
        if (gap > 3) {
            mask = 0;
        } else {
            mask = (mask << (gap - 1)) & 7;
            if (mask && (!mask_allows[mask] || disp_top(buf[i + 4 - mask_byte[mask]]))) {
                last = i;
                seen = true;
                mask = (mask << 1) | 1;
                continue;
            }
        }
        last = i;
        seen = true;
        if (!disp_top(buf[i + 4])) {
            mask = (mask << 1) | 1;
            continue;
        }
        uint32_t target = (uint32_t)buf[i + 1] | (uint32_t)buf[i + 2] << 8 |
                          (uint32_t)buf[i + 3] << 16 | (uint32_t)buf[i + 4] << 24;
        uint32_t rel = unconvert(target, start + (uint32_t)i, mask);
        for (int k = 0; k < 4; k++)
            buf[i + 1 + k] = (uint8_t)(rel >> (8 * k));
        i += 4;
    }
}
