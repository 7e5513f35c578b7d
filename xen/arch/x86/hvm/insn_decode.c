/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Length of the instruction that caused an exit, for CPUs without NRIPS:
 * skip legacy prefixes (operand/address size, REP/REPNE, segment overrides,
 * LOCK) and, in 64-bit mode, REX bytes, then require the opcode we expect
 * for the exit.  Pure bytes-in, length-out logic (host-tested); fetching the
 * bytes is insn_len.c's job.
 */
#include <asm/hvm.h>
#include <xen/compiler.h>
#include <xen/errno.h>
#include <xen/string.h>
#include "policy.h"

#define MAX_INSN_LEN 15

struct insn_pattern {
    uint8_t len;
    uint8_t op[3];
    bool needs_rep;             /* PAUSE is F3 90 */
};

static const struct insn_pattern patterns[] = {
    [HVM_INSN_CPUID]   = { 2, { 0x0f, 0xa2 }, false },
    [HVM_INSN_RDMSR]   = { 2, { 0x0f, 0x32 }, false },
    [HVM_INSN_WRMSR]   = { 2, { 0x0f, 0x30 }, false },
    [HVM_INSN_HLT]     = { 1, { 0xf4 }, false },
    [HVM_INSN_VMMCALL] = { 3, { 0x0f, 0x01, 0xd9 }, false },
    [HVM_INSN_VMCALL]  = { 3, { 0x0f, 0x01, 0xc1 }, false },
    [HVM_INSN_PAUSE]   = { 1, { 0x90 }, true },
    [HVM_INSN_INVD]    = { 2, { 0x0f, 0x08 }, false },
    [HVM_INSN_WBINVD]  = { 2, { 0x0f, 0x09 }, false },
    [HVM_INSN_MONITOR] = { 3, { 0x0f, 0x01, 0xc8 }, false },
    [HVM_INSN_MWAIT]   = { 3, { 0x0f, 0x01, 0xc9 }, false },
};

static bool legacy_prefix(uint8_t b)
{
    switch (b) {
    case 0x66: case 0x67:                           /* operand / address size */
    case 0xf2: case 0xf3: case 0xf0:                /* REPNE, REP, LOCK */
    case 0x2e: case 0x36: case 0x3e: case 0x26: case 0x64: case 0x65:   /* segments */
        return true;
    }
    return false;
}

int hvm_insn_decode(const uint8_t *buf, unsigned int avail, bool mode64, int expected)
{
    const struct insn_pattern *p;
    unsigned int i = 0;
    bool rep = false;

    if ((unsigned int)expected >= ARRAY_SIZE(patterns) || !patterns[expected].len)
        return -EINVAL;
    p = &patterns[expected];
    for (; i < avail && i < MAX_INSN_LEN; i++) {
        if (legacy_prefix(buf[i]))
            rep |= buf[i] == 0xf3;
        else if (!(mode64 && (buf[i] & 0xf0) == 0x40))  /* REX */
            break;
    }
    if (i + p->len > MAX_INSN_LEN)
        return -EINVAL;                             /* longer than any instruction */
    if (i + p->len > avail)
        return -EFAULT;                             /* the bytes could not be fetched */
    if (memcmp(buf + i, p->op, p->len) || (p->needs_rep && !rep))
        return -EINVAL;
    return i + p->len;
}
