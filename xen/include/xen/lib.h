/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Core library: printk with log levels, formatting, panic and assertions.
 * Log levels are given as a prefix string, as in Xen: printk(XENLOG_INFO
 * "...").  A message without a prefix is logged at XENLOG_INFO.
 */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <xen/string.h>

#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"

#define min(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); a_ < b_ ? a_ : b_; })
#define max(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); a_ > b_ ? a_ : b_; })
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list ap);
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

unsigned long long simple_strtoull(const char *s, const char **end, unsigned int base);
long long simple_strtoll(const char *s, const char **end, unsigned int base);

void __noreturn bug_fail(const char *what, const char *file, unsigned int line);

#define BUG() bug_fail("BUG", __FILE__, __LINE__)
#define BUG_ON(c) do { if (unlikely(c)) bug_fail("BUG_ON(" #c ")", __FILE__, __LINE__); } while (0)
#define ASSERT(c) do { if (unlikely(!(c))) bug_fail("ASSERT(" #c ")", __FILE__, __LINE__); } while (0)

#endif
