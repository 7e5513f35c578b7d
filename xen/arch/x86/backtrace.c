/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Stack dumps and frame-pointer call traces.  The walker only reads memory
 * inside a stack this CPU is known to own (its main stack or one of its
 * IST stacks), so a corrupt frame chain ends the trace instead of faulting.
 * A frame record is { saved rbp, return address } at the address in rbp.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/symbols.h>
#include <asm/config.h>
#include <asm/desc.h>
#include <asm/traps.h>

#define MAX_FRAMES        32
#define STACK_DUMP_WORDS  32
#define WORDS_PER_LINE    4

static bool in_range(unsigned long addr, const struct stack_range *r)
{
    return addr >= r->base && addr < r->top;
}

/* The stack of this CPU that contains @addr, if any. */
static bool find_stack(unsigned long addr, struct stack_range *r)
{
    unsigned int cpu = smp_processor_id();
    unsigned long top = this_cpu()->stack_top;

    *r = (struct stack_range){ top - STACK_SIZE + PAGE_SIZE, top };    /* above the guard */
    if (top >= STACK_SIZE && in_range(addr, r))
        return true;
    for (unsigned int ist = 1; ist <= IST_COUNT; ist++) {
        *r = ist_stack_range(cpu, ist);
        if (in_range(addr, r))
            return true;
    }
    return false;
}

static void print_entry(unsigned long addr, bool is_ret)
{
    struct symtab t = xen_symtab();
    char sym[128];

    symtab_format(&t, sym, sizeof(sym), addr, is_ret);
    printk(XENLOG_ERR "   [<%016lx>] %s\n", addr, sym);
}

/*
 * Follow the chain from @fp.  Within one stack each frame must lie above
 * the last; moving to another known stack (IST to main) is allowed.
 */
static void walk_frames(unsigned long fp)
{
    struct stack_range r = { 0, 0 };
    unsigned long prev = 0;

    for (unsigned int n = 0; n < MAX_FRAMES && fp && !(fp & 7); n++) {
        const unsigned long *frame = (const unsigned long *)fp;

        if (in_range(fp, &r)) {
            if (fp <= prev)
                break;
        } else if (!find_stack(fp, &r)) {
            break;
        }
        if (fp + 2 * sizeof(long) > r.top || !frame[1])
            break;
        print_entry(frame[1], true);
        prev = fp;
        fp = frame[0];
    }
}

void show_trace(unsigned long rip, unsigned long rbp)
{
    printk(XENLOG_ERR "Xen call trace:\n");
    print_entry(rip, false);
    walk_frames(rbp);
}

void show_trace_from_frame(const void *frame)
{
    printk(XENLOG_ERR "Xen call trace:\n");
    walk_frames((unsigned long)frame);
}

void show_stack(unsigned long sp)
{
    struct stack_range r;
    char line[WORDS_PER_LINE * 20 + 1];

    if (!(sp & 7) && !find_stack(sp, &r) && find_stack(sp + PAGE_SIZE, &r) &&
        sp < r.base) {
        printk(XENLOG_ERR "Xen stack trace from rsp=%016lx: in the guard page\n", sp);
        sp = r.base;                    /* dump what lies above it */
    }
    if ((sp & 7) || !find_stack(sp, &r)) {
        printk(XENLOG_ERR "Xen stack trace from rsp=%016lx: not a known stack\n", sp);
        return;
    }
    printk(XENLOG_ERR "Xen stack trace from rsp=%016lx:\n", sp);
    for (unsigned int i = 0; i < STACK_DUMP_WORDS && sp < r.top; ) {
        size_t len = 0;
        for (unsigned int w = 0; w < WORDS_PER_LINE && sp < r.top; w++, i++) {
            len += snprintf(line + len, sizeof(line) - len, " %016lx",
                            *(const unsigned long *)sp);
            sp += sizeof(long);
        }
        printk(XENLOG_ERR "  %s\n", line);
    }
}
