/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Intel VMX architectural constants (SDM vol. 3, appendices A-C): VMCS
 * field encodings, control bits, capability MSRs, exit reasons and the
 * interruption-information format.  Constants only; shared by the VMX
 * files and the host unit tests.
 */
#ifndef VMX_VMCS_DEFS_H
#define VMX_VMCS_DEFS_H

/* Capability and control MSRs. */
#define MSR_IA32_FEATURE_CONTROL    0x0000003a
#define FEATURE_CONTROL_LOCKED      (1ull << 0)
#define FEATURE_CONTROL_VMXON_OUTSIDE_SMX (1ull << 2)
#define MSR_VMX_BASIC               0x00000480
#define VMX_BASIC_TRUE_CTLS         (1ull << 55)
#define MSR_VMX_PINBASED            0x00000481
#define MSR_VMX_PROCBASED           0x00000482
#define MSR_VMX_EXIT                0x00000483
#define MSR_VMX_ENTRY               0x00000484
#define MSR_VMX_CR0_FIXED0          0x00000486
#define MSR_VMX_CR0_FIXED1          0x00000487
#define MSR_VMX_CR4_FIXED0          0x00000488
#define MSR_VMX_CR4_FIXED1          0x00000489
#define MSR_VMX_PROCBASED2          0x0000048b
#define MSR_VMX_EPT_VPID_CAP        0x0000048c
#define MSR_VMX_TRUE_PINBASED       0x0000048d
#define MSR_VMX_TRUE_PROCBASED      0x0000048e
#define MSR_VMX_TRUE_EXIT           0x0000048f
#define MSR_VMX_TRUE_ENTRY          0x00000490

#define EPT_CAP_WALK4               (1ull << 6)
#define EPT_CAP_WB                  (1ull << 14)
#define EPT_CAP_2M                  (1ull << 16)
#define EPT_CAP_INVEPT              (1ull << 20)
#define EPT_CAP_INVEPT_SINGLE       (1ull << 25)
#define EPT_CAP_INVEPT_ALL          (1ull << 26)
#define VPID_CAP_INVVPID            (1ull << 32)
#define VPID_CAP_INVVPID_SINGLE     (1ull << 41)
#define VPID_CAP_INVVPID_ALL        (1ull << 42)

/* Pin-based controls. */
#define PIN_EXT_INTR_EXITING        (1u << 0)
#define PIN_NMI_EXITING             (1u << 3)
/* Primary processor-based controls. */
#define PROC_INTR_WINDOW            (1u << 2)
#define PROC_HLT_EXITING            (1u << 7)
#define PROC_INVLPG_EXITING         (1u << 9)
#define PROC_MWAIT_EXITING          (1u << 10)
#define PROC_RDPMC_EXITING          (1u << 11)
#define PROC_RDTSC_EXITING          (1u << 12)
#define PROC_CR3_LOAD_EXITING       (1u << 15)
#define PROC_CR3_STORE_EXITING      (1u << 16)
#define PROC_CR8_LOAD_EXITING       (1u << 19)
#define PROC_CR8_STORE_EXITING      (1u << 20)
#define PROC_MOV_DR_EXITING         (1u << 23)
#define PROC_UNCOND_IO_EXITING      (1u << 24)
#define PROC_IO_BITMAPS             (1u << 25)
#define PROC_MSR_BITMAPS            (1u << 28)
#define PROC_MONITOR_EXITING        (1u << 29)
#define PROC_SECONDARY              (1u << 31)
/* Secondary processor-based controls. */
#define PROC2_EPT                   (1u << 1)
#define PROC2_RDTSCP                (1u << 3)
#define PROC2_VPID                  (1u << 5)
#define PROC2_WBINVD_EXITING        (1u << 6)
#define PROC2_UNRESTRICTED          (1u << 7)
#define PROC2_INVPCID               (1u << 12)
#define PROC2_XSAVES                (1u << 20)
/* VM-exit controls. */
#define EXIT_HOST_64                (1u << 9)
#define EXIT_SAVE_PAT               (1u << 18)
#define EXIT_LOAD_PAT               (1u << 19)
#define EXIT_SAVE_EFER              (1u << 20)
#define EXIT_LOAD_EFER              (1u << 21)
/* VM-entry controls. */
#define ENTRY_IA32E_GUEST           (1u << 9)
#define ENTRY_LOAD_PAT              (1u << 14)
#define ENTRY_LOAD_EFER             (1u << 15)

/* 16-bit fields. */
#define VMCS_VPID                   0x0000
#define VMCS_GUEST_SEL(i)           (0x0800 + 2 * (i))  /* i: enum vmx_seg */
#define VMCS_HOST_ES_SEL            0x0c00
#define VMCS_HOST_CS_SEL            0x0c02
#define VMCS_HOST_SS_SEL            0x0c04
#define VMCS_HOST_DS_SEL            0x0c06
#define VMCS_HOST_FS_SEL            0x0c08
#define VMCS_HOST_GS_SEL            0x0c0a
#define VMCS_HOST_TR_SEL            0x0c0c
/* 64-bit fields. */
#define VMCS_IO_BITMAP_A            0x2000
#define VMCS_IO_BITMAP_B            0x2002
#define VMCS_MSR_BITMAP             0x2004
#define VMCS_EPT_POINTER            0x201a
#define VMCS_GUEST_PHYS_ADDR        0x2400
#define VMCS_LINK_POINTER           0x2800
#define VMCS_GUEST_DEBUGCTL         0x2802
#define VMCS_GUEST_PAT              0x2804
#define VMCS_GUEST_EFER             0x2806
#define VMCS_HOST_PAT               0x2c00
#define VMCS_HOST_EFER              0x2c02
/* 32-bit fields. */
#define VMCS_PIN_CTLS               0x4000
#define VMCS_PROC_CTLS              0x4002
#define VMCS_EXCEPTION_BITMAP       0x4004
#define VMCS_CR3_TARGET_COUNT       0x400a
#define VMCS_EXIT_CTLS              0x400c
#define VMCS_EXIT_MSR_STORE_COUNT   0x400e
#define VMCS_EXIT_MSR_LOAD_COUNT    0x4010
#define VMCS_ENTRY_CTLS             0x4012
#define VMCS_ENTRY_MSR_LOAD_COUNT   0x4014
#define VMCS_ENTRY_INTR_INFO        0x4016
#define VMCS_ENTRY_EXCEPTION_EC     0x4018
#define VMCS_ENTRY_INSN_LEN         0x401a
#define VMCS_PROC_CTLS2             0x401e
#define VMCS_INSN_ERROR             0x4400
#define VMCS_EXIT_REASON            0x4402
#define VMCS_EXIT_INTR_INFO         0x4404
#define VMCS_EXIT_INTR_EC           0x4406
#define VMCS_IDT_VECTORING_INFO     0x4408
#define VMCS_IDT_VECTORING_EC       0x440a
#define VMCS_EXIT_INSN_LEN          0x440c
#define VMCS_GUEST_LIMIT(i)         (0x4800 + 2 * (i))
#define VMCS_GUEST_GDTR_LIMIT       0x4810
#define VMCS_GUEST_IDTR_LIMIT       0x4812
#define VMCS_GUEST_AR(i)            (0x4814 + 2 * (i))
#define VMCS_GUEST_INTERRUPTIBILITY 0x4824
#define VMCS_GUEST_ACTIVITY         0x4826
#define VMCS_GUEST_SYSENTER_CS      0x482a
#define VMCS_HOST_SYSENTER_CS       0x4c00
/* Natural-width fields. */
#define VMCS_CR0_MASK               0x6000
#define VMCS_CR4_MASK               0x6002
#define VMCS_CR0_SHADOW             0x6004
#define VMCS_CR4_SHADOW             0x6006
#define VMCS_EXIT_QUALIFICATION     0x6400
#define VMCS_GUEST_LINEAR_ADDR      0x640a
#define VMCS_GUEST_CR0              0x6800
#define VMCS_GUEST_CR3              0x6802
#define VMCS_GUEST_CR4              0x6804
#define VMCS_GUEST_BASE(i)          (0x6806 + 2 * (i))
#define VMCS_GUEST_GDTR_BASE        0x6816
#define VMCS_GUEST_IDTR_BASE        0x6818
#define VMCS_GUEST_DR7              0x681a
#define VMCS_GUEST_RSP              0x681c
#define VMCS_GUEST_RIP              0x681e
#define VMCS_GUEST_RFLAGS           0x6820
#define VMCS_GUEST_PENDING_DBG      0x6822
#define VMCS_GUEST_SYSENTER_ESP     0x6824
#define VMCS_GUEST_SYSENTER_EIP     0x6826
#define VMCS_HOST_CR0               0x6c00
#define VMCS_HOST_CR3               0x6c02
#define VMCS_HOST_CR4               0x6c04
#define VMCS_HOST_FS_BASE           0x6c06
#define VMCS_HOST_GS_BASE           0x6c08
#define VMCS_HOST_TR_BASE           0x6c0a
#define VMCS_HOST_GDTR_BASE         0x6c0c
#define VMCS_HOST_IDTR_BASE         0x6c0e
#define VMCS_HOST_SYSENTER_ESP      0x6c10
#define VMCS_HOST_SYSENTER_EIP      0x6c12
#define VMCS_HOST_RSP               0x6c14
#define VMCS_HOST_RIP               0x6c16

/* Guest segment registers, in VMCS encoding order. */
enum vmx_seg { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_LDTR, SEG_TR, NR_VMX_SEGS };
#define VMX_AR_UNUSABLE             (1u << 16)

/* Interruption information (VM-entry, VM-exit, IDT-vectoring). */
#define INTR_INFO_VECTOR_MASK       0xffu
#define INTR_INFO_TYPE_SHIFT        8
#define INTR_INFO_TYPE_MASK         (7u << 8)
#define INTR_INFO_DELIVER_EC        (1u << 11)
#define INTR_INFO_VALID             (1u << 31)

/* Guest interruptibility state. */
#define INTR_BLOCK_STI              (1u << 0)
#define INTR_BLOCK_MOV_SS           (1u << 1)

/* Basic exit reasons (bits 15:0 of the exit reason; bit 31: entry failed). */
#define EXIT_REASON_ENTRY_FAILED    (1u << 31)
enum {
    VMX_EXIT_EXCEPTION_NMI = 0, VMX_EXIT_EXT_INTR = 1, VMX_EXIT_TRIPLE_FAULT = 2,
    VMX_EXIT_INIT = 3, VMX_EXIT_SIPI = 4, VMX_EXIT_INTR_WINDOW = 7,
    VMX_EXIT_NMI_WINDOW = 8, VMX_EXIT_TASK_SWITCH = 9, VMX_EXIT_CPUID = 10,
    VMX_EXIT_GETSEC = 11, VMX_EXIT_HLT = 12, VMX_EXIT_INVD = 13,
    VMX_EXIT_INVLPG = 14, VMX_EXIT_RDPMC = 15, VMX_EXIT_RDTSC = 16,
    VMX_EXIT_RSM = 17, VMX_EXIT_VMCALL = 18, VMX_EXIT_VMCLEAR = 19,
    VMX_EXIT_VMLAUNCH = 20, VMX_EXIT_VMPTRLD = 21, VMX_EXIT_VMPTRST = 22,
    VMX_EXIT_VMREAD = 23, VMX_EXIT_VMRESUME = 24, VMX_EXIT_VMWRITE = 25,
    VMX_EXIT_VMXOFF = 26, VMX_EXIT_VMXON = 27, VMX_EXIT_CR_ACCESS = 28,
    VMX_EXIT_DR_ACCESS = 29, VMX_EXIT_IO = 30, VMX_EXIT_RDMSR = 31,
    VMX_EXIT_WRMSR = 32, VMX_EXIT_INVALID_STATE = 33, VMX_EXIT_MSR_LOADING = 34,
    VMX_EXIT_MWAIT = 36, VMX_EXIT_MTF = 37, VMX_EXIT_MONITOR = 39,
    VMX_EXIT_PAUSE = 40, VMX_EXIT_MACHINE_CHECK = 41, VMX_EXIT_TPR_BELOW = 43,
    VMX_EXIT_APIC_ACCESS = 44, VMX_EXIT_GDTR_IDTR = 46, VMX_EXIT_LDTR_TR = 47,
    VMX_EXIT_EPT_VIOLATION = 48, VMX_EXIT_EPT_MISCONFIG = 49, VMX_EXIT_INVEPT = 50,
    VMX_EXIT_RDTSCP = 51, VMX_EXIT_PREEMPTION_TIMER = 52, VMX_EXIT_INVVPID = 53,
    VMX_EXIT_WBINVD = 54, VMX_EXIT_XSETBV = 55, VMX_EXIT_RDRAND = 57,
    VMX_EXIT_INVPCID = 58, VMX_EXIT_VMFUNC = 59, VMX_EXIT_ENCLS = 60,
    VMX_EXIT_RDSEED = 61, VMX_EXIT_XSAVES = 63, VMX_EXIT_XRSTORS = 64,
    VMX_NR_EXIT_REASONS = 80,
};

/* I/O exit qualification. */
#define IO_QUAL_SIZE_MASK           7u      /* size - 1 */
#define IO_QUAL_IN                  (1u << 3)
#define IO_QUAL_STRING              (1u << 4)
#define IO_QUAL_PORT_SHIFT          16

/* EPT violation exit qualification. */
#define EPT_QUAL_READ               (1u << 0)
#define EPT_QUAL_WRITE              (1u << 1)
#define EPT_QUAL_FETCH              (1u << 2)
#define EPT_QUAL_PERMS              (7u << 3)   /* what the entry allowed */
#define EPT_QUAL_GLA_VALID          (1u << 7)
#define EPT_QUAL_FINAL              (1u << 8)

/* CR access exit qualification. */
#define CR_QUAL_NR(q)               ((q) & 15)
#define CR_QUAL_TYPE(q)             (((q) >> 4) & 3)    /* 0 mov to, 1 mov from, 2 clts, 3 lmsw */
#define CR_QUAL_GPR(q)              (((q) >> 8) & 15)

/* EPT entries (SDM 28.3.2). */
#define EPT_R                       (1ull << 0)
#define EPT_W                       (1ull << 1)
#define EPT_X                       (1ull << 2)
#define EPT_MT_SHIFT                3
#define EPT_MT_UC                   0ull
#define EPT_MT_WB                   6ull
#define EPT_IGNORE_PAT              (1ull << 6)
#define EPT_LARGE                   (1ull << 7)
#define EPTP_WB                     6ull
#define EPTP_WALK4                  (3ull << 3)

#endif
