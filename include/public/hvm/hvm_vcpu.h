/* SPDX-License-Identifier: MIT */
/*
 * The initial state of an HVM/PVH vCPU for VCPUOP_initialise, with Xen's
 * layout (xen/include/public/hvm/hvm_vcpu.h).  Same layout for 32- and
 * 64-bit guests.
 *
 * 32-bit mode gives the registers, CR0/CR3/CR4, EFER (NXE, or LME to start
 * in compatibility mode) and CS/DS/SS/ES/TR as base, limit and attributes.
 * 64-bit mode gives registers and control registers only: the segments are
 * flat 64-bit code, flat data and a 64-bit busy TSS, and paging, PAE and
 * EFER.LME must be on.
 */
#ifndef PUBLIC_HVM_HVM_VCPU_H
#define PUBLIC_HVM_HVM_VCPU_H

#include <public/xen.h>

struct vcpu_hvm_x86_32 {
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t eip, eflags;
    uint32_t cr0, cr3, cr4;
    uint32_t pad1;                  /* must be 0 */
    uint64_t efer;
    uint32_t cs_base, ds_base, ss_base, es_base, tr_base;
    uint32_t cs_limit, ds_limit, ss_limit, es_limit, tr_limit;
    uint16_t cs_ar, ds_ar, ss_ar, es_ar, tr_ar;     /* VCPU_HVM_AR_* layout */
    uint16_t pad2[3];               /* must be 0 */
};

/*
 * The _ar fields: descriptor bits 40-47 and 52-55, packed.
 * Bits 0-3 type, 4 S, 5-6 DPL, 7 P, 8 AVL, 9 L, 10 D/B, 11 G, 12-15 zero.
 */
#define VCPU_HVM_AR_TYPE(ar) ((ar) & 0xf)
#define VCPU_HVM_AR_S        (1u << 4)
#define VCPU_HVM_AR_DPL(ar)  (((ar) >> 5) & 3)
#define VCPU_HVM_AR_P        (1u << 7)
#define VCPU_HVM_AR_AVL      (1u << 8)
#define VCPU_HVM_AR_L        (1u << 9)
#define VCPU_HVM_AR_DB       (1u << 10)
#define VCPU_HVM_AR_G        (1u << 11)
#define VCPU_HVM_AR_PAD      0xf000u

struct vcpu_hvm_x86_64 {
    uint64_t rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi;
    uint64_t rip, rflags;
    uint64_t cr0, cr3, cr4, efer;
};

struct vcpu_hvm_context {
#define VCPU_HVM_MODE_32B 0         /* cpu_regs.x86_32 */
#define VCPU_HVM_MODE_64B 1         /* cpu_regs.x86_64 */
    uint32_t mode;
    uint32_t pad;                   /* must be 0 */
    union {
        struct vcpu_hvm_x86_32 x86_32;
        struct vcpu_hvm_x86_64 x86_64;
    } cpu_regs;
};

_Static_assert(sizeof(struct vcpu_hvm_x86_32) == 120, "vcpu_hvm_x86_32");
_Static_assert(__builtin_offsetof(struct vcpu_hvm_x86_32, efer) == 56, "x86_32.efer");
_Static_assert(__builtin_offsetof(struct vcpu_hvm_x86_32, cs_ar) == 104, "x86_32.cs_ar");
_Static_assert(sizeof(struct vcpu_hvm_x86_64) == 112, "vcpu_hvm_x86_64");
_Static_assert(sizeof(struct vcpu_hvm_context) == 128, "vcpu_hvm_context");
_Static_assert(__builtin_offsetof(struct vcpu_hvm_context, cpu_regs) == 8, "cpu_regs");

#endif
