/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Pure VMX logic (see checks.h); host-tested in tests/unit/test_vmx.c. */
#include <xen/lib.h>
#include "checks.h"

uint32_t vmx_ctl_adjust(uint64_t cap, uint32_t required, uint32_t optional, uint32_t *out)
{
    uint32_t must = (uint32_t)cap, may = (uint32_t)(cap >> 32);

    if (required & ~may)
        return required & ~may;
    *out = (must | required | optional) & may;
    return 0;
}

int vmx_msr_bitmap_pos(uint32_t msr, unsigned int *byte, unsigned int *bit)
{
    static const struct { uint32_t first; unsigned int base; } ranges[] = {
        { 0x00000000, 0 },
        { 0xc0000000, 1024 },
    };

    for (unsigned int i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
        uint32_t idx = msr - ranges[i].first;

        if (idx < 0x2000) {
            *byte = ranges[i].base + idx / 8;
            *bit = idx % 8;
            return 0;
        }
    }
    return -1;
}

#define ATTR_P      (1u << 7)

uint32_t vmx_ar_from_attr(uint16_t attr)
{
    uint32_t ar = (attr & 0xffu) | ((uint32_t)(attr & 0xf00u) << 4);

    return (attr & ATTR_P) ? ar : ar | VMX_AR_UNUSABLE;
}

uint16_t vmx_attr_from_ar(uint32_t ar)
{
    if (ar & VMX_AR_UNUSABLE)
        return 0;
    return (ar & 0xffu) | ((ar >> 4) & 0xf00u);
}

/* EPT leaf bits per p2m type (memory type WB for RAM, UC and no execute for MMIO). */
#define EPT_WB      (EPT_MT_WB << EPT_MT_SHIFT)
#define EPT_RWX     (EPT_R | EPT_W | EPT_X)
static const uint64_t ept_type_bits[] = {
    [p2m_ram_rw]       = EPT_RWX | EPT_WB,
    [p2m_ram_ro]       = EPT_R | EPT_X | EPT_WB,
    [p2m_mmio_direct]  = EPT_R | EPT_W | (EPT_MT_UC << EPT_MT_SHIFT) | EPT_IGNORE_PAT,
    [p2m_grant_map_rw] = EPT_RWX | EPT_WB,
    [p2m_grant_map_ro] = EPT_R | EPT_X | EPT_WB,
    [p2m_foreign]      = EPT_RWX | EPT_WB,
    [p2m_special]      = EPT_RWX | EPT_WB,
};

static uint64_t ept_leaf(p2m_type_t t, bool use_nx)
{
    (void)use_nx;       /* EPT has its own execute bit */
    if ((unsigned int)t >= sizeof(ept_type_bits) / sizeof(ept_type_bits[0]))
        return 0;
    return ept_type_bits[t];
}

const struct p2m_pt_format p2m_pt_ept = {
    .name = "EPT",
    .present = EPT_R | EPT_W | EPT_X,
    .table = EPT_RWX,
    .large = EPT_LARGE,
    .leaf = ept_leaf,
};

/* NPF error code bits, as p2m_npf.c decodes them. */
#define NPF_PRESENT     (1ull << 0)
#define NPF_WRITE       (1ull << 1)
#define NPF_USER        (1ull << 2)
#define NPF_FETCH       (1ull << 4)
#define NPF_FINAL       (1ull << 32)
#define NPF_TABLE       (1ull << 33)

uint64_t vmx_ept_qual_to_npf(uint64_t qual)
{
    uint64_t ec = NPF_USER;     /* nested walks are user accesses on NPT too */

    if (qual & EPT_QUAL_PERMS)
        ec |= NPF_PRESENT;
    if (qual & EPT_QUAL_WRITE)
        ec |= NPF_WRITE;
    if (qual & EPT_QUAL_FETCH)
        ec |= NPF_FETCH;
    if ((qual & EPT_QUAL_GLA_VALID) && !(qual & EPT_QUAL_FINAL))
        ec |= NPF_TABLE;
    else
        ec |= NPF_FINAL;
    return ec;
}

uint16_t vpid_alloc(struct vpid_pool *pool)
{
    for (unsigned int v = 1; v <= VPID_MAX; v++) {
        uint64_t bit = 1ull << (v % 64);

        if (!(pool->used[v / 64] & bit)) {
            pool->used[v / 64] |= bit;
            return v;
        }
    }
    return 0;
}

void vpid_free(struct vpid_pool *pool, uint16_t vpid)
{
    if (vpid && vpid <= VPID_MAX)
        pool->used[vpid / 64] &= ~(1ull << (vpid % 64));
}
