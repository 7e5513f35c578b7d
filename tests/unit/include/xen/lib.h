/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Host stand-in for <xen/lib.h>: printk writes into a capture buffer that
 * tests can inspect (unit_log), and BUG_ON/ASSERT/panic in the code under
 * test jump back to the test, which can expect them with EXPECT_BUG().
 */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <string.h>
#include <stdio.h>

#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"

#define min(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); a_ < b_ ? a_ : b_; })
#define max(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); a_ > b_ ? a_ : b_; })
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

size_t strlcpy(char *dst, const char *src, size_t size);
unsigned long long simple_strtoull(const char *s, const char **end, unsigned int base);
long long simple_strtoll(const char *s, const char **end, unsigned int base);

void printk(const char *fmt, ...) __printf(1, 2);
void __noreturn panic(const char *fmt, ...) __printf(1, 2);
void __noreturn bug_fail(const char *what, const char *file, unsigned int line);

/* Everything printk'd since the last unit_log_clear(). */
extern char unit_log[65536];
void unit_log_clear(void);

#define BUG() bug_fail("BUG", __FILE__, __LINE__)
#define BUG_ON(c) do { if (unlikely(c)) bug_fail("BUG_ON(" #c ")", __FILE__, __LINE__); } while (0)
#define ASSERT(c) do { if (unlikely(!(c))) bug_fail("ASSERT(" #c ")", __FILE__, __LINE__); } while (0)

#endif
