/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Instruction length decoding for exits without NRIPS: plain opcodes,
 * legacy prefixes, REX (64-bit only), the 15-byte limit, mismatches and
 * instructions cut short by an unreadable second page.
 */
#include "harness.h"
#include <asm/hvm.h>
#include <xen/errno.h>
#include "../../xen/arch/x86/hvm/policy.h"

#define DEC(mode64, insn, ...) ({                                   \
        static const uint8_t b_[] = { __VA_ARGS__ };                \
        hvm_insn_decode(b_, sizeof(b_), mode64, insn); })

TEST(plain_opcodes)
{
    CHECK_EQ(DEC(true, HVM_INSN_CPUID, 0x0f, 0xa2, 0xcc), 2);
    CHECK_EQ(DEC(false, HVM_INSN_RDMSR, 0x0f, 0x32), 2);
    CHECK_EQ(DEC(false, HVM_INSN_WRMSR, 0x0f, 0x30), 2);
    CHECK_EQ(DEC(false, HVM_INSN_HLT, 0xf4), 1);
    CHECK_EQ(DEC(true, HVM_INSN_VMMCALL, 0x0f, 0x01, 0xd9, 0xc3), 3);
    CHECK_EQ(DEC(true, HVM_INSN_VMCALL, 0x0f, 0x01, 0xc1), 3);
    CHECK_EQ(DEC(false, HVM_INSN_PAUSE, 0xf3, 0x90), 2);
    CHECK_EQ(DEC(false, HVM_INSN_INVD, 0x0f, 0x08), 2);
    CHECK_EQ(DEC(false, HVM_INSN_WBINVD, 0x0f, 0x09), 2);
    CHECK_EQ(DEC(false, HVM_INSN_MONITOR, 0x0f, 0x01, 0xc8), 3);
    CHECK_EQ(DEC(false, HVM_INSN_MWAIT, 0x0f, 0x01, 0xc9), 3);
}

TEST(prefixes_and_rex)
{
    CHECK_EQ(DEC(false, HVM_INSN_CPUID, 0x66, 0x0f, 0xa2), 3);
    CHECK_EQ(DEC(false, HVM_INSN_HLT, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65, 0xf4), 7);
    CHECK_EQ(DEC(false, HVM_INSN_WRMSR, 0xf0, 0x67, 0xf2, 0x0f, 0x30), 5);
    CHECK_EQ(DEC(true, HVM_INSN_RDMSR, 0x48, 0x0f, 0x32), 3);               /* REX.W */
    CHECK_EQ(DEC(true, HVM_INSN_RDMSR, 0x66, 0x41, 0x0f, 0x32), 4);
    CHECK_EQ(DEC(true, HVM_INSN_RDMSR, 0x41, 0x66, 0x0f, 0x32), 4);         /* REX then prefix */
    CHECK_EQ(DEC(false, HVM_INSN_RDMSR, 0x48, 0x0f, 0x32), -EINVAL);        /* dec %eax outside 64-bit */
    CHECK_EQ(DEC(true, HVM_INSN_PAUSE, 0x66, 0xf3, 0x90), 3);
    CHECK_EQ(DEC(true, HVM_INSN_PAUSE, 0x90), -EINVAL);                     /* plain NOP */
    CHECK_EQ(DEC(true, HVM_INSN_PAUSE, 0xf2, 0x90), -EINVAL);
}

TEST(length_limit)
{
    /* 13 prefixes + 2-byte opcode = 15: allowed; 14 + 2: not. */
    CHECK_EQ(DEC(false, HVM_INSN_CPUID, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
                 0x66, 0x66, 0x66, 0x66, 0x0f, 0xa2), 15);
    CHECK_EQ(DEC(false, HVM_INSN_CPUID, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
                 0x66, 0x66, 0x66, 0x66, 0x66, 0x0f, 0xa2), -EINVAL);
    CHECK_EQ(DEC(false, HVM_INSN_HLT, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
                 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0xf4), -EINVAL);      /* 15 prefixes */
    CHECK_EQ(DEC(true, HVM_INSN_HLT, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,
                 0x40, 0x40, 0x40, 0x40, 0x40, 0xf4), 15);
}

TEST(mismatch)
{
    CHECK_EQ(DEC(false, HVM_INSN_CPUID, 0x0f, 0x32), -EINVAL);
    CHECK_EQ(DEC(false, HVM_INSN_VMMCALL, 0x0f, 0x01, 0xc1), -EINVAL);
    CHECK_EQ(DEC(false, HVM_INSN_VMCALL, 0x0f, 0x01, 0xd9), -EINVAL);
    CHECK_EQ(DEC(false, HVM_INSN_HLT, 0x90), -EINVAL);
    CHECK_EQ(DEC(false, HVM_INSN_HLT, 0xf4), 1);
    CHECK_EQ(DEC(false, (enum hvm_insn)99, 0xf4), -EINVAL);
    CHECK_EQ(DEC(false, (enum hvm_insn)-1, 0xf4), -EINVAL);
}

TEST(short_fetch)
{
    /* Bytes end (unreadable next page) before the instruction does. */
    CHECK_EQ(DEC(true, HVM_INSN_VMMCALL, 0x0f, 0x01), -EFAULT);
    CHECK_EQ(DEC(true, HVM_INSN_CPUID, 0x66, 0x48), -EFAULT);
    CHECK_EQ(DEC(true, HVM_INSN_CPUID, 0x0f), -EFAULT);
    CHECK_EQ(hvm_insn_decode((const uint8_t *)"", 0, true, HVM_INSN_HLT), -EFAULT);
    /* ... but a mismatch in what was fetched is still a mismatch once complete. */
    CHECK_EQ(DEC(true, HVM_INSN_CPUID, 0x0f, 0xa3), -EINVAL);
}

TEST_MAIN()
