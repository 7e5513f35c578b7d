/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * fuzz: seeded, reproducible pseudo-random hypercalls and exits from an
 * unprivileged domain.  Every hypercall number (0-63 and beyond) and
 * sub-op, valid and invalid, with arguments drawn from interesting values
 * (0, -1, huge, unaligned, non-canonical, pointers into unmapped memory and
 * into the hypervisor's range, structures of random words, GFNs beyond its
 * RAM), mixed with random CPUID, RDMSR/WRMSR, port I/O and HLT exits.
 *
 * Every result must be 0, a positive value or a Xen error number
 * (-1..-133, never -ERESTART); a bad one fails the test and prints the
 * seed, the call number and the last calls.  "seed=S" (default 1),
 * "n=N" calls (default 50000), "trace_from=K" prints every call from the
 * K-th on (to find what a hypervisor crash was doing).
 *
 * The fuzzer must survive its own calls, so it stays clear of self-harm
 * the hypervisor rightly allows (that is not what is tested): it never
 * shuts itself down, blocks without a wake-up, arms a watchdog, takes its
 * own vCPU 0 down, writes the ACPI sleep control port (S5 is a poweroff:
 * seed 12 did so after 300,000 calls), routes event upcalls to exception
 * vectors, stores a shutdown code other than poweroff (Xen's
 * domain_shutdown() reports the stored code instead of the reason of the
 * final poweroff), or points the hypervisor at its own image and stack
 * (generated words in [0x80000, 0x800000) as addresses, GFNs in
 * [0x80, 0x800), are moved out of the way).  It keeps interrupts off
 * except around HLT, whose wake-up is its own APIC timer.
 */
#include "hctest.h"
#include "evtchn.h"

#define BUF_WORDS   1024                /* two pages of random structures */
#define MC_ENTRIES  (BUF_WORDS / 8)     /* multicall entries (64 bytes) in mc_buf */
#define NR_RING     16
#define MAX_ERRNO   133
#define XEN_ERESTART 85
#define HLT_VECTOR  0xf0

struct call {
    unsigned long idx, nr, a[5];
    long rc;
    const char *kind;                   /* "hc", "cpuid", "rdmsr", ... */
};

static uint64_t seed_state;
/*
 * The two buffers are the last four pages of RAM (mc_buf, then buf), so a
 * structure or an array (a multicall batch, grant ops, extents) that runs
 * off their end runs off RAM and faults, instead of overwriting the
 * fuzzer's own image.
 */
static uint64_t *buf, *mc_buf;
static struct call ring[NR_RING];
static unsigned long calls, trace_from = ~0ul;
static unsigned long per_nr[65], per_nr_ok[65], exits, irqs;

static uint64_t rnd(void)
{
    return prng_next(&seed_state);
}

static uint64_t rnd_below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

/* Keep generated addresses and GFNs off the fuzzer's own image and stack. */
static uint64_t away_from_self(uint64_t v)
{
    if ((v >= 0x80000 && v < 0x800000) || (v >= 0x80 && v < 0x800))
        v |= 0x40000000;
    return v;
}

/* A bad or odd pointer: the catalogue, hypervisor addresses, unaligned buf. */
static uint64_t gen_ptr(void)
{
    static const uint64_t xen_vas[] = {
        0xffffffff80200000ull, 0xffff830000000000ull, 0xffff830000100000ull,
        0xffff82d080200000ull, 0x00007ffffffff000ull, 0x0000800000000000ull,
    };
    static const struct bad_ptr *bp;        /* the catalogue, counted once */
    static unsigned int nbad;

    if (!bp)
        for (bp = bad_ptrs(64); bp[nbad].name; nbad++)
            ;
    switch (rnd_below(6)) {
    case 0: return bp[rnd_below(nbad)].va;
    case 1: return xen_vas[rnd_below(ARRAY_SIZE(xen_vas))];
    case 2: return (uint64_t)buf + rnd_below(64);           /* unaligned too */
    case 3: return (uint64_t)buf + BUF_WORDS * 8 - rnd_below(16);  /* running off RAM */
    default: return (uint64_t)buf;
    }
}

/* An interesting 64-bit value. */
static uint64_t gen_word(void)
{
    static const uint64_t special[] = {
        0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, ~0ull, ~1ull, 0x7fffffffull,
        0x80000000ull, 0xffffffffull, 0x100000000ull, 1ull << 63, (1ull << 63) - 1,
        0x7ff0, 0x7ff1, 0x7ff2, 0x7ff3, 0x7ff4, 0x7fff, 0xfff, 0x1000, 0x1001,
        0x000fffffffffffffull, 0x0000ffffffffffffull, 0x8000000000000000ull | 0x1000,
    };

    switch (rnd_below(8)) {
    case 0: case 1: case 2: return special[rnd_below(ARRAY_SIZE(special))];
    case 3: return rnd_below(64);                           /* small: sub-ops, IDs */
    case 4: return away_from_self(rnd() & 0xffffffffull);
    case 5: return rnd();
    case 6: return gen_ptr();
    default: return away_from_self(rnd_below(0x10000));
    }
}

static void fill(uint64_t *b)
{
    for (unsigned int i = 0; i < BUF_WORDS; i++)
        b[i] = gen_word();
}

static uint64_t gen_nr(void)
{
    static const uint8_t hot[] = {
        __HYPERVISOR_xen_version, __HYPERVISOR_console_io, __HYPERVISOR_sched_op,
        __HYPERVISOR_multicall, __HYPERVISOR_vm_assist, __HYPERVISOR_hvm_op,
        __HYPERVISOR_memory_op, __HYPERVISOR_vcpu_op, __HYPERVISOR_set_timer_op,
        __HYPERVISOR_event_channel_op, __HYPERVISOR_grant_table_op,
        __HYPERVISOR_physdev_op, __HYPERVISOR_platform_op, __HYPERVISOR_domctl,
        __HYPERVISOR_sysctl,
    };

    switch (rnd_below(10)) {
    case 0: return rnd_below(64);
    case 1: return rnd_below(4) ? 64 + rnd_below(64) : rnd();
    default: return hot[rnd_below(ARRAY_SIZE(hot))];
    }
}

/*
 * Extent orders and GFN ranges would reach from the low GFNs the fuzzer
 * may free into its own image: keep orders small (or plainly invalid)
 * and gmfn_range sizes short.
 */
static void defuse_memory_op(struct call *c, uint64_t *p)
{
    static const uint32_t orders[] = { 0, 0, 0, 1, 2, 6, 10, 20, 63, 0xffffffffu };
    unsigned int op = c->a[0] & 0x3f;

    if (!p)
        return;
    if (op == XENMEM_increase_reservation || op == XENMEM_decrease_reservation ||
        op == XENMEM_populate_physmap || op == XENMEM_exchange) {
        struct xen_memory_reservation *r = (void *)p;

        r->extent_order = orders[rnd_below(ARRAY_SIZE(orders))];
        if (op == XENMEM_exchange)      /* the out half follows the in half */
            ((struct xen_memory_reservation *)(p + 4))->extent_order =
                orders[rnd_below(ARRAY_SIZE(orders))];
    } else if (op == XENMEM_add_to_physmap) {
        ((struct xen_add_to_physmap *)p)->size = rnd_below(2) ? rnd_below(0x20) : 0xffff;
        if (((struct xen_add_to_physmap *)p)->size == 0xffff)
            ((struct xen_add_to_physmap *)p)->idx = 0x4000000 + rnd_below(0x1000);
    }
}

/* A pointer no hypercall can read: NULL, unmapped, non-canonical, Xen's range. */
static uint64_t gen_faulting_ptr(void)
{
    return bad_ptrs(64)[rnd_below(4)].va;
}

/*
 * An event-channel callback vector (HVM_PARAM_CALLBACK_IRQ) or upcall
 * vector in 16-31 is accepted (as by Xen) and then arrives through the
 * fuzzer's exception entries (#MF for 16: "unexpected exception"): keep
 * both >= 32.  @p is NULL outside buf or in a batch (see defuse()): these
 * two then get a faulting pointer.
 */
static void defuse_hvm_op(struct call *c, uint32_t cmd, uint64_t *p)
{
    if (cmd != HVMOP_set_param && cmd != HVMOP_set_evtchn_upcall_vector)
        return;
    if (!p)
        c->a[1] = gen_faulting_ptr();
    else if (cmd == HVMOP_set_evtchn_upcall_vector)
        ((struct xen_hvm_evtchn_upcall_vector *)p)->vector |= 0x20;
    else if (((struct xen_hvm_param *)p)->index == HVM_PARAM_CALLBACK_IRQ)
        ((struct xen_hvm_param *)p)->value |= 0x20;
}

/*
 * Self-harm the fuzzer avoids (see the top comment).  @nested: a multicall
 * entry.  The entries of a batch share buf, so a later entry's defusing
 * (an extent order, an add_to_physmap index) may overwrite what an earlier
 * one wrote -- a poll timeout turned to 0 (wait for ever) or a watchdog
 * timeout turned non-zero: in a batch, poll, watchdog and shutdown_code
 * get a faulting pointer instead.  Likewise a "bad" pointer for poll must really fault:
 * gen_ptr() also yields (unaligned) pointers into buf, whose random words
 * would be read as a poll with no ports and a far (or no) timeout.
 */
static void defuse(struct call *c, bool nested)
{
    uint64_t *p = (uint64_t *)((c->a[1] & 7) ? 0 : c->a[1]);
    bool in_buf = p >= buf && p + 4 <= buf + BUF_WORDS;
    uint32_t cmd = (uint32_t)c->a[0];

    switch (c->nr) {
    case __HYPERVISOR_sched_op:
        if (cmd == SCHEDOP_block || cmd == SCHEDOP_shutdown)
            c->a[0] = SCHEDOP_yield;
        else if (cmd == SCHEDOP_poll && in_buf && !nested)
            p[2] = rnd_below(2) ? 1 : 2;        /* timeout in the past: no long wait */
        else if (cmd == SCHEDOP_poll)
            c->a[1] = gen_faulting_ptr();       /* -EFAULT, never a wait */
        else if (cmd == SCHEDOP_shutdown_code && in_buf && !nested)
            ((uint32_t *)p)[0] = SHUTDOWN_poweroff;     /* the reason our end reports */
        else if (cmd == SCHEDOP_shutdown_code)
            c->a[1] = gen_faulting_ptr();
        else if (cmd == SCHEDOP_watchdog && in_buf && !nested)
            p[0] = (p[0] & ~0xffffffffull) | (1 + rnd_below(3));   /* id set, ... */
        if (cmd == SCHEDOP_watchdog && in_buf && !nested)
            ((uint32_t *)p)[1] = 0;             /* ... timeout 0: never arms one */
        else if (cmd == SCHEDOP_watchdog)
            c->a[1] = 0;
        break;
    case __HYPERVISOR_vcpu_op:
        if (cmd == VCPUOP_down && (uint32_t)c->a[1] == 0)
            c->a[1] = 1;
        break;
    case __HYPERVISOR_console_io:
        if (cmd == CONSOLEIO_write)             /* no junk on the console: bad buffers only */
            c->a[2] = bad_ptrs(64)[rnd_below(4)].va;
        break;
    case __HYPERVISOR_memory_op:
        defuse_memory_op(c, in_buf ? p : NULL);
        break;
    case __HYPERVISOR_hvm_op:
        defuse_hvm_op(c, cmd, in_buf && !nested ? p : NULL);
        break;
    }
}

static void gen_call(struct call *c, bool nested);

/*
 * A multicall batch in mc_buf built from defused calls.  A count beyond
 * the generated entries runs on into the rest of mc_buf: those entries are
 * zeroed (op 0, set_trap_table: -ENOSYS), not left over from an earlier
 * batch -- those were defused against the buf of their time and now point
 * at fresh random words (a poll without timeout, a watchdog, a shutdown).
 * For the same reason the batch is never placed in buf: a bad batch
 * pointer is one that faults.
 */
static void gen_multicall(struct call *c)
{
    unsigned int n = rnd_below(9);
    struct multicall_entry *e = (void *)mc_buf;

    memset(e, 0, MC_ENTRIES * sizeof(*e));

    for (unsigned int i = 0; i < n; i++) {
        struct call sub;

        gen_call(&sub, true);
        e[i].op = sub.nr;
        e[i].result = gen_word();
        for (unsigned int k = 0; k < 5; k++)
            e[i].args[k] = sub.a[k];
        e[i].args[5] = gen_word();
    }
    c->a[0] = rnd_below(8) ? (uint64_t)mc_buf : gen_faulting_ptr();
    /* Results are written back into every entry: stay inside mc_buf when it is the batch. */
    c->a[1] = rnd_below(8) ? n : gen_word();
    if (c->a[0] == (uint64_t)mc_buf && c->a[1] > MC_ENTRIES)
        c->a[1] = rnd_below(MC_ENTRIES + 1);
}

static void gen_call(struct call *c, bool nested)
{
    c->kind = "hc";
    c->nr = gen_nr();
    c->a[0] = rnd_below(5) ? rnd_below(48) : gen_word();   /* mostly a sub-op */
    c->a[1] = rnd_below(4) ? (uint64_t)buf : gen_ptr();
    for (unsigned int k = 2; k < 5; k++)
        c->a[k] = gen_word();
    if (c->nr == __HYPERVISOR_multicall && !nested)
        gen_multicall(c);
    defuse(c, nested);
}

/* One call; with its result when @done (a trace line comes before the call). */
static void print_call(const char *tag, const struct call *c, bool done)
{
    char rc[32] = "...";

    if (done)
        snprintf(rc, sizeof(rc), "%ld", c->rc);
    printf("%s #%lu %s nr=%#lx a=%#lx,%#lx,%#lx,%#lx,%#lx -> %s\n", tag, c->idx, c->kind,
           c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], rc);
}

static noreturn void fail_with_ring(const struct call *bad)
{
    printf("fuzz: FAILED at call %lu, seed %#lx; the last calls:\n", bad->idx,
           (unsigned long)cmdline_ulong("seed", 1));
    for (unsigned int i = 0; i < NR_RING; i++) {
        const struct call *c = &ring[(bad->idx + 1 + i) % NR_RING];

        if (c->kind && c->idx <= bad->idx)
            print_call("  ", c, true);
    }
    test_failure("hypercall %#lx (sub-op %#lx) returned %ld: not a Xen result",
                 bad->nr, bad->a[0], bad->rc);
}

static bool plausible(long rc)
{
    return rc >= 0 || (-rc <= MAX_ERRNO && -rc != XEN_ERESTART);
}

static void do_hypercall(struct call *c)
{
    fill(buf);
    gen_call(c, false);
    if (c->idx >= trace_from)
        print_call("fuzz:", c, false);
    c->rc = hypercall5(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4]);
    per_nr[c->nr < 64 ? c->nr : 64]++;
    if (c->rc >= 0)
        per_nr_ok[c->nr < 64 ? c->nr : 64]++;
}

static bool msr_is_dangerous(uint32_t msr)
{
    return msr == 0x10 || msr == MSR_APIC_BASE || (msr >= 0x800 && msr < 0x900) ||
           (msr >= 0xc0000080 && msr <= 0xc0000104) || msr == 0x277 ||
           (msr >= 0x174 && msr <= 0x176);
}

static uint32_t gen_msr(void)
{
    static const uint32_t bases[] = { 0, 0x40000000, 0xc0000000, 0xc0010000, 0x1000 };

    return rnd_below(4) ? bases[rnd_below(ARRAY_SIZE(bases))] + rnd_below(0x300)
                        : (uint32_t)rnd();
}

/* A random exit: CPUID, RDMSR, WRMSR, port I/O or HLT. */
static void do_exit(struct call *c)
{
    uint64_t v = 0;

    c->nr = rnd_below(6);
    c->a[0] = c->a[1] = 0;
    c->rc = 0;
    switch (c->nr) {
    case 0:
        c->kind = "cpuid";
        c->a[0] = rnd_below(2) ? rnd_below(0x20) + (rnd_below(2) ? 0x40000000 : 0) : rnd();
        c->a[1] = rnd_below(8);
        (void)cpuid_count((uint32_t)c->a[0], (uint32_t)c->a[1]);
        break;
    case 1:
        c->kind = "rdmsr";
        c->a[0] = gen_msr();
        c->rc = rdmsr_safe((uint32_t)c->a[0], &v);
        break;
    case 2:
        c->kind = "wrmsr";
        c->a[0] = gen_msr();
        c->a[1] = gen_word();
        if (!msr_is_dangerous((uint32_t)c->a[0]))
            c->rc = wrmsr_safe((uint32_t)c->a[0], c->a[1]);
        break;
    case 3:
        c->kind = "in";
        c->a[0] = rnd_below(0x10000);
        (void)inb((uint16_t)c->a[0]);
        break;
    case 4:
        c->kind = "out";
        c->a[0] = rnd_below(0x10000);
        if (c->a[0] != 0xe9 && c->a[0] != PVH_ACPI_SLEEP_CONTROL_PORT)
            outb((uint16_t)c->a[0], (uint8_t)rnd());
        break;
    default:
        c->kind = "hlt";
        apic_timer_oneshot(HLT_VECTOR, 1000 + rnd_below(100000));
        safe_halt();
        irq_disable();
        break;
    }
    exits++;
}

static void place_buffers(void)
{
    const struct hvm_memmap_table_entry *e = (const void *)start_info->memmap_paddr;
    uint64_t top = 0;

    for (uint32_t i = 0; start_info->memmap_paddr && i < start_info->memmap_entries; i++)
        if (e[i].type == XEN_HVM_MEMMAP_TYPE_RAM && e[i].addr + e[i].size > top)
            top = e[i].addr + e[i].size;
    if (top < (8ull << 20) || top > (4ull << 30))
        test_error("fuzz: needs 8 MiB - 4 GiB of RAM (top %#lx)", (unsigned long)top);
    top &= ~0xfffull;
    mc_buf = (uint64_t *)(top - 4 * 4096);
    buf = (uint64_t *)(top - 2 * 4096);
}

static void any_irq(struct cpu_frame *f)
{
    (void)f;
    irqs++;
    apic_eoi();
}

static void report(void)
{
    printf("fuzz: %lu calls, %lu exits, %lu interrupts taken\n", calls, exits, irqs);
    for (unsigned int nr = 0; nr <= 64; nr++)
        if (per_nr[nr])
            printf("fuzz:   %s%u: %lu calls, %lu succeeded\n", nr == 64 ? ">=" : "nr ",
                   nr, per_nr[nr], per_nr_ok[nr]);
}

void main(void)
{
    unsigned long n = cmdline_ulong("n", 50000), seed = cmdline_ulong("seed", 1);

    hctest_init("fuzz");
    place_buffers();
    badptr_init();
    x2apic_enable();
    irq_disable();
    for (unsigned int v = 32; v < 256; v++)
        set_irq_handler(v, any_irq);
    trace_from = cmdline_ulong("trace_from", ~0ul);
    seed_state = seed ? seed : 1;
    printf("fuzz: seed %#lx, %lu calls, domain %u\n", seed, n, my_domid());
    for (calls = 0; calls < n; calls++) {
        struct call *c = &ring[calls % NR_RING];

        c->idx = calls;
        if (rnd_below(10) == 0)
            do_exit(c);
        else
            do_hypercall(c);
        if (c->kind[0] == 'h' && c->kind[1] == 'c' && !plausible(c->rc))
            fail_with_ring(c);
        if ((calls + 1) % (n / 10 ? n / 10 : 1) == 0)
            printf("fuzz: %lu/%lu calls\n", calls + 1, n);
    }
    report();
    test_end();
}
