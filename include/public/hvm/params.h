/* SPDX-License-Identifier: MIT */
/*
 * HVM parameters (HVMOP_set_param / HVMOP_get_param indices) with Xen
 * 4.17's numbers (xen/include/public/hvm/params.h).  Which ones a guest may
 * read or write on itself, and which the control domain may set on another
 * domain, is Xen's table (see xen/arch/x86/hvm/params.c and the README).
 */
#ifndef PUBLIC_HVM_PARAMS_H
#define PUBLIC_HVM_PARAMS_H

#include <public/hvm/hvm_op.h>

/*
 * How event-channel notifications for vCPU 0 (and every vCPU without its
 * own HVMOP_set_evtchn_upcall_vector) are delivered.  0: not delivered.
 * Otherwise bits 63:56 give the type:
 *   GSI (0):      bits 55:0 a GSI (GSI 0 is impossible: it would be val 0)
 *   PCI_INTX (1): domain 47:32, bus 31:16, devfn 15:8, INTx 1:0
 *   VECTOR (2):   bits 7:0 an x86 vector (needs XENFEAT_hvm_callback_vector)
 */
#define HVM_PARAM_CALLBACK_IRQ              0
#define HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT   56
#define HVM_PARAM_CALLBACK_IRQ_TYPE_MASK    0xff00000000000000ull
#define HVM_PARAM_CALLBACK_TYPE_GSI         0
#define HVM_PARAM_CALLBACK_TYPE_PCI_INTX    1
#define HVM_PARAM_CALLBACK_TYPE_VECTOR      2
/* The value a guest writes to be called at @vec (as Linux's HVM_CALLBACK_VECTOR). */
#define HVM_PARAM_CALLBACK_VECTOR(vec) \
    (((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT) | \
     (uint8_t)(vec))

/* Xenstore ring page (a GFN) and its event channel, for xenbus. */
#define HVM_PARAM_STORE_PFN                 1
#define HVM_PARAM_STORE_EVTCHN              2

#define HVM_PARAM_PAE_ENABLED               4   /* deprecated */
#define HVM_PARAM_IOREQ_PFN                 5
#define HVM_PARAM_BUFIOREQ_PFN              6

/* Viridian (Hyper-V) enlightenments: a feature mask; base_freq required. */
#define HVM_PARAM_VIRIDIAN                  9
#define HVMPV_base_freq                     (1u << 0)
#define HVMPV_no_freq                       (1u << 1)
#define HVMPV_time_ref_count                (1u << 2)
#define HVMPV_reference_tsc                 (1u << 3)
#define HVMPV_hcall_remote_tlb_flush        (1u << 4)
#define HVMPV_apic_assist                   (1u << 5)
#define HVMPV_crash_ctl                     (1u << 6)
#define HVMPV_synic                         (1u << 7)
#define HVMPV_stimer                        (1u << 8)
#define HVMPV_hcall_ipi                     (1u << 9)
#define HVMPV_ex_processor_masks            (1u << 10)
#define HVMPV_no_vp_limit                   (1u << 11)
#define HVMPV_cpu_hotplug                   (1u << 12)
#define HVMPV_feature_mask                  0x1fffu

/* Virtual timer mode for missed ticks. */
#define HVM_PARAM_TIMER_MODE                10
#define HVMPTM_delay_for_missed_ticks       0
#define HVMPTM_no_delay_for_missed_ticks    1
#define HVMPTM_no_missed_ticks_pending      2
#define HVMPTM_one_missed_tick_pending      3

#define HVM_PARAM_HPET_ENABLED              11  /* boolean */
#define HVM_PARAM_IDENT_PT                  12  /* EPT without unrestricted guest */
#define HVM_PARAM_DM_DOMAIN                 13  /* deprecated */
#define HVM_PARAM_ACPI_S_STATE              14  /* 0 (S0) or 3 (S3) */
#define HVM_PARAM_VM86_TSS                  15  /* 32-bit address; size 128 implied */
#define HVM_PARAM_VPT_ALIGN                 16  /* boolean */

/* PV console ring page (a GFN, struct xencons_interface) and its event channel. */
#define HVM_PARAM_CONSOLE_PFN               17
#define HVM_PARAM_CONSOLE_EVTCHN            18

/* ACPI PM1a/TMR block location: 0 (0x1f40...) or 1 (0xb000...). */
#define HVM_PARAM_ACPI_IOPORTS_LOCATION     19

/* Deprecated (their meaning is undefined; both set and get give -EINVAL). */
#define HVM_PARAM_MEMORY_EVENT_CR0          20
#define HVM_PARAM_MEMORY_EVENT_CR3          21
#define HVM_PARAM_MEMORY_EVENT_CR4          22
#define HVM_PARAM_MEMORY_EVENT_INT3         23
#define HVM_PARAM_NESTEDHVM                 24
#define HVM_PARAM_MEMORY_EVENT_SINGLE_STEP  25
#define HVM_PARAM_BUFIOREQ_EVTCHN           26

/* vm_event rings. */
#define HVM_PARAM_PAGING_RING_PFN           27
#define HVM_PARAM_MONITOR_RING_PFN          28
#define HVM_PARAM_SHARING_RING_PFN          29

#define HVM_PARAM_MEMORY_EVENT_MSR          30  /* deprecated */

/* SHUTDOWN_* reason to use when the guest triple-faults. */
#define HVM_PARAM_TRIPLE_FAULT_REASON       31

#define HVM_PARAM_IOREQ_SERVER_PFN          32
#define HVM_PARAM_NR_IOREQ_SERVER_PAGES     33  /* 1..64 */
#define HVM_PARAM_VM_GENERATION_ID_ADDR     34

/* altp2m mode. */
#define HVM_PARAM_ALTP2M                    35
#define XEN_ALTP2M_disabled                 0
#define XEN_ALTP2M_mixed                    1
#define XEN_ALTP2M_external                 2
#define XEN_ALTP2M_limited                  3

/* x87 FIP/FDP width the hypervisor saves: 0 (choose), 4 or 8. */
#define HVM_PARAM_X87_FIP_WIDTH             36

/* VM86 TSS: address in bits 31:0, size in bits 63:32. */
#define HVM_PARAM_VM86_TSS_SIZED            37

/* Machine-check capabilities. */
#define HVM_PARAM_MCA_CAP                   38
#define XEN_HVM_MCA_CAP_LMCE                (1ull << 0)
#define XEN_HVM_MCA_CAP_MASK                XEN_HVM_MCA_CAP_LMCE

#define HVM_NR_PARAMS                       39

_Static_assert(HVM_PARAM_CALLBACK_VECTOR(0xf3) == 0x02000000000000f3ull, "callback vector");

#endif
