/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypervisor command line: split into words, each matched against the
 * options registered with boolean_param() & co. (syntax in xen/param.h).
 * Runs once at boot on the boot CPU, so it may use static buffers.  Words
 * longer than WORD_MAX are truncated (and then typically rejected).
 */
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>

#define WORD_MAX 1024

extern const struct kernel_param __param_start[], __param_end[];
char saved_cmdline[1024];
char dom0_cmdline_extra[1024];

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *skip_spaces(const char *p)
{
    while (is_space(*p))
        p++;
    return p;
}

static size_t word_len(const char *p)
{
    size_t n = 0;
    while (p[n] && !is_space(p[n]))
        n++;
    return n;
}

static bool has_char(const char *p, size_t len, char c)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] == c)
            return true;
    return false;
}

static bool is_end_marker(const char *p, size_t len)
{
    return len == 2 && p[0] == '-' && p[1] == '-';
}

/* "no-x" / "no_x" -> "x"; NULL if @key has no such prefix. */
static const char *negated(const char *key, size_t len)
{
    if (len > 3 && key[0] == 'n' && key[1] == 'o' && (key[2] == '-' || key[2] == '_'))
        return key + 3;
    return NULL;
}

/* ---- storing values -------------------------------------------------- */

static bool fits(const struct kernel_param *p, uint64_t u, int64_t s, bool is_signed)
{
    unsigned int bits = p->len * 8;

    if (p->len == 0 || p->len > 8)
        return false;
    if (is_signed)
        return bits == 64 || (s >= -(INT64_C(1) << (bits - 1)) &&
                              s < (INT64_C(1) << (bits - 1)));
    return bits == 64 || u < (UINT64_C(1) << bits);
}

/* Store the low p->len bytes of @v (little-endian host and target). */
static void store(const struct kernel_param *p, uint64_t v)
{
    switch (p->len) {
    case 1: *(uint8_t *)p->var = (uint8_t)v; break;
    case 2: *(uint16_t *)p->var = (uint16_t)v; break;
    case 4: *(uint32_t *)p->var = (uint32_t)v; break;
    case 8: *(uint64_t *)p->var = v; break;
    }
}

static int set_bool(const struct kernel_param *p, const char *val, bool invert)
{
    int b = val ? parse_bool(val, NULL) : 1;

    if (b < 0 || !fits(p, 1, 1, false))
        return -EINVAL;
    store(p, (uint64_t)(b ^ invert));
    return 0;
}

static int set_number(const struct kernel_param *p, const char *val)
{
    const char *end;
    uint64_t u = 0;
    int64_t s = 0;
    int rc;

    if (!val || !*val)
        return -EINVAL;
    if (p->type == PARAM_INT)
        rc = parse_sllong(val, &end, &s);
    else if (p->type == PARAM_SIZE)
        rc = parse_size(val, &end, &u);
    else
        rc = parse_ullong(val, &end, &u);
    if (rc)
        return rc;
    if (*end)
        return -EINVAL;
    if (!fits(p, u, s, p->type == PARAM_INT))
        return -ERANGE;
    store(p, p->type == PARAM_INT ? (uint64_t)s : u);
    return 0;
}

static int apply(const struct kernel_param *p, const char *val, bool invert)
{
    if (invert && p->type != PARAM_BOOL && p->type != PARAM_CUSTOM)
        return -EINVAL;
    switch (p->type) {
    case PARAM_BOOL:
        return set_bool(p, val, invert);
    case PARAM_INT:
    case PARAM_UINT:
    case PARAM_SIZE:
        return set_number(p, val);
    case PARAM_STRING:
        if (p->len)
            strlcpy(p->var, val ? val : "", p->len);
        return 0;
    case PARAM_CUSTOM:
        if (invert && val)
            return -EINVAL;
        return p->parse(invert ? "no" : val);
    }
    return -EINVAL;
}

/* ---- matching -------------------------------------------------------- */

/*
 * Apply @key[=@val] to every option of that name (several subsystems may
 * share one), else to "x" for a "no-x" key.  Returns 1 if no option has
 * that name, else 0 or the first negative error.
 */
static int handle_option(const char *key, const char *val,
                         const struct kernel_param *start,
                         const struct kernel_param *end)
{
    size_t len = strlen(key);
    const char *pos = negated(key, len);
    bool found = false;
    int rc = 0;

    for (const struct kernel_param *p = start; p < end; p++) {
        if (!cmdline_name_eq(key, len, p->name))
            continue;
        int r = apply(p, val, false);
        found = true;
        rc = rc ? rc : r;
    }
    for (const struct kernel_param *p = start; !found && pos && p < end; p++) {
        if (!cmdline_name_eq(pos, len - 3, p->name))
            continue;
        rc = apply(p, val, true);
        found = true;
    }
    return found ? rc : 1;
}

static bool is_option_name(const char *w, size_t len,
                           const struct kernel_param *start,
                           const struct kernel_param *end)
{
    const char *pos = negated(w, len);

    for (const struct kernel_param *p = start; p < end; p++)
        if (cmdline_name_eq(w, len, p->name) ||
            (pos && cmdline_name_eq(pos, len - 3, p->name)))
            return true;
    return false;
}

int parse_params(const char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end)
{
    static char word[WORD_MAX];
    int problems = 0;

    for (const char *p = skip_spaces(cmdline ? cmdline : ""); *p; p = skip_spaces(p)) {
        size_t len = word_len(p);
        char *val;
        int rc;

        if (is_end_marker(p, len))
            break;
        strlcpy(word, p, min(len + 1, sizeof(word)));
        p += len;
        val = strchr(word, '=');
        if (val)
            *val++ = '\0';
        rc = handle_option(word, val, start, end);
        if (rc == 1)
            printk(XENLOG_WARNING "Unknown command line option '%s'\n", word);
        else if (rc)
            printk(XENLOG_WARNING "Bad value for command line option '%s': '%s' (%d)\n",
                   word, val ? val : "", rc);
        problems += rc != 0;
    }
    return problems;
}

/* ---- the boot command line ------------------------------------------- */

const char *cmdline_skip_image(const char *cmdline, const char *loader,
                               const struct kernel_param *start,
                               const struct kernel_param *end)
{
    const char *p = skip_spaces(cmdline ? cmdline : "");
    size_t len = word_len(p);

    if (!len || has_char(p, len, '=') || is_end_marker(p, len))
        return p;
    if (!has_char(p, len, '/')) {
        if (loader && !strncmp(loader, "GRUB 2", 6))
            return p;
        if (is_option_name(p, len, start, end))
            return p;
    }
    return skip_spaces(p + len);
}

/* Copy [s, s+len) to @dst, dropping trailing spaces; false if truncated. */
static bool copy_part(char *dst, size_t size, const char *s, size_t len)
{
    while (len && is_space(s[len - 1]))
        len--;
    strlcpy(dst, s, min(len + 1, size));
    return len < size;
}

int cmdline_parse_table(const char *cmdline, const char *loader,
                        const struct kernel_param *start,
                        const struct kernel_param *end)
{
    const char *opts = cmdline_skip_image(cmdline, loader, start, end);
    const char *p = opts, *extra = "";
    int problems = 0;

    for (; *p; p = skip_spaces(p + word_len(p))) {
        if (is_end_marker(p, word_len(p))) {
            extra = skip_spaces(p + 2);
            break;
        }
    }
    if (!copy_part(saved_cmdline, sizeof(saved_cmdline), opts, p - opts) ||
        !copy_part(dom0_cmdline_extra, sizeof(dom0_cmdline_extra), extra, strlen(extra))) {
        printk(XENLOG_WARNING "Command line too long: truncated\n");
        problems++;
    }
    return problems + parse_params(opts, start, end);
}

void cmdline_parse(const char *cmdline)
{
    cmdline_parse_table(cmdline, boot_info.loader_name, __param_start, __param_end);
}
