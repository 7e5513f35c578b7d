/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * crash: triple fault.  Loads an IDT with limit 0 and executes UD2: #UD
 * cannot be delivered (#GP), neither can #GP (#DF), neither can #DF, so
 * the vCPU shuts down.  The hypervisor must crash this domain only
 * ("d<id>: crashed: ..." then "d<id>: shutdown: crash"); any line after the
 * UD2 is a FAILURE.  "work=N" first spins N iterations (to crash while other
 * domains are mid-work).
 */
#include "guest.h"

void main(void)
{
    struct __attribute__((packed)) { uint16_t limit; uint64_t base; } empty = { 0, 0 };
    unsigned long n = cmdline_ulong("work", 0);

    for (volatile unsigned long i = 0; i < n; i++)
        ;
    printf("crash: loading a zero-limit IDT and executing UD2: expect a triple fault\n");
    console_flush();
    asm volatile ("lidt %0; ud2" :: "m" (empty));
    test_failure("survived a triple fault");
}
