/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The hypercall table and entry (hypercalls/): dispatch, -ENOSYS for empty
 * and out-of-range numbers, who may call, 32/64-bit register decoding,
 * CPL checks, counters, continuations, and the xen_version, console_io and
 * sched_op handlers with good and bad arguments.  Guest memory is a fake
 * window of guest-virtual addresses.
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/guest_console.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <public/errno.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/xen.h>

/* ---- Fakes for what the handlers call ---- */
#define GVA_BASE 0x10000ULL
#define GVA_SIZE 0x4000ULL
#include "fake_guest_virt.h"

/* mem: handlers tested in test_memory_op (only their table rows matter here). */
__attribute__((weak)) long do_memory_op(struct vcpu *v, struct hypercall_args *args)
{
    (void)v, (void)args;
    return -ENOSYS;
}

static char console[1 << 16];
static size_t console_len;
static unsigned int console_calls;

void guest_console_write(struct domain *d, const char *buf, size_t len)
{
    (void)d;
    CHECK(len <= 128);                      /* bounded chunks */
    if (console_len + len < sizeof(console)) {
        memcpy(console + console_len, buf, len);
        console_len += len;
    }
    console_calls++;
}

char saved_cmdline[1024];
bool softirq_pending(unsigned int cpu) { (void)cpu; return false; }

static int shutdown_reason = -1;
void domain_shutdown(struct domain *d, int reason) { (void)d; shutdown_reason = reason; }
static unsigned int blocks;
bool vcpu_block_unless_pending(struct vcpu *v) { (void)v; blocks++; return true; }
/* sched_op's other mechanisms are tested in test_vcpu_op; here only the plumbing. */
void vcpu_unmask_events(struct vcpu *v) { (void)v; }
bool domain_set_shutdown_code(struct domain *d, int r) { (void)d, (void)r; return false; }
int hvm_pending_interrupt(struct vcpu *v) { (void)v; return -1; }
bool vcpu_events_pending(struct vcpu *v) { (void)v; return false; }
int evtchn_poll_port(struct domain *d, uint32_t port) { (void)d, (void)port; return -EINVAL; }
void vcpu_poll_block(struct vcpu *v, s_time_t t) { (void)v, (void)t; }
struct domain *domain_get(domid_t id) { (void)id; return NULL; }
void domain_put(struct domain *d) { (void)d; }
long domain_watchdog(struct domain *d, uint32_t id, uint32_t t) { (void)d, (void)id, (void)t; return 0; }
cpumask_t cpu_online_map;
long do_vcpu_op(struct vcpu *v, struct hypercall_args *a) { (void)v, (void)a; return -ENOSYS; }
long do_set_timer_op(struct vcpu *v, struct hypercall_args *a) { (void)v, (void)a; return 0; }

/* Handlers tested in their own binaries (weak, so table.c links here). */
__attribute__((weak)) long do_hvm_op(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -ENOSYS;                         /* test_hvm_op */
}

static struct guest_paging paging;
static void get_paging(struct vcpu *v, struct guest_paging *pg) { (void)v; *pg = paging; }
static const struct hvm_vendor_ops test_ops = { .name = "test", .get_paging = get_paging };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static struct domain dom;
static struct vcpu vcpu = { .domain = &dom };

static void fresh(bool privileged, bool is64)
{
    memset(&dom, 0, sizeof(dom));
    dom.is_privileged = privileged;
    memset(&vcpu.arch.regs, 0, sizeof(vcpu.arch.regs));
    memset(gmem, 0, sizeof(gmem));
    paging = (struct guest_paging){ .cs_long = is64, .cpl = 0 };
    console_len = console_calls = blocks = 0;
    shutdown_reason = -1;
}

/* A 64-bit hypercall through the entry path; returns RAX. */
static uint64_t call64(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    struct guest_regs *r = &vcpu.arch.regs;

    r->rax = nr;
    r->rdi = a1;
    r->rsi = a2;
    r->rdx = a3;
    hvm_hypercall(&vcpu);
    return r->rax;
}

static uint64_t call32(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    struct guest_regs *r = &vcpu.arch.regs;

    r->rax = nr;
    r->rbx = a1;
    r->rcx = a2;
    r->rdx = a3;
    hvm_hypercall(&vcpu);
    return r->rax;
}

#define RC64(x) ((uint64_t)(long)(x))
#define RC32(x) ((uint64_t)(uint32_t)(x))

TEST(table_shape)
{
    CHECK(hypercall_table[__HYPERVISOR_xen_version].fn == do_xen_version);
    CHECK(hypercall_table[__HYPERVISOR_console_io].fn == do_console_io);
    CHECK(hypercall_table[__HYPERVISOR_sched_op].fn == do_sched_op);
    CHECK_EQ(hypercall_nargs(__HYPERVISOR_console_io), 3);
    CHECK_EQ(hypercall_nargs(__HYPERVISOR_sched_op), 2);
    CHECK_EQ(hypercall_nargs(NR_HYPERCALLS), 0);
    CHECK_EQ(hypercall_nargs(~0ULL), 0);
    for (unsigned int i = 0; i < NR_HYPERCALLS; i++)
        CHECK(!hypercall_table[i].fn == !hypercall_table[i].name);
    CHECK_STR(hypercall_table[__HYPERVISOR_sched_op].name, "sched_op");
}

TEST(enosys_for_empty_and_out_of_range)
{
    fresh(true, true);
    CHECK_EQ(call64(0, 0, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(call64(11, 0, 0, 0), RC64(-XEN_ENOSYS));   /* no hypercall 11 in Xen */
    CHECK_EQ(call64(63, 0, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(call64(64, 0, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(call64(1ULL << 40, 0, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(call64(~0ULL, 0, 0, 0), RC64(-XEN_ENOSYS));
    /* The high half of RAX counts for 64-bit callers... */
    CHECK_EQ(call64(0x100000000ULL | __HYPERVISOR_xen_version, 0, 0, 0), RC64(-XEN_ENOSYS));
    /* Empty slots are counted (the 'p' key shows what guests try); beyond the table not. */
    for (unsigned int i = 0; i < NR_HYPERCALLS; i++)
        CHECK_EQ(dom.hypercall_count[i], i == 0 || i == 11 || i == 63);
}

TEST(who_may_call)
{
    const struct hypercall_desc any = { do_xen_version, "x", 2, HC_ANY };
    const struct hypercall_desc ctl = { do_xen_version, "y", 2, HC_CONTROL };
    struct domain dom0 = { .is_privileged = true }, domu = { .is_privileged = false };

    CHECK(hypercall_permitted(&any, &dom0));
    CHECK(hypercall_permitted(&any, &domu));
    CHECK(hypercall_permitted(&ctl, &dom0));
    CHECK(!hypercall_permitted(&ctl, &domu));
}

TEST(decode_64_and_32_bit)
{
    struct guest_regs r = { .rax = 1, .rbx = 0xb0000000b, .rcx = 0xc0000000c,
                            .rdx = 0xd0000000d, .rsi = 0x5100000051, .rdi = 0xd1000000d1,
                            .r8 = 0x8000000008, .r9 = 9, .r10 = 0x1000000010 };
    struct hypercall_args a;

    hypercall_decode_args(&r, true, &a);
    CHECK_EQ(a.a[0], 0xd1000000d1);
    CHECK_EQ(a.a[1], 0x5100000051);
    CHECK_EQ(a.a[2], 0xd0000000d);
    CHECK_EQ(a.a[3], 0x1000000010);
    CHECK_EQ(a.a[4], 0x8000000008);
    hypercall_decode_args(&r, false, &a);
    CHECK_EQ(a.a[0], 0xb);
    CHECK_EQ(a.a[1], 0xc);
    CHECK_EQ(a.a[2], 0xd);
    CHECK_EQ(a.a[3], 0x51);
    CHECK_EQ(a.a[4], 0xd1);
}

TEST(xen_version)
{
    fresh(false, true);
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_version, 0, 0), (4 << 16) | 17);
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_extraversion, GVA_BASE + 16, 0), 0);
    CHECK(memcmp(gmem + 16, ".0", 3) == 0);
    CHECK_EQ(gmem[16 + 15], 0);
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_extraversion, 0, 0), RC64(-XEN_EFAULT));
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_extraversion, GVA_BASE + GVA_SIZE - 8, 0),
             RC64(-XEN_EFAULT));
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_pagesize, 0, 0), 4096);
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_compile_info, GVA_BASE, 0), 0);
    CHECK_EQ(call64(__HYPERVISOR_xen_version, 99, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(call64(__HYPERVISOR_xen_version, 0x80000000ULL, 0, 0), RC64(-XEN_ENOSYS));
    /* cmd is 32-bit: upper bits of the register are ignored, as in Xen. */
    CHECK_EQ(call64(__HYPERVISOR_xen_version, 0x100000000ULL | XENVER_version, 0, 0), 0x40011);
    CHECK_EQ(dom.hypercall_count[__HYPERVISOR_xen_version], 9);
}

TEST(thirty_two_bit_guest)
{
    fresh(false, false);
    /* High halves of RAX and the argument registers are ignored. */
    CHECK_EQ(call32(0xdead000000000000ULL | __HYPERVISOR_xen_version,
                    0xffff000000000000ULL | XENVER_version, 0, 0), 0x40011);
    CHECK_EQ(call32(__HYPERVISOR_xen_version, XENVER_extraversion,
                    0xffffffff00000000ULL | (GVA_BASE + 32), 0), 0);
    CHECK(memcmp(gmem + 32, ".0", 3) == 0);
    /* Errors come back as 32-bit values. */
    CHECK_EQ(call32(__HYPERVISOR_xen_version, 99, 0, 0), RC32(-XEN_ENOSYS));
    CHECK_EQ(call32(77, 0, 0, 0), RC32(-XEN_ENOSYS));
    memcpy(gmem, "hi\n", 3);
    CHECK_EQ(call32(__HYPERVISOR_console_io, CONSOLEIO_write, 3, GVA_BASE), 0);
    CHECK_EQ(console_len, 3);
    /* The shutdown argument comes from ECX. */
    memcpy(gmem + 64, &(uint32_t){ SHUTDOWN_reboot }, 4);
    CHECK_EQ(call32(__HYPERVISOR_sched_op, SCHEDOP_shutdown, GVA_BASE + 64, 0), 0);
    CHECK_EQ(shutdown_reason, SHUTDOWN_reboot);
}

TEST(only_cpl0_may_call)
{
    fresh(true, true);
    paging.cpl = 3;
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_version, 0, 0), RC64(-XEN_EPERM));
    paging.cpl = 1;
    CHECK_EQ(call64(__HYPERVISOR_xen_version, XENVER_version, 0, 0), RC64(-XEN_EPERM));
    CHECK_EQ(dom.hypercall_count[__HYPERVISOR_xen_version], 0);
    paging = (struct guest_paging){ .cs_long = false, .cpl = 3 };
    CHECK_EQ(call32(__HYPERVISOR_xen_version, XENVER_version, 0, 0), RC32(-XEN_EPERM));
}

TEST(console_write)
{
    char msg[300];

    fresh(false, true);
    for (unsigned int i = 0; i < sizeof(msg); i++)
        msg[i] = (char)('a' + i % 26);
    memcpy(gmem + 100, msg, sizeof(msg));
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_write, sizeof(msg), GVA_BASE + 100), 0);
    CHECK_EQ(console_len, sizeof(msg));
    CHECK(memcmp(console, msg, sizeof(msg)) == 0);
    CHECK_EQ(console_calls, 3);                     /* 128 + 128 + 44 */
    CHECK(!vcpu.arch.hcall_preempted);
    /* Zero bytes: nothing, success.  Count is 32-bit (upper bits ignored). */
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_write, 0, 0), 0);
    console_len = 0;
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_write, 0x500000000ULL | 5,
                    GVA_BASE + 100), 0);
    CHECK_EQ(console_len, 5);
    /* Bad pointers. */
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_write, 10, 0), RC64(-XEN_EFAULT));
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_write, 10, 0xffff800000000000ULL),
             RC64(-XEN_EFAULT));
    /* Running off the end: the whole chunks before the bad one are written. */
    console_len = 0;
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_write, 300, GVA_BASE + GVA_SIZE - 200),
             RC64(-XEN_EFAULT));
    CHECK_EQ(console_len, 128);
    /* Unknown command: refused before decoding for unprivileged callers (Xen's XSM). */
    CHECK_EQ(call64(__HYPERVISOR_console_io, 2, 0, 0), RC64(-XEN_EPERM));
    CHECK_EQ(call64(__HYPERVISOR_console_io, ~0ULL, 0, 0), RC64(-XEN_EPERM));
    fresh(true, true);
    CHECK_EQ(call64(__HYPERVISOR_console_io, 2, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(call64(__HYPERVISOR_console_io, ~0ULL, 0, 0), RC64(-XEN_ENOSYS));
}

TEST(console_write_continues)
{
    struct guest_regs *r = &vcpu.arch.regs;
    unsigned int entries = 0;

    fresh(false, true);
    memset(gmem, 'x', sizeof(gmem));
    /* A "negative" count: runs until the buffer leaves mapped memory. */
    r->rax = __HYPERVISOR_console_io;
    r->rdi = CONSOLEIO_write;
    r->rsi = 0xffffffff;
    r->rdx = GVA_BASE;
    do {
        hvm_hypercall(&vcpu);
        entries++;
        if (vcpu.arch.hcall_preempted) {
            CHECK_EQ(r->rax, __HYPERVISOR_console_io);
            CHECK_EQ(r->rsi, 0xffffffffULL - 4096 * entries);
            CHECK_EQ(r->rdx, GVA_BASE + 4096 * entries);
        }
    } while (vcpu.arch.hcall_preempted && entries < 100);
    CHECK_EQ(r->rax, RC64(-XEN_EFAULT));
    CHECK_EQ(console_len, GVA_SIZE);
    CHECK_EQ(entries, GVA_SIZE / 4096 + 1);
    /* 32-bit continuation keeps the registers 32-bit. */
    fresh(false, false);
    r->rax = __HYPERVISOR_console_io;
    r->rbx = CONSOLEIO_write;
    r->rcx = 5000;
    r->rdx = GVA_BASE;
    hvm_hypercall(&vcpu);
    CHECK(vcpu.arch.hcall_preempted);
    CHECK_EQ(r->rcx, 5000 - 4096);
    hvm_hypercall(&vcpu);
    CHECK(!vcpu.arch.hcall_preempted);
    CHECK_EQ(r->rax, 0);
    CHECK_EQ(console_len, 5000);
}

TEST(console_read)
{
    fresh(false, true);
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_read, 10, GVA_BASE), RC64(-XEN_EPERM));
    fresh(true, true);
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_read, 10, GVA_BASE), 0);
    CHECK_EQ(call64(__HYPERVISOR_console_io, CONSOLEIO_read, 0x80000000ULL, GVA_BASE),
             RC64(-XEN_E2BIG));
}

TEST(sched_op)
{
    fresh(false, true);
    CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0), 0);
    CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_block, 0, 0), 0);
    CHECK_EQ(blocks, 1);
    for (uint32_t reason = 0; reason <= SHUTDOWN_watchdog; reason++) {
        memcpy(gmem, &reason, 4);
        shutdown_reason = -1;
        CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_shutdown, GVA_BASE, 0), 0);
        CHECK_EQ(shutdown_reason, (int)reason);
    }
    shutdown_reason = -1;
    memcpy(gmem, &(uint32_t){ SHUTDOWN_soft_reset }, 4);
    CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_shutdown, GVA_BASE, 0), RC64(-XEN_EINVAL));
    memcpy(gmem, &(uint32_t){ 0xffffffff }, 4);
    CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_shutdown, GVA_BASE, 0), RC64(-XEN_EINVAL));
    CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_shutdown, 0, 0), RC64(-XEN_EFAULT));
    CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_shutdown, GVA_BASE + GVA_SIZE - 2, 0),
             RC64(-XEN_EFAULT));
    CHECK_EQ(shutdown_reason, -1);
    CHECK_EQ(call64(__HYPERVISOR_sched_op, SCHEDOP_poll, 0, 0), RC64(-XEN_EFAULT));
    CHECK_EQ(call64(__HYPERVISOR_sched_op, 8, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(call64(__HYPERVISOR_sched_op, 99, 0, 0), RC64(-XEN_ENOSYS));
    CHECK_EQ(dom.hypercall_count[__HYPERVISOR_sched_op], 14);
}

TEST(counters_dump)
{
    fresh(false, true);
    call64(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    call64(__HYPERVISOR_xen_version, XENVER_version, 0, 0);
    call64(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0);
    unit_log_clear();
    hypercall_dump_counts(&dom);
    CHECK(strstr(unit_log, "xen_version 2, sched_op 1") != NULL);
    fresh(false, true);
    unit_log_clear();
    hypercall_dump_counts(&dom);
    CHECK(strstr(unit_log, "hypercalls: none") != NULL);
}

TEST_MAIN()
