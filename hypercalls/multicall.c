/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * multicall(list, nr_calls), Xen's semantics: run the entries of @list in
 * order, each through hypercall_dispatch() (same table, counters and
 * permission checks as a direct call), and write each result back into
 * its entry.  64-bit callers use struct multicall_entry, 32-bit callers
 * struct compat_multicall_entry; both are decoded into one form here.
 *
 *   - A multicall entry inside a multicall gets -EINVAL as its result.
 *   - Before every entry but the first, pending softirqs preempt the
 *     batch: -ERESTART with (list, nr_calls) advanced past the finished
 *     entries, so the guest re-executes the rest.
 *   - A preempted sub-call: its continuation arguments (and, as in Xen,
 *     its hypercall number as the result) are written into its entry and
 *     the batch continues from that entry.
 *   - An unreadable entry or an unwritable result ends the batch with
 *     -EFAULT (the entries before it are done).  Otherwise 0.
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/percpu.h>
#include <asm/p2m.h>
#include <public/xen.h>

/* Either layout, widened; the same shape as struct multicall_entry. */
struct mc_entry {
    uint64_t op, result;
    uint64_t args[6];
};
BUILD_BUG_ON(sizeof(struct mc_entry) != sizeof(struct multicall_entry));

static size_t entry_size(bool is64)
{
    return is64 ? sizeof(struct multicall_entry) : sizeof(struct compat_multicall_entry);
}

/* 32-bit callers' addresses wrap at 4 GiB. */
static uint64_t addr_mask(bool is64)
{
    return is64 ? ~0ULL : 0xffffffffULL;
}

static int read_entry(struct vcpu *v, uint64_t va, bool is64, struct mc_entry *e)
{
    struct compat_multicall_entry c;

    if (is64)
        return copy_from_guest_virt(v, e, va, sizeof(*e));
    if (copy_from_guest_virt(v, &c, va, sizeof(c)))
        return -EFAULT;
    e->op = c.op;
    e->result = c.result;
    for (unsigned int i = 0; i < 6; i++)
        e->args[i] = c.args[i];
    return 0;
}

/* Write back the result, and with @whole the op and arguments too. */
static int write_entry(struct vcpu *v, uint64_t va, bool is64, const struct mc_entry *e,
                       bool whole)
{
    struct compat_multicall_entry c = { (uint32_t)e->op, (uint32_t)e->result, { 0 } };

    if (is64)
        return whole ? copy_to_guest_virt(v, va, e, sizeof(*e))
                     : copy_to_guest_virt(v, va + offsetof(struct multicall_entry, result),
                                          &e->result, sizeof(e->result));
    for (unsigned int i = 0; i < 6; i++)
        c.args[i] = (uint32_t)e->args[i];
    return whole ? copy_to_guest_virt(v, va, &c, sizeof(c))
                 : copy_to_guest_virt(v, va + offsetof(struct compat_multicall_entry, result),
                                      &c.result, sizeof(c.result));
}

/* Run one entry; -ERESTART when the sub-call was preempted. */
static long run_entry(struct vcpu *v, struct mc_entry *e)
{
    struct hypercall_args sub;
    long rc;

    if (e->op == __HYPERVISOR_multicall) {
        e->result = (uint64_t)(long)-EINVAL;
        return 0;
    }
    for (unsigned int i = 0; i < HYPERCALL_MAX_ARGS; i++)
        sub.a[i] = e->args[i];
    rc = hypercall_dispatch(v, e->op, &sub);
    if (rc == -ERESTART) {
        for (unsigned int i = 0; i < HYPERCALL_MAX_ARGS; i++)
            e->args[i] = sub.a[i];
        e->result = e->op;
        return -ERESTART;
    }
    e->result = (uint64_t)rc;
    return 0;
}

long do_multicall(struct vcpu *v, struct hypercall_args *args)
{
    bool is64 = v->arch.hcall_64bit;
    uint64_t list = args->a[0];
    uint32_t nr = (uint32_t)args->a[1];
    struct mc_entry e;
    long rc = 0;
    uint32_t i;

    for (i = 0; i < nr; i++, list = (list + entry_size(is64)) & addr_mask(is64)) {
        if (i && hypercall_preempt_check()) {
            rc = -ERESTART;
            break;
        }
        if (read_entry(v, list, is64, &e))
            return -EFAULT;
        if (run_entry(v, &e) == -ERESTART) {
            rc = write_entry(v, list, is64, &e, true) ? -EFAULT : -ERESTART;
            break;
        }
        if (write_entry(v, list, is64, &e, false))
            return -EFAULT;
    }
    if (rc == -ERESTART) {
        args->a[0] = list;
        args->a[1] = nr - i;
    }
    return rc;
}

bool hypercall_preempt_check(void)
{
    return softirq_pending(smp_processor_id());
}
