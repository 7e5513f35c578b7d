/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * VCPUOP_initialise for HVM/PVH vCPUs: check a guest's struct
 * vcpu_hvm_context and turn it into a struct hvm_vcpu_state for the vendor.
 * The rules are Xen 4.17's arch_set_info_hvm_guest():
 *   - pads zero; mode 32B or 64B;
 *   - 32B: CS/SS/TR present with attributes, DS/ES present or null; TR a
 *     (busy) 32-bit TSS; CS code, SS writable data, DS/ES readable; the
 *     accessed (busy for TR) bit is set for present segments; EIP within
 *     the CS limit; SS.DPL == CS.DPL; DS/ES.DPL <= CS.DPL; EFER.LMA needs LME;
 *   - 64B: RIP canonical, CR0.PG, CR4.PAE and EFER.LME set; flat segments;
 *   - CR4 only bits the domain's CPUID offers; EFER only known bits whose
 *     feature CPUID offers (SCE, LME/LMA, NXE; never SVME, LMSLE, FFXSE,
 *     TCE, which our vendor does not virtualise).
 * Deliberately stricter than Xen where VMRUN would refuse the state (Xen
 * accepts it and then crashes the domain at the first entry): CR0 bits
 * 32-63, NW without CD, PG without PE, long mode paging without PAE, CS.L
 * with CS.D in long mode, CR3 bits 52-63 in long mode.  Xen sets LMA
 * whenever LME is set; we set it only when CR0.PG is set too, as the CPU
 * would (LME without paging is long mode enabled but inactive).
 * Pure logic: host-tested in tests/unit/test_hvm_context.c.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/cpuid_policy.h>
#include <asm/hvm.h>
#include <public/hvm/hvm_vcpu.h>

#define CR0_PE  (1ull << 0)
#define CR0_ET  (1ull << 4)
#define CR0_NW  (1ull << 29)
#define CR0_CD  (1ull << 30)
#define CR0_PG  (1ull << 31)
#define CR4_PAE (1ull << 5)
#define EFER_SCE_ (1ull << 0)
#define EFER_LME_ (1ull << 8)
#define EFER_LMA_ (1ull << 10)
#define EFER_NXE_ (1ull << 11)
#define RFLAGS_ALL 0x3f7fd5ull      /* CF PF AF ZF SF TF IF DF OF IOPL NT RF VM AC VIF VIP ID */
#define RFLAGS_MBS 0x2ull

enum seg_kind { SEG_CS, SEG_DS, SEG_SS, SEG_ES, SEG_TR };

/* ---- CR4 bits from CPUID (Xen's hvm_cr4_guest_valid_bits) ---------------- */

struct cr4_rule {
    uint8_t leaf;                   /* 1: basic leaf 1, 7: leaf 7 subleaf 0 */
    char reg;                       /* 'b', 'c' or 'd' */
    uint8_t bit;                    /* CPUID bit; 0xff: always */
    uint64_t cr4;
};

static const struct cr4_rule cr4_rules[] = {
    { 1, 'd', 1, (1u << 0) | (1u << 1) },  /* VME -> VME, PVI */
    { 1, 'd', 4, 1u << 2 },                 /* TSC -> TSD */
    { 1, 'd', 2, 1u << 3 },                 /* DE */
    { 1, 'd', 3, 1u << 4 },                 /* PSE */
    { 1, 'd', 6, 1u << 5 },                 /* PAE */
    { 1, 'd', 7, 1u << 6 },                 /* MCE -> MCE */
    { 1, 'd', 14, 1u << 6 },                /* MCA -> MCE */
    { 1, 'd', 13, 1u << 7 },                /* PGE */
    { 0, 0, 0xff, 1u << 8 },                /* PCE: always */
    { 1, 'd', 24, 1u << 9 },                /* FXSR -> OSFXSR */
    { 1, 'd', 25, 1u << 10 },               /* SSE -> OSXMMEXCPT */
    { 7, 'c', 2, 1u << 11 },                /* UMIP */
    { 7, 'b', 0, 1u << 16 },                /* FSGSBASE */
    { 1, 'c', 17, 1u << 17 },               /* PCID -> PCIDE */
    { 1, 'c', 26, 1u << 18 },               /* XSAVE -> OSXSAVE */
    { 7, 'b', 7, 1u << 20 },                /* SMEP */
    { 7, 'b', 20, 1u << 21 },               /* SMAP */
    { 7, 'c', 3, 1u << 22 },                /* PKU -> PKE */
    { 7, 'c', 7, 1u << 23 },                /* CET_SS -> CET */
    { 7, 'd', 20, 1u << 23 },               /* CET_IBT -> CET */
};

static uint32_t leaf_reg(const struct cpuid_policy *p, unsigned int leaf, char reg)
{
    const struct cpuid_leaf *l = &p->basic[leaf];

    return reg == 'b' ? l->b : reg == 'c' ? l->c : l->d;
}

uint64_t hvm_cr4_valid_bits(const struct cpuid_policy *p)
{
    uint64_t valid = 0;

    for (unsigned int i = 0; i < ARRAY_SIZE(cr4_rules); i++) {
        const struct cr4_rule *r = &cr4_rules[i];

        if (r->bit == 0xff || (p->basic[0].a >= r->leaf &&
                               (leaf_reg(p, r->leaf, r->reg) >> r->bit) & 1))
            valid |= r->cr4;
    }
    return valid;
}

/* ---- EFER (Xen's hvm_efer_valid, limited to what our vendor offers) ------ */

static const char *efer_problem(const struct cpuid_policy *p, uint64_t efer)
{
    uint32_t ext1d = p->extd[0].a >= 0x80000001u ? p->extd[1].d : 0;

    if (efer & ~(EFER_SCE_ | EFER_LME_ | EFER_LMA_ | EFER_NXE_))
        return "EFER: unknown or unsupported bits set";
    if ((efer & EFER_SCE_) && !(ext1d & (1u << 11)))
        return "EFER: SCE without feature";
    if ((efer & (EFER_LME_ | EFER_LMA_)) && !(ext1d & (1u << 29)))
        return "EFER: LME/LMA without feature";
    if ((efer & EFER_NXE_) && !(ext1d & (1u << 20)))
        return "EFER: NXE without feature";
    return NULL;
}

/* ---- segments (Xen's check_segment) -------------------------------------- */

static const char *seg_problem(const struct hvm_seg *s, enum seg_kind kind)
{
    unsigned int type = VCPU_HVM_AR_TYPE(s->attr);

    if (s->attr & VCPU_HVM_AR_PAD)
        return "segment attribute bits 12-15 are not zero";
    if (s->attr == 0)
        return kind == SEG_DS || kind == SEG_ES ? NULL : "null segment for CS, SS or TR";
    if (kind == SEG_TR) {
        if (s->attr & VCPU_HVM_AR_S)
            return "code or data segment provided for TR";
        if (type != 0xb)
            return "TR is not a 32-bit TSS";
    } else if (!(s->attr & VCPU_HVM_AR_S)) {
        return "system segment provided for a code or data segment";
    }
    if (!(s->attr & VCPU_HVM_AR_P))
        return "non-present segment";
    if (kind == SEG_CS && !(type & 8))
        return "non-code segment for CS";
    if (kind == SEG_SS && ((type & 8) || !(type & 2)))
        return "non-writable segment for SS";
    if ((kind == SEG_DS || kind == SEG_ES) && (type & 8) && !(type & 2))
        return "non-readable segment for DS or ES";
    return NULL;
}

/* A 32B segment as Xen builds it: selector 0, accessed/busy bit set if present. */
static struct hvm_seg seg32(uint32_t base, uint32_t limit, uint16_t ar, enum seg_kind kind)
{
    struct hvm_seg s = { .sel = 0, .attr = ar, .limit = limit, .base = base };

    if (ar & VCPU_HVM_AR_P)
        s.attr |= kind == SEG_TR ? 2 : 1;
    return s;
}

static const char *check_32(const struct vcpu_hvm_x86_32 *r, struct hvm_vcpu_state *o)
{
    const struct hvm_seg *segs[] = { &o->cs, &o->ds, &o->ss, &o->es, &o->tr };
    uint32_t limit;
    const char *why;

    if (r->pad1 || r->pad2[0] || r->pad2[1] || r->pad2[2])
        return "x86_32 padding not zero";
    o->cs = seg32(r->cs_base, r->cs_limit, r->cs_ar, SEG_CS);
    o->ds = seg32(r->ds_base, r->ds_limit, r->ds_ar, SEG_DS);
    o->ss = seg32(r->ss_base, r->ss_limit, r->ss_ar, SEG_SS);
    o->es = seg32(r->es_base, r->es_limit, r->es_ar, SEG_ES);
    o->tr = seg32(r->tr_base, r->tr_limit, r->tr_ar, SEG_TR);
    for (unsigned int k = SEG_CS; k <= SEG_TR; k++)
        if ((why = seg_problem(segs[k], k)) != NULL)
            return why;
    limit = o->cs.limit;
    if (o->cs.attr & VCPU_HVM_AR_G)
        limit = (limit << 12) | 0xfff;
    if (r->eip > limit)
        return "EIP outside the CS limit";
    if (VCPU_HVM_AR_DPL(o->ss.attr) != VCPU_HVM_AR_DPL(o->cs.attr))
        return "SS.DPL differs from CS.DPL";
    if ((o->ds.attr & VCPU_HVM_AR_P) &&
        VCPU_HVM_AR_DPL(o->ds.attr) > VCPU_HVM_AR_DPL(o->cs.attr))
        return "DS.DPL greater than CS.DPL";
    if ((o->es.attr & VCPU_HVM_AR_P) &&
        VCPU_HVM_AR_DPL(o->es.attr) > VCPU_HVM_AR_DPL(o->cs.attr))
        return "ES.DPL greater than CS.DPL";
    if ((r->efer & EFER_LMA_) && !(r->efer & EFER_LME_))
        return "EFER.LMA set without EFER.LME";
    o->regs = (struct guest_regs){ .rax = r->eax, .rcx = r->ecx, .rdx = r->edx,
                                   .rbx = r->ebx, .rsp = r->esp, .rbp = r->ebp,
                                   .rsi = r->esi, .rdi = r->edi, .rip = r->eip,
                                   .rflags = r->eflags };
    o->cr0 = r->cr0;
    o->cr3 = r->cr3;
    o->cr4 = r->cr4;
    o->efer = r->efer;
    return NULL;
}

static bool canonical(uint64_t va)
{
    return ((int64_t)va >> 47) == 0 || ((int64_t)va >> 47) == -1;
}

static const char *check_64(const struct vcpu_hvm_x86_64 *r, struct hvm_vcpu_state *o)
{
    if (!canonical(r->rip))
        return "RIP is not canonical";
    if (!(r->cr0 & CR0_PG))
        return "CR0.PG not set";
    if (!(r->cr4 & CR4_PAE))
        return "CR4.PAE not set";
    if (!(r->efer & EFER_LME_))
        return "EFER.LME not set";
    o->regs = (struct guest_regs){ .rax = r->rax, .rcx = r->rcx, .rdx = r->rdx,
                                   .rbx = r->rbx, .rsp = r->rsp, .rbp = r->rbp,
                                   .rsi = r->rsi, .rdi = r->rdi, .rip = r->rip,
                                   .rflags = r->rflags };
    o->cr0 = r->cr0;
    o->cr3 = r->cr3;
    o->cr4 = r->cr4;
    o->efer = r->efer;
    o->cs = (struct hvm_seg){ .attr = 0xa9b, .limit = ~0u };   /* 64-bit code */
    o->ds = (struct hvm_seg){ .attr = 0xc93, .limit = ~0u };   /* flat data */
    o->ss = o->es = o->ds;
    o->tr = (struct hvm_seg){ .attr = 0x8b, .limit = 0x67 };   /* busy TSS */
    return NULL;
}

/* What VMRUN's consistency checks would refuse (AMD APM vol. 2, 15.5.1). */
static const char *check_vmrun(const struct hvm_vcpu_state *o)
{
    bool lm_paging = (o->efer & EFER_LME_) && (o->cr0 & CR0_PG);

    if (o->cr0 >> 32)
        return "CR0 bits 32-63 set";
    if ((o->cr0 & CR0_NW) && !(o->cr0 & CR0_CD))
        return "CR0.NW without CR0.CD";
    if ((o->cr0 & CR0_PG) && !(o->cr0 & CR0_PE))
        return "CR0.PG without CR0.PE";
    if (lm_paging && !(o->cr4 & CR4_PAE))
        return "long mode paging without CR4.PAE";
    if (lm_paging && (o->cs.attr & VCPU_HVM_AR_L) && (o->cs.attr & VCPU_HVM_AR_DB))
        return "CS.L and CS.D both set in long mode";
    if (lm_paging && (o->cr3 >> 52))
        return "CR3 bits 52-63 set";
    return NULL;
}

int hvm_vcpu_context_check(const struct vcpu_hvm_context *ctx, const struct cpuid_policy *p,
                           struct hvm_vcpu_state *out, const char **why)
{
    const char *w;
    uint64_t bad_cr4;

    memset(out, 0, sizeof(*out));
    if (ctx->pad)
        w = "context padding not zero";
    else if (ctx->mode == VCPU_HVM_MODE_32B)
        w = check_32(&ctx->cpu_regs.x86_32, out);
    else if (ctx->mode == VCPU_HVM_MODE_64B)
        w = check_64(&ctx->cpu_regs.x86_64, out);
    else
        w = "unknown mode";
    if (!w) {
        out->regs.rflags = (out->regs.rflags & RFLAGS_ALL) | RFLAGS_MBS;
        out->efer &= ~EFER_LMA_;
        if ((out->efer & EFER_LME_) && (out->cr0 & CR0_PG))
            out->efer |= EFER_LMA_;
        out->cr0 |= CR0_ET;         /* hard-wired to 1 on every CPU we run on */
        bad_cr4 = out->cr4 & ~hvm_cr4_valid_bits(p);
        if (bad_cr4)
            w = "CR4 bits not offered by CPUID";
        else if ((w = efer_problem(p, out->efer)) == NULL)
            w = check_vmrun(out);
    }
    if (why)
        *why = w;
    return w ? -EINVAL : 0;
}
