/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Parser and checker for the domU= boot option (see xen/domu_spec.h). */
#include <xen/bootinfo.h>
#include <xen/domu_spec.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/compiler.h>

/* One "key=value" or the leading module number, as [s, e). */
struct field {
    const char *s, *e;
};

static int fail(char *err, size_t len, unsigned int nr, const char *what,
                const struct field *f)
{
    int n = f ? (int)(f->e - f->s) : 0;

    snprintf(err, len, "spec %u: %s%s%.*s%s", nr, what, f ? " '" : "",
             n > 40 ? 40 : n, f ? f->s : "", f ? "'" : "");
    return -EINVAL;
}

/* A whole decimal/hex number in [s, e) within [lo, hi]. */
static bool number_in(const char *s, const char *e, uint64_t lo, uint64_t hi,
                      uint64_t *out)
{
    char buf[24];
    const char *end;
    size_t n = e - s;

    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (parse_ullong(buf, &end, out) || *end)
        return false;
    return *out >= lo && *out <= hi;
}

static bool size_in(const char *s, const char *e, uint64_t *out)
{
    char buf[24];
    const char *end;
    size_t n = e - s;

    if (n == 0 || n >= sizeof(buf))
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (parse_size(buf, &end, out) || *end)
        return false;
    return *out >= DOMU_MIN_MEM && *out <= DOMU_MAX_MEM;
}

/* "N" or "N-M" (N <= M < DOMU_MAX_CPUS) as a bit mask. */
static bool cpus_in(const char *s, const char *e, uint64_t *out)
{
    const char *dash = s;
    uint64_t lo, hi;

    while (dash < e && *dash != '-')
        dash++;
    if (!number_in(s, dash, 0, DOMU_MAX_CPUS - 1, &lo))
        return false;
    hi = lo;
    if (dash < e && !number_in(dash + 1, e, lo, DOMU_MAX_CPUS - 1, &hi))
        return false;
    *out = (hi == 63 ? ~0ull : (2ull << hi) - 1) & ~((1ull << lo) - 1);
    return true;
}

static bool name_ok(const char *s, const char *e)
{
    if (e - s < 1 || e - s > 31)
        return false;
    for (; s < e; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-'))
            return false;
    return true;
}

static bool key_is(const struct field *f, const char *eq, const char *key)
{
    return (size_t)(eq - f->s) == strlen(key) && !strncmp(f->s, key, eq - f->s);
}

/* How a key's value is parsed and where it goes in struct domu_spec. */
enum value_kind { VK_SIZE, VK_UINT, VK_NAME, VK_CPUS };

struct spec_key {
    const char *key;
    enum value_kind kind;
    size_t offset;              /* of the field in struct domu_spec */
    uint64_t lo, hi;            /* VK_UINT bounds */
    const char *bad;            /* message for a bad value */
};

#define UINT_KEY(k, field, l, h, msg) \
    { k, VK_UINT, __builtin_offsetof(struct domu_spec, field), l, h, msg }

/* The keys, one row each (their index is the duplicate-detection bit). */
static const struct spec_key spec_keys[] = {
    { "mem", VK_SIZE, __builtin_offsetof(struct domu_spec, mem_bytes), 0, 0, "bad memory size (1M-1T)" },
    UINT_KEY("vcpus", vcpus, 1, MAX_VIRT_CPUS, "bad vCPU count"),
    { "name", VK_NAME, __builtin_offsetof(struct domu_spec, name), 0, 0,
      "bad name (1-31 of A-Z a-z 0-9 _ . -)" },
    UINT_KEY("initrd", initrd, 1, MAX_BOOT_MODULES, "bad initrd module number"),
    UINT_KEY("max_event_channels", max_event_channels, 1, DOMU_MAX_EVENT_CHANNELS,
             "bad max_event_channels (1-131071)"),
    UINT_KEY("max_grant_frames", max_grant_frames, 1, DOMU_MAX_GRANT_FRAMES,
             "bad max_grant_frames (1-4096)"),
    UINT_KEY("max_maptrack_frames", max_maptrack_frames, 1, DOMU_MAX_GRANT_FRAMES,
             "bad max_maptrack_frames (1-4096)"),
    UINT_KEY("weight", weight, 1, DOMU_MAX_WEIGHT, "bad weight (1-65535)"),
    UINT_KEY("cap", cap, 0, DOMU_MAX_CAP, "bad cap (0-12800, % of one CPU)"),
    { "cpus", VK_CPUS, __builtin_offsetof(struct domu_spec, cpus), 0, 0,
      "bad cpus (N or N-M, CPUs 0-63)" },
};
BUILD_BUG_ON(ARRAY_SIZE(spec_keys) > 32);

/* Store a parsed value of @k into @sp. */
static bool store_value(const struct spec_key *k, const char *s, const char *e,
                        struct domu_spec *sp)
{
    void *field = (char *)sp + k->offset;
    uint64_t v;

    switch (k->kind) {
    case VK_SIZE:
        if (!size_in(s, e, &v))
            return false;
        *(uint64_t *)field = v & ~(uint64_t)(PAGE_SIZE - 1);
        return true;
    case VK_UINT:
        if (!number_in(s, e, k->lo, k->hi, &v))
            return false;
        *(unsigned int *)field = v;
        return true;
    case VK_CPUS:
        if (!cpus_in(s, e, &v))
            return false;
        *(uint64_t *)field = v;
        return true;
    case VK_NAME:
        if (!name_ok(s, e))
            return false;
        memcpy(field, s, e - s);
        ((char *)field)[e - s] = '\0';
        return true;
    }
    return false;
}

/* Apply one "key=value" field to @sp; @seen tracks duplicate keys. */
static int parse_option(const struct field *f, struct domu_spec *sp, unsigned int *seen,
                        unsigned int nr, char *err, size_t len)
{
    const char *eq = f->s;

    while (eq < f->e && *eq != '=')
        eq++;
    if (eq == f->e)
        return fail(err, len, nr, "expected key=value, got", f);
    for (unsigned int i = 0; i < ARRAY_SIZE(spec_keys); i++) {
        const struct spec_key *k = &spec_keys[i];

        if (!key_is(f, eq, k->key))
            continue;
        if (!store_value(k, eq + 1, f->e, sp))
            return fail(err, len, nr, k->bad, f);
        if (*seen & (1u << i))
            return fail(err, len, nr, "option given twice:", f);
        *seen |= 1u << i;
        return 0;
    }
    return fail(err, len, nr, "unknown option", f);
}

/* Parse one spec in [s, e) (no ';' inside). */
static int parse_one(const char *s, const char *e, struct domu_spec *sp,
                     unsigned int nr, char *err, size_t len)
{
    struct field f = { s, s };
    unsigned int seen = 0;
    uint64_t v;
    int rc;

    memset(sp, 0, sizeof(*sp));
    while (f.e < e && *f.e != ',')
        f.e++;
    if (f.s == f.e)
        return fail(err, len, nr, "empty (kernel module number missing)", NULL);
    if (!number_in(f.s, f.e, 1, MAX_BOOT_MODULES, &v))
        return fail(err, len, nr, "bad kernel module number", &f);
    sp->kernel = v;
    while (f.e < e) {
        f.s = ++f.e;                    /* past the ',' */
        while (f.e < e && *f.e != ',')
            f.e++;
        if (f.s == f.e)
            return fail(err, len, nr, "empty option", NULL);
        if ((rc = parse_option(&f, sp, &seen, nr, err, len)) != 0)
            return rc;
    }
    return 0;
}

int domu_spec_parse(const char *s, struct domu_spec *out, unsigned int max,
                    char *err, size_t errlen)
{
    unsigned int n = 0;

    if (!s || !*s)
        return fail(err, errlen, 1, "empty", NULL);
    for (;;) {
        const char *e = strchr(s, ';');
        int rc;

        if (!e)
            e = s + strlen(s);
        if (n >= max)
            return fail(err, errlen, n + 1, "too many domains", NULL);
        if ((rc = parse_one(s, e, &out[n], n + 1, err, errlen)) != 0)
            return rc;
        n++;
        if (!*e)
            return n;
        s = e + 1;
    }
}

static int check_fail(char *err, size_t len, const char *fmt, ...) __printf(3, 4);
static int check_fail(char *err, size_t len, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
    return -EINVAL;
}

int domu_spec_check(const struct domu_spec *spec, unsigned int nr_mods,
                    uint32_t *claimed, char *err, size_t errlen)
{
    unsigned int k = spec->kernel, i = spec->initrd;

    if (k == 1)
        return check_fail(err, errlen, "kernel module 1 is the initial domain's");
    if (k < 2 || k > nr_mods)
        return check_fail(err, errlen, "kernel module %u does not exist", k);
    if (i == k)
        return check_fail(err, errlen, "initrd module %u is its own kernel", i);
    if (i == 1)
        return check_fail(err, errlen, "initrd module 1 is the initial domain's kernel");
    if (i > nr_mods)
        return check_fail(err, errlen, "initrd module %u does not exist", i);
    if (*claimed & (1u << k))
        return check_fail(err, errlen, "module %u is used twice", k);
    if (i && (*claimed & (1u << i)))
        return check_fail(err, errlen, "module %u is used twice", i);
    *claimed |= 1u << k;
    if (i)
        *claimed |= 1u << i;
    return 0;
}
