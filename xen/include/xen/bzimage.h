/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Linux bzImage kernels for the PVH loader (xen/common/bzimage.c).  A
 * bzImage is real-mode setup code, then the protected-mode part whose
 * compressed payload (boot protocol >= 2.08: setup_header.payload_offset
 * and payload_length) is the ELF vmlinux; the payload's last four bytes
 * are its decompressed size (Linux's build appends them).  We decompress
 * XZ payloads (Debian's CONFIG_KERNEL_XZ) and refuse the other methods by
 * name; the ELF that comes out is loaded like any PVH ELF image.
 */
#ifndef XEN_BZIMAGE_H
#define XEN_BZIMAGE_H

#include <xen/types.h>

#define BZIMAGE_MAX_OUTPUT  (512ul << 20)   /* refuse to inflate anything larger */

struct bzimage_info {
    unsigned int version;           /* boot protocol, e.g. 0x20f */
    size_t payload_off, payload_len;/* in the image file */
    const char *compression;        /* "xz", "gzip", ... or "unknown" */
    size_t out_len;                 /* from the payload's last 4 bytes */
};

/* Does @img look like a bzImage (boot flag 0xAA55 and "HdrS")? */
bool bzimage_probe(const uint8_t *img, size_t size);

/* Parse and check the setup header.  0, or -errno with a reason in @why. */
int bzimage_parse(const uint8_t *img, size_t size, struct bzimage_info *bi,
                  char *why, size_t why_len);

/*
 * Decompress the payload into a new xmalloc() buffer (the caller xfree()s
 * it).  0 with *@out / *@out_len, or -errno with a reason in @why
 * (-EOPNOTSUPP for compressions we do not decode).
 */
int bzimage_decompress(const uint8_t *img, const struct bzimage_info *bi,
                       uint8_t **out, size_t *out_len, char *why, size_t why_len);

#endif
