/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-table: the hypercall table and entry paths.
 *   numbers with no HVM handler in Xen 4.17 (PV-only ones, empty slots, 64
 *     and beyond, RAX values above 32 bits) -> -ENOSYS;
 *   the vendor's instruction (VMMCALL on AMD) from 64-bit mode;
 *   the other vendor's instruction (VMCALL on AMD);
 *   the hypercall page (MSR from CPUID 0x40000002): stubs "mov $nr, %eax;
 *     vmmcall|vmcall; ret", a call through it; a GPA that is not RAM or
 *     a page index other than 0 -> #GP;
 *   32-bit callers (compatibility mode: EAX, EBX, ECX, EDX, ESI, EDI):
 *     xen_version, with garbage in the registers' upper halves, a buffer,
 *     a console write, a bad pointer and an unknown number (-ENOSYS as a
 *     32-bit value).
 * Deliberate difference: on AMD, Xen 4.17 intercepts #UD only for a guest
 * whose CPUID vendor differs from the host's, so VMCALL raises #UD there;
 * we accept the other vendor's instruction as a hypercall (issue 4), so a
 * guest that mis-detects the vendor still works.
 */
#include "hctest.h"

#define XEN_MSR_LEAF    (XEN_CPUID_FIRST_LEAF + 2)

static char buf[64];

static void check_unknown_numbers(void)
{
    /* empty in Xen 4.17's HVM table: PV-only calls and unused slots */
    static const unsigned long nrs[] = {
        0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 14, 16, 19, 22, 23, 25, 28, 30, 31, 37, 38,
        43, 44, 45, 46, 47, 48, 50, 51, 52, 53, 54, 55, 56, 60, 63,
        64, 65, 128, 1000, 0xffff, 0x7fffffff, 0xffffffff,
        (1ul << 32) | __HYPERVISOR_xen_version, ~0ul,
    };

    for (size_t i = 0; i < ARRAY_SIZE(nrs); i++)
        expect_rc(hypercall5(nrs[i], XENVER_version, 0, 0, 0, 0), E(ENOSYS), "hypercall %#lx", nrs[i]);
}

static void check_instructions(void)
{
    bool native = hypercall_uses_vmmcall();
    unsigned int vec;
    long rc;

    rc = hypercall_insn(native, __HYPERVISOR_xen_version, XENVER_version, 0, 0, &vec);
    expect(vec == ~0u, "%s (the vendor's instruction) does not fault", native ? "VMMCALL" : "VMCALL");
    expect_rc(rc, 0x40011, "xen_version through %s", native ? "VMMCALL" : "VMCALL");

    rc = hypercall_insn(!native, __HYPERVISOR_xen_version, XENVER_version, 0, 0, &vec);
    if (on_xen()) {
        expect(vec == VEC_UD, "%s (the other vendor's) raises #UD on Xen (vector %d)",
               native ? "VMCALL" : "VMMCALL", (int)vec);
    } else {
        expect(vec == ~0u, "%s (the other vendor's) is a hypercall on ours (deliberate; Xen: #UD)",
               native ? "VMCALL" : "VMMCALL");
        expect_rc(rc, 0x40011, "xen_version through %s", native ? "VMCALL" : "VMMCALL");
    }
}

static void check_hypercall_page(void)
{
    struct cpuid_regs l = cpuid(XEN_MSR_LEAF);
    uint8_t *page = scratch_page(3);
    uint8_t op = hypercall_uses_vmmcall() ? 0xd9 : 0xc1;

    expect(l.a >= 1 && l.b >= 0x40000000, "CPUID %#x: %u page(s), MSR %#x", XEN_MSR_LEAF, l.a, l.b);
    memset(page, 0, 4096);
    expect(wrmsr_safe(l.b, (uint64_t)page) == 0, "hypercall page MSR <- %p", (void *)page);
    for (unsigned int nr = __HYPERVISOR_xen_version; nr <= __HYPERVISOR_sched_op;
         nr += __HYPERVISOR_sched_op - __HYPERVISOR_xen_version) {
        const uint8_t *p = page + 32 * nr;

        expect(p[0] == 0xb8 && p[1] == nr && !p[2] && !p[3] && !p[4] && p[5] == 0x0f &&
               p[6] == 0x01 && p[7] == op && p[8] == 0xc3,
               "stub %u: %02x %02x %02x %02x %02x %02x %02x %02x %02x", nr,
               p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    }
    expect_rc(hypercall_page_call(page, __HYPERVISOR_xen_version, XENVER_version, 0, 0), 0x40011,
              "xen_version through the hypercall page");
    expect(wrmsr_safe(l.b, 0xc0000000ull) == VEC_GP, "hypercall page MSR <- 0xc0000000 (not RAM): #GP");
    expect(wrmsr_safe(l.b, (uint64_t)page | 1) == VEC_GP, "hypercall page MSR <- page index 1: #GP");
}

static void check_compat(void)
{
    const uint64_t junk = 0xdead000000000000ull;
    static const char line[] = "hc-table: this line came from 32-bit compatibility mode\n";
    uint32_t rc;

    expect_rc(hypercall32(__HYPERVISOR_xen_version, XENVER_version, 0, 0, 0, 0), 0x40011,
              "32-bit xen_version(version)");
    expect_rc(hypercall32(junk | __HYPERVISOR_xen_version, junk | XENVER_version, junk, junk, junk,
                          junk), 0x40011,
              "32-bit xen_version(version), garbage in the registers' upper halves");
    memset(buf, 0x5a, sizeof(buf));
    rc = hypercall32(__HYPERVISOR_xen_version, junk | XENVER_extraversion, junk | (uintptr_t)buf,
                     0, 0, 0);
    expect_rc(rc, 0, "32-bit xen_version(extraversion, buffer), upper halves set");
    expect(memchr(buf, 0, 16) != NULL && buf[16] == 0x5a, "  16 bytes written: \"%.16s\"", buf);
    expect_rc(hypercall32(__HYPERVISOR_xen_version, XENVER_extraversion, 0, 0, 0, 0),
              (uint32_t)E(EFAULT), "32-bit xen_version(extraversion, NULL)");
    expect_rc(hypercall32(__HYPERVISOR_console_io, CONSOLEIO_write, sizeof(line) - 1,
                          (uintptr_t)line, 0, 0),
              is_control_domain() || !on_xen() ? 0 : (uint32_t)E(EPERM), "32-bit console_io write");
    expect_rc(hypercall32(60, 0, 0, 0, 0, 0), (uint32_t)E(ENOSYS), "32-bit hypercall 60 (unknown)");
    expect_rc(hypercall32(junk | 64, 0, 0, 0, 0, 0), (uint32_t)E(ENOSYS), "32-bit hypercall 64");
}

void main(void)
{
    hctest_init("hc-table");
    check_unknown_numbers();
    check_instructions();
    check_hypercall_page();
    check_compat();
    test_end();
}
