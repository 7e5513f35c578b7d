/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The core ABI hypercalls through the real entry path (hvm_hypercall):
 * every xen_version sub-op (results, padding, privilege, compat layout,
 * bad pointers), vm_assist, multicall (both entry layouts, nesting,
 * per-entry results, preemption and sub-call continuations, bad lists)
 * and CONSOLEIO_read.  Guest memory is a fake window of virtual addresses.
 */
#include "harness.h"
#include <xen/console_rx.h>
#include <xen/errno.h>
#include <xen/guest_console.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <public/errno.h>
#include <public/version.h>
#include <public/xen.h>

/* ---- Fakes ---- */
#define GVA_BASE 0x10000ULL
#define GVA_SIZE 0x4000ULL
#include "fake_guest_virt.h"

static size_t console_len;
void guest_console_write(struct domain *d, const char *buf, size_t len)
{
    (void)d, (void)buf;
    console_len += len;
}
void domain_shutdown(struct domain *d, int reason) { (void)d, (void)reason; }
void vcpu_block(struct vcpu *v) { (void)v; }

/* Handlers tested in their own binaries (weak, so table.c links here). */
__attribute__((weak)) long do_hvm_op(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -ENOSYS;                         /* test_hvm_op */
}

__attribute__((weak)) long do_memory_op(struct vcpu *v, struct hypercall_args *a)
{
    (void)v, (void)a;
    return -ENOSYS;                         /* test_memory_op */
}

/* vcpu_op and sched_op's mechanisms: tested in test_vcpu_op (weak stand-ins). */
#define WEAK __attribute__((weak))
WEAK long do_vcpu_op(struct vcpu *v, struct hypercall_args *a) { (void)v, (void)a; return -ENOSYS; }
WEAK long do_set_timer_op(struct vcpu *v, struct hypercall_args *a) { (void)v, (void)a; return 0; }
WEAK bool vcpu_block_unless_pending(struct vcpu *v) { (void)v; return true; }
WEAK void vcpu_unmask_events(struct vcpu *v) { (void)v; }
WEAK bool domain_set_shutdown_code(struct domain *d, int r) { (void)d, (void)r; return false; }
WEAK int hvm_pending_interrupt(struct vcpu *v) { (void)v; return -1; }
WEAK bool vcpu_events_pending(struct vcpu *v) { (void)v; return false; }
WEAK int evtchn_poll_port(struct domain *d, uint32_t port) { (void)d, (void)port; return -EINVAL; }
WEAK void vcpu_poll_block(struct vcpu *v, s_time_t t) { (void)v, (void)t; }
WEAK struct domain *domain_get(domid_t id) { (void)id; return NULL; }
WEAK void domain_put(struct domain *d) { (void)d; }
WEAK long domain_watchdog(struct domain *d, uint32_t id, uint32_t t) { (void)d, (void)id, (void)t; return 0; }
WEAK cpumask_t cpu_online_map;

char saved_cmdline[1024];

/* softirq_pending() turns true once @softirq_after more calls have been made. */
static int softirq_after = -1;
bool softirq_pending(unsigned int cpu)
{
    (void)cpu;
    if (softirq_after < 0)
        return false;
    return softirq_after-- == 0;
}

static struct guest_paging paging;
static void get_paging(struct vcpu *v, struct guest_paging *pg) { (void)v; *pg = paging; }
static const struct hvm_vendor_ops test_ops = { .name = "test", .get_paging = get_paging };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static struct domain dom;
static struct vcpu vcpu = { .domain = &dom };
static bool is64;

static void fresh(bool privileged, bool long_mode)
{
    memset(&dom, 0, sizeof(dom));
    dom.is_privileged = privileged;
    memset(&vcpu.arch.regs, 0, sizeof(vcpu.arch.regs));
    memset(gmem, 0xaa, sizeof(gmem));
    is64 = long_mode;
    paging = (struct guest_paging){ .cs_long = long_mode, .cpl = 0 };
    console_len = 0;
    softirq_after = -1;
    console_rx_consume(CONSOLE_RX_SIZE);
}

/* One hypercall through the entry path, in the current mode; returns RAX. */
static uint64_t call(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3)
{
    struct guest_regs *r = &vcpu.arch.regs;

    r->rax = nr;
    if (is64) {
        r->rdi = a1, r->rsi = a2, r->rdx = a3;
    } else {
        r->rbx = a1, r->rcx = a2, r->rdx = a3;
    }
    hvm_hypercall(&vcpu);
    return r->rax;
}

static uint64_t rc(long e)
{
    return is64 ? (uint64_t)e : (uint32_t)e;
}

static uint64_t xenver(uint32_t cmd, uint64_t arg)
{
    return call(__HYPERVISOR_xen_version, cmd, arg, 0);
}

static uint8_t *g(uint64_t va) { return gmem + (va - GVA_BASE); }

static bool all_bytes(uint64_t va, size_t len, uint8_t val)
{
    for (size_t i = 0; i < len; i++)
        if (g(va)[i] != val)
            return false;
    return true;
}

/* ---- xen_version ---- */
TEST(version_and_strings)
{
    fresh(false, true);
    CHECK_EQ(xenver(XENVER_version, 0), 0x40011);
    CHECK_EQ(xenver(XENVER_extraversion, GVA_BASE), 0);
    CHECK(strcmp((char *)g(GVA_BASE), ".0") == 0);
    CHECK(all_bytes(GVA_BASE + 2, 14, 0));              /* NUL-padded to 16 */
    CHECK_EQ(g(GVA_BASE)[16], 0xaa);                    /* and no further */
    CHECK_EQ(xenver(XENVER_capabilities, GVA_BASE + 0x100), 0);
    CHECK(strcmp((char *)g(GVA_BASE + 0x100), "hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64 ") == 0);
    CHECK(all_bytes(GVA_BASE + 0x100 + 46, 1024 - 46, 0));
    CHECK_EQ(g(GVA_BASE + 0x100)[1024], 0xaa);
    CHECK_EQ(xenver(XENVER_changeset, GVA_BASE + 0x600), 0);
    CHECK(strcmp((char *)g(GVA_BASE + 0x600), "unavailable") == 0);
    CHECK(all_bytes(GVA_BASE + 0x600 + 11, 64 - 11, 0));
    /* Bad pointers: NULL, partly outside, non-canonical. */
    CHECK_EQ(xenver(XENVER_extraversion, 0), rc(-XEN_EFAULT));
    CHECK_EQ(xenver(XENVER_capabilities, GVA_BASE + GVA_SIZE - 1000), rc(-XEN_EFAULT));
    CHECK_EQ(xenver(XENVER_changeset, 0x8000000000000000ULL), rc(-XEN_EFAULT));
    CHECK_EQ(xenver(XENVER_compile_info, GVA_BASE + GVA_SIZE - 143), rc(-XEN_EFAULT));
}

TEST(compile_info)
{
    const struct xen_compile_info *ci;

    fresh(false, true);
    CHECK_EQ(xenver(XENVER_compile_info, GVA_BASE), 0);
    ci = (const struct xen_compile_info *)g(GVA_BASE);
    CHECK(strncmp(ci->compiler, "gcc ", 4) == 0);
    CHECK(memchr(ci->compiler, 0, sizeof(ci->compiler)));
    CHECK(memchr(ci->compile_by, 0, sizeof(ci->compile_by)));
    CHECK(memchr(ci->compile_domain, 0, sizeof(ci->compile_domain)));
    CHECK(strlen(ci->compile_date) > 0 && memchr(ci->compile_date, 0, sizeof(ci->compile_date)));
    CHECK_EQ(g(GVA_BASE)[sizeof(*ci)], 0xaa);
}

TEST(platform_parameters_both_layouts)
{
    uint64_t vs;

    fresh(false, true);
    CHECK_EQ(xenver(XENVER_platform_parameters, GVA_BASE), 0);
    memcpy(&vs, g(GVA_BASE), 8);
    CHECK_EQ(vs, 0xffff800000000000ULL);
    CHECK_EQ(xenver(XENVER_platform_parameters, GVA_BASE + GVA_SIZE - 4), rc(-XEN_EFAULT));
    /* 32-bit: a 4-byte virt_start, 0 for HVM guests as in Xen. */
    fresh(false, false);
    CHECK_EQ(xenver(XENVER_platform_parameters, GVA_BASE), 0);
    CHECK(all_bytes(GVA_BASE, 4, 0));
    CHECK_EQ(g(GVA_BASE)[4], 0xaa);
    CHECK_EQ(xenver(XENVER_platform_parameters, GVA_BASE + GVA_SIZE - 4), 0);
}

TEST(get_features)
{
    struct xen_feature_info fi = { .submap_idx = 0, .submap = 0xdeadbeef };
    const uint32_t hvm = 1u << XENFEAT_writable_page_tables | 1u << XENFEAT_auto_translated_physmap |
                         1u << XENFEAT_hvm_callback_vector | 1u << XENFEAT_hvm_safe_pvclock |
                         1u << XENFEAT_not_direct_mapped;

    fresh(false, true);
    CHECK_EQ(xen_features_submap0(&dom), hvm);
    memcpy(g(GVA_BASE), &fi, sizeof(fi));
    CHECK_EQ(xenver(XENVER_get_features, GVA_BASE), 0);
    memcpy(&fi, g(GVA_BASE), sizeof(fi));
    CHECK_EQ(fi.submap_idx, 0);
    CHECK_EQ(fi.submap, hvm);
    CHECK_EQ(fi.submap, 0x10305);
    /* The control domain also gets XENFEAT_dom0. */
    fresh(true, false);
    memcpy(g(GVA_BASE), &(struct xen_feature_info){ 0, 0 }, sizeof(fi));
    CHECK_EQ(xenver(XENVER_get_features, GVA_BASE), 0);
    memcpy(&fi, g(GVA_BASE), sizeof(fi));
    CHECK_EQ(fi.submap, hvm | 1u << XENFEAT_dom0);
    /* Unknown submaps: -EINVAL, nothing written. */
    for (uint32_t idx = 1; idx != 0; idx = idx < 4 ? idx + 1 : (idx == 4 ? 0x80000000u : 0)) {
        fi = (struct xen_feature_info){ idx, 0x12345678 };
        memcpy(g(GVA_BASE), &fi, sizeof(fi));
        CHECK_EQ(xenver(XENVER_get_features, GVA_BASE), rc(-XEN_EINVAL));
        CHECK(memcmp(g(GVA_BASE), &fi, sizeof(fi)) == 0);
    }
    CHECK_EQ(xenver(XENVER_get_features, 0), rc(-XEN_EFAULT));
    CHECK_EQ(xenver(XENVER_get_features, GVA_BASE + GVA_SIZE - 4), rc(-XEN_EFAULT));
}

TEST(pagesize_and_guest_handle)
{
    fresh(false, true);
    CHECK_EQ(xenver(XENVER_pagesize, 0), 4096);
    CHECK_EQ(xenver(XENVER_pagesize, GVA_BASE), rc(-XEN_EINVAL));   /* arg must be NULL */
    CHECK_EQ(xenver(XENVER_guest_handle, GVA_BASE), 0);
    CHECK(all_bytes(GVA_BASE, 16, 0));
    CHECK_EQ(g(GVA_BASE)[16], 0xaa);
    for (unsigned int i = 0; i < 16; i++)
        dom.handle[i] = (uint8_t)(i + 1);
    CHECK_EQ(xenver(XENVER_guest_handle, GVA_BASE), 0);
    CHECK(memcmp(g(GVA_BASE), dom.handle, 16) == 0);
    CHECK_EQ(xenver(XENVER_guest_handle, GVA_BASE + GVA_SIZE - 15), rc(-XEN_EFAULT));
}

TEST(commandline)
{
    strcpy(saved_cmdline, "console=com1 dom0_mem=16M");
    fresh(true, true);
    CHECK_EQ(xenver(XENVER_commandline, GVA_BASE), 0);
    CHECK(strcmp((char *)g(GVA_BASE), saved_cmdline) == 0);
    CHECK(all_bytes(GVA_BASE + strlen(saved_cmdline), 1024 - strlen(saved_cmdline), 0));
    CHECK_EQ(g(GVA_BASE)[1024], 0xaa);
    CHECK_EQ(xenver(XENVER_commandline, GVA_BASE + GVA_SIZE - 1023), rc(-XEN_EFAULT));
    /* Unprivileged: "<denied>" and success, as Xen's default XSM policy. */
    fresh(false, true);
    CHECK_EQ(xenver(XENVER_commandline, GVA_BASE), 0);
    CHECK(memcmp(g(GVA_BASE), "<denied>", 9) == 0);
    CHECK_EQ(g(GVA_BASE)[9], 0xaa);
    CHECK_EQ(xenver(XENVER_commandline, 0), rc(-XEN_EFAULT));
}

TEST(build_id)
{
    fresh(false, true);
    CHECK_EQ(xenver(XENVER_build_id, 0), rc(-XEN_EPERM));
    CHECK_EQ(xenver(XENVER_build_id, GVA_BASE), rc(-XEN_EPERM));
    fresh(true, true);
    CHECK_EQ(xenver(XENVER_build_id, 0), rc(-XEN_ENODATA));         /* size query */
    memcpy(g(GVA_BASE), &(uint32_t){ 0 }, 4);
    CHECK_EQ(xenver(XENVER_build_id, GVA_BASE), rc(-XEN_EINVAL));
    memcpy(g(GVA_BASE), &(uint32_t){ 64 }, 4);
    CHECK_EQ(xenver(XENVER_build_id, GVA_BASE), rc(-XEN_ENODATA));
    CHECK_EQ(xenver(XENVER_build_id, GVA_BASE + GVA_SIZE - 3), rc(-XEN_EFAULT));
}

TEST(unknown_subops)
{
    fresh(true, true);
    CHECK_EQ(xenver(11, GVA_BASE), rc(-XEN_ENOSYS));
    CHECK_EQ(xenver(0x7fffffff, GVA_BASE), rc(-XEN_ENOSYS));
    CHECK_EQ(xenver(0xffffffff, GVA_BASE), rc(-XEN_ENOSYS));
    fresh(false, false);
    CHECK_EQ(xenver(12, 0), rc(-XEN_ENOSYS));
}

/* ---- vm_assist ---- */
TEST(vm_assist)
{
    static const uint32_t bad_types[] = { 0, 1, 2, 3, 4, 6, 31, 32, 63, 64, 0xffffffff };

    for (int mode = 0; mode < 2; mode++) {
        fresh(false, mode);
        CHECK_EQ(call(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
                      VMASST_TYPE_runstate_update_flag, 0), 0);
        CHECK(domain_vm_assist(&dom, VMASST_TYPE_runstate_update_flag));
        CHECK_EQ(dom.vm_assist, 1UL << VMASST_TYPE_runstate_update_flag);
        CHECK_EQ(call(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
                      VMASST_TYPE_runstate_update_flag, 0), 0);     /* idempotent */
        for (unsigned int i = 0; i < ARRAY_SIZE(bad_types); i++) {
            CHECK_EQ(call(__HYPERVISOR_vm_assist, VMASST_CMD_enable, bad_types[i], 0),
                     rc(-XEN_EINVAL));
            CHECK_EQ(call(__HYPERVISOR_vm_assist, VMASST_CMD_disable, bad_types[i], 0),
                     rc(-XEN_EINVAL));
            CHECK(!domain_vm_assist(&dom, bad_types[i]));
        }
        /* The type is checked before the command. */
        CHECK_EQ(call(__HYPERVISOR_vm_assist, 2, VMASST_TYPE_runstate_update_flag, 0),
                 rc(-XEN_ENOSYS));
        CHECK_EQ(call(__HYPERVISOR_vm_assist, 2, 0, 0), rc(-XEN_EINVAL));
        CHECK_EQ(call(__HYPERVISOR_vm_assist, VMASST_CMD_disable,
                      VMASST_TYPE_runstate_update_flag, 0), 0);
        CHECK(!domain_vm_assist(&dom, VMASST_TYPE_runstate_update_flag));
        CHECK_EQ(dom.vm_assist, 0);
    }
    CHECK(!domain_vm_assist(&dom, 200));
}

/* ---- multicall ---- */
static void put_entry(unsigned int i, uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2)
{
    if (is64) {
        struct multicall_entry e = { op, 0x5555, { a0, a1, a2, 0, 0, 0 } };
        memcpy(g(GVA_BASE) + i * sizeof(e), &e, sizeof(e));
    } else {
        struct compat_multicall_entry e = { (uint32_t)op, 0x5555,
                                            { (uint32_t)a0, (uint32_t)a1, (uint32_t)a2 } };
        memcpy(g(GVA_BASE) + i * sizeof(e), &e, sizeof(e));
    }
}

static uint64_t result_of(unsigned int i)
{
    if (is64) {
        struct multicall_entry e;
        memcpy(&e, g(GVA_BASE) + i * sizeof(e), sizeof(e));
        return e.result;
    } else {
        struct compat_multicall_entry e;
        memcpy(&e, g(GVA_BASE) + i * sizeof(e), sizeof(e));
        return e.result;
    }
}

static uint64_t mc(uint64_t list, uint64_t nr)
{
    return call(__HYPERVISOR_multicall, list, nr, 0);
}

TEST(multicall_results_both_layouts)
{
    for (int mode = 0; mode < 2; mode++) {
        fresh(false, mode == 1);
        put_entry(0, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
        put_entry(1, __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
        put_entry(2, 99, 0, 0, 0);                              /* empty slot */
        put_entry(3, __HYPERVISOR_multicall, GVA_BASE, 1, 0);   /* nested */
        put_entry(4, __HYPERVISOR_console_io, CONSOLEIO_read, 1, GVA_BASE + 0x1000);
        put_entry(5, __HYPERVISOR_vm_assist, VMASST_CMD_enable,
                  VMASST_TYPE_runstate_update_flag, 0);
        put_entry(6, __HYPERVISOR_xen_version, XENVER_extraversion, 0, 0);  /* -EFAULT */
        CHECK_EQ(mc(GVA_BASE, 7), 0);
        CHECK(!vcpu.arch.hcall_preempted);
        CHECK_EQ(result_of(0), 0x40011);
        CHECK_EQ(result_of(1), 4096);
        CHECK_EQ(result_of(2), rc(-XEN_ENOSYS));
        CHECK_EQ(result_of(3), rc(-XEN_EINVAL));
        CHECK_EQ(result_of(4), rc(-XEN_EPERM));         /* same permission checks */
        CHECK_EQ(result_of(5), 0);
        CHECK_EQ(result_of(6), rc(-XEN_EFAULT));
        CHECK(domain_vm_assist(&dom, VMASST_TYPE_runstate_update_flag));
        CHECK_EQ(dom.hypercall_count[__HYPERVISOR_multicall], 1);
        CHECK_EQ(dom.hypercall_count[__HYPERVISOR_xen_version], 3);
        CHECK_EQ(dom.hypercall_count[__HYPERVISOR_console_io], 1);
    }
}

TEST(multicall_op_is_full_width)
{
    fresh(false, true);
    put_entry(0, (1ULL << 32) | __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    CHECK_EQ(mc(GVA_BASE, 1), 0);
    CHECK_EQ(result_of(0), rc(-XEN_ENOSYS));
    /* 32-bit entries carry 32-bit arguments; register high halves are ignored. */
    fresh(false, false);
    put_entry(0, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    CHECK_EQ(call(__HYPERVISOR_multicall, 0xffffffff00000000ULL | GVA_BASE,
                  0xffffffff00000001ULL, 0), 0);
    CHECK_EQ(result_of(0), 0x40011);
}

TEST(multicall_bad_lists)
{
    for (int mode = 0; mode < 2; mode++) {
        fresh(false, mode == 1);
        CHECK_EQ(mc(0, 1), rc(-XEN_EFAULT));
        CHECK_EQ(mc(0, 0), 0);                          /* nothing to read */
        CHECK_EQ(mc(0xffff800000001000ULL, 3), rc(-XEN_EFAULT));
        /* The second entry runs off the mapped window: the first is done. */
        size_t esz = is64 ? 64 : 32;
        uint64_t list = GVA_BASE + GVA_SIZE - esz;
        memset(g(GVA_BASE), 0, GVA_SIZE);
        memcpy(g(list), &(uint64_t){ __HYPERVISOR_xen_version }, is64 ? 8 : 4);
        CHECK_EQ(mc(list, 2), rc(-XEN_EFAULT));
        CHECK_EQ(is64 ? *(uint64_t *)g(list + 8) : *(uint32_t *)g(list + 4), 0x40011);
        /* A huge count over a short valid list stops at the first bad entry. */
        CHECK_EQ(mc(list, 0xffffffff), rc(-XEN_EFAULT));
    }
}

TEST(multicall_preempted_between_entries)
{
    struct guest_regs *r = &vcpu.arch.regs;

    for (int mode = 0; mode < 2; mode++) {
        size_t esz;

        fresh(false, mode == 1);
        esz = is64 ? 64 : 32;
        for (unsigned int i = 0; i < 4; i++)
            put_entry(i, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
        softirq_after = 1;              /* pending when entry 2 is about to run */
        call(__HYPERVISOR_multicall, GVA_BASE, 4, 0);
        CHECK(vcpu.arch.hcall_preempted);
        CHECK_EQ(r->rax, __HYPERVISOR_multicall);
        CHECK_EQ(is64 ? r->rdi : r->rbx, GVA_BASE + 2 * esz);
        CHECK_EQ(is64 ? r->rsi : r->rcx, 2);
        CHECK_EQ(result_of(1), 0x40011);
        CHECK_EQ(result_of(2), 0x5555);                 /* not run yet */
        hvm_hypercall(&vcpu);                           /* the guest re-executes */
        CHECK(!vcpu.arch.hcall_preempted);
        CHECK_EQ(r->rax, 0);
        CHECK_EQ(result_of(3), 0x40011);
        CHECK_EQ(dom.hypercall_count[__HYPERVISOR_xen_version], 4);
        /* The first entry always runs, so every re-execution makes progress. */
        softirq_after = 0;
        CHECK_EQ(mc(GVA_BASE, 1), 0);
    }
}

TEST(multicall_subcall_continuation)
{
    struct guest_regs *r = &vcpu.arch.regs;
    struct multicall_entry e;

    fresh(false, true);
    put_entry(0, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    put_entry(1, __HYPERVISOR_console_io, CONSOLEIO_write, 5000, GVA_BASE + 0x1000);
    put_entry(2, __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0);
    call(__HYPERVISOR_multicall, GVA_BASE, 3, 0);
    /* console_io wrote 4096 bytes and continued: the entry holds the rest. */
    CHECK(vcpu.arch.hcall_preempted);
    CHECK_EQ(r->rdi, GVA_BASE + 64);
    CHECK_EQ(r->rsi, 2);
    memcpy(&e, g(GVA_BASE + 64), sizeof(e));
    CHECK_EQ(e.op, __HYPERVISOR_console_io);
    CHECK_EQ(e.result, __HYPERVISOR_console_io);
    CHECK_EQ(e.args[0], CONSOLEIO_write);
    CHECK_EQ(e.args[1], 5000 - 4096);
    CHECK_EQ(e.args[2], GVA_BASE + 0x1000 + 4096);
    CHECK_EQ(console_len, 4096);
    hvm_hypercall(&vcpu);
    CHECK(!vcpu.arch.hcall_preempted);
    CHECK_EQ(r->rax, 0);
    CHECK_EQ(console_len, 5000);
    CHECK_EQ(result_of(1), 0);
    CHECK_EQ(result_of(2), 4096);
    /* The same in the compat layout. */
    fresh(false, false);
    put_entry(0, __HYPERVISOR_console_io, CONSOLEIO_write, 5000, GVA_BASE + 0x1000);
    call(__HYPERVISOR_multicall, GVA_BASE, 1, 0);
    CHECK(vcpu.arch.hcall_preempted);
    CHECK_EQ(r->rbx, GVA_BASE);
    CHECK_EQ(r->rcx, 1);
    CHECK_EQ(((struct compat_multicall_entry *)g(GVA_BASE))->args[1], 5000 - 4096);
    hvm_hypercall(&vcpu);
    CHECK(!vcpu.arch.hcall_preempted);
    CHECK_EQ(console_len, 5000);
    CHECK_EQ(result_of(0), 0);
}

/* ---- CONSOLEIO_read ---- */
static void feed(const char *s)
{
    while (*s)
        console_rx_put(*s++);
}

TEST(console_read)
{
    fresh(true, true);
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 16, GVA_BASE), 0);   /* no input */
    feed("hello");
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 0, GVA_BASE), 0);
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 3, GVA_BASE), 3);
    CHECK(memcmp(g(GVA_BASE), "hel", 3) == 0);
    CHECK_EQ(g(GVA_BASE)[3], 0xaa);
    /* A bad buffer: -EFAULT, the input stays. */
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 10, 0), rc(-XEN_EFAULT));
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 10, GVA_BASE + GVA_SIZE - 1),
             rc(-XEN_EFAULT));
    CHECK_EQ(console_rx_pending(), 2);
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 10, GVA_BASE + 0x100), 2);
    CHECK(memcmp(g(GVA_BASE + 0x100), "lo", 2) == 0);
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 0x80000000ULL, GVA_BASE),
             rc(-XEN_E2BIG));
    /* A full ring reads back in one call, oldest first. */
    for (unsigned int i = 0; i < CONSOLE_RX_SIZE + 10; i++)
        console_rx_put((char)i);
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 1000, GVA_BASE), CONSOLE_RX_SIZE);
    CHECK_EQ(g(GVA_BASE)[CONSOLE_RX_SIZE - 1], CONSOLE_RX_SIZE - 1);
    /* Unprivileged callers: -EPERM, even with input waiting. */
    fresh(false, true);
    feed("x");
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 1, GVA_BASE), rc(-XEN_EPERM));
    CHECK_EQ(console_rx_pending(), 1);
    /* 32-bit control domain. */
    fresh(true, false);
    feed("ab");
    CHECK_EQ(call(__HYPERVISOR_console_io, CONSOLEIO_read, 5, GVA_BASE), 2);
}

TEST_MAIN()
