/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypercall entry from VMMCALL/VMCALL: decode the guest's registers by its
 * mode (64-bit code: RDI, RSI, RDX, R10, R8; otherwise EBX, ECX, EDX, ESI,
 * EDI, all truncated to 32 bits), dispatch, and put the result in RAX
 * (truncated to 32 bits for 32-bit callers).  As in Xen, only CPL 0 may
 * call (-EPERM otherwise, without counting).
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <asm/hvm.h>

#define REG(name) offsetof(struct guest_regs, name)

/* Where argument i lives, per mode. */
static const size_t arg_off[2][HYPERCALL_MAX_ARGS] = {
    { REG(rbx), REG(rcx), REG(rdx), REG(rsi), REG(rdi) },   /* 32-bit */
    { REG(rdi), REG(rsi), REG(rdx), REG(r10), REG(r8) },    /* 64-bit */
};

static uint64_t mode_mask(bool is64)
{
    return is64 ? ~0ULL : 0xffffffffULL;
}

void hypercall_decode_args(const struct guest_regs *r, bool is64,
                           struct hypercall_args *args)
{
    for (unsigned int i = 0; i < HYPERCALL_MAX_ARGS; i++)
        args->a[i] = *(const uint64_t *)((const char *)r + arg_off[is64][i]) &
                     mode_mask(is64);
}

/* A continuation: the registers get the arguments of the remaining work. */
static void encode_args(struct guest_regs *r, bool is64, unsigned int nargs,
                        const struct hypercall_args *args)
{
    for (unsigned int i = 0; i < nargs; i++)
        *(uint64_t *)((char *)r + arg_off[is64][i]) = args->a[i] & mode_mask(is64);
}

void hvm_hypercall(struct vcpu *v)
{
    struct guest_regs *r = &v->arch.regs;
    struct guest_paging pg = { .cpl = 0 };
    struct hypercall_args args;
    uint64_t nr;
    bool is64;
    long rc;

    v->arch.hcall_preempted = false;
    if (hvm_ops && hvm_ops->get_paging)
        hvm_ops->get_paging(v, &pg);
    is64 = pg.cs_long;
    v->arch.hcall_64bit = is64;     /* handlers pick the 64-bit or compat layout */
    if (pg.cpl != 0) {
        r->rax = (uint64_t)(long)-EPERM & mode_mask(is64);
        return;
    }
    nr = r->rax & mode_mask(is64);
    hypercall_decode_args(r, is64, &args);
    rc = hypercall_dispatch(v, nr, &args);
    if (rc == -ERESTART) {
        encode_args(r, is64, hypercall_nargs(nr), &args);
        v->arch.hcall_preempted = true;     /* RAX still holds the number */
        return;
    }
    r->rax = (uint64_t)rc & mode_mask(is64);
}
