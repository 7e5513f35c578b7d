/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest FPU/SSE/AVX state: lazy, per pCPU.  Vendor-neutral (moved out of
 * svm/ for VMX): the vendor calls hvm_fpu_pull() with interrupts on and
 * hvm_fpu_switch_in() right before entering the guest with interrupts off
 * (SVM: GIF=0), and hvm_fpu_xsetbv() for an XSETBV exit.
 *
 * The hypervisor is built with -mgeneral-regs-only and never touches x87,
 * SSE or AVX registers, so a guest's state can stay in the registers across
 * exits, interrupts and even the idle loop.  It only has to be switched when
 * a different vCPU enters the guest on this pCPU: then the previous owner's
 * state is saved into its area and the new vCPU's state restored (no #NM
 * trapping, no CR0.TS games: the switch happens in run_once, with interrupts off).
 * A vCPU that moved to another pCPU first pulls its live state out of the
 * old pCPU with an IPI (the old pCPU saves it); vCPUs rarely move, so this
 * costs nothing on the common path.
 *
 * XSAVE: saving and restoring use XCR0 = everything we support (so all of
 * a guest's components are switched whatever XCR0 it chose); the guest's
 * own XCR0 is loaded right before VMRUN/VMRESUME, because neither
 * switches XCR0.  Guests change it only through XSETBV, which is intercepted and
 * validated here.  Without XSAVE, FXSAVE/FXRSTOR handle x87 + SSE.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/errno.h>
#include <xen/smp.h>
#include <xen/percpu.h>
#include <xen/cpumask.h>
#include <asm/processor.h>
#include <asm/hvm.h>
#include <asm/hvm_checks.h>
#include <asm/hvm_fpu.h>
#include <xen/sched.h>

#define X86_CR4_OSXMMEXCPT  (1ul << 10)
#define X86_CR4_OSXSAVE     (1ul << 18)
#define CPUID1_ECX_XSAVE    (1u << 26)

static bool use_xsave;
static uint64_t xcr0_max;           /* every component we switch */
static unsigned int area_order;

/* Per pCPU: whose state the registers hold, and the XCR0 loaded. */
static struct {
    struct vcpu *owner;
    uint64_t cur_xcr0;
} fpu_cpus[NR_CPUS];

static inline void xsetbv(uint32_t index, uint64_t value)
{
    __asm__ volatile("xsetbv" :: "c"(index), "a"((uint32_t)value),
                     "d"((uint32_t)(value >> 32)) : "memory");
}

int hvm_fpu_global_init(void)
{
    unsigned int size = 512;

    use_xsave = cpuid(1).ecx & CPUID1_ECX_XSAVE;
    if (use_xsave) {
        struct cpuid_regs r = cpuid_count(0xd, 0);

        xcr0_max = (((uint64_t)r.edx << 32) | r.eax) & XSTATE_SUPPORTED;
        size = r.ecx;       /* area size for every component the CPU has */
    }
    while ((PAGE_SIZE << area_order) < (int)size)
        area_order++;
    printk("HVM: guest FPU state: lazy per pCPU, %s (%u bytes%s)\n",
           use_xsave ? "XSAVE" : "FXSAVE", size, use_xsave ? ", XCR0 per vCPU" : "");
    return 0;
}

void hvm_fpu_cpu_up(unsigned int cpu)
{
    unsigned long cr4 = read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;

    /* (QEMU 7.2 TCG with "-cpu qemu64,+xsave" dies on this; EPYC is fine.) */
    if (use_xsave)
        cr4 |= X86_CR4_OSXSAVE;
    write_cr4(cr4);
    if (use_xsave)
        xsetbv(0, xcr0_max);
    fpu_cpus[cpu].cur_xcr0 = xcr0_max;
    fpu_cpus[cpu].owner = NULL;
}

int hvm_fpu_vcpu_init(struct vcpu *v)
{
    struct hvm_fpu *s = &v->arch.fpu;
    uint8_t *area = alloc_xenheap_pages(area_order, MEMF_zero);

    if (!area)
        return -ENOMEM;
    /* The FINIT state; XSTATE_BV = 0 makes XRSTOR initialise the rest. */
    *(uint16_t *)area = 0x37f;              /* FCW */
    *(uint32_t *)(area + 24) = 0x1f80;      /* MXCSR */
    s->area = area;
    s->order = area_order;
    s->cpu = -1;
    s->xcr0 = XSTATE_X87;
    return 0;
}

/* On the pCPU that holds the state (interrupts off). */
static void fpu_save(struct vcpu *v, unsigned int cpu)
{
    struct hvm_fpu *s = &v->arch.fpu;

    if (use_xsave) {
        if (fpu_cpus[cpu].cur_xcr0 != xcr0_max) {
            xsetbv(0, xcr0_max);
            fpu_cpus[cpu].cur_xcr0 = xcr0_max;
        }
        __asm__ volatile("xsave64 %0" : "+m"(*(uint8_t (*)[4096])s->area)
                         : "a"((uint32_t)xcr0_max), "d"((uint32_t)(xcr0_max >> 32)));
    } else {
        __asm__ volatile("fxsave64 %0" : "=m"(*(uint8_t (*)[512])s->area));
    }
    fpu_cpus[cpu].owner = NULL;
    s->cpu = -1;
}

/* FNINIT with every ST register zeroed, then MXCSR and XMM0-15. */
static void fx_load_initial_x87(const uint8_t *fx)
{
    __asm__ volatile("fninit\n\t"
                     "fldz; fldz; fldz; fldz; fldz; fldz; fldz; fldz\n\t"
                     "fninit" ::: "memory");
    __asm__ volatile("ldmxcsr %0" :: "m"(*(const uint32_t *)(fx + 24)));
    __asm__ volatile("movdqu 160(%0), %%xmm0\n\t"  "movdqu 176(%0), %%xmm1\n\t"
                     "movdqu 192(%0), %%xmm2\n\t"  "movdqu 208(%0), %%xmm3\n\t"
                     "movdqu 224(%0), %%xmm4\n\t"  "movdqu 240(%0), %%xmm5\n\t"
                     "movdqu 256(%0), %%xmm6\n\t"  "movdqu 272(%0), %%xmm7\n\t"
                     "movdqu 288(%0), %%xmm8\n\t"  "movdqu 304(%0), %%xmm9\n\t"
                     "movdqu 320(%0), %%xmm10\n\t" "movdqu 336(%0), %%xmm11\n\t"
                     "movdqu 352(%0), %%xmm12\n\t" "movdqu 368(%0), %%xmm13\n\t"
                     "movdqu 384(%0), %%xmm14\n\t" "movdqu 400(%0), %%xmm15"
                     :: "r"(fx), "m"(*(const uint8_t (*)[416])fx));
}

/*
 * x87 state in its initial configuration is restored without loading the
 * x87 status word.  That is for QEMU's multi-threaded TCG: its FXRSTOR,
 * XRSTOR (x87 component), FRSTOR and FLDENV helpers clear an IGNNE# flag in
 * the *first* CPU's hflags2 with a plain read-modify-write, from whichever
 * vCPU thread executes them (cpu_set_fpus() -> cpu_clear_ignne(), QEMU 7.2
 * to 10.0 at least).  When that races with CPU0's own VMRUN or #VMEXIT,
 * which set and clear the nested-paging flag in the same word, CPU0 loses
 * the update: its guest then walks its page tables without the p2m (a
 * triple fault on the first instruction) or the host walks its own tables
 * through the p2m (a machine reset).  This hypervisor switched FPU state on
 * every vCPU switch, so a busy CPU1 hit that often.  Guests that use x87
 * themselves can still trigger it with their own FXRSTOR/XRSTOR.
 * fxsave_x87_initial() (reg_checks.c) says when restoring by FNINIT is exact.
 */
static void fpu_restore(struct vcpu *v, unsigned int cpu)
{
    struct hvm_fpu *s = &v->arch.fpu;
    uint8_t *area = s->area;
    bool x87_initial = fxsave_x87_initial(area);

    if (use_xsave) {
        uint64_t *xstate_bv = (uint64_t *)(area + 512);

        if (fpu_cpus[cpu].cur_xcr0 != xcr0_max) {
            xsetbv(0, xcr0_max);
            fpu_cpus[cpu].cur_xcr0 = xcr0_max;
        }
        if (x87_initial)
            *xstate_bv &= ~XSTATE_X87;      /* XRSTOR initialises x87 */
        __asm__ volatile("xrstor64 %0" :: "m"(*(uint8_t (*)[4096])area),
                         "a"((uint32_t)xcr0_max), "d"((uint32_t)(xcr0_max >> 32)));
    } else if (x87_initial) {
        fx_load_initial_x87(area);
    } else {
        __asm__ volatile("fxrstor64 %0" :: "m"(*(uint8_t (*)[512])area));
    }
    fpu_cpus[cpu].owner = v;
    s->cpu = cpu;
}

/* IPI handler: save @data's state if this pCPU still holds it. */
static void fpu_flush_ipi(void *data)
{
    struct vcpu *v = data;
    unsigned int cpu = smp_processor_id();

    if (fpu_cpus[cpu].owner == v)
        fpu_save(v, cpu);
}

/* Take @v's state out of another pCPU's registers (sleeps on an IPI). */
static void fpu_flush_remote(struct vcpu *v)
{
    int where = __atomic_load_n(&v->arch.fpu.cpu, __ATOMIC_ACQUIRE);
    cpumask_t mask;

    if (where < 0)
        return;
    cpumask_clear(&mask);
    cpumask_set_cpu(where, &mask);
    on_selected_cpus(&mask, fpu_flush_ipi, v, true);
}

void hvm_fpu_pull(struct vcpu *v, unsigned int cpu)
{
    int where = __atomic_load_n(&v->arch.fpu.cpu, __ATOMIC_ACQUIRE);

    if (where >= 0 && where != (int)cpu)
        fpu_flush_remote(v);
}

void hvm_fpu_switch_in(struct vcpu *v, unsigned int cpu)
{
    typeof(&fpu_cpus[0]) c = &fpu_cpus[cpu];
    struct hvm_fpu *s = &v->arch.fpu;

    if (c->owner != v) {
        if (c->owner)
            fpu_save(c->owner, cpu);
        fpu_restore(v, cpu);
    }
    if (use_xsave && c->cur_xcr0 != s->xcr0) {
        xsetbv(0, s->xcr0);
        c->cur_xcr0 = s->xcr0;
    }
}

void hvm_fpu_vcpu_destroy(struct vcpu *v)
{
    struct hvm_fpu *s = &v->arch.fpu;

    if (!s->area)
        return;
    fpu_flush_remote(v);        /* no pCPU may keep a pointer to it */
    free_xenheap_pages(s->area, s->order);
    s->area = NULL;
}

int hvm_fpu_xsetbv(struct vcpu *v, uint32_t index, uint64_t value)
{
    if (!use_xsave || index != 0 || !xcr0_valid(value, xcr0_max))
        return -EPERM;
    v->arch.fpu.xcr0 = value;
    return 0;
}
