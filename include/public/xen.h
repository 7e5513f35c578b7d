/* SPDX-License-Identifier: MIT */
/*
 * Guest ABI: hypercall numbers, reserved domain IDs and console_io
 * commands, with Xen's values (xen/include/public/xen.h).  Fixed-width
 * types only; usable by the hypervisor, test guests and the toolstack.
 *
 * Calling convention (HVM/PVH): VMMCALL on AMD, VMCALL on Intel, with
 *   64-bit guests: RAX = number; RDI, RSI, RDX, R10, R8 = arguments 1-5
 *   32-bit guests: EAX = number; EBX, ECX, EDX, ESI, EDI = arguments 1-5
 * and the result in RAX/EAX (a negative XEN_E* value on error).  Only
 * kernel mode (CPL 0) may make hypercalls.
 */
#ifndef PUBLIC_XEN_H
#define PUBLIC_XEN_H

#include <stdint.h>

#define __HYPERVISOR_set_trap_table        0
#define __HYPERVISOR_mmu_update            1
#define __HYPERVISOR_set_gdt               2
#define __HYPERVISOR_stack_switch          3
#define __HYPERVISOR_set_callbacks         4
#define __HYPERVISOR_fpu_taskswitch        5
#define __HYPERVISOR_sched_op_compat       6
#define __HYPERVISOR_platform_op           7
#define __HYPERVISOR_set_debugreg          8
#define __HYPERVISOR_get_debugreg          9
#define __HYPERVISOR_update_descriptor    10
#define __HYPERVISOR_memory_op            12
#define __HYPERVISOR_multicall            13
#define __HYPERVISOR_update_va_mapping    14
#define __HYPERVISOR_set_timer_op         15
#define __HYPERVISOR_event_channel_op_compat 16
#define __HYPERVISOR_xen_version          17
#define __HYPERVISOR_console_io           18
#define __HYPERVISOR_physdev_op_compat    19
#define __HYPERVISOR_grant_table_op       20
#define __HYPERVISOR_vm_assist            21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                 23
#define __HYPERVISOR_vcpu_op              24
#define __HYPERVISOR_set_segment_base     25
#define __HYPERVISOR_mmuext_op            26
#define __HYPERVISOR_xsm_op               27
#define __HYPERVISOR_nmi_op               28
#define __HYPERVISOR_sched_op             29
#define __HYPERVISOR_callback_op          30
#define __HYPERVISOR_xenoprof_op          31
#define __HYPERVISOR_event_channel_op     32
#define __HYPERVISOR_physdev_op           33
#define __HYPERVISOR_hvm_op               34
#define __HYPERVISOR_sysctl               35
#define __HYPERVISOR_domctl               36
#define __HYPERVISOR_kexec_op             37
#define __HYPERVISOR_tmem_op              38
#define __HYPERVISOR_argo_op              39
#define __HYPERVISOR_xenpmu_op            40
#define __HYPERVISOR_dm_op                41
#define __HYPERVISOR_hypfs_op             42
#define __HYPERVISOR_arch_0               48
#define __HYPERVISOR_arch_1               49
#define __HYPERVISOR_arch_2               50
#define __HYPERVISOR_arch_3               51
#define __HYPERVISOR_arch_4               52
#define __HYPERVISOR_arch_5               53
#define __HYPERVISOR_arch_6               54
#define __HYPERVISOR_arch_7               55

/* console_io commands. */
#define CONSOLEIO_write         0       /* (count, buffer): 0 or -errno */
#define CONSOLEIO_read          1       /* (count, buffer): bytes read; control domain */

/* Domain IDs (same spelling as xen/sched.h, which defines some of them too). */
typedef uint16_t domid_t;
#define DOMID_FIRST_RESERVED 0x7ff0
#define DOMID_SELF          0x7ff0
#define DOMID_IO            0x7ff1
#define DOMID_XEN           0x7ff2
#define DOMID_COW           0x7ff3
#define DOMID_INVALID       0x7ff4
#define DOMID_IDLE          0x7fff

_Static_assert(sizeof(domid_t) == 2, "domid_t");

#endif
