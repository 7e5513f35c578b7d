/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-multicall: multicall (hypercall 13).
 *   a batch of different calls -> 0, each entry's result its own (version,
 *     pagesize, -EFAULT for a bad pointer, -ENOSYS for an unknown or
 *     PV-only hypercall number and for op values above 32 bits, -EINVAL
 *     for a nested multicall, 32-bit sub-op arguments truncated as in a
 *     direct call);
 *   nr_calls 0 (even with a NULL list) -> 0; nr_calls is 32-bit (RSI's
 *     upper half ignored);
 *   300 entries (preemption and continuation on the way) -> 0, all results;
 *   an entry that is a 5000-byte console write -> result 0;
 *   a bad list pointer -> -EFAULT; a list whose second entry crosses into
 *     unmapped memory -> -EFAULT after the first entry ran and got its
 *     result.
 */
#include "hctest.h"

#define NR_MANY 300

static struct multicall_entry calls[NR_MANY];
static char text[5000];

static struct multicall_entry mc(unsigned long op, unsigned long a0, unsigned long a1)
{
    return (struct multicall_entry){ .op = op, .result = 0x5a5a5a5a, .args = { a0, a1 } };
}

static void check_batch(void)
{
    struct multicall_entry inner[1] = { mc(__HYPERVISOR_xen_version, XENVER_version, 0) };
    static const struct { long want; const char *what; } res[] = {
        { 0x40011, "xen_version(version)" },
        { 4096, "xen_version(pagesize)" },
        { E(EFAULT), "xen_version(extraversion, NULL)" },
        { E(ENOSYS), "hypercall 60 (unknown)" },
        { E(ENOSYS), "hypercall 1 (mmu_update, PV only)" },
        { E(ENOSYS), "op (1 << 32) | 17" },
        { E(EINVAL), "nested multicall" },
        { 0x40011, "xen_version((1 << 32) | version) (cmd is an int)" },
        { 0, "sched_op(yield)" },
    };
    long rc;

    calls[0] = mc(__HYPERVISOR_xen_version, XENVER_version, 0);
    calls[1] = mc(__HYPERVISOR_xen_version, XENVER_pagesize, 0);
    calls[2] = mc(__HYPERVISOR_xen_version, XENVER_extraversion, 0);
    calls[3] = mc(60, 0, 0);
    calls[4] = mc(__HYPERVISOR_mmu_update, 0, 0);
    calls[5] = mc((1ul << 32) | __HYPERVISOR_xen_version, XENVER_version, 0);
    calls[6] = mc(__HYPERVISOR_multicall, (unsigned long)inner, 1);
    calls[7] = mc(__HYPERVISOR_xen_version, (1ul << 32) | XENVER_version, 0);
    calls[8] = mc(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    rc = HYPERVISOR_multicall(calls, ARRAY_SIZE(res));
    expect_rc(rc, 0, "multicall of %zu entries", ARRAY_SIZE(res));
    for (size_t i = 0; i < ARRAY_SIZE(res); i++)
        expect_rc((long)calls[i].result, res[i].want, "  entry %zu: %s", i, res[i].what);
    expect(inner[0].result == 0x5a5a5a5a, "the nested list was not run");
}

static void check_counts(void)
{
    long rc;

    expect_rc(HYPERVISOR_multicall(NULL, 0), 0, "multicall, 0 entries, NULL list");
    calls[0] = mc(__HYPERVISOR_xen_version, XENVER_version, 0);
    calls[1] = mc(__HYPERVISOR_xen_version, XENVER_version, 0);
    expect_rc(hypercall5(__HYPERVISOR_multicall, (unsigned long)calls, 1ul << 32, 0, 0, 0), 0,
              "multicall, nr_calls (1 << 32) (32-bit: 0 entries)");
    expect(calls[0].result == 0x5a5a5a5a, "  no entry ran");
    expect_rc(hypercall5(__HYPERVISOR_multicall, (unsigned long)calls, (1ul << 32) | 1, 0, 0, 0), 0,
              "multicall, nr_calls (1 << 32) | 1 (1 entry)");
    expect_rc((long)calls[0].result, 0x40011, "  entry 0 ran");
    expect(calls[1].result == 0x5a5a5a5a, "  entry 1 did not");

    for (unsigned int i = 0; i < NR_MANY; i++)
        calls[i] = mc(__HYPERVISOR_xen_version, i & 1 ? XENVER_pagesize : XENVER_version, 0);
    rc = HYPERVISOR_multicall(calls, NR_MANY);
    expect_rc(rc, 0, "multicall of %u entries", NR_MANY);
    unsigned int good = 0;
    for (unsigned int i = 0; i < NR_MANY; i++)
        good += calls[i].result == (i & 1 ? 4096u : 0x40011u);
    expect(good == NR_MANY, "  all %u results right (%u)", NR_MANY, good);

    for (size_t i = 0; i < sizeof(text); i++)
        text[i] = i % 100 == 99 ? '\n' : ':';
    calls[0] = (struct multicall_entry){ .op = __HYPERVISOR_console_io,
        .args = { CONSOLEIO_write, sizeof(text), (uint64_t)text } };
    calls[1] = mc(__HYPERVISOR_xen_version, XENVER_version, 0);
    rc = HYPERVISOR_multicall(calls, 2);
    expect_rc(rc, 0, "multicall with a 5000-byte console write");
    expect_rc2((long)calls[0].result, is_control_domain() ? 0 : E(EPERM), 0,
               "  entry 0: console_io write");
    expect_rc((long)calls[1].result, 0x40011, "  entry 1: xen_version");
}

static void check_pointers(void)
{
    struct multicall_entry *edge = edge_ptr(sizeof(*edge));

    for_each_bad_ptr(p, 2 * sizeof(struct multicall_entry))
        expect_rc(HYPERVISOR_multicall(PTR(p->va), 2), E(EFAULT), "multicall, list at %s", p->name);
    /* the first entry fits before the unmapped page, the second does not */
    *edge = mc(__HYPERVISOR_xen_version, XENVER_version, 0);
    expect_rc(HYPERVISOR_multicall(edge, 2), E(EFAULT),
              "multicall, second entry crossing into unmapped memory");
    expect_rc((long)edge->result, 0x40011, "  the first entry ran and has its result");
    *edge = mc(__HYPERVISOR_xen_version, XENVER_version, 0);
    expect_rc(HYPERVISOR_multicall(edge, 1), 0, "multicall, one entry ending at an unmapped page");
}

void main(void)
{
    hctest_init("hc-multicall");
    check_batch();
    check_counts();
    check_pointers();
    test_end();
}
