/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Instruction length at the guest's RIP (no NRIPS on QEMU's SVM): fetch up
 * to 15 bytes at CS.base + RIP through the guest's page tables as an
 * instruction fetch, page by page (a second page that is not mapped only
 * matters if the instruction reaches into it), then decode.
 */
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include "policy.h"

#define MAX_INSN_LEN 15
#define GUEST_PAGE   4096u

/* Fetch up to @len bytes at @va; returns how many were readable. */
static unsigned int fetch(struct vcpu *v, const struct guest_paging *pg, uint64_t va,
                          uint8_t *buf, unsigned int len)
{
    uint32_t pfec = PFEC_insn_fetch | (pg->cpl == 3 ? PFEC_user : 0);
    unsigned int got = 0;

    while (got < len) {
        uint64_t addr = pg->cs_long ? va + got : (uint32_t)(va + got);
        unsigned int chunk = GUEST_PAGE - (addr & (GUEST_PAGE - 1));
        uint64_t gpa;

        if (chunk > len - got)
            chunk = len - got;
        if (guest_virt_to_phys(v, addr, pfec, &gpa) ||
            copy_from_guest_phys(v->domain, buf + got, gpa, chunk))
            break;
        got += chunk;
    }
    return got;
}

/* Fetch the instruction at RIP into @buf (up to 15 bytes); how many, or 0. */
static unsigned int fetch_at_rip(struct vcpu *v, uint8_t *buf, bool *mode64)
{
    struct guest_paging pg = { 0 };
    uint64_t va;

    if (!hvm_ops || !hvm_ops->get_paging)
        return 0;
    hvm_ops->get_paging(v, &pg);
    *mode64 = pg.cs_long;
    va = pg.cs_long ? v->arch.regs.rip : (uint32_t)(pg.cs_base + v->arch.regs.rip);
    return fetch(v, &pg, va, buf, MAX_INSN_LEN);
}

int hvm_store_length(struct vcpu *v)
{
    uint8_t buf[MAX_INSN_LEN];
    bool mode64 = false;
    unsigned int got = fetch_at_rip(v, buf, &mode64);

    return got ? hvm_store_insn_length(buf, got, mode64) : -EFAULT;
}

int hvm_insn_length(struct vcpu *v, enum hvm_insn expected)
{
    struct guest_paging pg = { 0 };
    uint8_t buf[MAX_INSN_LEN];
    uint64_t va;
    unsigned int got;

    if (!hvm_ops || !hvm_ops->get_paging)
        return -EINVAL;
    hvm_ops->get_paging(v, &pg);
    /* Outside 64-bit code the linear address wraps at 4 GiB. */
    va = pg.cs_long ? v->arch.regs.rip : (uint32_t)(pg.cs_base + v->arch.regs.rip);
    got = fetch(v, &pg, va, buf, sizeof(buf));
    if (!got)
        return -EFAULT;
    return hvm_insn_decode(buf, got, pg.cs_long, expected);
}
