/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * badmem: touches guest-physical memory outside RAM.  0xC0000000 is
 * identity-mapped by our page tables but (on our hypervisor) nothing is
 * mapped there in the domain's p2m, so the nested page fault must crash this
 * domain ("d<id>: crashed: ..."); getting past the access is a FAILURE.
 * "addr=<hex>" picks another address, "write" writes instead of reading,
 * "work=N" spins first.
 *
 * Deliberate difference on Xen: as PVH dom0 the domain owns the host's
 * MMIO holes (identity-mapped by Xen), so the read returns whatever the
 * device model has there and badmem reports FAILURE; as a domU Xen crashes
 * it just like we do.
 */
#include "guest.h"

void main(void)
{
    uint64_t addr = cmdline_ulong("addr", 0xc0000000ul);
    unsigned long n = cmdline_ulong("work", 0);
    volatile uint32_t *p = (volatile uint32_t *)addr;

    if (addr >= (1ull << 32) - 4)
        test_error("addr=%#lx is not below 4 GiB (our identity map)", (unsigned long)addr);
    if (memmap_is_ram(addr, 4) && start_info->version >= 1)
        test_error("%#lx is RAM in the memory map; pick another addr=", (unsigned long)addr);
    for (volatile unsigned long i = 0; i < n; i++)
        ;
    printf("badmem: %s guest-physical %#lx (outside RAM): expect this domain to crash\n",
           cmdline_has("write") ? "writing" : "reading", (unsigned long)addr);
    console_flush();
    if (cmdline_has("write")) {
        *p = 0x5a5a5a5a;
        test_failure("wrote %#lx (outside RAM) and carried on", (unsigned long)addr);
    }
    uint32_t v = *p;
    test_failure("read %#x from %#lx (outside RAM) and carried on", v, (unsigned long)addr);
}
