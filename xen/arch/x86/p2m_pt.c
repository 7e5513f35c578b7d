/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Nested page table logic for the p2m (see asm/p2m_pt.h for the format).
 * Levels are numbered 4 (root) to 1; a 2 MiB mapping is a large leaf at
 * level 2.  Entries are written with single aligned 64-bit stores, and a
 * new table is filled completely before it is linked, so a concurrent
 * hardware walk sees either the old or the new translation.  The entry
 * bits come from pt->fmt: AMD NPT (below, the default) or Intel EPT
 * (vmx/ept_format.c); the walk is the same for both.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/page.h>
#include <asm/p2m_pt.h>

#define TABLE_FLAGS     (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define LEAF_BASE       (_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define LEAF_RW         (LEAF_BASE | _PAGE_RW | _PAGE_DIRTY)
#define LEAF_UC         (_PAGE_PCD | _PAGE_PWT)

/* NPT leaf bits per type; NX is added for .nx types when the host allows it. */
static const struct {
    uint64_t flags;
    bool nx;
} type_bits[] = {
    [p2m_ram_rw]       = { LEAF_RW,            false },
    [p2m_ram_ro]       = { LEAF_BASE,          false },
    [p2m_mmio_direct]  = { LEAF_RW | LEAF_UC,  true  },
    [p2m_grant_map_rw] = { LEAF_RW,            false },
    [p2m_grant_map_ro] = { LEAF_BASE,          false },
    [p2m_foreign]      = { LEAF_RW,            false },
    [p2m_special]      = { LEAF_RW,            false },
};
#define NR_TYPES (sizeof(type_bits) / sizeof(type_bits[0]))

static uint64_t npt_leaf(p2m_type_t t, bool use_nx)
{
    if ((unsigned int)t >= NR_TYPES || !type_bits[t].flags)
        return 0;
    return type_bits[t].flags | (type_bits[t].nx && use_nx ? _PAGE_NX : 0);
}

const struct p2m_pt_format p2m_pt_npt = {
    .name = "NPT",
    .present = _PAGE_PRESENT,
    .table = TABLE_FLAGS,
    .large = _PAGE_PSE,
    .leaf = npt_leaf,
};

static inline const struct p2m_pt_format *fmt(const struct p2m_pt *pt)
{
    return pt->fmt ? pt->fmt : &p2m_pt_npt;
}

#define present(e)          (((e) & fmt(pt)->present) != 0)
#define is_leaf(e, level)   ((level) == 1 || ((e) & fmt(pt)->large))
#define TABLE_ENTRY(mfn)    (((pte_t)(mfn) << PAGE_SHIFT) | fmt(pt)->table)

static inline unsigned long entry_mfn(pte_t e) { return (e & PADDR_MASK) >> PAGE_SHIFT; }
static inline pte_t *table_va(unsigned long mfn) { return arch_mfn_to_virt(mfn); }

static inline unsigned int slot(uint64_t gfn, unsigned int level)
{
    return (gfn >> (9 * (level - 1))) & (PAGETABLE_ENTRIES - 1);
}

static inline void write_pte(pte_t *p, pte_t v) { *(volatile pte_t *)p = v; }

uint64_t p2m_pt_leaf_flags(const struct p2m_pt *pt, p2m_type_t t, unsigned int order)
{
    uint64_t f;

    if (t == p2m_invalid || !(f = fmt(pt)->leaf(t, pt->use_nx)))
        return 0;
    f |= (uint64_t)t << P2M_TYPE_SHIFT;
    if (order == P2M_ORDER_2M)
        f |= fmt(pt)->large;
    return f;
}

static unsigned long new_table(struct p2m_pt *pt)
{
    unsigned long mfn = pt->alloc_table(pt);

    if (mfn != INVALID_MFN)
        pt->nr_tables++;
    return mfn;
}

static void free_table(struct p2m_pt *pt, unsigned long mfn)
{
    BUG_ON(pt->nr_tables == 0);
    pt->nr_tables--;
    pt->free_table(pt, mfn);
}

int p2m_pt_init(struct p2m_pt *pt)
{
    pt->nr_tables = 0;
    pt->root_mfn = new_table(pt);
    return pt->root_mfn == INVALID_MFN ? -ENOMEM : 0;
}

/* Free the tables below the level-@level table @mfn, then the table itself. */
static void free_tree(struct p2m_pt *pt, unsigned long mfn, unsigned int level)
{
    pte_t *tab = table_va(mfn);

    for (unsigned int i = 0; level > 1 && i < PAGETABLE_ENTRIES; i++)
        if (present(tab[i]) && !is_leaf(tab[i], level))
            free_tree(pt, entry_mfn(tab[i]), level - 1);
    free_table(pt, mfn);
}

void p2m_pt_destroy(struct p2m_pt *pt)
{
    if (pt->root_mfn == INVALID_MFN)
        return;
    free_tree(pt, pt->root_mfn, 4);
    pt->root_mfn = INVALID_MFN;
    BUG_ON(pt->nr_tables != 0);
}

void p2m_pt_release(struct p2m_pt *pt, const struct p2m_pt_update *u)
{
    if (u->freed_table != INVALID_MFN)
        free_table(pt, u->freed_table);     /* an L1 table: leaves only */
}

/* Replace the 2 MiB leaf *@e by an L1 table mapping the same 512 frames. */
static int split_2m(struct p2m_pt *pt, pte_t *e)
{
    pte_t old = *e, small = old & ~(fmt(pt)->large | PADDR_MASK);
    unsigned long base = entry_mfn(old), mfn = new_table(pt);
    pte_t *tab;

    if (mfn == INVALID_MFN)
        return -ENOMEM;
    tab = table_va(mfn);
    for (unsigned int i = 0; i < PAGETABLE_ENTRIES; i++)
        tab[i] = small | ((pte_t)(base + i) << PAGE_SHIFT);
    write_pte(e, TABLE_ENTRY(mfn));
    return 0;
}

/*
 * The entry for @gfn at @target level.  A 2 MiB leaf above a 4 KiB target
 * is split; missing tables are created only when @create (a removal has
 * nothing to do there).  NULL with *rc = 0 when absent, or *rc = -ENOMEM.
 */
static pte_t *walk_to(struct p2m_pt *pt, uint64_t gfn, unsigned int target,
                      bool create, int *rc)
{
    pte_t *tab = table_va(pt->root_mfn);

    *rc = 0;
    for (unsigned int level = 4; level > target; level--) {
        pte_t *e = &tab[slot(gfn, level)];

        if (present(*e) && is_leaf(*e, level)) {
            ASSERT(level == 2);                 /* we make no 1 GiB leaves */
            if ((*rc = split_2m(pt, e)))
                return NULL;
        } else if (!present(*e)) {
            unsigned long mfn;

            if (!create)
                return NULL;
            if ((mfn = new_table(pt)) == INVALID_MFN) {
                *rc = -ENOMEM;
                return NULL;
            }
            write_pte(e, TABLE_ENTRY(mfn));
        }
        tab = table_va(entry_mfn(*e));
    }
    return &tab[slot(gfn, target)];
}

static bool args_ok(const struct p2m_pt *pt, uint64_t gfn, unsigned long mfn,
                    unsigned int order, p2m_type_t t)
{
    if (order != 0 && order != P2M_ORDER_2M)
        return false;
    if (gfn > P2M_MAX_GFN || (gfn & ((1ULL << order) - 1)))
        return false;
    if (t == p2m_invalid)
        return true;
    return p2m_pt_leaf_flags(pt, t, order) != 0 && mfn <= P2M_MAX_MFN &&
           !(mfn & ((1UL << order) - 1));
}

int p2m_pt_set(struct p2m_pt *pt, uint64_t gfn, unsigned long mfn,
               unsigned int order, p2m_type_t t, struct p2m_pt_update *u)
{
    unsigned int level = order ? 2 : 1;
    pte_t *e, old, new = 0;
    int rc;

    u->flush = false;
    u->freed_table = INVALID_MFN;
    if (!args_ok(pt, gfn, mfn, order, t))
        return -EINVAL;
    e = walk_to(pt, gfn, level, t != p2m_invalid, &rc);
    if (!e)
        return rc;
    if (t != p2m_invalid)
        new = ((pte_t)mfn << PAGE_SHIFT) | p2m_pt_leaf_flags(pt, t, order);
    old = *e;
    write_pte(e, new);
    if (present(old) && !is_leaf(old, level))
        u->freed_table = entry_mfn(old);        /* an L1 table under a 2 MiB slot */
    /* Conservative: any change to a present entry is flushed. */
    u->flush = present(old) && old != new;
    return 0;
}

unsigned long p2m_pt_get(const struct p2m_pt *pt, uint64_t gfn, p2m_type_t *t,
                         unsigned int *order)
{
    const pte_t *tab = table_va(pt->root_mfn);
    unsigned long mfn = INVALID_MFN;
    p2m_type_t type = p2m_invalid;
    unsigned int level = 4;

    for (; gfn <= P2M_MAX_GFN && level > 0; level--) {
        pte_t e = tab[slot(gfn, level)];

        if (!present(e))
            break;
        if (is_leaf(e, level)) {
            unsigned long off = gfn & ((1UL << (9 * (level - 1))) - 1);

            mfn = entry_mfn(e) + off;     /* no PAT bit (12) in our 2 MiB leaves */
            type = (e & P2M_TYPE_MASK) >> P2M_TYPE_SHIFT;
            break;
        }
        tab = table_va(entry_mfn(e));
    }
    if (t)
        *t = type;
    if (order)
        *order = mfn == INVALID_MFN ? 0 : 9 * (level - 1);
    return mfn;
}
