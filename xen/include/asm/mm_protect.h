/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hardening of the hypervisor's own address space (arch/x86/mm_protect.c):
 * W^X image mappings, NX data, stack guard pages, no identity map, SMEP
 * and SMAP.
 */
#ifndef ASM_MM_PROTECT_H
#define ASM_MM_PROTECT_H

#include <xen/types.h>

/*
 * Remap with least privilege; once, before the APs start (they load the
 * same tables).  drop_identity_map() after they are up (all CPUs flush).
 */
void protect_xen_mappings(void);
void drop_identity_map(void);
bool xen_mappings_protected(void);
/* CR4.SMEP/SMAP if the CPU has them (boot CPU; APs copy its CR4). */
void cpu_enable_smep_smap(void);
/*
 * Is @va in the guard page below a hypervisor stack?  Then *@cpu is its
 * CPU and *@ist 0 for the CPU's stack or the IST slot (1..IST_COUNT).
 */
bool is_stack_guard_page(unsigned long va, unsigned int *cpu, unsigned int *ist);
/* The guard page below @cpu's stack (smpboot.c). */
unsigned long cpu_stack_guard(unsigned int cpu);

#endif
