/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Our XZ decoder (xen/common/xz/) against streams made here, at test time,
 * by xz-utils: presets 0-9 and -9e, each check type, the x86 BCJ filter
 * (with and without a start offset), Linux's own kernel options, multiple
 * blocks (sizes in the headers or not), concatenated streams with padding,
 * uncompressed chunks, odd lc/lp/pb, the empty file.  Then damage: every
 * truncation of a small stream, byte flips everywhere, an output buffer too
 * small, unsupported filters/checks -- all refused with a reason, never a
 * crash (ASan/UBSan are on).
 */
#include "harness.h"
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xen/errno.h>
#include <xen/xz.h>

static char dir[64];
static struct xz_dec dec;

struct buf {
    uint8_t *p;
    size_t n;
};

static struct buf slurp(const char *path)
{
    struct buf b = { 0 };
    FILE *f = fopen(path, "rb");
    struct stat st;

    CHECK(f != NULL);
    CHECK(fstat(fileno(f), &st) == 0);
    b.n = st.st_size;
    b.p = malloc(b.n + 1);
    CHECK(b.p != NULL);
    CHECK(fread(b.p, 1, b.n, f) == b.n);
    fclose(f);
    return b;
}

static void spill(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");

    CHECK(f != NULL);
    CHECK(fwrite(p, 1, n, f) == n);
    fclose(f);
}

static void setup(void)
{
    if (dir[0])
        return;
    strcpy(dir, "/tmp/test_xz.XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
}

/* Test input: text, runs, a pseudo-random stretch and real x86 code (/bin/ls). */
static struct buf corpus(size_t size)
{
    struct buf b = { malloc(size), size }, code = slurp("/bin/ls");
    uint32_t x = 12345;
    size_t i = 0;

    CHECK(b.p != NULL);
    while (i < size) {
        size_t part = (i / 4096) % 4, n = size - i < 4096 ? size - i : 4096;
        for (size_t k = 0; k < n; k++, i++) {
            x = x * 1103515245u + 12345u;
            b.p[i] = part == 0 ? "the quick brown fox jumps over the lazy dog\n"[k % 44]
                   : part == 1 ? (uint8_t)(k / 100)
                   : part == 2 ? (uint8_t)(x >> 16)
                               : code.p[(i * 7 + k) % code.n];
        }
    }
    free(code.p);
    return b;
}

/* Compress @in with `xz <opts>` into a buffer. */
static struct buf xz(const struct buf *in, const char *opts)
{
    char src[128], cmd[512];

    setup();
    snprintf(src, sizeof(src), "%s/in", dir);
    spill(src, in->p, in->n);
    snprintf(cmd, sizeof(cmd), "xz -q -c %s %s > %s/out.xz", opts, src, dir);
    CHECK(system(cmd) == 0);
    snprintf(src, sizeof(src), "%s/out.xz", dir);
    return slurp(src);
}

static int decode(const struct buf *x, uint8_t *out, size_t cap, size_t *n, const char **why)
{
    *why = NULL;
    return xz_decode(&dec, x->p, x->n, out, cap, n, why);
}

/* Round trip: must give back exactly @in. */
static void round_trip(const struct buf *in, const char *opts)
{
    struct buf x = xz(in, opts);
    uint8_t *out = malloc(in->n + 16);
    const char *why;
    size_t n = 0;
    int rc = decode(&x, out, in->n + 16, &n, &why);

    if (rc)
        fprintf(stderr, "xz %s: rc %d: %s at %zu\n", opts, rc, why, dec.err_offset);
    CHECK_EQ(rc, 0);
    CHECK_EQ(n, in->n);
    CHECK(memcmp(out, in->p, n) == 0);
    free(out);
    free(x.p);
}

TEST(crc_known_values)
{
    CHECK_EQ(xz_crc32((const uint8_t *)"123456789", 9, 0), 0xCBF43926u);
    CHECK(xz_crc64((const uint8_t *)"123456789", 9, 0) == 0x995DC9BBDF1939FAull);
    /* Chaining equals one pass. */
    CHECK_EQ(xz_crc32((const uint8_t *)"6789", 4, xz_crc32((const uint8_t *)"12345", 5, 0)),
             0xCBF43926u);
}

TEST(presets)
{
    struct buf in = corpus(200000);
    static const char *const opts[] = { "-0", "-1", "-2", "-3", "-4", "-5", "-6", "-7", "-8",
                                        "-9", "-9e", "-0e" };

    for (unsigned int i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
        round_trip(&in, opts[i]);
    free(in.p);
}

TEST(checks)
{
    struct buf in = corpus(50000);

    round_trip(&in, "--check=crc32");
    round_trip(&in, "--check=crc64");
    round_trip(&in, "--check=none");
    free(in.p);
}

TEST(sha256_refused_with_reason)
{
    struct buf in = corpus(1000), x = xz(&in, "--check=sha256");
    uint8_t out[2000];
    const char *why;
    size_t n;

    CHECK_EQ(decode(&x, out, sizeof(out), &n, &why), -EOPNOTSUPP);
    CHECK_STR(why, "SHA-256 check not supported");
    free(in.p);
    free(x.p);
}

TEST(bcj_x86)
{
    struct buf in = corpus(300000), code = slurp("/bin/ls");

    round_trip(&in, "--x86 --lzma2=preset=6");
    round_trip(&in, "--x86=start=4096 --lzma2");
    round_trip(&code, "--x86 --lzma2=preset=9e");
    round_trip(&code, "--check=crc32 --x86 --lzma2=dict=32MiB");   /* Linux's KERNEL_XZ line */
    free(in.p);
    free(code.p);
}

TEST(bcj_tiny_and_edges)
{
    uint8_t raw[] = { 0xe8, 0x00, 0x00, 0x00, 0x00, 0xe8, 0xe8, 0xff, 0xff, 0xff, 0xff,
                      0xe9, 0x10, 0x20, 0x30, 0x00, 0xe8 };
    struct buf in = { raw, sizeof(raw) };

    for (size_t n = 0; n <= sizeof(raw); n++) {
        in.n = n;
        if (n)
            round_trip(&in, "--x86 --lzma2");
    }
}

TEST(multi_block_and_lc_lp_pb)
{
    struct buf in = corpus(400000);

    round_trip(&in, "--block-size=16KiB");
    round_trip(&in, "--block-size=100000 --x86 --lzma2");
    round_trip(&in, "-T2 --block-size=64KiB");       /* sizes stored in block headers */
    round_trip(&in, "--lzma2=lc=0,lp=4,pb=4");
    round_trip(&in, "--lzma2=lc=4,lp=0,pb=0,mf=hc3,mode=fast");
    round_trip(&in, "--lzma2=preset=1,nice=273,mf=bt2");
    free(in.p);
}

TEST(incompressible_uses_uncompressed_chunks)
{
    struct buf in = { malloc(300000), 300000 };
    uint32_t x = 99;

    for (size_t i = 0; i < in.n; i++) {
        x = x * 1664525u + 1013904223u;
        in.p[i] = x >> 24;
    }
    round_trip(&in, "-6");
    round_trip(&in, "--block-size=70000");
    free(in.p);
}

TEST(empty)
{
    struct buf in = { (uint8_t *)"", 0 }, x = xz(&in, "");
    uint8_t out[1];
    const char *why;
    size_t n = 1;

    CHECK_EQ(decode(&x, out, 0, &n, &why), 0);
    CHECK_EQ(n, 0);
    free(x.p);
    x.n = 0;
    CHECK_EQ(decode(&x, out, 0, &n, &why), -EINVAL);
    CHECK_STR(why, "empty input (not an .xz file)");
}

TEST(concatenated_streams_and_padding)
{
    struct buf a = corpus(30000), xa = xz(&a, "-1"), xb = xz(&a, "--check=crc64 --x86 --lzma2");
    struct buf cat = { malloc(xa.n + 8 + xb.n + 4), xa.n + 8 + xb.n + 4 };
    uint8_t *out = malloc(2 * a.n);
    const char *why;
    size_t n;

    memcpy(cat.p, xa.p, xa.n);
    memset(cat.p + xa.n, 0, 8);
    memcpy(cat.p + xa.n + 8, xb.p, xb.n);
    memset(cat.p + xa.n + 8 + xb.n, 0, 4);
    CHECK_EQ(decode(&cat, out, 2 * a.n, &n, &why), 0);
    CHECK_EQ(n, 2 * a.n);
    CHECK(!memcmp(out, a.p, a.n) && !memcmp(out + a.n, a.p, a.n));
    /* Padding that is not a multiple of four is corruption. */
    cat.n -= 1;
    CHECK_EQ(decode(&cat, out, 2 * a.n, &n, &why), -EINVAL);
    CHECK_STR(why, "stream padding is not a multiple of four bytes");
    free(a.p), free(xa.p), free(xb.p), free(cat.p), free(out);
}

TEST(output_too_small)
{
    struct buf in = corpus(20000), x = xz(&in, "-6");
    uint8_t *out = malloc(in.n);
    const char *why;
    size_t n;

    CHECK_EQ(decode(&x, out, in.n - 1, &n, &why), -ENOSPC);
    CHECK_STR(why, "output buffer too small for the decompressed data");
    free(in.p), free(x.p), free(out);
}

TEST(truncated_everywhere_refused)
{
    struct buf in = corpus(9000), x = xz(&in, "--x86 --lzma2 --check=crc64");
    uint8_t *out = malloc(in.n);
    const char *why;
    size_t n, full = x.n;

    for (x.n = 1; x.n < full; x.n++) {
        CHECK(decode(&x, out, in.n, &n, &why) == -EINVAL);
        CHECK(why != NULL && strlen(why) > 5);
    }
    free(in.p), free(x.p), free(out);
}

TEST(flipped_bytes_refused)
{
    struct buf in = corpus(9000), x = xz(&in, "-6");
    uint8_t *out = malloc(in.n);
    const char *why;
    size_t n;
    unsigned int refused = 0;

    for (size_t i = 0; i < x.n; i++) {
        for (unsigned int bit = 0; bit < 8; bit += 3) {
            x.p[i] ^= 1u << bit;
            int rc = decode(&x, out, in.n, &n, &why);
            x.p[i] ^= 1u << bit;
            /* Every flip is caught by a CRC, a size, or the LZMA data itself. */
            CHECK(rc != 0);
            CHECK(why != NULL);
            refused++;
        }
    }
    CHECK(refused == 3 * x.n);
    free(in.p), free(x.p), free(out);
}

TEST(corrupt_with_no_check_still_safe)
{
    /* --check=none: flips inside LZMA data may decode to garbage, but never overrun. */
    struct buf in = corpus(20000), x = xz(&in, "--check=none -3");
    uint8_t *out = malloc(in.n);
    const char *why;
    size_t n;

    for (size_t i = 12; i < x.n; i += 7) {
        x.p[i] ^= 0x55;
        (void)decode(&x, out, in.n, &n, &why);
        x.p[i] ^= 0x55;
    }
    CHECK_EQ(decode(&x, out, in.n, &n, &why), 0);
    free(in.p), free(x.p), free(out);
}

TEST(unsupported_filter_and_bad_magic)
{
    struct buf in = corpus(5000), x = xz(&in, "--delta=dist=4 --lzma2");
    uint8_t *out = malloc(in.n);
    const char *why;
    size_t n;

    CHECK_EQ(decode(&x, out, in.n, &n, &why), -EOPNOTSUPP);
    CHECK_STR(why, "unsupported filter (only x86 BCJ and LZMA2)");
    x.p[0] = 0x1f;
    CHECK_EQ(decode(&x, out, in.n, &n, &why), -EINVAL);
    CHECK_STR(why, "not an .xz stream (bad magic)");
    CHECK_EQ(dec.err_offset, 0);
    free(in.p), free(x.p), free(out);
}

TEST(lzma_alone_format_refused)
{
    struct buf in = corpus(5000), x = xz(&in, "--format=lzma");
    uint8_t *out = malloc(in.n);
    const char *why;
    size_t n;

    CHECK_EQ(decode(&x, out, in.n, &n, &why), -EINVAL);
    CHECK_STR(why, "not an .xz stream (bad magic)");
    free(in.p), free(x.p), free(out);
}

TEST_MAIN()
