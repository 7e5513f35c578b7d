/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Segment descriptors: each CPU has its own GDT (the boot selectors of
 * head.S plus a 64-bit TSS descriptor) and its own TSS, whose interrupt
 * stack table gives NMI, #DF and #MC a known-good stack of their own.
 */
#ifndef ASM_DESC_H
#define ASM_DESC_H

#include <xen/types.h>
#include <xen/compiler.h>
#include <asm/config.h>

#define TSS_SEL         0x20    /* 16-byte descriptor: GDT slots 4 and 5 */
#define GDT_ENTRIES     8

/* IST slots (1-based, as the IDT gate's IST field counts them). */
#define IST_NMI         1
#define IST_DF          2
#define IST_MC          3
#define IST_COUNT       3
#define IST_STACK_SIZE  PAGE_SIZE

struct tss64 {
    uint32_t rsvd0;
    uint64_t rsp[3];            /* stacks for privilege changes to ring 0-2 */
    uint64_t rsvd1;
    uint64_t ist[7];            /* ist[n - 1] is IST slot n */
    uint64_t rsvd2;
    uint16_t rsvd3;
    uint16_t iomap_base;        /* past the limit: no I/O bitmap */
} __packed;

/* A stack as [base, top): the walker only reads inside one. */
struct stack_range {
    unsigned long base, top;
};

/*
 * Build and load this CPU's GDT and TSS (the CPU's percpu area must be set
 * up): reloads CS/DS/ES/SS and the task register.  Leaves FS/GS alone so
 * the GS base (percpu) survives.
 */
void desc_init_this_cpu(void);

/* This CPU's IST stack of slot @ist (1..IST_COUNT). */
struct stack_range ist_stack_range(unsigned int cpu, unsigned int ist);

#endif
