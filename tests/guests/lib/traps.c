/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * IDT and trap dispatch.  All 256 vectors go through head.S's stubs to
 * trap_dispatch().  An exception at an instruction listed in the exception
 * table (EXTABLE, x86.h) resumes at its fixup with the vector in RSI and is
 * recorded in last_fault: that is how a test expects a #GP.  Any other
 * exception is reported (vector, error code, RIP) as an ERROR verdict.
 * Vectors >= 32 go to the handler registered with set_irq_handler().
 */
#include "guest.h"

struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
};
struct extable_entry {
    uint64_t fault, fixup;
};

extern const char isr_stubs[];
extern const struct extable_entry __ex_table_start[], __ex_table_end[];
void trap_dispatch(struct cpu_frame *f);
void console_force_unlock(void);

static struct idt_gate idt[256] __attribute__((aligned(16)));
static irq_handler_t irq_handlers[256];
volatile struct fault_record last_fault;

static const char *const exc_names[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "#MF(9)",
    "#TS", "#NP", "#SS", "#GP", "#PF", "#15", "#MF", "#AC", "#MC", "#XM",
    "#VE", "#CP", "#22", "#23", "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

static void build_idt(void)
{
    for (unsigned int v = 0; v < 256; v++) {
        uint64_t a = (uint64_t)(isr_stubs + 16 * v);

        idt[v] = (struct idt_gate){
            .off_lo = a & 0xffff, .sel = 0x08, .type = 0x8e,    /* present, interrupt gate */
            .off_mid = (a >> 16) & 0xffff, .off_hi = a >> 32,
        };
    }
}

void traps_init(void)
{
    struct __attribute__((packed)) { uint16_t limit; uint64_t base; } idtr = {
        sizeof(idt) - 1, (uint64_t)idt,
    };

    if (!idt[0].type)
        build_idt();
    asm volatile ("lidt %0" :: "m" (idtr));
}

void set_irq_handler(unsigned int vector, irq_handler_t fn)
{
    if (vector >= 32 && vector < 256)
        irq_handlers[vector] = fn;
}

static bool fixup_exception(struct cpu_frame *f)
{
    for (const struct extable_entry *e = __ex_table_start; e < __ex_table_end; e++) {
        if (e->fault == f->rip) {
            last_fault.vector = f->vector;
            last_fault.error_code = f->error_code;
            last_fault.rip = f->rip;
            f->rip = e->fixup;
            f->rsi = f->vector ? f->vector : 256;   /* nonzero even for #DE */
            return true;
        }
    }
    return false;
}

void trap_dispatch(struct cpu_frame *f)
{
    if (f->vector >= 32 && irq_handlers[f->vector]) {
        irq_handlers[f->vector](f);
        return;
    }
    if (f->vector < 32 && fixup_exception(f))
        return;
    console_force_unlock();
    if (f->vector < 32)
        printf("Unexpected exception %s (vector %lu), error code %#lx, at RIP %#lx "
               "(RSP %#lx)\n", exc_names[f->vector], f->vector,
               f->error_code, f->rip, f->rsp);
    else
        printf("Unexpected interrupt, vector %lu, at RIP %#lx\n", f->vector, f->rip);
    if (f->vector == VEC_PF) {
        uint64_t cr2;

        asm volatile ("mov %%cr2, %0" : "=r" (cr2));
        printf("  CR2 %#lx\n", cr2);
    }
    test_error("unexpected %s %lu at RIP %#lx", f->vector < 32 ? "exception" : "interrupt",
               f->vector, f->rip);
}
