/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypercalls.  Like Linux (6.1.y since XSA-466), the instruction is chosen
 * from the CPUID vendor: VMMCALL on AMD and Hygon, VMCALL elsewhere -- no
 * hypercall page.  64-bit ABI: RAX = number, arguments in RDI, RSI, RDX,
 * R10, R8; the result comes back in RAX; argument registers may be
 * clobbered.
 */
#include "guest.h"

static bool use_vmmcall, is_xen;

void hypercall_init(void);
void hypercall_init(void)
{
    struct cpuid_regs v = cpuid(0), x = cpuid(XEN_CPUID_FIRST_LEAF);

    /* "AuthenticAMD" = Auth enti cAMD; "HygonGenuine" = Hygo nGen uine */
    use_vmmcall = (v.b == 0x68747541 && v.c == 0x444d4163 && v.d == 0x69746e65) ||
                  (v.b == 0x6f677948 && v.c == 0x656e6975 && v.d == 0x6e65476e);
    is_xen = x.b == XEN_CPUID_SIGNATURE_EBX && x.c == XEN_CPUID_SIGNATURE_ECX &&
             x.d == XEN_CPUID_SIGNATURE_EDX;
}

bool hypervisor_is_xen(void)
{
    return is_xen;
}

/* The 64-bit hypercall ABI with the instruction chosen by @vmmcall. */
static long hcall64(bool vmmcall, unsigned long nr, unsigned long a1, unsigned long a2,
                    unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long r10 asm("r10") = a4;
    register unsigned long r8 asm("r8") = a5;
    long ret;

    if (vmmcall)
        asm volatile ("1: vmmcall\n2:\n" EXTABLE(1b, 2b)
                      : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3), "+r" (r10), "+r" (r8)
                      : "0" (nr) : "memory");
    else
        asm volatile ("1: vmcall\n2:\n" EXTABLE(1b, 2b)
                      : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3), "+r" (r10), "+r" (r8)
                      : "0" (nr) : "memory");
    return ret;
}

long hypercall5(unsigned long nr, unsigned long a1, unsigned long a2, unsigned long a3,
                unsigned long a4, unsigned long a5)
{
    return hcall64(use_vmmcall, nr, a1, a2, a3, a4, a5);
}

long hypercall3(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3)
{
    return hcall64(use_vmmcall, nr, a1, a2, a3, 0, 0);
}

bool hypercall_uses_vmmcall(void)
{
    return use_vmmcall;
}

long hypercall_insn(bool vmmcall, unsigned long nr, unsigned long a1, unsigned long a2,
                    unsigned long a3, unsigned int *vector)
{
    long ret;

    last_fault.vector = ~0u;
    ret = hcall64(vmmcall, nr, a1, a2, a3, 0, 0);
    *vector = last_fault.vector;
    return ret;
}

/*
 * The 32-bit ABI from compatibility mode: far return to the 32-bit code
 * segment (GDT 0x18), VMMCALL/VMCALL with EAX = nr and EBX, ECX, EDX, ESI,
 * EDI, far jump back to the 64-bit segment.  The code and stack are below
 * 4 GiB (the image is at 1 MiB).  The registers' upper halves keep what the
 * caller passed, so a hypervisor reading them instead of the low 32 bits
 * gets garbage; only EAX of the result is defined.
 */
uint32_t hypercall32(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                     uint64_t a5)
{
    uint64_t ret = nr;

    if (use_vmmcall)
        asm volatile ("lea 1f(%%rip), %%r11\n\t"
                      "pushq $0x18\n\t"
                      "push %%r11\n\t"
                      "lretq\n\t"
                      ".code32\n"
                      "1: vmmcall\n\t"
                      "ljmp $0x08, $2f\n\t"
                      ".code64\n"
                      "2:"
                      : "+a" (ret), "+b" (a1), "+c" (a2), "+d" (a3), "+S" (a4), "+D" (a5)
                      :: "r11", "memory");
    else
        asm volatile ("lea 1f(%%rip), %%r11\n\t"
                      "pushq $0x18\n\t"
                      "push %%r11\n\t"
                      "lretq\n\t"
                      ".code32\n"
                      "1: vmcall\n\t"
                      "ljmp $0x08, $2f\n\t"
                      ".code64\n"
                      "2:"
                      : "+a" (ret), "+b" (a1), "+c" (a2), "+d" (a3), "+S" (a4), "+D" (a5)
                      :: "r11", "memory");
    return (uint32_t)ret;
}

/* Through a hypercall page: entry @nr is at page + 32 * nr, and it sets EAX. */
long hypercall_page_call(const void *page, unsigned int nr, unsigned long a1,
                         unsigned long a2, unsigned long a3)
{
    const char *fn = (const char *)page + 32 * nr;
    long ret;

    asm volatile ("call *%[fn]"
                  : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3)
                  : [fn] "r" (fn) : "memory", "rcx", "r8", "r9", "r10", "r11");
    return ret;
}

long hypercall2(unsigned int nr, unsigned long a1, unsigned long a2)
{
    return hypercall3(nr, a1, a2, 0);
}

long hypercall_sched_op(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_sched_op, cmd, (unsigned long)arg);
}

long hypercall_console_io(unsigned int cmd, unsigned int count, const char *buf)
{
    return hypercall3(__HYPERVISOR_console_io, cmd, count, (unsigned long)buf);
}
