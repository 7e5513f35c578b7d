/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The test-guest library: a freestanding 64-bit PVH kernel environment.
 * head.S enters from the PVH 32-bit entry point, switches to long mode with
 * the first 4 GiB identity-mapped (2 MiB pages), and calls main() with the
 * console, IDT and hypercalls ready.  main() returns nothing: a test ends by
 * calling one of the verdict functions, which print an XTF-style line
 * ("Test result: SUCCESS" ...) and shut the domain down.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "xen_public.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define noreturn _Noreturn
#define __printf(a, b) __attribute__((format(printf, a, b)))

/* Provided by each test. */
void main(void);

/* ---- start of day (setup.c) ---- */
extern const struct hvm_start_info *start_info;   /* checked: magic ok */
extern uint64_t entry_tsc;                         /* TSC at the first instruction (head.S) */
const char *guest_cmdline(void);                   /* "" if none */
/* Value of "name=value" on the command line (NULL if absent); copies into buf. */
const char *cmdline_get(const char *name, char *buf, size_t len);
bool cmdline_has(const char *word);                /* bare word or name=... */
unsigned long cmdline_ulong(const char *name, unsigned long dflt);
/* Is [addr, addr+len) RAM in the start_info memory map? (true if no map) */
bool memmap_is_ram(uint64_t addr, uint64_t len);

/* ---- console (console.c) ---- */
int printf(const char *fmt, ...) __printf(1, 2);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
void puts_raw(const char *s, size_t len);  /* buffered, emitted line by line */
void console_flush(void);
/* Low-level channels, whole buffers, no line buffering. */
void e9_write(const char *s, size_t len);
long hcall_console_write(const char *s, size_t len);

/* ---- verdicts and shutdown (verdict.c) ---- */
noreturn void test_success(void);
noreturn void test_failure(const char *fmt, ...) __printf(1, 2);
noreturn void test_error(const char *fmt, ...) __printf(1, 2);
noreturn void test_skip(const char *fmt, ...) __printf(1, 2);
noreturn void guest_shutdown(unsigned int reason);
/* The hardware-reduced FADT's sleep control port: SLP_EN with S5 powers off. */
#define PVH_ACPI_SLEEP_CONTROL_PORT 0x4000
/* Record a failed check; test_end() reports SUCCESS or the first failure. */
void check(bool ok, const char *fmt, ...) __printf(2, 3);
noreturn void test_end(void);

/* ---- hypercalls (hypercall.c) ---- */
bool hypervisor_is_xen(void);           /* CPUID 0x40000000 says XenVMMXenVMM */
long hypercall2(unsigned int nr, unsigned long a1, unsigned long a2);
long hypercall3(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3);
/* All five 64-bit arguments; @nr is the whole of RAX. */
long hypercall5(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
                unsigned long a4, unsigned long a5);
bool hypercall_uses_vmmcall(void);      /* the CPU vendor's instruction */
/* With VMMCALL (@vmmcall) or VMCALL; *vector = exception it raised, or ~0u. */
long hypercall_insn(bool vmmcall, unsigned long nr, unsigned long a1, unsigned long a2,
                    unsigned long a3, unsigned int *vector);
/* From 32-bit compatibility mode (EBX, ECX, EDX, ESI, EDI); returns EAX. */
uint32_t hypercall32(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                     uint64_t a5);
/* Through a hypercall page the guest installed (MSR from CPUID 0x40000002). */
long hypercall_page_call(const void *page, unsigned int nr, unsigned long a1,
                         unsigned long a2, unsigned long a3);
long hypercall_sched_op(unsigned int cmd, void *arg);
long hypercall_console_io(unsigned int cmd, unsigned int count, const char *buf);

/* ---- traps (traps.c) ---- */
struct cpu_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};
typedef void (*irq_handler_t)(struct cpu_frame *f);
void traps_init(void);                  /* load the IDT on this CPU */
void set_irq_handler(unsigned int vector, irq_handler_t fn);
/*
 * Faults a test expects: an instruction placed with EXTABLE (rdmsr_safe /
 * wrmsr_safe use it) that faults resumes at its fixup; the vector and error
 * code are kept in last_fault.
 */
struct fault_record {
    unsigned int vector;
    uint64_t error_code;
    uint64_t rip;
};
extern volatile struct fault_record last_fault;
#define VEC_DE 0
#define VEC_UD 6
#define VEC_DF 8
#define VEC_GP 13
#define VEC_PF 14

/* ---- x86 helpers (x86.h) ---- */
#include "x86.h"

/* ---- x2APIC (apic.c) ---- */
#define MSR_APIC_BASE       0x1b
#define APIC_BASE_BSP       (1u << 8)
#define APIC_BASE_EXTD      (1u << 10)
#define APIC_BASE_EN        (1u << 11)
#define X2APIC_MSR(reg)     (0x800 + ((reg) >> 4))  /* xAPIC offset -> MSR */
#define APIC_ID     0x020
#define APIC_VER    0x030
#define APIC_TPR    0x080
#define APIC_EOI    0x0b0
#define APIC_SVR    0x0f0
#define APIC_ICR    0x300
#define APIC_LVTT   0x320
#define APIC_TMICT  0x380
#define APIC_TMCCT  0x390
#define APIC_TDCR   0x3e0
bool x2apic_enabled(void);
void x2apic_enable(void);               /* EN|EXTD if not yet, SVR software-enable */
uint32_t x2apic_id(void);
uint64_t apic_rdmsr(unsigned int reg);
void apic_wrmsr(unsigned int reg, uint64_t val);
void apic_eoi(void);
void apic_send_init(uint32_t dest);
void apic_send_sipi(uint32_t dest, uint8_t vector_page);
/* One-shot LVT timer: @count ticks at divide-by-1 into @vector. */
void apic_timer_oneshot(uint8_t vector, uint32_t count);

/* ---- ACPI (acpi.c) ---- */
/* Enabled local APIC IDs from the MADT; returns how many (<= max), -1 if no MADT. */
int acpi_madt_apic_ids(uint32_t *ids, int max);

/* ---- SMP (smp in head.S + apic) ---- */
#define AP_TRAMPOLINE_PA 0x8000
/* Copy the real-mode trampoline to AP_TRAMPOLINE_PA; APs then run @fn. */
void ap_prepare(void (*fn)(void));
/* 32-bit protected-mode entry for an AP started with VCPUOP_initialise. */
extern const char ap_entry_pm32[];
struct vcpu_hvm_context;
/* The VCPUOP_initialise context (32-bit flat, paging off) that enters it. */
void ap_context_pm32(struct vcpu_hvm_context *ctx);

/* ---- strings (string.c) ---- */
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
void *memchr(const void *s, int c, size_t n);
char *strstr(const char *hay, const char *needle);
int strncmp(const char *a, const char *b, size_t n);
unsigned long strtoul(const char *s, const char **end, int base);

#endif
