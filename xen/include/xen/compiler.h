/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Compiler helpers shared by all hypervisor code. */
#ifndef XEN_COMPILER_H
#define XEN_COMPILER_H

#define likely(x)        __builtin_expect(!!(x), 1)
#define unlikely(x)      __builtin_expect(!!(x), 0)
#define __used           __attribute__((used))
#define __unused         __attribute__((unused))
#define __section(s)     __attribute__((section(s)))
#define __aligned(a)     __attribute__((aligned(a)))
#define __packed         __attribute__((packed))
#define __noreturn       __attribute__((noreturn))
#define __printf(a, b)   __attribute__((format(printf, a, b)))
#define barrier()        __asm__ volatile("" ::: "memory")

#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c)  _Static_assert(!(c), #c)
#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define __stringify_1(x) #x
#define __stringify(x)   __stringify_1(x)

#endif
