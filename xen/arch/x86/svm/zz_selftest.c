/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * TEMPORARY self-test of the SVM code (boot option `svm_selftest`), until
 * the domain, p2m and loader pieces are merged and real test guests run:
 * builds a throwaway domain with one vCPU by hand, maps guest-physical
 * 0-16 KiB with its own little nested page table, runs the guest of
 * zz_selftest_guest.S to its triple fault and checks the exit counts and
 * that every page came back.  Twice, so the second run reuses the pCPU's
 * FPU owner and ASID state; then a variant that causes an exit nobody
 * handles (string I/O), which must crash only that domain.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/init.h>
#include <xen/param.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/xmalloc.h>
#include <xen/bootinfo.h>
#include <asm/config.h>
#include <asm/hvm.h>
#include "svm.h"

static bool opt_svm_selftest;
boolean_param("svm_selftest", opt_svm_selftest);

extern const uint8_t svm_selftest_guest[], svm_selftest_guest_end[];

#define NPT_FLAGS   0x7         /* present, writable, user (NPT walks are user accesses) */
#define GUEST_PAGES 4

struct selftest {
    uint64_t *table[4];         /* PML4, PDPT, PD, PT */
    uint8_t *page[GUEST_PAGES];
};

static void free_npt(struct selftest *t)
{
    for (unsigned int i = 0; i < 4; i++)
        free_xenheap_pages(t->table[i], 0);
    for (unsigned int i = 0; i < GUEST_PAGES; i++)
        free_xenheap_pages(t->page[i], 0);
}

/* Identity-shaped NPT: gfn 0..3 -> four fresh pages. 0 = root maddr, or 0 on failure. */
static uint64_t build_npt(struct selftest *t)
{
    for (unsigned int i = 0; i < 4; i++)
        if (!(t->table[i] = alloc_xenheap_pages(0, MEMF_zero)))
            return 0;
    for (unsigned int i = 0; i < GUEST_PAGES; i++) {
        if (!(t->page[i] = alloc_xenheap_pages(0, MEMF_zero)))
            return 0;
        t->table[3][i] = __pa(t->page[i]) | NPT_FLAGS;
    }
    for (unsigned int i = 0; i < 3; i++)
        t->table[i][0] = __pa(t->table[i + 1]) | NPT_FLAGS;
    memcpy(t->page[1], svm_selftest_guest, svm_selftest_guest_end - svm_selftest_guest);
    return __pa(t->table[0]);
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

static bool check_counts(struct vcpu *v, unsigned int variant)
{
    bool ok = true;
    unsigned int n = variant ? sizeof(expected_unhandled) / sizeof(expected_unhandled[0])
                             : sizeof(expected) / sizeof(expected[0]);

    for (unsigned int i = 0; i < n; i++) {
        uint64_t code = variant ? expected_unhandled[i].code : expected[i].code;
        uint64_t want = variant ? expected_unhandled[i].count : expected[i].count;
        unsigned int slot = svm_exit_slot(code);
        uint64_t got = v->arch.exit_count[slot];

        if (got != want) {
            printk("svm selftest: exit %s: %lu, expected %lu\n",
                   svm_exit_name(slot), got, want);
            ok = false;
        }
    }
    return ok;
}

static bool run_guest(unsigned int round, unsigned int variant)
{
    struct selftest t = { 0 };
    struct domain *d = xzalloc(sizeof(*d));
    struct vcpu *v = xzalloc(sizeof(*v));
    bool ok = false;
    uint64_t root;

    if (!d || !v || !(root = build_npt(&t)))
        goto out;
    d->domain_id = 0x7f00 + round;
    d->max_vcpus = 1;
    d->vcpu = &v;
    d->arch.p2m = (struct p2m_domain *)(uintptr_t)root;   /* see stubs_svm.c */
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
    free_npt(&t);
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
    for (unsigned int round = 0; round < 3; round++) {
        before = total_free_pages();
        ok = run_guest(round, round == 2) && ok;
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
