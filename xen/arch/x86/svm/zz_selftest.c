/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY self-test of the SVM code (boot option `svm_selftest`), until
 * the domain, p2m and loader pieces are merged and real test guests run:
 * builds a throwaway domain with one vCPU by hand, maps guest-physical
 * 0-16 KiB through the p2m, runs the guest of
 * zz_selftest_guest.S to its triple fault and checks the exit counts and
 * that every page came back.  Twice, so the second run reuses the pCPU's
 * FPU owner and ASID state; then a variant that causes an exit nobody
 * handles (string I/O) and one touching unmapped guest memory, each of
 * which must crash only that domain.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/xmalloc.h>
#include <xen/errno.h>
#include <asm/p2m.h>
#include <xen/bootinfo.h>
#include <asm/config.h>
#include <asm/hvm.h>
#include "svm.h"

static bool opt_svm_selftest;
boolean_param("svm_selftest", opt_svm_selftest);

extern const uint8_t svm_selftest_guest[], svm_selftest_guest_end[];

#define GUEST_PAGES 4

/* Guest-physical 0..16 KiB: four fresh pages in the domain's p2m; the code at 0x1000. */
static int map_guest(struct domain *d, uint8_t *page[GUEST_PAGES])
{
    int rc = p2m_init(d);

    for (unsigned int i = 0; !rc && i < GUEST_PAGES; i++) {
        page[i] = alloc_xenheap_pages(0, MEMF_zero);
        rc = page[i] ? p2m_set_entry(d, i, __pa(page[i]) >> PAGE_SHIFT, 0, p2m_ram_rw)
                     : -ENOMEM;
    }
    if (!rc)
        rc = copy_to_guest_phys(d, 0x1000, svm_selftest_guest,
                                svm_selftest_guest_end - svm_selftest_guest);
    return rc;
}

static void unmap_guest(struct domain *d, uint8_t *page[GUEST_PAGES])
{
    p2m_teardown(d);
    for (unsigned int i = 0; i < GUEST_PAGES; i++)
        free_xenheap_pages(page[i], 0);
}

static const struct { uint64_t code; uint64_t count; } expected[] = {
    { SVM_EXIT_IOIO, 4 }, { SVM_EXIT_CPUID, 1 }, { SVM_EXIT_MSR, 2 },
    { SVM_EXIT_HLT, 1 }, { SVM_EXIT_VMMCALL, 1 }, { SVM_EXIT_EXCP_BASE + 6, 1 },
    { SVM_EXIT_STGI, 1 }, { SVM_EXIT_SHUTDOWN, 1 },
};

/* Variant 1 prints 'T' and does string I/O, which we do not emulate. */
static const struct { uint64_t code; uint64_t count; } expected_unhandled[] = {
    { SVM_EXIT_IOIO, 2 }, { SVM_EXIT_SHUTDOWN, 0 },
};
/* Variant 2 reads unmapped guest-physical memory. */
static const struct { uint64_t code; uint64_t count; } expected_npf[] = {
    { SVM_EXIT_NPF, 1 }, { SVM_EXIT_IOIO, 0 }, { SVM_EXIT_SHUTDOWN, 0 },
};

static bool check_one(struct vcpu *v, uint64_t code, uint64_t want)
{
    unsigned int slot = svm_exit_slot(code);
    uint64_t got = v->arch.exit_count[slot];

    if (got == want)
        return true;
    printk("svm selftest: exit %s: %lu, expected %lu\n", svm_exit_name(slot), got, want);
    return false;
}

#define CHECK_ALL(v, table, ok) \
    for (unsigned int i = 0; i < sizeof(table) / sizeof(table[0]); i++) \
        ok = check_one(v, table[i].code, table[i].count) && ok

static bool check_counts(struct vcpu *v, unsigned int variant)
{
    bool ok = true;

    if (variant == 0)
        CHECK_ALL(v, expected, ok);
    else if (variant == 1)
        CHECK_ALL(v, expected_unhandled, ok);
    else
        CHECK_ALL(v, expected_npf, ok);
    return ok;
}

static bool run_guest(unsigned int round, unsigned int variant)
{
    uint8_t *page[GUEST_PAGES] = { NULL };
    struct domain *d = xzalloc(sizeof(*d));
    struct vcpu *v = xzalloc(sizeof(*v));
    bool ok = false;

    if (!d || !v)
        goto out;
    d->domain_id = 0x7f00 + round;
    d->max_vcpus = 1;
    d->vcpu = &v;
    if (map_guest(d, page))
        goto out;
    v->domain = d;
    v->processor = smp_processor_id();
    if (hvm_ops->vcpu_init(v))
        goto out;
    hvm_ops->set_pvh_entry_state(v, 0x1000, variant);
    for (unsigned int i = 0; i < 1000 && !d->is_shutting_down; i++) {
        do_softirq();
        hvm_ops->run_once(v);
    }
    ok = d->is_shutting_down && check_counts(v, variant);
    if (!ok)
        hvm_ops->dump_vcpu(v);
    hvm_ops->vcpu_destroy(v);
out:
    if (d)
        unmap_guest(d, page);
    xfree(v);
    xfree(d);
    return ok;
}

static int svm_selftest(void)
{
    unsigned long before = 0;
    bool ok = true;

    if (!opt_svm_selftest)
        return 0;
    if (!hvm_ops) {
        printk("svm selftest: SKIP (no SVM)\n");
        return 0;
    }
    local_irq_enable();             /* physical interrupts cause INTR exits */
    /* Round 0 may grow the xmalloc pools; later rounds must give back all they take. */
    for (unsigned int round = 0; round < 4; round++) {
        before = total_free_pages();
        ok = run_guest(round, round < 2 ? 0 : round - 1) && ok;
    }
    local_irq_disable();
    if (total_free_pages() != before) {
        printk("svm selftest: %lu pages free, %lu before\n", total_free_pages(), before);
        ok = false;
    }
    printk("svm selftest: %s\n", ok ? "PASS" : "FAIL");
    return 0;
}
__initcall(svm_selftest);
