/* SPDX-License-Identifier: MIT */
/*
 * Feature bits reported by XENVER_get_features (submap 0 is the only one),
 * with Xen's numbers (xen/include/public/features.h).  Which of them our
 * hypervisor sets, and why, is documented in hypercalls/xen_version.c.
 */
#ifndef PUBLIC_FEATURES_H
#define PUBLIC_FEATURES_H

#define XENFEAT_writable_page_tables        0   /* guest writes its own page tables */
#define XENFEAT_writable_descriptor_tables  1   /* PV: GDT/LDT writable */
#define XENFEAT_auto_translated_physmap     2   /* the hypervisor translates GFNs (NPT/EPT) */
#define XENFEAT_supervisor_mode_kernel      3   /* PV kernel runs in ring 0 */
#define XENFEAT_pae_pgdir_above_4gb         4   /* PV: PAE L3 may live above 4 GiB */
#define XENFEAT_mmu_pt_update_preserve_ad   5   /* PV: MMU_PT_UPDATE_PRESERVE_AD */
#define XENFEAT_highmem_assist              6   /* PV: MMUEXT_[UN]MARK_SUPER etc. */
#define XENFEAT_gnttab_map_avail_bits       7   /* PV: GNTMAP_guest_avail bits */
#define XENFEAT_hvm_callback_vector         8   /* HVM_PARAM_CALLBACK_IRQ vector type */
#define XENFEAT_hvm_safe_pvclock            9   /* pvclock usable by HVM/PVH guests */
#define XENFEAT_hvm_pirqs                  10   /* HVM: PIRQs through event channels */
#define XENFEAT_dom0                       11   /* the caller is the hardware domain */
#define XENFEAT_grant_map_identity         12   /* ARM: grants mapped 1:1 */
#define XENFEAT_memory_op_vnode_supported  13   /* XENMEM_get_vnumainfo et al. */
#define XENFEAT_ARM_SMCCC_supported        14   /* ARM: SMCCC */
#define XENFEAT_linux_rsdp_unrestricted    15   /* PVH dom0: RSDP may be anywhere */
#define XENFEAT_not_direct_mapped          16   /* guest memory not 1:1 with machine */
#define XENFEAT_direct_mapped              17   /* guest memory 1:1 with machine */

#define XENFEAT_NR_SUBMAPS 1                    /* 32 bits each */

#endif
