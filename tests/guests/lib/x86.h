/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Thin x86 instruction wrappers for the test guests. */
#ifndef GUEST_X86_H
#define GUEST_X86_H

#include <stdint.h>

struct cpuid_regs { uint32_t a, b, c, d; };

static inline struct cpuid_regs cpuid_count(uint32_t leaf, uint32_t sub)
{
    struct cpuid_regs r;
    asm volatile ("cpuid" : "=a" (r.a), "=b" (r.b), "=c" (r.c), "=d" (r.d)
                  : "a" (leaf), "c" (sub));
    return r;
}
static inline struct cpuid_regs cpuid(uint32_t leaf) { return cpuid_count(leaf, 0); }

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    asm volatile ("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
    return lo | ((uint64_t)hi << 32);
}
static inline void wrmsr(uint32_t msr, uint64_t val)
{
    asm volatile ("wrmsr" :: "c" (msr), "a" ((uint32_t)val), "d" ((uint32_t)(val >> 32))
                  : "memory");
}

/*
 * rdmsr/wrmsr that survive a #GP: the exception table sends a fault at 1:
 * to 2: with the vector in the fixup register.  Return 0 or the vector.
 */
#define EXTABLE(fault, fixup) \
    ".pushsection .ex_table, \"a\"\n .balign 8\n .quad " #fault ", " #fixup "\n .popsection\n"

static inline int rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    int fault = 0;
    asm volatile ("1: rdmsr\n2:\n" EXTABLE(1b, 2b)
                  : "=a" (lo), "=d" (hi), "+S" (fault) : "c" (msr));
    *val = lo | ((uint64_t)hi << 32);
    return fault;
}
static inline int wrmsr_safe(uint32_t msr, uint64_t val)
{
    int fault = 0;
    asm volatile ("1: wrmsr\n2:\n" EXTABLE(1b, 2b)
                  : "+S" (fault)
                  : "c" (msr), "a" ((uint32_t)val), "d" ((uint32_t)(val >> 32))
                  : "memory");
    return fault;
}

static inline void outb(uint16_t port, uint8_t v) { asm volatile ("outb %0, %1" :: "a" (v), "Nd" (port)); }
static inline void outw(uint16_t port, uint16_t v) { asm volatile ("outw %0, %1" :: "a" (v), "Nd" (port)); }
static inline void outl(uint16_t port, uint32_t v) { asm volatile ("outl %0, %1" :: "a" (v), "Nd" (port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; asm volatile ("inb %1, %0" : "=a" (v) : "Nd" (port)); return v; }
static inline uint16_t inw(uint16_t port) { uint16_t v; asm volatile ("inw %1, %0" : "=a" (v) : "Nd" (port)); return v; }
static inline uint32_t inl(uint16_t port) { uint32_t v; asm volatile ("inl %1, %0" : "=a" (v) : "Nd" (port)); return v; }

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    asm volatile ("rdtsc" : "=a" (lo), "=d" (hi));
    return lo | ((uint64_t)hi << 32);
}
static inline uint64_t read_cr0(void) { uint64_t v; asm volatile ("mov %%cr0, %0" : "=r" (v)); return v; }
static inline uint64_t read_cr4(void) { uint64_t v; asm volatile ("mov %%cr4, %0" : "=r" (v)); return v; }
static inline uint64_t read_cr3(void) { uint64_t v; asm volatile ("mov %%cr3, %0" : "=r" (v)); return v; }
static inline void write_cr3(uint64_t v) { asm volatile ("mov %0, %%cr3" :: "r" (v) : "memory"); }
static inline void write_cr0(uint64_t v) { asm volatile ("mov %0, %%cr0" :: "r" (v)); }
static inline void write_cr4(uint64_t v) { asm volatile ("mov %0, %%cr4" :: "r" (v)); }
static inline void cpu_relax(void) { asm volatile ("pause" ::: "memory"); }
static inline void irq_enable(void) { asm volatile ("sti" ::: "memory"); }
static inline void irq_disable(void) { asm volatile ("cli" ::: "memory"); }
/* sti;hlt: the interrupt shadow makes "enable and wait" atomic. */
static inline void safe_halt(void) { asm volatile ("sti; hlt" ::: "memory"); }
static inline noreturn void halt_forever(void) { for (;;) asm volatile ("cli; hlt"); }

#define MSR_EFER        0xc0000080
#define EFER_SCE        (1u << 0)
#define EFER_LME        (1u << 8)
#define EFER_LMA        (1u << 10)
#define EFER_NXE        (1u << 11)
#define EFER_SVME       (1u << 12)

#endif
