/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Length of a plain MOV store, for discarding a write to a write-discard
 * p2m type (p2m_grant_map_ro, p2m_ram_ro) as Xen 4.17 does: there the NPF
 * is emulated and the write dropped, the instruction retires.  Stepping
 * over a MOV store is exactly that; other writing instructions (ALU ops
 * on memory, string ops, ...) also change registers or flags and are not
 * decoded here (the caller crashes the domain instead, and says so).
 *
 *   88 /r, 89 /r          MOV r/m, reg
 *   C6 /0 ib, C7 /0 iz    MOV r/m, imm
 *   A2, A3                MOV moffs, AL/eAX
 *
 * 32/64-bit addressing only (ModRM, SIB, disp8/disp32, RIP-relative);
 * 16-bit addressing (67h outside long mode) is refused.  Pure logic,
 * host-tested.
 */
#include <asm/hvm.h>
#include <xen/errno.h>
#include "policy.h"

#define MAX_INSN_LEN 15

struct prefixes {
    unsigned int len;
    bool opsize, adsize, rexw;
};

static unsigned int scan_prefixes(const uint8_t *buf, unsigned int avail, bool mode64,
                                  struct prefixes *p)
{
    unsigned int i = 0;

    for (; i < avail && i < MAX_INSN_LEN; i++) {
        uint8_t b = buf[i];

        if (b == 0x66)
            p->opsize = true;
        else if (b == 0x67)
            p->adsize = true;
        else if (b == 0xf0 || b == 0xf2 || b == 0xf3 || b == 0x2e || b == 0x36 ||
                 b == 0x3e || b == 0x26 || b == 0x64 || b == 0x65)
            continue;
        else if (mode64 && (b & 0xf0) == 0x40)
            p->rexw = b & 0x08;             /* the last REX counts */
        else
            break;
    }
    return i;
}

/* Bytes of ModRM + SIB + displacement at @m, or -EINVAL (register operand). */
static int modrm_len(const uint8_t *m, unsigned int avail)
{
    unsigned int mod = m[0] >> 6, rm = m[0] & 7, n = 1;

    if (mod == 3)
        return -EINVAL;                     /* not a memory destination */
    if (rm == 4) {
        if (avail < 2)
            return -EFAULT;
        n++;
        if (mod == 0 && (m[1] & 7) == 5)
            n += 4;                         /* SIB without base: disp32 */
    } else if (mod == 0 && rm == 5) {
        n += 4;                             /* disp32 / RIP-relative */
    }
    return (int)(n + (mod == 1 ? 1 : mod == 2 ? 4 : 0));
}

int hvm_store_insn_length(const uint8_t *buf, unsigned int avail, bool mode64)
{
    struct prefixes p = { 0 };
    unsigned int i = scan_prefixes(buf, avail, mode64, &p), imm = 0;
    uint8_t op;
    int m;

    if (i >= avail)
        return i >= MAX_INSN_LEN ? -EINVAL : -EFAULT;
    if (p.adsize && !mode64)
        return -EINVAL;                     /* 16-bit addressing */
    op = buf[i++];
    if (op == 0xa2 || op == 0xa3)
        imm = mode64 && !p.adsize ? 8 : 4;  /* the moffs */
    else if (op != 0x88 && op != 0x89 && op != 0xc6 && op != 0xc7)
        return -EINVAL;
    if (op >= 0x88 && op <= 0xc7 && op != 0xa2 && op != 0xa3) {
        if (i >= avail)
            return -EFAULT;
        if ((op == 0xc6 || op == 0xc7) && ((buf[i] >> 3) & 7))
            return -EINVAL;                 /* C6/C7 /1-/7 are not MOV */
        m = modrm_len(buf + i, avail - i);
        if (m < 0)
            return m;
        i += (unsigned int)m;
        imm = op == 0xc6 ? 1 : op == 0xc7 ? (p.opsize ? 2 : 4) : 0;
    }
    i += imm;
    if (i > MAX_INSN_LEN)
        return -EINVAL;
    return i <= avail ? (int)i : -EFAULT;
}
