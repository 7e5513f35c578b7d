/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The guest page-table walker (see asm/guest_walk.h).  One loop walks all
 * modes; a small mode descriptor says how wide entries and indices are and
 * at which levels PS makes a large page.
 */
#include <xen/errno.h>
#include <asm/guest_walk.h>
#include <asm/p2m.h>

#define E_P     (1ULL << 0)
#define E_RW    (1ULL << 1)
#define E_US    (1ULL << 2)
#define E_PS    (1ULL << 7)
#define E_NX    (1ULL << 63)
#define ADDR64  0x000ffffffffff000ULL
#define PDPTE_RSVD  (E_RW | E_US | (0xfULL << 5) | E_NX)    /* bits 1, 2, 5-8, 63 */

struct mode {
    unsigned int esz;           /* entry size in bytes */
    unsigned int bits;          /* index bits per level */
    unsigned int large;         /* bit n set: PS at level n is a large page */
    bool nxe;                   /* bit 63 is NX (else reserved) */
};

/* Rights accumulated down the walk. */
struct walk {
    bool rw, us, nx;
    uint64_t gpa;
};

static unsigned int shift_of(const struct mode *m, unsigned int level)
{
    return 12 + m->bits * (level - 1);
}

/* Reserved bits set in entry @e at @level (leaf when @leaf)? */
static bool reserved(const struct mode *m, uint64_t e, unsigned int level, bool leaf)
{
    if (m->esz == 4)
        return leaf && level == 2 && (e & (1ULL << 21));    /* 4 MiB: bit 21 */
    if ((e & E_NX) && !m->nxe)
        return true;
    if (level == 4 && (e & E_PS))
        return true;
    /* Large leaves: bits 13 .. shift-1 (above the PAT bit) must be zero. */
    return leaf && level > 1 &&
           (e & (((1ULL << shift_of(m, level)) - 1) & ~0x1fffULL));
}

static uint64_t leaf_base(const struct mode *m, uint64_t e, unsigned int level)
{
    uint64_t size = 1ULL << shift_of(m, level);

    if (m->esz == 8)
        return e & ADDR64 & ~(size - 1);
    if (level == 1)
        return e & 0xfffff000ULL;
    /* 4 MiB page: bits 31-22, and PSE-36 bits 39-32 from entry bits 20-13. */
    return (e & 0xffc00000ULL) | (((e >> 13) & 0xff) << 32);
}

static int walk_tables(const struct mode *m, uint64_t va, uint64_t table,
                       unsigned int level, struct walk *w,
                       guest_read_fn read, void *ctx)
{
    for (;; level--) {
        unsigned int shift = shift_of(m, level);
        uint64_t idx = (va >> shift) & ((1ULL << m->bits) - 1), e = 0;
        bool leaf;

        if (read(ctx, table + idx * m->esz, m->esz, &e) || !(e & E_P))
            return -EFAULT;
        leaf = level == 1 || ((m->large >> level) & 1 && (e & E_PS));
        if (reserved(m, e, level, leaf))
            return -EFAULT;
        w->rw &= !!(e & E_RW);
        w->us &= !!(e & E_US);
        w->nx |= m->nxe && (e & E_NX);
        if (leaf) {
            w->gpa = leaf_base(m, e, level) | (va & ((1ULL << shift) - 1));
            return 0;
        }
        table = m->esz == 8 ? (e & ADDR64) : (e & 0xfffff000ULL);
    }
}

static int walk_long(const struct guest_paging *pg, uint64_t va, struct walk *w,
                     guest_read_fn read, void *ctx)
{
    const struct mode m = { 8, 9, (1u << 3) | (1u << 2), pg->efer & GUEST_EFER_NXE };
    uint64_t top = va >> 47;                    /* bits 63-47: all equal */

    if ((pg->cr4 & GUEST_CR4_LA57) || (top != 0 && top != 0x1ffff))
        return -EFAULT;                         /* 5-level, or non-canonical */
    return walk_tables(&m, va, pg->cr3 & ADDR64, 4, w, read, ctx);
}

static int walk_pae(const struct guest_paging *pg, uint64_t va, struct walk *w,
                    guest_read_fn read, void *ctx)
{
    const struct mode m = { 8, 9, 1u << 2, pg->efer & GUEST_EFER_NXE };
    uint64_t pdpte = 0;

    if (read(ctx, (pg->cr3 & 0xffffffe0ULL) + ((va >> 30) & 3) * 8, 8, &pdpte) ||
        !(pdpte & E_P) || (pdpte & PDPTE_RSVD))
        return -EFAULT;
    return walk_tables(&m, va, pdpte & ADDR64, 2, w, read, ctx);
}

static int walk_2level(const struct guest_paging *pg, uint64_t va, struct walk *w,
                       guest_read_fn read, void *ctx)
{
    const struct mode m = { 4, 10, (pg->cr4 & GUEST_CR4_PSE) ? 1u << 2 : 0, false };

    return walk_tables(&m, va, pg->cr3 & 0xfffff000ULL, 2, w, read, ctx);
}

static bool permitted(const struct guest_paging *pg, uint32_t pfec, const struct walk *w)
{
    bool user = pfec & PFEC_user;

    if (user && !w->us)
        return false;
    if ((pfec & PFEC_write) && !w->rw && (user || (pg->cr0 & GUEST_CR0_WP)))
        return false;
    if ((pfec & PFEC_insn_fetch) &&
        (w->nx || (!user && w->us && (pg->cr4 & GUEST_CR4_SMEP))))
        return false;
    return true;
}

int guest_walk(const struct guest_paging *pg, uint64_t va, uint32_t pfec,
               guest_read_fn read, void *ctx, uint64_t *gpa)
{
    struct walk w = { .rw = true, .us = true, .nx = false };
    bool lma = pg->efer & GUEST_EFER_LMA;
    int rc;

    if (!lma && (va >> 32))
        return -EFAULT;                         /* 32-bit linear addresses only */
    if (!(pg->cr0 & GUEST_CR0_PG)) {
        *gpa = va;
        return 0;
    }
    if (lma)
        rc = walk_long(pg, va, &w, read, ctx);
    else if (pg->cr4 & GUEST_CR4_PAE)
        rc = walk_pae(pg, va, &w, read, ctx);
    else
        rc = walk_2level(pg, va, &w, read, ctx);
    if (rc || !permitted(pg, pfec, &w))
        return -EFAULT;
    *gpa = w.gpa;
    return 0;
}
