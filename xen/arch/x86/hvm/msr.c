/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * MSR exits.  The vendor gets the first look (EFER, PAT and whatever else
 * lives in its VMCB/VMCS); then the table below; anything else is unknown:
 * -EPERM, so the vendor injects #GP, and a rate-limited log line.
 *
 * What the table emulates:
 *   APIC_BASE     x2APIC enabled from the start (EN | EXTD, BSP on vCPU 0);
 *                 leaving x2APIC mode (to xAPIC or disabled) is refused with
 *                 #GP as we have no xAPIC MMIO page; the base address field
 *                 is kept as written (it has no meaning in x2APIC mode)
 *   TSC           reads the host TSC (guests run with TSC offset 0); writes
 *                 are ignored (logged)
 *   MTRRs         read-only style as for PVH: MTRRcap = 0 (no fixed or
 *                 variable ranges, no WC), MTRRdefType = enabled, WB; the
 *                 guest may rewrite defType (type/E bits), which NPT ignores
 *   TSC_AUX       read as written (upper half must be zero)
 *   0x40000000    Xen's hypercall page: writing the page's GPA fills it
 *   0x800-0x8ff, TSC_DEADLINE   the emulated x2APIC (vlapic.c)
 *   a few harmless model MSRs Linux touches (microcode revision, AMD HWCR,
 *   DE_CFG, Intel MISC_ENABLE) with fixed values, writes ignored.
 */
#include <asm/cpuid_policy.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <asm/processor.h>
#include <public/arch-x86/cpuid.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include "policy.h"

#define MSR_TSC             0x00000010
#define MSR_UCODE_REV       0x0000008b      /* Intel BIOS_SIGN_ID / AMD PATCH_LEVEL */
#define MSR_MTRR_CAP        0x000000fe
#define MSR_MISC_ENABLE     0x000001a0
#define MSR_MTRR_DEF_TYPE   0x000002ff
#define MSR_X2APIC_FIRST    0x00000800
#define MSR_X2APIC_LAST     0x000008ff
#define MSR_TSC_AUX         0xc0000103
#define MSR_AMD_HWCR        0xc0010015
#define MSR_AMD_DE_CFG      0xc0011029

#define APIC_BASE_BSP       (1ull << 8)
#define APIC_BASE_EXTD      (1ull << 10)
#define APIC_BASE_EN        (1ull << 11)
#define APIC_BASE_ADDR      0x000ffffffffff000ull
#define APIC_DEFAULT_BASE   0xfee00000ull

#define MTRR_DEF_E          (1ull << 11)
#define MTRR_DEF_FE         (1ull << 10)
#define MTRR_TYPE_WB        6
#define MISC_ENABLE_VALUE   ((1ull << 0) | (1ull << 11) | (1ull << 12))  /* fast strings, no BTS/PEBS */
#define DE_CFG_LFENCE_SERIALISE (1ull << 1)

#define HYPERCALL_PAGE_SIZE 4096
#define HYPERCALL_STUB_SIZE 32
#define HYPERVISOR_iret     23          /* no stub: HVM guests must not use it */

struct msr_handler {
    uint32_t first, last;
    int (*read)(struct vcpu *v, uint32_t msr, uint64_t *val);
    int (*write)(struct vcpu *v, uint32_t msr, uint64_t val);   /* NULL: read-only, #GP */
};

/* Initial values of the MSRs this file owns (from vlapic_init). */
void hvm_msr_vcpu_reset(struct vcpu *v)
{
    v->arch.msr_apic_base = APIC_DEFAULT_BASE | APIC_BASE_EN | APIC_BASE_EXTD |
                            (v->vcpu_id == 0 ? APIC_BASE_BSP : 0);
    v->arch.msr_mtrr_def_type = MTRR_DEF_E | MTRR_TYPE_WB;
}

static int read_zero(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)v, (void)msr;
    *val = 0;
    return 0;
}

static int write_ignore(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)v, (void)msr, (void)val;
    return 0;
}

static int read_apic_base(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)msr;
    *val = v->arch.msr_apic_base;
    return 0;
}

static int write_apic_base(struct vcpu *v, uint32_t msr, uint64_t val)
{
    uint64_t cur = v->arch.msr_apic_base;

    (void)msr;
    if (val & ~(APIC_BASE_ADDR | APIC_BASE_BSP | APIC_BASE_EXTD | APIC_BASE_EN))
        return -EPERM;
    if ((val ^ cur) & (APIC_BASE_EN | APIC_BASE_EXTD)) {
        if (hvm_log_allowed(v->domain))
            printk(XENLOG_WARNING "d%u v%u: APIC_BASE %#llx refused: only x2APIC mode\n",
                   v->domain->domain_id, v->vcpu_id, (unsigned long long)val);
        return -EPERM;
    }
    v->arch.msr_apic_base = (cur & ~APIC_BASE_ADDR) | (val & APIC_BASE_ADDR);
    return 0;
}

static int read_tsc(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)v, (void)msr;
    *val = rdtsc();
    return 0;
}

static int write_tsc(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)msr;
    if (hvm_log_allowed(v->domain))
        printk(XENLOG_INFO "d%u v%u: TSC write %#llx ignored\n", v->domain->domain_id,
               v->vcpu_id, (unsigned long long)val);
    return 0;
}

static int read_mtrr_def(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)msr;
    *val = v->arch.msr_mtrr_def_type;
    return 0;
}

static bool mtrr_type_valid(uint64_t t)
{
    return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;     /* UC WC WT WP WB */
}

static int write_mtrr_def(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)msr;
    /* No fixed ranges (MTRRcap.FIX = 0): FE is reserved like the rest. */
    if ((val & ~(MTRR_DEF_E | 0xffull)) || !mtrr_type_valid(val & 0xff))
        return -EPERM;
    v->arch.msr_mtrr_def_type = val;
    return 0;
}

static int read_tsc_aux(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)msr;
    *val = v->arch.msr_tsc_aux;
    return 0;
}

static int write_tsc_aux(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)msr;
    if (val >> 32)
        return -EPERM;
    v->arch.msr_tsc_aux = val;
    return 0;
}

static bool vendor_amd(const struct vcpu *v)
{
    return v->domain->arch.cpuid->vendor_amd;
}

static int read_misc_enable(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    (void)msr;
    if (vendor_amd(v))
        return -EPERM;              /* Intel only */
    *val = MISC_ENABLE_VALUE;
    return 0;
}

static int write_misc_enable(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)msr;
    return !vendor_amd(v) && val == MISC_ENABLE_VALUE ? 0 : -EPERM;
}

static int read_amd_only(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    if (!vendor_amd(v))
        return -EPERM;
    *val = msr == MSR_AMD_DE_CFG ? DE_CFG_LFENCE_SERIALISE : 0;
    return 0;
}

static int write_amd_only(struct vcpu *v, uint32_t msr, uint64_t val)
{
    (void)msr, (void)val;
    return vendor_amd(v) ? 0 : -EPERM;
}

/*
 * Xen's hypercall page for HVM guests: 128 stubs of 32 bytes, stub i being
 * "mov $i, %eax; vmmcall (vmcall on Intel); ret", int3 filling the rest;
 * the iret slot holds ud2.
 */
static void hypercall_stubs(uint8_t *buf, unsigned int first, unsigned int n, bool amd)
{
    memset(buf, 0xcc, n * HYPERCALL_STUB_SIZE);
    for (unsigned int i = 0; i < n; i++) {
        uint8_t *p = buf + i * HYPERCALL_STUB_SIZE;
        uint32_t nr = first + i;

        if (nr == HYPERVISOR_iret) {
            p[0] = 0x0f, p[1] = 0x0b;                           /* ud2 */
            continue;
        }
        p[0] = 0xb8;                                            /* mov $nr, %eax */
        memcpy(p + 1, &nr, 4);
        p[5] = 0x0f, p[6] = 0x01, p[7] = amd ? 0xd9 : 0xc1;     /* vmmcall / vmcall */
        p[8] = 0xc3;                                            /* ret */
    }
}

static int write_hypercall_page(struct vcpu *v, uint32_t msr, uint64_t val)
{
    uint8_t chunk[8 * HYPERCALL_STUB_SIZE];
    struct domain *d = v->domain;

    (void)msr;
    if (val & (HYPERCALL_PAGE_SIZE - 1))
        return -EPERM;                                          /* only page 0 exists */
    for (unsigned int i = 0; i < HYPERCALL_PAGE_SIZE / HYPERCALL_STUB_SIZE; i += 8) {
        hypercall_stubs(chunk, i, 8, vendor_amd(v));
        if (copy_to_guest_phys(d, val + i * HYPERCALL_STUB_SIZE, chunk, sizeof(chunk))) {
            if (hvm_log_allowed(d))
                printk(XENLOG_WARNING "d%u v%u: hypercall page at %#llx is not RAM\n",
                       d->domain_id, v->vcpu_id, (unsigned long long)val);
            return -EPERM;
        }
    }
    v->arch.hypercall_page_gfn = val >> 12;
    return 0;
}

static const struct msr_handler msr_table[] = {
    { MSR_TSC, MSR_TSC, read_tsc, write_tsc },
    { MSR_APIC_BASE, MSR_APIC_BASE, read_apic_base, write_apic_base },
    { MSR_UCODE_REV, MSR_UCODE_REV, read_zero, write_ignore },
    { MSR_MTRR_CAP, MSR_MTRR_CAP, read_zero, NULL },
    { MSR_MISC_ENABLE, MSR_MISC_ENABLE, read_misc_enable, write_misc_enable },
    { MSR_MTRR_DEF_TYPE, MSR_MTRR_DEF_TYPE, read_mtrr_def, write_mtrr_def },
    { MSR_TSC_DEADLINE, MSR_TSC_DEADLINE, vlapic_msr_read, vlapic_msr_write },
    { MSR_X2APIC_FIRST, MSR_X2APIC_LAST, vlapic_msr_read, vlapic_msr_write },
    { XEN_MSR_HYPERCALL_PAGE, XEN_MSR_HYPERCALL_PAGE, read_zero, write_hypercall_page },
    { MSR_TSC_AUX, MSR_TSC_AUX, read_tsc_aux, write_tsc_aux },
    { MSR_AMD_HWCR, MSR_AMD_HWCR, read_amd_only, write_amd_only },
    { MSR_AMD_DE_CFG, MSR_AMD_DE_CFG, read_amd_only, write_amd_only },
};

static const struct msr_handler *find_msr(uint32_t msr)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(msr_table); i++)
        if (msr >= msr_table[i].first && msr <= msr_table[i].last)
            return &msr_table[i];
    return NULL;
}

static int unknown_msr(struct vcpu *v, uint32_t msr, bool write, uint64_t val)
{
    if (!hvm_log_allowed(v->domain))
        return -EPERM;
    if (write)
        printk(XENLOG_INFO "d%u v%u: write of unknown MSR %#x value %#llx: #GP\n",
               v->domain->domain_id, v->vcpu_id, msr, (unsigned long long)val);
    else
        printk(XENLOG_INFO "d%u v%u: read of unknown MSR %#x: #GP\n",
               v->domain->domain_id, v->vcpu_id, msr);
    return -EPERM;
}

int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    const struct msr_handler *h;
    int rc = hvm_ops && hvm_ops->msr_read ? hvm_ops->msr_read(v, msr, val) : -ENOENT;

    if (rc != -ENOENT)
        return rc;
    h = find_msr(msr);
    return h ? h->read(v, msr, val) : unknown_msr(v, msr, false, 0);
}

int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    const struct msr_handler *h;
    int rc = hvm_ops && hvm_ops->msr_write ? hvm_ops->msr_write(v, msr, val) : -ENOENT;

    if (rc != -ENOENT)
        return rc;
    h = find_msr(msr);
    if (!h)
        return unknown_msr(v, msr, true, val);
    return h->write ? h->write(v, msr, val) : -EPERM;
}
