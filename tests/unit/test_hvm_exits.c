/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * MSR and port I/O exit policy (hvm/msr.c, hvm/io.c) against fake vendor,
 * vlapic, guest memory, console and domain: APIC_BASE rules, vendor-first
 * order, MTRRs, the hypercall page bytes, unknown MSRs, port 0xe9, the ACPI
 * sleep ports, unhandled ports (all-ones, logged once) and bad sizes.
 */
#include "harness.h"
#include <asm/cpuid_policy.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <xen/errno.h>
#include <xen/guest_console.h>
#include <xen/sched.h>
#include <xen/time.h>
#include "../../xen/arch/x86/hvm/policy.h"

/* ---- fakes ---- */
static struct cpuid_policy pol;
static struct domain dom;
static struct vcpu vcpus[2];
static uint8_t guest_page[4096];
static uint64_t guest_page_gpa = 0x5000;
static char console[256];
static int shutdown_reason = -1, crashes;
static uint32_t last_vlapic_msr;

s_time_t NOW(void) { return SECONDS(10); }

int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *buf, size_t len)
{
    (void)d;
    if (gpa < guest_page_gpa || gpa + len > guest_page_gpa + sizeof(guest_page))
        return -EFAULT;
    memcpy(guest_page + (gpa - guest_page_gpa), buf, len);
    return 0;
}

int vlapic_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)v;
    last_vlapic_msr = msr;
    *val = 0x1234;
    return 0;
}

int vlapic_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)v, (void)val;
    last_vlapic_msr = msr;
    return 0;
}

void guest_console_write(struct domain *d, const char *buf, size_t len)
{
    (void)d;
    strncat(console, buf, len);
}
void guest_console_flush(struct domain *d) { (void)d; }
void domain_shutdown(struct domain *d, int reason) { (void)d; shutdown_reason = reason; }
void domain_crash(struct domain *d, const char *fmt, ...) { (void)d, (void)fmt; crashes++; }

static int vendor_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)v;
    if (msr == 0xc0000080) {            /* EFER */
        *val = 0x500;
        return 0;
    }
    return msr == 0xc0000081 ? -EPERM : -ENOENT;
}

static int vendor_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)v, (void)val;
    return msr == 0xc0000080 ? 0 : -ENOENT;
}

static const struct hvm_vendor_ops fake_ops = { .name = "fake", .msr_read = vendor_read,
                                                .msr_write = vendor_write };
const struct hvm_vendor_ops *hvm_ops = &fake_ops;

static void setup(bool amd)
{
    memset(&dom, 0, sizeof(dom));
    memset(vcpus, 0, sizeof(vcpus));
    memset(guest_page, 0, sizeof(guest_page));
    memset(&pol, 0, sizeof(pol));
    pol.vendor_amd = amd;
    dom.domain_id = 1;
    dom.arch.cpuid = &pol;
    for (unsigned int i = 0; i < 2; i++) {
        vcpus[i].vcpu_id = i;
        vcpus[i].domain = &dom;
        hvm_msr_vcpu_reset(&vcpus[i]);
    }
    console[0] = '\0';
    shutdown_reason = -1;
    crashes = 0;
    unit_log_clear();
}

static uint64_t rd(struct vcpu *v, uint32_t msr)
{
    uint64_t val = 0xdead;

    CHECK_EQ(hvm_msr_read(v, msr, &val), 0);
    return val;
}

/* ---- MSRs ---- */
TEST(apic_base)
{
    struct vcpu *v0 = &vcpus[0], *v1 = &vcpus[1];

    setup(true);
    CHECK_EQ(rd(v0, 0x1b), 0xfee00d00);                 /* EN | EXTD | BSP */
    CHECK_EQ(rd(v1, 0x1b), 0xfee00c00);
    CHECK_EQ(hvm_msr_write(v1, 0x1b, 0xfee00c00), 0);   /* unchanged: fine */
    CHECK_EQ(hvm_msr_write(v1, 0x1b, 0xfee00800), -EPERM);  /* to xAPIC */
    CHECK_EQ(hvm_msr_write(v1, 0x1b, 0xfee00000), -EPERM);  /* disable */
    CHECK_EQ(hvm_msr_write(v1, 0x1b, 0xfee00e00), -EPERM);  /* reserved bit 9 */
    CHECK_EQ(hvm_msr_write(v1, 0x1b, 1ull << 63 | 0xfee00c00), -EPERM);
    CHECK_EQ(hvm_msr_write(v0, 0x1b, 0xfee00c00), 0);   /* BSP is read-only */
    CHECK_EQ(rd(v0, 0x1b), 0xfee00d00);
    CHECK_EQ(hvm_msr_write(v1, 0x1b, 0xfec00c00), 0);   /* base kept as written */
    CHECK_EQ(rd(v1, 0x1b), 0xfec00c00);
    CHECK(strstr(unit_log, "only x2APIC mode"));
}

TEST(vendor_first_and_unknown)
{
    uint64_t val;

    setup(true);
    CHECK_EQ(rd(&vcpus[0], 0xc0000080), 0x500);
    CHECK_EQ(hvm_msr_write(&vcpus[0], 0xc0000080, 0x500), 0);
    CHECK_EQ(hvm_msr_read(&vcpus[0], 0xc0000081, &val), -EPERM);   /* vendor says #GP */
    CHECK_EQ(hvm_msr_read(&vcpus[0], 0x12345678, &val), -EPERM);
    CHECK_EQ(hvm_msr_write(&vcpus[0], 0xc0010004, 5), -EPERM);     /* perf counter */
    CHECK(strstr(unit_log, "d1 v0: read of unknown MSR 0x12345678: #GP"));
    CHECK(strstr(unit_log, "d1 v0: write of unknown MSR 0xc0010004 value 0x5: #GP"));
    /* Rate limit: a burst of 20 messages per domain, then one a second. */
    unit_log_clear();
    for (int i = 0; i < 100; i++)
        CHECK_EQ(hvm_msr_read(&vcpus[1], 0x12345678, &val), -EPERM);
    CHECK(strlen(unit_log) < 20 * 60);
}

TEST(x2apic_routed)
{
    setup(true);
    CHECK_EQ(rd(&vcpus[0], 0x802), 0x1234);
    CHECK_EQ(last_vlapic_msr, 0x802);
    CHECK_EQ(hvm_msr_write(&vcpus[0], 0x8ff, 0), 0);
    CHECK_EQ(last_vlapic_msr, 0x8ff);
    CHECK_EQ(hvm_msr_write(&vcpus[0], 0x6e0, 7), 0);
    CHECK_EQ(last_vlapic_msr, 0x6e0);
}

TEST(mtrr_and_misc)
{
    struct vcpu *v = &vcpus[0];
    uint64_t val;

    setup(true);
    CHECK_EQ(rd(v, 0xfe), 0);                           /* no fixed/variable ranges */
    CHECK_EQ(hvm_msr_write(v, 0xfe, 0), -EPERM);
    CHECK_EQ(rd(v, 0x2ff), 0x806);                      /* enabled, WB */
    CHECK_EQ(hvm_msr_write(v, 0x2ff, 0x006), 0);        /* Linux disables around updates */
    CHECK_EQ(rd(v, 0x2ff), 0x006);
    CHECK_EQ(hvm_msr_write(v, 0x2ff, 0xc06), -EPERM);   /* FE without fixed ranges */
    CHECK_EQ(hvm_msr_write(v, 0x2ff, 0x802), -EPERM);   /* type 2 reserved */
    CHECK_EQ(hvm_msr_write(v, 0x2ff, 0x1806), -EPERM);
    CHECK_EQ(hvm_msr_read(v, 0x200, &val), -EPERM);     /* no variable MTRRs */
    CHECK_EQ(hvm_msr_read(v, 0x250, &val), -EPERM);
    CHECK_EQ(hvm_msr_write(v, 0xc0000103, 0x42), 0);    /* TSC_AUX */
    CHECK_EQ(rd(v, 0xc0000103), 0x42);
    CHECK_EQ(hvm_msr_write(v, 0xc0000103, 1ull << 32), -EPERM);
    CHECK_EQ(rd(v, 0x8b), 0);
    CHECK_EQ(rd(v, 0xc0011029), 2);                     /* DE_CFG: LFENCE serialising */
    CHECK_EQ(hvm_msr_write(v, 0xc0011029, 0), 0);
    CHECK_EQ(hvm_msr_read(v, 0x1a0, &val), -EPERM);     /* MISC_ENABLE: Intel only */
    CHECK(rd(v, 0x10) != 0);                            /* TSC */
    CHECK_EQ(hvm_msr_write(v, 0x10, 0), 0);             /* ignored */
    setup(false);
    CHECK_EQ(rd(v, 0x1a0), 0x1801);
    CHECK_EQ(hvm_msr_write(v, 0x1a0, 0x1801), 0);
    CHECK_EQ(hvm_msr_write(v, 0x1a0, 0x1800), -EPERM);
    CHECK_EQ(hvm_msr_read(v, 0xc0010015, &val), -EPERM);  /* HWCR: AMD only */
}

TEST(hypercall_page)
{
    static const uint8_t stub0[] = { 0xb8, 0, 0, 0, 0, 0x0f, 0x01, 0xd9, 0xc3, 0xcc };
    static const uint8_t stub127[] = { 0xb8, 127, 0, 0, 0, 0x0f, 0x01, 0xd9, 0xc3, 0xcc };
    struct vcpu *v = &vcpus[1];

    setup(true);
    CHECK_EQ(rd(v, 0x40000000), 0);
    CHECK_EQ(hvm_msr_write(v, 0x40000000, 0x5000), 0);
    CHECK_EQ(v->arch.hypercall_page_gfn, 5);
    CHECK(!memcmp(guest_page, stub0, sizeof(stub0)));
    CHECK(!memcmp(guest_page + 127 * 32, stub127, sizeof(stub127)));
    CHECK_EQ(guest_page[23 * 32], 0x0f);                /* iret: ud2 */
    CHECK_EQ(guest_page[23 * 32 + 1], 0x0b);
    CHECK_EQ(guest_page[23 * 32 + 2], 0xcc);
    CHECK_EQ(guest_page[31], 0xcc);
    CHECK_EQ(guest_page[4095], 0xcc);
    CHECK_EQ(guest_page[17 * 32 + 1], 17);
    CHECK_EQ(hvm_msr_write(v, 0x40000000, 0x5001), -EPERM);   /* page index 1 */
    CHECK_EQ(hvm_msr_write(v, 0x40000000, 0x9000), -EPERM);   /* not RAM */
    CHECK_EQ(v->arch.hypercall_page_gfn, 5);
    setup(false);
    CHECK_EQ(hvm_msr_write(v, 0x40000000, 0x5000), 0);
    CHECK_EQ(guest_page[32 + 7], 0xc1);                 /* vmcall on Intel */
}

/* ---- port I/O ---- */
static uint32_t in(uint16_t port, unsigned int size)
{
    uint32_t val = 0x5a5a5a5a;

    hvm_io(&vcpus[0], port, size, true, &val);
    return val;
}

static void out(uint16_t port, unsigned int size, uint32_t val)
{
    hvm_io(&vcpus[0], port, size, false, &val);
}

TEST(debug_port)
{
    setup(true);
    out(0xe9, 1, 'H');
    out(0xe9, 1, 'i');
    out(0xe9, 2, 0x4100 | '!');                         /* low byte only (0xea is empty) */
    CHECK_STR(console, "Hi!");
    CHECK(dom.arch.debug_port_used);
    CHECK_EQ(in(0xe9, 1), 0xe9);
    CHECK_EQ(in(0xe9, 2), 0xffe9);
    CHECK_EQ(in(0xe9, 4), 0xffffffe9);
    CHECK_EQ(in(0xe8, 2), 0xe9ff);
}

TEST(acpi_sleep)
{
    setup(true);
    out(PVH_ACPI_SLEEP_CONTROL_PORT, 1, 5 << 2);        /* no SLP_EN */
    CHECK_EQ(shutdown_reason, -1);
    out(PVH_ACPI_SLEEP_CONTROL_PORT, 1, (1 << 2) | 0x20);   /* S1: unsupported */
    CHECK_EQ(shutdown_reason, -1);
    CHECK(strstr(unit_log, "ACPI sleep type 1 not supported"));
    CHECK_EQ(in(PVH_ACPI_SLEEP_CONTROL_PORT, 1), 0);
    CHECK_EQ(in(PVH_ACPI_SLEEP_STATUS_PORT, 1), 0);
    out(PVH_ACPI_SLEEP_STATUS_PORT, 1, 0xff);
    CHECK_EQ(shutdown_reason, -1);
    out(PVH_ACPI_SLEEP_CONTROL_PORT, 2, (5 << 2) | 0x20);   /* S5 */
    CHECK_EQ(shutdown_reason, SHUTDOWN_poweroff);
}

TEST(unhandled_ports)
{
    setup(true);
    CHECK_EQ(in(0x80, 1), 0xff);
    CHECK_EQ(in(0xcfc, 4), 0xffffffff);
    CHECK_EQ(in(0x70, 2), 0xffff);
    out(0xcf8, 4, 0x80000000);
    CHECK(strstr(unit_log, "d1: unhandled I/O port 0xcfc (in, 4 bytes), reads as all-ones"));
    CHECK(strstr(unit_log, "d1: unhandled I/O port 0xcf8 (out, 4 bytes), write ignored"));
    unit_log_clear();
    CHECK_EQ(in(0xcfc, 4), 0xffffffff);                 /* logged once per port */
    CHECK_STR(unit_log, "");
    for (unsigned int p = 0x1000; p < 0x1100; p++)      /* a scan: rate-limited */
        in(p, 1);
    CHECK(strlen(unit_log) < 30 * 80);
    CHECK_EQ(in(0xffff, 2), 0xffff);                    /* wraps to port 0 */
    CHECK_EQ(crashes, 0);
    out(0x80, 3, 0);                                    /* impossible size */
    CHECK_EQ(crashes, 1);
}

TEST_MAIN()
