/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Debug keys: a key pressed on the serial console while input is directed
 * at the hypervisor runs the handler registered for it:
 *
 *   static void dump_timers(unsigned char key) { ... }
 *   DEFINE_KEYHANDLER('t', dump_timers, "dump software timers");
 */
#ifndef XEN_KEYHANDLER_H
#define XEN_KEYHANDLER_H

#include <xen/compiler.h>

struct keyhandler {
    unsigned char key;
    void (*fn)(unsigned char key);
    const char *desc;
};

#define DEFINE_KEYHANDLER(k, f, d) \
    static const struct keyhandler __used __section(".data.keyhandler") \
    __aligned(8) __keyhandler_##f = { k, f, d }

/* Run the handler for @key; unknown keys print a hint to press 'h'. */
void handle_keypress(unsigned char key);

#endif
