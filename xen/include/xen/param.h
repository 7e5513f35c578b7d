/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Typed command-line options, registered next to the code that uses them:
 *
 *   static bool opt_noreboot;
 *   boolean_param("noreboot", opt_noreboot);
 *
 * Syntax (as Xen's): options are separated by spaces; "name" or
 * "name=value"; '-' and '_' in names are interchangeable; quotes are not
 * special; a later occurrence of an option overrides an earlier one; a
 * "--" word ends the hypervisor's options (the rest is for dom0).
 *
 * Types:
 *  bool    "x" (true), "no-x" (false), "x=<yes|no|on|off|true|false|
 *          enable|disable|1|0>" ("no-x=no" is true).  "x=" is a bad value.
 *  integer signed or unsigned, the variable's width; 0x (hex) and 0 (octal)
 *          prefixes; a value that does not fit the variable, a negative
 *          value for an unsigned one, a missing value or trailing junk is
 *          a bad value and leaves the variable unchanged.
 *  size    as integer, with a suffix B, K, M, G or T (powers of 1024);
 *          without a suffix the number is in KiB, as in Xen.
 *  string  copied and truncated to the buffer; "x" alone gives "".
 *  custom  fn(value), or fn(NULL) for a bare "x", or fn("no") for "no-x";
 *          returns 0 or a negative errno (reported as a bad value).
 * Unknown options and bad values are reported on the console (one warning
 * each, naming the option) and otherwise ignored: never fatal.
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/types.h>
#include <xen/compiler.h>

enum param_type {
    PARAM_BOOL,
    PARAM_INT,      /* signed integer of size len */
    PARAM_UINT,     /* unsigned integer of size len */
    PARAM_SIZE,     /* unsigned integer of size len with K/M/G/T suffix */
    PARAM_STRING,   /* char array of size len */
    PARAM_CUSTOM,
};

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int len;
    void *var;
    int (*parse)(const char *val);  /* PARAM_CUSTOM: val may be NULL */
};

#define __param(n) \
    static const struct kernel_param __used __section(".data.param") \
    __aligned(8) n

#define __int_type_of(var) \
    (__builtin_types_compatible_p(__typeof__(var), bool) ? PARAM_BOOL : \
     ((__typeof__(var))-1 > 0) ? PARAM_UINT : PARAM_INT)

#define boolean_param(nm, var) \
    __param(__kparam_##var) = { nm, PARAM_BOOL, sizeof(var), &(var), NULL }
#define integer_param(nm, var) \
    __param(__kparam_##var) = { nm, __int_type_of(var), sizeof(var), &(var), NULL }
#define size_param(nm, var) \
    __param(__kparam_##var) = { nm, PARAM_SIZE, sizeof(var), &(var), NULL }
#define string_param(nm, var) \
    __param(__kparam_##var) = { nm, PARAM_STRING, sizeof(var), (var), NULL }
#define custom_param(nm, fn) \
    __param(__kparam_##fn) = { nm, PARAM_CUSTOM, 0, NULL, (fn) }

/*
 * Parse @cmdline against the table [start, end), stopping at a "--" word.
 * Returns the number of problems found (unknown options plus bad values);
 * each is reported with printk.  Host-testable: takes the table explicitly.
 */
int parse_params(const char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end);

/*
 * Skip the image name some loaders put first (QEMU -kernel: "xen/xen ...",
 * GRUB legacy: "/boot/xen.gz ..."; GRUB 2 omits it).  The first word is an
 * image name when it has no '=', is not "--", and either contains '/', or
 * (loader not GRUB 2) is not the name of a registered option.  Returns a
 * pointer into @cmdline past the name and following spaces.
 */
const char *cmdline_skip_image(const char *cmdline, const char *loader,
                               const struct kernel_param *start,
                               const struct kernel_param *end);

/*
 * The whole boot-time treatment: skip the image name, store the
 * hypervisor's part in saved_cmdline and what follows "--" in
 * dom0_cmdline_extra, parse the former.  Returns the number of problems.
 */
int cmdline_parse_table(const char *cmdline, const char *loader,
                        const struct kernel_param *start,
                        const struct kernel_param *end);

/* Parse the boot loader's command line against all registered options. */
void cmdline_parse(const char *cmdline);

/* The hypervisor's options as given by the boot loader (image name and
 * "-- dom0 options" removed). */
extern char saved_cmdline[1024];
/* Options after "--": appended to the initial domain's command line. */
extern char dom0_cmdline_extra[1024];

/* Value parsers for custom options (0, -EINVAL malformed, -ERANGE too big);
 * *end is set past the consumed text, so check it for trailing junk. */
int parse_ullong(const char *s, const char **end, uint64_t *out);
int parse_sllong(const char *s, const char **end, int64_t *out);
int parse_size(const char *s, const char **end, uint64_t *out);
/* 1 / 0 for a yes/no word in [s, e) (e NULL: up to NUL), else -EINVAL. */
int parse_bool(const char *s, const char *e);
/* Does s[0..len) equal @name, with '-' and '_' treated as the same? */
bool cmdline_name_eq(const char *s, size_t len, const char *name);

#endif
