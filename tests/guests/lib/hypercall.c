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

long hypercall3(unsigned int nr, unsigned long a1, unsigned long a2, unsigned long a3)
{
    long ret;

    if (use_vmmcall)
        asm volatile ("vmmcall"
                      : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3)
                      : "0" ((unsigned long)nr) : "memory", "r10", "r8");
    else
        asm volatile ("vmcall"
                      : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3)
                      : "0" ((unsigned long)nr) : "memory", "r10", "r8");
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
