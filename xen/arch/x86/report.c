/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The exception report, laid out like Xen's: banner, CPU, vector and
 * error code, RIP as a symbol, flags, general and control registers,
 * selectors, a stack dump and a frame-pointer call trace.
 */
#include <xen/lib.h>
#include <xen/percpu.h>
#include <xen/symbols.h>
#include <asm/processor.h>
#include <asm/traps.h>

static const char *const trap_names[32][2] = {
    [0]  = { "#DE", "divide error" },         [1]  = { "#DB", "debug" },
    [2]  = { "NMI", "nmi" },                  [3]  = { "#BP", "int3" },
    [4]  = { "#OF", "overflow" },             [5]  = { "#BR", "bounds" },
    [6]  = { "#UD", "invalid opcode" },       [7]  = { "#NM", "device not available" },
    [8]  = { "#DF", "double fault" },         [9]  = { "CSO", "coprocessor segment overrun" },
    [10] = { "#TS", "invalid tss" },          [11] = { "#NP", "segment not found" },
    [12] = { "#SS", "stack error" },          [13] = { "#GP", "general protection fault" },
    [14] = { "#PF", "page fault" },           [15] = { "---", "spurious interrupt" },
    [16] = { "#MF", "coprocessor error" },    [17] = { "#AC", "alignment check" },
    [18] = { "#MC", "machine check" },        [19] = { "#XM", "simd error" },
    [20] = { "#VE", "virtualisation exception" }, [21] = { "#CP", "control-flow protection" },
    [28] = { "#HV", "hypervisor injection" }, [29] = { "#VC", "vmm communication" },
    [30] = { "#SX", "security exception" },
};

const char *trap_name(unsigned long vector)
{
    if (vector < 32 && trap_names[vector][1])
        return trap_names[vector][1];
    return vector < 32 ? "reserved" : "interrupt";
}

static const char *trap_mnemonic(unsigned long vector)
{
    return vector < 32 && trap_names[vector][0] ? trap_names[vector][0] : "#??";
}

static bool has_selector_error(unsigned long vector)
{
    return vector == 10 || vector == 11 || vector == 12 || vector == 13 ||
           vector == 17 || vector == 8;
}

/* Human-readable error code: #PF bits, or the selector form. */
static void decode_error(const struct cpu_user_regs *regs, char *buf, size_t size)
{
    unsigned long ec = regs->error_code;

    if (regs->vector == TRAP_page_fault) {
        snprintf(buf, size, " [%s, %s, %s%s%s%s%s]",
                 ec & 1 ? "protection" : "not-present", ec & 2 ? "write" : "read",
                 ec & 4 ? "user" : "supervisor", ec & 8 ? ", reserved-bit" : "",
                 ec & 16 ? ", instruction-fetch" : "", ec & 32 ? ", protection-key" : "",
                 ec & 64 ? ", shadow-stack" : "");
    } else if (has_selector_error(regs->vector) && ec) {
        snprintf(buf, size, " [%s index %#lx%s]", ec & 2 ? "IDT" : ec & 4 ? "LDT" : "GDT",
                 ec & 2 ? (ec >> 3) & 0xff : ec >> 3, ec & 1 ? ", external" : "");
    } else {
        buf[0] = '\0';
    }
}

static void show_registers(const struct cpu_user_regs *regs, unsigned long cr2)
{
    uint16_t ds, es, fs, gs;

    printk(XENLOG_ERR "rax: %016lx   rbx: %016lx   rcx: %016lx\n", regs->rax, regs->rbx, regs->rcx);
    printk(XENLOG_ERR "rdx: %016lx   rsi: %016lx   rdi: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
    printk(XENLOG_ERR "rbp: %016lx   rsp: %016lx   r8:  %016lx\n", regs->rbp, regs->rsp, regs->r8);
    printk(XENLOG_ERR "r9:  %016lx   r10: %016lx   r11: %016lx\n", regs->r9, regs->r10, regs->r11);
    printk(XENLOG_ERR "r12: %016lx   r13: %016lx   r14: %016lx\n", regs->r12, regs->r13, regs->r14);
    printk(XENLOG_ERR "r15: %016lx   cr0: %016lx   cr4: %016lx\n", regs->r15, read_cr0(), read_cr4());
    printk(XENLOG_ERR "cr3: %016lx   cr2: %016lx\n", read_cr3(), cr2);
    __asm__ volatile("mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
                     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs));
    printk(XENLOG_ERR "ds: %04x   es: %04x   fs: %04x   gs: %04x   ss: %04lx   cs: %04lx\n",
           ds, es, fs, gs, regs->ss & 0xffff, regs->cs & 0xffff);
}

static void show_banner(void)
{
    printk(XENLOG_ERR "----[ Xen-compatible hypervisor %s  x86_64 ]----\n", XEN_VERSION_STRING);
    printk(XENLOG_ERR "CPU:    %u\n", smp_processor_id());
}

void show_execution_state(const struct cpu_user_regs *regs, unsigned long cr2)
{
    struct symtab t = xen_symtab();
    char sym[128], err[96];

    show_banner();
    decode_error(regs, err, sizeof(err));
    printk(XENLOG_ERR "TRAP:   vector %lu (%s %s), error code %04lx%s\n",
           (unsigned long)regs->vector, trap_mnemonic(regs->vector), trap_name(regs->vector),
           (unsigned long)regs->error_code, err);
    if (regs->vector == TRAP_page_fault)
        printk(XENLOG_ERR "CR2:    %016lx\n", cr2);
    symtab_format(&t, sym, sizeof(sym), regs->rip, false);
    printk(XENLOG_ERR "RIP:    %04lx:[<%016lx>] %s\n", regs->cs & 0xffff, regs->rip, sym);
    printk(XENLOG_ERR "RFLAGS: %016lx   CONTEXT: hypervisor%s\n", regs->rflags,
           this_cpu()->irq_nest ? " (in interrupt)" : "");
    show_registers(regs, cr2);
    show_stack(regs->rsp);
    show_trace(regs->rip, regs->rbp);
}

/*
 * State at a call site, for BUG_ON/ASSERT (no trap frame): @frame is the
 * frame record of the failing check's helper, so RIP is its return address
 * in the caller.  General registers are not meaningful here and are left out.
 */
void show_call_site_state(const void *frame)
{
    const unsigned long *f = frame;
    struct symtab t = xen_symtab();
    uint16_t cs;
    char sym[128];

    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    show_banner();
    symtab_format(&t, sym, sizeof(sym), f[1], true);
    printk(XENLOG_ERR "RIP:    %04x:[<%016lx>] %s\n", cs, f[1], sym);
    printk(XENLOG_ERR "RFLAGS: %016lx   CONTEXT: hypervisor%s\n", local_save_flags(),
           this_cpu()->irq_nest ? " (in interrupt)" : "");
    printk(XENLOG_ERR "cr0: %016lx   cr3: %016lx   cr4: %016lx\n",
           read_cr0(), read_cr3(), read_cr4());
    show_stack((unsigned long)(f + 2));
    show_trace_from_frame(frame);
}
