/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Library for the hypercall test guests (hc-*): hypercall wrappers for every
 * family, the environment (on Xen 4.17 or ours, which domain, privileged or
 * not), checks of return codes that print one line each and count failures,
 * and a catalogue of bad guest pointers.
 *
 * Each check states Xen 4.17's value.  Where ours deliberately differs, the
 * check takes both values and picks by on_xen(); the comment at the call
 * says why.  on_xen() is true when the command line has "on-xen", which
 * scripts/run-hc-tests-on-xen passes (the CPUID leaves cannot tell: ours
 * present themselves as Xen's).
 */
#ifndef GUEST_HCTEST_H
#define GUEST_HCTEST_H

#include "guest.h"
#include "hc_abi.h"
#include <public/errno.h>

/* ---- environment (hctest.c) ---- */
/* Print the guest's banner and set up the bad-pointer mappings. */
void hctest_init(const char *name);
bool on_xen(void);
unsigned int my_domid(void);            /* CPUID 0x40000004 ECX */
bool is_control_domain(void);           /* domain 0 (the boot configuration's) */
unsigned int nr_vcpus(void);            /* from the MADT, 1 if none */

/* ---- checks (hctest.c) ---- */
/* One line: "  [ ok ] what: rc (Xen: want)".  Returns got == want. */
bool expect_rc(long got, long want, const char *fmt, ...) __printf(3, 4);
/* A deliberate difference: want_xen on Xen, want_ours on ours. */
bool expect_rc2(long got, long want_xen, long want_ours, const char *fmt, ...)
    __printf(4, 5);
/* A value check that is not a return code (one line, counted). */
#define expect(ok, ...) check(ok, __VA_ARGS__)
/* "-EFAULT", "0", "0x40011" ... into @buf (32 bytes). */
const char *rc_str(long rc, char *buf);
#define E(name) (-(long)XEN_##name)      /* E(EFAULT) == -14 */

/* ---- bad pointers (badptr.c) ---- */
struct bad_ptr {
    const char *name;
    uint64_t va;
};
/*
 * For an object of @size bytes (>= 2): NULL (page 0 is unmapped), an
 * unmapped address, a non-canonical one, one in Xen's own range
 * (0xffff830000000000, unmapped for an HVM guest), and one that starts in
 * a mapped page and crosses into an unmapped one.  Terminated by name NULL.
 */
const struct bad_ptr *bad_ptrs(size_t size);
#define for_each_bad_ptr(p, size) \
    for (const struct bad_ptr *p = bad_ptrs(size); p->name; p++)
/* A mapped object of @size that ends exactly where the unmapped page starts. */
void *edge_ptr(size_t size);
/* A scratch page of guest RAM (page-aligned, identity-mapped) and its GFN. */
void *scratch_page(unsigned int i);     /* i < NR_SCRATCH */
#define NR_SCRATCH 4
#define GFN(p) ((uint64_t)(p) >> 12)
void badptr_init(void);

/* ---- hypercall wrappers ---- */
static inline long HYPERVISOR_xen_version(unsigned long cmd, void *arg)
{
    return hypercall5(__HYPERVISOR_xen_version, cmd, (unsigned long)arg, 0, 0, 0);
}
static inline long HYPERVISOR_console_io(unsigned long cmd, unsigned long count, const void *buf)
{
    return hypercall5(__HYPERVISOR_console_io, cmd, count, (unsigned long)buf, 0, 0);
}
static inline long HYPERVISOR_sched_op(unsigned long cmd, void *arg)
{
    return hypercall5(__HYPERVISOR_sched_op, cmd, (unsigned long)arg, 0, 0, 0);
}
static inline long HYPERVISOR_vcpu_op(unsigned long cmd, unsigned long vcpu, void *arg)
{
    return hypercall5(__HYPERVISOR_vcpu_op, cmd, vcpu, (unsigned long)arg, 0, 0);
}
static inline long HYPERVISOR_memory_op(unsigned long cmd, void *arg)
{
    return hypercall5(__HYPERVISOR_memory_op, cmd, (unsigned long)arg, 0, 0, 0);
}
static inline long HYPERVISOR_hvm_op(unsigned long op, void *arg)
{
    return hypercall5(__HYPERVISOR_hvm_op, op, (unsigned long)arg, 0, 0, 0);
}
static inline long HYPERVISOR_multicall(void *calls, unsigned long nr)
{
    return hypercall5(__HYPERVISOR_multicall, (unsigned long)calls, nr, 0, 0, 0);
}
static inline long HYPERVISOR_vm_assist(unsigned long cmd, unsigned long type)
{
    return hypercall5(__HYPERVISOR_vm_assist, cmd, type, 0, 0, 0);
}
/* The same with a raw pointer value (bad pointers are plain numbers). */
#define PTR(va) ((void *)(uintptr_t)(va))

#endif
