/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * CRC-32 (reflected polynomial 0xEDB88320) and CRC-64 (ECMA-182, reflected
 * 0xC96C5795D7870F42), the two checks .xz streams use.  Byte-at-a-time
 * tables, built on first use (boot is single-threaded; building twice
 * concurrently would write the same values).
 */
#include <xen/xz.h>

static uint32_t crc32_table[256];
static uint64_t crc64_table[256];
static bool crc32_ready, crc64_ready;

static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t r = i;
        for (int k = 0; k < 8; k++)
            r = (r >> 1) ^ (0xEDB88320u & -(r & 1));
        crc32_table[i] = r;
    }
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
    if (!crc32_ready)
        crc32_init();
    crc = ~crc;
    while (len--)
        crc = crc32_table[(crc ^ *buf++) & 0xff] ^ (crc >> 8);
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
