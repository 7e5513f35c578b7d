/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * bzImage parsing and decompression (xen/common/bzimage.c): Debian's own
 * /boot/vmlinuz-* (XZ payload -> the ELF vmlinux, byte-identical to what
 * xz-utils extracts), bzImages built here around payloads made by xz and
 * gzip at test time, and every kind of bad header: no HdrS, boot protocol
 * < 2.08, payload outside the file, other compressions refused by name,
 * a wrong recorded size, a corrupt payload.
 */
#include "harness.h"
#include <dirent.h>
#include <sys/stat.h>
#include <xen/bzimage.h>
#include <xen/errno.h>

/* The decompressor's heap: host malloc here. */
void *xmalloc(size_t size) { return size ? malloc(size) : NULL; }
void xfree(void *p) { free(p); }

struct buf {
    uint8_t *p;
    size_t n;
};

static struct buf run(const char *cmd)
{
    struct buf b = { NULL, 0 };
    FILE *f = popen(cmd, "r");
    size_t cap = 0, got;

    CHECK(f != NULL);
    do {
        if (b.n == cap)
            b.p = realloc(b.p, cap = cap ? 2 * cap : 65536);
        got = fread(b.p + b.n, 1, cap - b.n, f);
        b.n += got;
    } while (got);
    CHECK(pclose(f) == 0);
    return b;
}

static void put(uint8_t *p, uint32_t v, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        p[i] = v >> (8 * i);
}

/* A minimal bzImage: 1 setup sector + boot sector, then @payload + 4-byte size. */
static struct buf make_bz(const struct buf *payload, uint32_t size, unsigned int version)
{
    size_t setup = 2 * 512, n = setup + 64 + payload->n + 4;
    struct buf b = { calloc(1, n), n };

    b.p[0x1f1] = 1;
    put(b.p + 0x1fe, 0xaa55, 2);
    memcpy(b.p + 0x202, "HdrS", 4);
    put(b.p + 0x206, version, 2);
    put(b.p + 0x248, 64, 4);
    put(b.p + 0x24c, payload->n + 4, 4);
    memcpy(b.p + setup + 64, payload->p, payload->n);
    put(b.p + setup + 64 + payload->n, size, 4);
    return b;
}

static int unpack(const struct buf *bz, struct buf *out, char *why)
{
    struct bzimage_info bi;
    int rc = bzimage_parse(bz->p, bz->n, &bi, why, 160);

    out->p = NULL;
    if (!rc)
        rc = bzimage_decompress(bz->p, &bi, &out->p, &out->n, why, 160);
    return rc;
}

TEST(debian_vmlinuz_gives_the_elf_vmlinux)
{
    DIR *d = opendir("/boot");
    struct dirent *e;
    char path[300] = "", cmd[700], why[160];
    struct bzimage_info bi;
    struct buf img, ref, out;

    CHECK(d != NULL);
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, "vmlinuz-", 8))
            snprintf(path, sizeof(path), "/boot/%s", e->d_name);
    closedir(d);
    CHECK(path[0]);                 /* linux-image-amd64 is a dependency (ensure-deps) */
    snprintf(cmd, sizeof(cmd), "cat %s", path);
    img = run(cmd);
    CHECK(bzimage_probe(img.p, img.n));
    CHECK_EQ(bzimage_parse(img.p, img.n, &bi, why, sizeof(why)), 0);
    CHECK(bi.version >= 0x208);
    CHECK_STR(bi.compression, "xz");
    /* Reference: the same payload through xz-utils. */
    snprintf(cmd, sizeof(cmd), "tail -c +%zu %s | head -c %zu | xz -dc 2>/dev/null",
             bi.payload_off + 1, path, bi.payload_len - 4);
    ref = run(cmd);
    CHECK_EQ(bzimage_decompress(img.p, &bi, &out.p, &out.n, why, sizeof(why)), 0);
    CHECK_EQ(out.n, ref.n);
    CHECK_EQ(out.n, bi.out_len);
    CHECK(!memcmp(out.p, ref.p, out.n));
    CHECK(!memcmp(out.p, "\177ELF\2", 5));
    free(img.p), free(ref.p), free(out.p);
}

TEST(synthetic_xz_payload)
{
    struct buf pl = run("head -c 300000 /bin/ls | xz --check=crc32 --x86 --lzma2 -c"),
               ref = run("head -c 300000 /bin/ls"), bz, out;
    char why[160];

    bz = make_bz(&pl, ref.n, 0x20f);
    CHECK_EQ(unpack(&bz, &out, why), 0);
    CHECK_EQ(out.n, ref.n);
    CHECK(!memcmp(out.p, ref.p, ref.n));
    free(out.p), free(bz.p);
    /* A recorded size smaller than the data: refused, nothing overrun. */
    bz = make_bz(&pl, ref.n - 1, 0x20f);
    CHECK_EQ(unpack(&bz, &out, why), -ENOSPC);
    CHECK(strstr(why, "XZ payload corrupt at byte") && strstr(why, "too small"));
    CHECK(out.p == NULL);
    free(bz.p);
    /* Larger than the data: refused. */
    bz = make_bz(&pl, ref.n + 1, 0x20f);
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    CHECK(strstr(why, "differs from the size the bzImage records"));
    free(bz.p);
    /* A flipped byte in the middle of the payload. */
    bz = make_bz(&pl, ref.n, 0x20f);
    bz.p[1024 + 64 + pl.n / 2] ^= 0x10;
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    CHECK(!strncmp(why, "XZ payload corrupt at byte ", 27));
    free(bz.p), free(pl.p), free(ref.p);
}

TEST(other_compressions_refused_by_name)
{
    struct buf pl = run("head -c 5000 /bin/ls | gzip -c"), bz, out;
    char why[160];

    bz = make_bz(&pl, 5000, 0x20f);
    CHECK_EQ(unpack(&bz, &out, why), -EOPNOTSUPP);
    CHECK_STR(why, "bzImage payload is gzip-compressed; only XZ is supported "
                   "(gzip could be added later)");
    free(bz.p), free(pl.p);
    pl = run("head -c 5000 /bin/ls | xz --format=lzma -c");
    bz = make_bz(&pl, 5000, 0x20f);
    CHECK_EQ(unpack(&bz, &out, why), -EOPNOTSUPP);
    CHECK(strstr(why, "payload is lzma-compressed"));
    free(bz.p), free(pl.p);
}

TEST(bad_headers)
{
    struct buf pl = run("echo hello | xz -c"), bz, out;
    char why[160];

    bz = make_bz(&pl, 6, 0x207);
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    CHECK_STR(why, "bzImage boot protocol 2.07 is older than 2.08 (no payload fields)");
    free(bz.p);
    bz = make_bz(&pl, 6, 0x20f);
    CHECK_EQ(unpack(&bz, &out, why), 0);
    free(out.p);
    put(bz.p + 0x24c, pl.n + 5, 4);             /* payload past the end of the file */
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    CHECK(strstr(why, "is outside the"));
    put(bz.p + 0x248, 0xffffffffu, 4);          /* offset overflow */
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    bz.p[0x1f1] = 0xff;                         /* setup larger than the file */
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    memcpy(bz.p + 0x202, "HdrX", 4);
    CHECK(!bzimage_probe(bz.p, bz.n));
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    CHECK_STR(why, "not a bzImage (no boot flag / HdrS)");
    CHECK(!bzimage_probe(bz.p, 100));
    free(bz.p);
    bz = make_bz(&pl, 0x7fffffff, 0x20f);       /* absurd decompressed size */
    CHECK_EQ(unpack(&bz, &out, why), -EINVAL);
    CHECK(strstr(why, "limit 512 MiB"));
    free(bz.p), free(pl.p);
}

TEST_MAIN()
