/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The VMCB (virtual machine control block) as the AMD APM vol. 2,
 * appendix B lays it out: a control area at 0x000 and the guest state save
 * area at 0x400, one 4 KiB page per vCPU.  Offsets are checked at build
 * time against the manual's table.  Also the exit codes and the bit
 * numbers of the intercept vectors.
 */
#ifndef SVM_VMCB_H
#define SVM_VMCB_H

#include <xen/types.h>

struct vmcb_seg {
    uint16_t sel;
    uint16_t attr;          /* packed: type/S/DPL/P in 7:0, AVL/L/DB/G in 11:8 */
    uint32_t limit;
    uint64_t base;
};

/* Packed segment attribute bits. */
#define SEG_ATTR_P      (1u << 7)
#define SEG_ATTR_L      (1u << 9)
#define SEG_ATTR_DB     (1u << 10)
#define SEG_ATTR_G      (1u << 11)

struct vmcb {
    /* ---- control area ---- */
    uint32_t cr_intercepts;         /* 0x000: reads 15:0, writes 31:16 */
    uint32_t dr_intercepts;         /* 0x004 */
    uint32_t exception_intercepts;  /* 0x008: one bit per vector */
    uint32_t intercepts1;           /* 0x00c: INTERCEPT1_* */
    uint32_t intercepts2;           /* 0x010: INTERCEPT2_* */
    uint32_t intercepts3;           /* 0x014 */
    uint8_t res018[0x3c - 0x18];
    uint16_t pause_filter_thresh;   /* 0x03c */
    uint16_t pause_filter_count;    /* 0x03e */
    uint64_t iopm_base_pa;          /* 0x040 */
    uint64_t msrpm_base_pa;         /* 0x048 */
    uint64_t tsc_offset;            /* 0x050 */
    uint32_t asid;                  /* 0x058 */
    uint8_t tlb_control;            /* 0x05c: TLB_CTRL_* */
    uint8_t res05d[3];
    uint64_t vintr;                 /* 0x060: VINTR_* */
    uint64_t int_state;             /* 0x068: bit 0 interrupt shadow */
    uint64_t exitcode;              /* 0x070 */
    uint64_t exitinfo1;             /* 0x078 */
    uint64_t exitinfo2;             /* 0x080 */
    uint64_t exitintinfo;           /* 0x088: EVENTINJ format */
    uint64_t np_enable;             /* 0x090: bit 0 nested paging */
    uint64_t avic_apic_bar;         /* 0x098 */
    uint64_t ghcb_pa;               /* 0x0a0 */
    uint64_t eventinj;              /* 0x0a8: EVENTINJ_* */
    uint64_t n_cr3;                 /* 0x0b0: nested page table root */
    uint64_t virt_ext;              /* 0x0b8: LBR virtualization, V_VMLOAD */
    uint32_t clean_bits;            /* 0x0c0 */
    uint32_t res0c4;
    uint64_t nrip;                  /* 0x0c8: next RIP (NRIPS) */
    uint8_t insn_len;               /* 0x0d0: decode assists */
    uint8_t insn_bytes[15];         /* 0x0d1 */
    uint8_t res0e0[0x400 - 0x0e0];

    /* ---- state save area ---- */
    struct vmcb_seg es, cs, ss, ds, fs, gs;  /* 0x400 .. 0x45f */
    struct vmcb_seg gdtr, ldtr, idtr, tr;    /* 0x460 .. 0x49f */
    uint8_t res4a0[0x4cb - 0x4a0];
    uint8_t cpl;                    /* 0x4cb */
    uint32_t res4cc;
    uint64_t efer;                  /* 0x4d0 */
    uint8_t res4d8[0x548 - 0x4d8];
    uint64_t cr4;                   /* 0x548 */
    uint64_t cr3;                   /* 0x550 */
    uint64_t cr0;                   /* 0x558 */
    uint64_t dr7;                   /* 0x560 */
    uint64_t dr6;                   /* 0x568 */
    uint64_t rflags;                /* 0x570 */
    uint64_t rip;                   /* 0x578 */
    uint8_t res580[0x5d8 - 0x580];
    uint64_t rsp;                   /* 0x5d8 */
    uint8_t res5e0[0x5f8 - 0x5e0];
    uint64_t rax;                   /* 0x5f8 */
    uint64_t star;                  /* 0x600 */
    uint64_t lstar;                 /* 0x608 */
    uint64_t cstar;                 /* 0x610 */
    uint64_t sfmask;                /* 0x618 */
    uint64_t kernel_gs_base;        /* 0x620 */
    uint64_t sysenter_cs;           /* 0x628 */
    uint64_t sysenter_esp;          /* 0x630 */
    uint64_t sysenter_eip;          /* 0x638 */
    uint64_t cr2;                   /* 0x640 */
    uint8_t res648[0x668 - 0x648];
    uint64_t g_pat;                 /* 0x668 */
    uint64_t dbgctl;                /* 0x670 */
    uint64_t br_from;               /* 0x678 */
    uint64_t br_to;                 /* 0x680 */
    uint64_t last_excp_from;        /* 0x688 */
    uint64_t last_excp_to;          /* 0x690 */
    uint8_t res698[0x1000 - 0x698];
};

#define VMCB_CHECK(field, off) \
    _Static_assert(__builtin_offsetof(struct vmcb, field) == (off), "VMCB " #field)
VMCB_CHECK(intercepts1, 0x00c);
VMCB_CHECK(pause_filter_thresh, 0x03c);
VMCB_CHECK(iopm_base_pa, 0x040);
VMCB_CHECK(asid, 0x058);
VMCB_CHECK(tlb_control, 0x05c);
VMCB_CHECK(vintr, 0x060);
VMCB_CHECK(exitcode, 0x070);
VMCB_CHECK(exitintinfo, 0x088);
VMCB_CHECK(np_enable, 0x090);
VMCB_CHECK(eventinj, 0x0a8);
VMCB_CHECK(n_cr3, 0x0b0);
VMCB_CHECK(clean_bits, 0x0c0);
VMCB_CHECK(nrip, 0x0c8);
VMCB_CHECK(insn_bytes, 0x0d1);
VMCB_CHECK(es, 0x400);
VMCB_CHECK(tr, 0x490);
VMCB_CHECK(cpl, 0x4cb);
VMCB_CHECK(efer, 0x4d0);
VMCB_CHECK(cr4, 0x548);
VMCB_CHECK(rflags, 0x570);
VMCB_CHECK(rip, 0x578);
VMCB_CHECK(rsp, 0x5d8);
VMCB_CHECK(rax, 0x5f8);
VMCB_CHECK(star, 0x600);
VMCB_CHECK(kernel_gs_base, 0x620);
VMCB_CHECK(cr2, 0x640);
VMCB_CHECK(g_pat, 0x668);
VMCB_CHECK(last_excp_to, 0x690);
_Static_assert(sizeof(struct vmcb) == 4096, "VMCB is one page");
_Static_assert(sizeof(struct vmcb_seg) == 16, "VMCB segment");

/* intercepts1 (offset 0x00c) */
#define INTERCEPT1_INTR         (1u << 0)
#define INTERCEPT1_NMI          (1u << 1)
#define INTERCEPT1_SMI          (1u << 2)
#define INTERCEPT1_INIT         (1u << 3)
#define INTERCEPT1_VINTR        (1u << 4)
#define INTERCEPT1_CPUID        (1u << 18)
#define INTERCEPT1_INVD         (1u << 22)
#define INTERCEPT1_PAUSE        (1u << 23)
#define INTERCEPT1_HLT          (1u << 24)
#define INTERCEPT1_INVLPGA      (1u << 26)
#define INTERCEPT1_IOIO         (1u << 27)
#define INTERCEPT1_MSR          (1u << 28)
#define INTERCEPT1_TASK_SWITCH  (1u << 29)
#define INTERCEPT1_SHUTDOWN     (1u << 31)
/* intercepts2 (offset 0x010) */
#define INTERCEPT2_VMRUN        (1u << 0)
#define INTERCEPT2_VMMCALL      (1u << 1)
#define INTERCEPT2_VMLOAD       (1u << 2)
#define INTERCEPT2_VMSAVE       (1u << 3)
#define INTERCEPT2_STGI         (1u << 4)
#define INTERCEPT2_CLGI         (1u << 5)
#define INTERCEPT2_SKINIT       (1u << 6)
#define INTERCEPT2_WBINVD       (1u << 9)
#define INTERCEPT2_MONITOR      (1u << 10)
#define INTERCEPT2_MWAIT        (1u << 11)
#define INTERCEPT2_MWAIT_COND   (1u << 12)
#define INTERCEPT2_XSETBV       (1u << 13)

/* tlb_control */
#define TLB_CTRL_NONE           0
#define TLB_CTRL_FLUSH_ALL      1   /* every ASID's entries */
#define TLB_CTRL_FLUSH_ASID     3   /* this guest's ASID only (FlushByAsid) */

/* vintr (offset 0x060) */
#define VINTR_TPR_MASK          0xfull
#define VINTR_IRQ               (1ull << 8)
#define VINTR_PRIO_SHIFT        16
#define VINTR_PRIO_MASK         (0xfull << VINTR_PRIO_SHIFT)
#define VINTR_IGN_TPR           (1ull << 20)
#define VINTR_MASKING           (1ull << 24)  /* guest IF masks only virtual interrupts */
#define VINTR_VECTOR_SHIFT      32

#define INT_STATE_SHADOW        (1ull << 0)

/* EVENTINJ / EXITINTINFO format */
#define EVENTINJ_VECTOR_MASK    0xffull
#define EVENTINJ_TYPE_SHIFT     8
#define EVENTINJ_TYPE_MASK      (7ull << EVENTINJ_TYPE_SHIFT)
#define EVENTINJ_EV             (1ull << 11)  /* error code valid */
#define EVENTINJ_VALID          (1ull << 31)
#define EVENTINJ_EC_SHIFT       32

/* IOIO exitinfo1 */
#define IOIO_IN                 (1u << 0)
#define IOIO_STR                (1u << 2)
#define IOIO_REP                (1u << 3)
#define IOIO_SIZE_SHIFT         4           /* bits 4-6: SZ8, SZ16, SZ32 */
#define IOIO_PORT_SHIFT         16

/* Exit codes (APM vol. 2, appendix C). */
#define SVM_EXIT_EXCP_BASE      0x040
#define SVM_EXIT_INTR           0x060
#define SVM_EXIT_NMI            0x061
#define SVM_EXIT_SMI            0x062
#define SVM_EXIT_INIT           0x063
#define SVM_EXIT_VINTR          0x064
#define SVM_EXIT_RDTSC          0x06e
#define SVM_EXIT_CPUID          0x072
#define SVM_EXIT_INVD           0x076
#define SVM_EXIT_PAUSE          0x077
#define SVM_EXIT_HLT            0x078
#define SVM_EXIT_INVLPG         0x079
#define SVM_EXIT_INVLPGA        0x07a
#define SVM_EXIT_IOIO           0x07b
#define SVM_EXIT_MSR            0x07c
#define SVM_EXIT_TASK_SWITCH    0x07d
#define SVM_EXIT_SHUTDOWN       0x07f
#define SVM_EXIT_VMRUN          0x080
#define SVM_EXIT_VMMCALL        0x081
#define SVM_EXIT_VMLOAD         0x082
#define SVM_EXIT_VMSAVE         0x083
#define SVM_EXIT_STGI           0x084
#define SVM_EXIT_CLGI           0x085
#define SVM_EXIT_SKINIT         0x086
#define SVM_EXIT_RDTSCP         0x087
#define SVM_EXIT_WBINVD         0x089
#define SVM_EXIT_MONITOR        0x08a
#define SVM_EXIT_MWAIT          0x08b
#define SVM_EXIT_MWAIT_COND     0x08c
#define SVM_EXIT_XSETBV         0x08d
#define SVM_EXIT_NPF            0x400
#define SVM_EXIT_INVALID        (~0ull)     /* VMRUN refused the guest state */

#endif
