/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypercall table: one row per implemented hypercall (handler, name,
 * argument count, who may call it).  Empty slots and numbers beyond the
 * table return -ENOSYS, like Xen.
 */
#include <xen/deny.h>
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/errno.h>
#include <public/xen.h>

#define HC(nr, fn, n, who) [__HYPERVISOR_##nr] = { fn, #nr, n, who }

const struct hypercall_desc hypercall_table[NR_HYPERCALLS] = {
    HC(xen_version, do_xen_version, 2, HC_ANY),
    HC(console_io,  do_console_io,  3, HC_ANY),
    HC(sched_op,    do_sched_op,    2, HC_ANY),
    /* abi */
    HC(multicall,   do_multicall,   2, HC_ANY),
    HC(vm_assist,   do_vm_assist,   2, HC_ANY),
    /* hvmop */
    HC(hvm_op,      do_hvm_op,      2, HC_ANY),
    /* mem */
    HC(memory_op,   do_memory_op,   2, HC_ANY),
    /* vcpu */
    HC(vcpu_op,      do_vcpu_op,      3, HC_ANY),
    HC(set_timer_op, do_set_timer_op, 2, HC_ANY),  /* 2: a 32-bit caller's lo, hi */
    /* evtchn */
    HC(event_channel_op, do_event_channel_op, 2, HC_ANY),
    /* gnttab */
    HC(grant_table_op, do_grant_table_op, 3, HC_ANY),
    /* linux (issue 8): privilege checked inside, after the argument, as Xen */
    HC(platform_op, do_platform_op, 1, HC_ANY),
    HC(physdev_op,  do_physdev_op,  2, HC_ANY),
    /* isolation (issue 10): the checks before the work, privilege inside */
    HC(sysctl,      do_sysctl,      1, HC_ANY),
    HC(domctl,      do_domctl,      1, HC_ANY),
};

/* The internal errno values are the ABI's. */
BUILD_BUG_ON(EPERM != XEN_EPERM || EFAULT != XEN_EFAULT || EINVAL != XEN_EINVAL);
BUILD_BUG_ON(ENOSYS != XEN_ENOSYS || E2BIG != XEN_E2BIG || ERESTART != XEN_ERESTART);
BUILD_BUG_ON(NR_HYPERCALLS != ARRAY_SIZE(((struct domain *)0)->hypercall_count));

unsigned int hypercall_nargs(uint64_t nr)
{
    return nr < NR_HYPERCALLS ? hypercall_table[nr].nargs : 0;
}

bool hypercall_permitted(const struct hypercall_desc *h, const struct domain *d)
{
    return h->caller == HC_ANY || (h->caller == HC_CONTROL && d->is_privileged);
}

long hypercall_dispatch(struct vcpu *v, uint64_t nr, struct hypercall_args *args)
{
    const struct hypercall_desc *h;
    struct domain *d = v->domain;

    if (nr >= NR_HYPERCALLS)
        return -ENOSYS;
    d->hypercall_count[nr]++;           /* unimplemented ones too: 'p' shows what guests try */
    if (!hypercall_table[nr].fn)
        return -ENOSYS;
    h = &hypercall_table[nr];
    if (!hypercall_permitted(h, d)) {
        log_denied(d, "hypercall %s (control domain only)", h->name);
        return -EPERM;
    }
    for (unsigned int i = h->nargs; i < HYPERCALL_MAX_ARGS; i++)
        args->a[i] = 0;
    return h->fn(v, args);
}

void hypercall_dump_counts(const struct domain *d)
{
    bool any = false;

    for (unsigned int nr = 0; nr < NR_HYPERCALLS; nr++) {
        if (!d->hypercall_count[nr])
            continue;
        if (hypercall_table[nr].name)
            printk("%s%s %lu", any ? ", " : "    hypercalls: ", hypercall_table[nr].name,
                   (unsigned long)d->hypercall_count[nr]);
        else
            printk("%s#%u (-ENOSYS) %lu", any ? ", " : "    hypercalls: ", nr,
                   (unsigned long)d->hypercall_count[nr]);
        any = true;
    }
    printk(any ? "\n" : "    hypercalls: none\n");
}
