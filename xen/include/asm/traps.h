/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Interrupt and exception entry.  Every vector enters through a stub in
 * entry.S that builds a struct cpu_user_regs on the stack and calls
 * do_trap().  Exceptions (0-31) go to the exception reporter; other
 * vectors go to the handler registered with set_irq_handler().
 */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <xen/types.h>

/* Saved state, lowest address first; the layout entry.S pushes. */
struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;     /* hardware frame */
};

/* Vector assignments. */
#define FIRST_EXTERNAL_VECTOR   0x20
#define SERIAL_IRQ_VECTOR       0x24    /* IRQ4 (COM1) through the IO-APIC */
#define LOCAL_TIMER_VECTOR      0xf0
#define CALL_FUNCTION_VECTOR    0xf8
#define EVENT_CHECK_VECTOR      0xf9
#define STOP_CPU_VECTOR         0xfa
#define ERROR_APIC_VECTOR       0xfe
#define SPURIOUS_APIC_VECTOR    0xff

#define TRAP_divide_error   0
#define TRAP_debug          1
#define TRAP_nmi            2
#define TRAP_int3           3
#define TRAP_invalid_op     6
#define TRAP_double_fault   8
#define TRAP_gp_fault      13
#define TRAP_page_fault    14
#define TRAP_machine_check 18

typedef void (*irq_handler_t)(struct cpu_user_regs *regs);

void trap_init(void);                 /* build the IDT (boot CPU) */
void trap_init_this_cpu(void);        /* load IDT (and GDT/TSS) on this CPU */
void set_irq_handler(uint8_t vector, irq_handler_t fn);
void do_trap(struct cpu_user_regs *regs);
/* Report an exception taken in the hypervisor, then panic. */
void __attribute__((noreturn)) fatal_trap(const struct cpu_user_regs *regs);
/*
 * NMI hook, called on the NMI IST stack with further NMIs blocked.  The
 * weak default logs and returns; the SMP code may override it (e.g. to
 * park CPUs during a panic).  It must not take locks another context of
 * the same CPU may hold.
 */
void do_nmi(struct cpu_user_regs *regs);

/* "page fault", "general protection fault", ... (Xen's names). */
const char *trap_name(unsigned long vector);
/* The full report of an exception (registers, stack, call trace). */
void show_execution_state(const struct cpu_user_regs *regs, unsigned long cr2);
/* Report for a failed BUG_ON/ASSERT: RIP is @frame's return address. */
void show_call_site_state(const void *frame);
/* Dump the words on this CPU's stack from @sp upwards (bounded). */
void show_stack(unsigned long sp);
/* "Xen call trace:" starting at @rip, then the frame chain from @rbp. */
void show_trace(unsigned long rip, unsigned long rbp);
/* "Xen call trace:" of the frame chain from @frame (its return address first). */
void show_trace_from_frame(const void *frame);

extern const char trap_stubs[];       /* 256 stubs, 16 bytes apart */

#endif
