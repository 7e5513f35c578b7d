/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * MOV-store lengths for discarding writes to read-only grant mappings
 * (xen/arch/x86/hvm/insn_store.c): every ModRM/SIB/displacement form,
 * immediates with and without 66h, moffs, prefixes, and refusals
 * (register destinations, other opcodes, 16-bit addressing, truncation).
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/types.h>

int hvm_store_insn_length(const uint8_t *buf, unsigned int avail, bool mode64);

#define LEN(m64, ...) ({ const uint8_t b_[] = { __VA_ARGS__ }; \
                         hvm_store_insn_length(b_, sizeof(b_), m64); })

TEST(mov_reg_to_memory)
{
    CHECK_EQ(LEN(true, 0x89, 0x07), 2);                     /* mov %eax,(%rdi) */
    CHECK_EQ(LEN(true, 0x41, 0x89, 0x06), 3);               /* mov %eax,(%r14) */
    CHECK_EQ(LEN(true, 0x48, 0x89, 0x47, 0x08), 4);         /* mov %rax,8(%rdi) */
    CHECK_EQ(LEN(true, 0x88, 0x87, 0, 1, 0, 0), 6);         /* mov %al,0x100(%rdi) */
    CHECK_EQ(LEN(true, 0x89, 0x04, 0x24), 3);               /* mov %eax,(%rsp): SIB */
    CHECK_EQ(LEN(true, 0x89, 0x44, 0x24, 0x10), 4);         /* SIB + disp8 */
    CHECK_EQ(LEN(true, 0x89, 0x04, 0x25, 0, 0x10, 0, 0), 7); /* SIB, no base: disp32 */
    CHECK_EQ(LEN(true, 0x89, 0x05, 1, 2, 3, 4), 6);         /* RIP-relative */
    CHECK_EQ(LEN(false, 0x89, 0x05, 1, 2, 3, 4), 6);        /* 32-bit absolute */
    CHECK_EQ(LEN(true, 0x66, 0x89, 0x07), 3);               /* mov %ax,(%rdi) */
    CHECK_EQ(LEN(true, 0xf0, 0x2e, 0x89, 0x07), 4);         /* odd prefixes skipped */
}

TEST(mov_immediate_and_moffs)
{
    CHECK_EQ(LEN(true, 0xc6, 0x07, 0x12), 3);               /* movb $0x12,(%rdi) */
    CHECK_EQ(LEN(true, 0xc7, 0x07, 1, 2, 3, 4), 6);         /* movl $imm32,(%rdi) */
    CHECK_EQ(LEN(true, 0x66, 0xc7, 0x07, 1, 2), 5);         /* movw $imm16 */
    CHECK_EQ(LEN(true, 0x48, 0xc7, 0x47, 0x08, 1, 2, 3, 4), 8);
    CHECK_EQ(LEN(true, 0xa3, 1, 2, 3, 4, 5, 6, 7, 8), 9);   /* movabs %eax,moffs64 */
    CHECK_EQ(LEN(true, 0x67, 0xa2, 1, 2, 3, 4), 6);         /* moffs32 */
    CHECK_EQ(LEN(false, 0xa3, 1, 2, 3, 4), 5);
}

TEST(refusals)
{
    CHECK_EQ(LEN(true, 0x89, 0xc7), -EINVAL);               /* register destination */
    CHECK_EQ(LEN(true, 0x01, 0x07), -EINVAL);               /* add: not a plain store */
    CHECK_EQ(LEN(true, 0xab), -EINVAL);                     /* stos */
    CHECK_EQ(LEN(true, 0xc7, 0x0f, 1, 2, 3, 4), -EINVAL);   /* C7 /1 */
    CHECK_EQ(LEN(false, 0x67, 0x89, 0x07), -EINVAL);        /* 16-bit addressing */
    CHECK_EQ(LEN(true, 0x89), -EFAULT);                     /* truncated */
    CHECK_EQ(LEN(true, 0x89, 0x05, 1, 2), -EFAULT);
    CHECK_EQ(LEN(true, 0x89, 0x04), -EFAULT);
    CHECK_EQ(LEN(true, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
                 0x66, 0x66, 0x66, 0x89, 0x47, 0x08), -EINVAL);  /* longer than 15 */
    CHECK_EQ(hvm_store_insn_length((const uint8_t *)"", 0, true), -EFAULT);
}

TEST_MAIN();
