/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * CRC-32 (reflected polynomial 0xEDB88320) and CRC-64 (ECMA-182, reflected
 * 0xC96C5795D7870F42), the two checks .xz streams use.  CRC-32 (what
 * Linux's bzImage payloads carry) goes eight bytes at a time ("slicing by
 * 8": table k gives the CRC of a byte followed by k zero bytes); CRC-64 a
 * byte at a time.  Tables are built on first use (boot is single-threaded;
 * building twice concurrently would write the same values).
 */
#include <xen/xz.h>

static uint32_t crc32_table[8][256];
static uint64_t crc64_table[256];
static bool crc32_ready, crc64_ready;

static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t r = i;
        for (int k = 0; k < 8; k++)
            r = (r >> 1) ^ (0xEDB88320u & -(r & 1));
        crc32_table[0][i] = r;
    }
    for (unsigned int k = 1; k < 8; k++)
        for (unsigned int i = 0; i < 256; i++)
            crc32_table[k][i] = (crc32_table[k - 1][i] >> 8) ^
                                crc32_table[0][crc32_table[k - 1][i] & 0xff];
    crc32_ready = true;
}

static void crc64_init(void)
{
    for (uint64_t i = 0; i < 256; i++) {
        uint64_t r = i;
        for (int k = 0; k < 8; k++)
            r = (r >> 1) ^ (0xC96C5795D7870F42ull & -(r & 1));
        crc64_table[i] = r;
    }
    crc64_ready = true;
}

uint32_t xz_crc32(const uint8_t *buf, size_t len, uint32_t crc)
{
    const uint32_t (*t)[256] = crc32_table;

    if (!crc32_ready)
        crc32_init();
    crc = ~crc;
    for (; len >= 8; len -= 8, buf += 8) {
        uint32_t lo = crc ^ (buf[0] | (uint32_t)buf[1] << 8 | (uint32_t)buf[2] << 16 |
                             (uint32_t)buf[3] << 24);
        crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^
              t[4][lo >> 24] ^ t[3][buf[4]] ^ t[2][buf[5]] ^ t[1][buf[6]] ^ t[0][buf[7]];
    }
    while (len--)
        crc = t[0][(crc ^ *buf++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint64_t xz_crc64(const uint8_t *buf, size_t len, uint64_t crc)
{
    if (!crc64_ready)
        crc64_init();
    crc = ~crc;
    while (len--)
        crc = crc64_table[(crc ^ *buf++) & 0xff] ^ (crc >> 8);
    return ~crc;
}
