/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Self-registering subsystem init hooks.  __initcall(fn) runs fn once on the
 * boot CPU after memory, interrupts and time are up (in link order);
 * presmp_initcall(fn) runs before the APs start.
 */
#ifndef XEN_INIT_H
#define XEN_INIT_H

#include <xen/compiler.h>

struct initcall {
    int (*fn)(void);
    const char *name;
    unsigned int stage;     /* 0: presmp, 1: after SMP bring-up */
};

#define __define_initcall(f, st) \
    static const struct initcall __used __section(".data.initcall") \
    __aligned(8) __initcall_##f = { f, #f, st }
#define presmp_initcall(f) __define_initcall(f, 0)
#define __initcall(f)      __define_initcall(f, 1)

void do_initcalls(unsigned int stage);

#endif
