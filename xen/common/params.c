/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Command-line option parsing (placeholder until the typed parser lands). */
#include <xen/lib.h>
#include <xen/param.h>

extern const struct kernel_param __param_start[], __param_end[];
char saved_cmdline[1024];

int parse_params(const char *cmdline, const struct kernel_param *start,
                 const struct kernel_param *end)
{
    (void)cmdline; (void)start; (void)end;
    return 0;
}

void cmdline_parse(const char *cmdline)
{
    strlcpy(saved_cmdline, cmdline ? cmdline : "", sizeof(saved_cmdline));
    parse_params(saved_cmdline, __param_start, __param_end);
}
