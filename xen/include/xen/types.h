/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Basic types; freestanding headers only, so host unit tests can use it. */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

typedef uint64_t paddr_t;
typedef int64_t s_time_t;   /* system time in nanoseconds */

#define PRIpaddr "016lx"

#endif
