/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Test-only option test_fault=<kind>: at the end of boot do_test_fault()
 * deliberately faults in the hypervisor, so integration tests can check the
 * exception report and the reset that follows.  nmi sends this CPU an NMI,
 * which must be survived (boot goes on to "ready").  The hardening kinds:
 * stack (recurse into the guard page), wtext (write to hypervisor text),
 * nxdata (execute from data), null (read through a NULL pointer).
 */
#include <xen/bootinfo.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <asm/apic.h>
#include <asm/config.h>
#include <asm/processor.h>

static char opt_test_fault[16];
string_param("test_fault", opt_test_fault);

#define PTE_PRESENT  0x001ul
#define PTE_LARGE    0x080ul
#define PTE_ADDR     0x000ffffffffff000ul

/* Walk the live page tables: is @va mapped?  (Tables are in the directmap.) */
static bool va_mapped(unsigned long va)
{
    unsigned long table = read_cr3() & PTE_ADDR;

    for (int shift = 39; shift >= 12; shift -= 9) {
        unsigned long e = ((const unsigned long *)__va(table))[(va >> shift) & 511];
        if (!(e & PTE_PRESENT))
            return false;
        if (shift == 12 || ((e & PTE_LARGE) && shift <= 30))
            return true;
        table = e & PTE_ADDR;
    }
    return true;
}

/* An address with nothing mapped: the classic one if free, else a spare slot. */
static unsigned long unmapped_address(void)
{
    static const unsigned long candidates[] = {
        0xdead0000ul, 0x00007fffdead0000ul, 0xffff8100dead0000ul,
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(candidates); i++)
        if (!va_mapped(candidates[i]))
            return candidates[i];
    panic("test_fault: no unmapped address found");
}

static void self_nmi(void)
{
    apic_send_ipi(apic_id(), APIC_DM_NMI);
    for (volatile int i = 0; i < 100000; i++)   /* let it arrive */
        cpu_relax();
}

/* Recurse until the stack runs into its guard page. */
static unsigned long __attribute__((noinline, noipa)) recurse(volatile unsigned long depth)
{
    volatile char frame[256];

    frame[0] = (char)depth;
    if (depth == ~0UL)                  /* never: keeps the compiler from calling it infinite */
        return frame[0];
    return recurse(depth + 1) + frame[0];
}

static uint8_t data_insn[16] = { 0xc3 };        /* a RET in writable data */

/* Its symbol must stay "do_test_fault": the integration test greps for it. */
void __attribute__((noinline, noipa)) do_test_fault(const char *kind)
{
    unsigned long bad = unmapped_address();
    volatile unsigned int zero = 0, one = 1;

    if (!strcmp(kind, "pf"))
        *(volatile unsigned long *)bad = 0xdeadbeef;
    else if (!strcmp(kind, "gp"))
        (void)*(volatile unsigned long *)0x8000000000000000ul;
    else if (!strcmp(kind, "ud"))
        __asm__ volatile("ud2");
    else if (!strcmp(kind, "de"))
        one = one / zero;
    else if (!strcmp(kind, "df"))       /* #PF can't push its frame: #DF */
        __asm__ volatile("mov %0, %%rsp; pushq $0" :: "r"(bad) : "memory");
    else if (!strcmp(kind, "bug"))
        BUG_ON(one);
    else if (!strcmp(kind, "nmi"))
        self_nmi();
    else if (!strcmp(kind, "stack"))
        recurse(0);
    else if (!strcmp(kind, "wtext"))
        *(volatile uint8_t *)(unsigned long)&do_test_fault = 0xcc;
    else if (!strcmp(kind, "nxdata"))
        ((void (*)(void))(unsigned long)data_insn)();
    else if (!strcmp(kind, "null"))
        (void)*(volatile unsigned long *)(unsigned long)(one - 1);
    else
        printk(XENLOG_WARNING "test_fault=%s: unknown kind "
               "(pf|gp|ud|de|df|bug|nmi|stack|wtext|nxdata|null)\n", kind);
    
}

static int test_fault_init(void)
{
    if (opt_test_fault[0]) {
        printk(XENLOG_WARNING "test_fault=%s: triggering a hypervisor fault\n", opt_test_fault);
        do_test_fault(opt_test_fault);
    }
    return 0;
}
__initcall(test_fault_init);
