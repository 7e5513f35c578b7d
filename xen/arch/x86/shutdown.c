/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Reset and halt for x86. */
#include <xen/shutdown.h>
#include <asm/io.h>
#include <asm/processor.h>

void machine_halt(void)
{
    local_irq_disable();
    for (;;)
        halt();
}

void machine_restart(void)
{
    struct { uint16_t limit; uint64_t base; } __packed no_idt = { 0, 0 };

    local_irq_disable();
    /* 1: keyboard controller pulse on the reset line. */
    for (int i = 0; i < 100; i++) {
        for (int w = 0; w < 0x10000 && (inb(0x64) & 0x02); w++)
            ;
        outb(0xfe, 0x64);
    }
    /* 2: PCI reset control register (0xcf9): full reset. */
    outb(0x02, 0xcf9);
    outb(0x06, 0xcf9);
    /* 3: triple fault. */
    __asm__ volatile("lidt %0; int3" :: "m"(no_idt));
    machine_halt();
}

void __attribute__((weak)) smp_stop_other_cpus(void)
{
}
