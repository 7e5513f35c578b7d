/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Typed command-line options, registered next to the code that uses them:
 *
 *   static bool opt_noreboot;
 *   boolean_param("noreboot", opt_noreboot);
 *
 * Types: bool ("x", "no-x", "x=on|off|yes|no|true|false|enable|disable|1|0"),
 * integer (signed or unsigned, any width, 0x/0 prefixes), size (K/M/G/T
 * suffix, default bytes), string (copied, truncated to the buffer) and
 * custom (a parser function returning 0 or -EINVAL).  Unknown options and
 * bad values are reported on the console and otherwise ignored.
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
     ((__typeof__(var))-1 < 0) ? PARAM_INT : PARAM_UINT)

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
 * Parse @cmdline against the table [start, end).  Returns the number of
 * problems found (unknown options plus bad values); each is reported with
 * printk.  Host-testable: takes the table explicitly.
 */
int parse_params(const char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end);

/* Parse the hypervisor command line against all registered options. */
void cmdline_parse(const char *cmdline);

/* The hypervisor command line as given by the boot loader. */
extern char saved_cmdline[1024];

#endif
