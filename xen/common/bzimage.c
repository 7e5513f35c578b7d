/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * bzImage parsing and payload decompression (see xen/bzimage.h).  The
 * image is untrusted: every field is bounds-checked before use, and the
 * payload is handed to the XZ decoder, which checks everything else.
 * Setup header offsets are the x86 boot protocol's
 * (Documentation/x86/boot.rst in Linux).
 */
#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <xen/xz.h>

#define HDR_SETUP_SECTS     0x1f1
#define HDR_BOOT_FLAG       0x1fe
#define HDR_MAGIC           0x202
#define HDR_VERSION         0x206
#define HDR_PAYLOAD_OFFSET  0x248
#define HDR_PAYLOAD_LENGTH  0x24c
#define HDR_END             0x250

/* Payload compressions Linux can build, by their magic bytes. */
static const struct {
    const char *name;
    uint8_t len, magic[6];
} methods[] = {
    { "xz",    6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 } },
    { "gzip",  2, { 0x1f, 0x8b } },
    { "bzip2", 3, { 'B', 'Z', 'h' } },
    { "lzma",  3, { 0x5d, 0x00, 0x00 } },
    { "lzo",   4, { 0x89, 'L', 'Z', 'O' } },
    { "lz4",   4, { 0x02, 0x21, 0x4c, 0x18 } },
    { "zstd",  4, { 0x28, 0xb5, 0x2f, 0xfd } },
};

static uint32_t le(const uint8_t *p, unsigned int n)
{
    uint32_t v = 0;

    while (n--)
        v = v << 8 | p[n];
    return v;
}

bool bzimage_probe(const uint8_t *img, size_t size)
{
    return size >= HDR_MAGIC + 4 && le(img + HDR_BOOT_FLAG, 2) == 0xaa55 &&
           !memcmp(img + HDR_MAGIC, "HdrS", 4);
}

static const char *method_of(const uint8_t *p, size_t len)
{
    for (unsigned int i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
        if (len >= methods[i].len && !memcmp(p, methods[i].magic, methods[i].len))
            return methods[i].name;
    return "unknown";
}

int bzimage_parse(const uint8_t *img, size_t size, struct bzimage_info *bi,
                  char *why, size_t why_len)
{
    size_t setup, off, len;

    memset(bi, 0, sizeof(*bi));
    if (!bzimage_probe(img, size))
        return snprintf(why, why_len, "not a bzImage (no boot flag / HdrS)"), -EINVAL;
    bi->version = le(img + HDR_VERSION, 2);
    if (bi->version < 0x208 || size < HDR_END)
        return snprintf(why, why_len, "bzImage boot protocol %u.%02u is older than 2.08 "
                        "(no payload fields)", bi->version >> 8, bi->version & 0xff), -EINVAL;
    setup = img[HDR_SETUP_SECTS] ? img[HDR_SETUP_SECTS] : 4;
    setup = (setup + 1) * 512;
    off = le(img + HDR_PAYLOAD_OFFSET, 4);
    len = le(img + HDR_PAYLOAD_LENGTH, 4);
    if (setup > size || off > size - setup || len > size - setup - off || len < 16)
        return snprintf(why, why_len, "bzImage payload [%#lx+%#lx] is outside the %lu-byte file",
                        (unsigned long)off, (unsigned long)len, (unsigned long)size), -EINVAL;
    bi->payload_off = setup + off;
    bi->payload_len = len;
    bi->compression = method_of(img + bi->payload_off, len);
    bi->out_len = le(img + bi->payload_off + len - 4, 4);
    return 0;
}

int bzimage_decompress(const uint8_t *img, const struct bzimage_info *bi,
                       uint8_t **out, size_t *out_len, char *why, size_t why_len)
{
    struct xz_dec *s;
    const char *reason;
    uint8_t *buf;
    int rc;

    if (strcmp(bi->compression, "xz"))
        return snprintf(why, why_len, "bzImage payload is %s-compressed; only XZ is supported "
                        "(gzip could be added later)", bi->compression), -EOPNOTSUPP;
    if (!bi->out_len || bi->out_len > BZIMAGE_MAX_OUTPUT)
        return snprintf(why, why_len, "bzImage says its kernel is %lu bytes (limit %lu MiB)",
                        (unsigned long)bi->out_len, BZIMAGE_MAX_OUTPUT >> 20), -EINVAL;
    buf = xmalloc(bi->out_len);
    s = xmalloc(sizeof(*s));
    if (!buf || !s) {
        xfree(buf);
        xfree(s);
        return snprintf(why, why_len, "out of memory for the %lu MiB decompressed kernel",
                        (unsigned long)(bi->out_len >> 20)), -ENOMEM;
    }
    /* The payload ends with the 4-byte size, after the .xz data. */
    rc = xz_decode(s, img + bi->payload_off, bi->payload_len - 4, buf, bi->out_len,
                   out_len, &reason);
    if (!rc && *out_len != bi->out_len) {
        reason = "decompressed size differs from the size the bzImage records";
        rc = -EINVAL;
    }
    if (rc) {
        snprintf(why, why_len, "XZ payload %s at byte %lu: %s",
                 rc == -EOPNOTSUPP ? "unsupported" : "corrupt",
                 (unsigned long)s->err_offset, reason);
        xfree(buf);
        buf = NULL;
    }
    xfree(s);
    *out = buf;
    return rc;
}
