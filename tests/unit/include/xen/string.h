/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Host stand-in for <xen/string.h>: the C library's functions. */
#ifndef XEN_STRING_H
#define XEN_STRING_H
#include <string.h>
size_t strlcpy(char *dst, const char *src, size_t size);
#endif
