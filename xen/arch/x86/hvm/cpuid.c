/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * CPUID exits: the per-domain policy (built by cpuid_policy.c from this
 * CPU's leaves at domain creation) and the handler the vendor exit table
 * calls.  All CPUs are assumed to report the same leaves (as Xen does).
 */
#include <asm/cpuid_policy.h>
#include <asm/hvm.h>
#include <asm/processor.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/xmalloc.h>

#define X86_CR4_OSXSAVE (1ul << 18)

static struct cpuid_leaf host_query(uint32_t leaf, uint32_t subleaf, void *ctx)
{
    struct cpuid_regs r = cpuid_count(leaf, subleaf);

    (void)ctx;
    return (struct cpuid_leaf){ r.eax, r.ebx, r.ecx, r.edx };
}

int cpuid_policy_init(struct domain *d)
{
    struct cpuid_policy *p = xzalloc(sizeof(*p));
    struct cpuid_host host = { host_query, NULL, (uint32_t)tsc_khz };

    if (!p)
        return -ENOMEM;
    cpuid_policy_build(p, &host, d->max_vcpus);
    d->arch.cpuid = p;
    return 0;
}

void cpuid_policy_destroy(struct domain *d)
{
    xfree(d->arch.cpuid);
    d->arch.cpuid = NULL;
}

void hvm_cpuid(struct vcpu *v)
{
    struct guest_regs *regs = &v->arch.regs;
    struct cpuid_vcpu_view vv = { v->vcpu_id, v->domain->domain_id, false };
    struct guest_paging pg = { 0 };
    struct cpuid_leaf res = { 0, 0, 0, 0 };

    if (hvm_ops && hvm_ops->get_paging) {
        hvm_ops->get_paging(v, &pg);
        vv.osxsave = pg.cr4 & X86_CR4_OSXSAVE;
    }
    if (v->domain->arch.cpuid)
        cpuid_policy_lookup(v->domain->arch.cpuid, (uint32_t)regs->rax, (uint32_t)regs->rcx,
                            &vv, &res);
    /* CPUID writes the 32-bit registers: the upper halves become zero. */
    regs->rax = res.a;
    regs->rbx = res.b;
    regs->rcx = res.c;
    regs->rdx = res.d;
}
