/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The per-domain p2m: a lock, the nested page tables (p2m_pt.c) and the
 * TLB flush after a change that removes or alters a present mapping.
 * Table pages come from the xenheap (zeroed) and are accounted to the p2m
 * (pt.nr_tables), not to the domain's tot_pages.
 *
 * Order of a change: update the entry, flush every vCPU's nested TLB
 * (hvm_ops->flush_guest_tlbs), and only then free a table page that was
 * unlinked, so no CPU can still walk it.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <asm/hvm.h>
#include <asm/p2m.h>
#include <asm/p2m_pt.h>

struct p2m_domain {
    spinlock_t lock;                /* protects pt (entries and counters) */
    struct p2m_pt pt;
    struct domain *domain;
    uint64_t max_mapped_gfn;        /* highest GFN ever mapped (lock) */
};

static unsigned long xenheap_table(struct p2m_pt *pt)
{
    void *va = alloc_xenheap_pages(0, MEMF_zero);

    (void)pt;
    return va ? arch_virt_to_mfn(va) : INVALID_MFN;
}

static void xenheap_table_free(struct p2m_pt *pt, unsigned long mfn)
{
    (void)pt;
    free_xenheap_pages(arch_mfn_to_virt(mfn), 0);
}

int p2m_init(struct domain *d)
{
    struct p2m_domain *p2m = xzalloc(sizeof(*p2m));

    if (!p2m)
        return -ENOMEM;
    spin_lock_init(&p2m->lock);
    p2m->domain = d;
    p2m->pt.alloc_table = xenheap_table;
    p2m->pt.free_table = xenheap_table_free;
    p2m->pt.use_nx = true;          /* head.S and the AP path set EFER.NXE */
    p2m->pt.fmt = hvm_ops ? hvm_ops->p2m_format : NULL;    /* NULL: NPT */
    if (p2m_pt_init(&p2m->pt)) {
        xfree(p2m);
        return -ENOMEM;
    }
    d->arch.p2m = p2m;
    return 0;
}

void p2m_teardown(struct domain *d)
{
    struct p2m_domain *p2m = d->arch.p2m;

    if (!p2m)
        return;
    p2m_pt_destroy(&p2m->pt);       /* BUGs unless every table came back */
    xfree(p2m);
    d->arch.p2m = NULL;
}

/* After an update: flush if needed, then free what was unlinked. */
static void finish_update(struct p2m_domain *p2m, const struct p2m_pt_update *u)
{
    if (u->flush && hvm_ops && hvm_ops->flush_guest_tlbs)
        hvm_ops->flush_guest_tlbs(p2m->domain);
    p2m_pt_release(&p2m->pt, u);
}

static int p2m_update(struct domain *d, uint64_t gfn, unsigned long mfn,
                      unsigned int order, p2m_type_t t)
{
    struct p2m_domain *p2m = d->arch.p2m;
    struct p2m_pt_update u;
    int rc;

    if (!p2m)
        return -EINVAL;
    spin_lock(&p2m->lock);
    rc = p2m_pt_set(&p2m->pt, gfn, mfn, order, t, &u);
    if (!rc && mfn != INVALID_MFN)
        p2m->max_mapped_gfn = max(p2m->max_mapped_gfn, gfn + (1ULL << order) - 1);
    finish_update(p2m, &u);
    spin_unlock(&p2m->lock);
    return rc;
}

int p2m_set_entry(struct domain *d, uint64_t gfn, unsigned long mfn,
                  unsigned int order, p2m_type_t t)
{
    if (t == p2m_invalid)
        return -EINVAL;             /* use p2m_remove */
    return p2m_update(d, gfn, mfn, order, t);
}

int p2m_remove(struct domain *d, uint64_t gfn, unsigned int order)
{
    return p2m_update(d, gfn, INVALID_MFN, order, p2m_invalid);
}

unsigned long p2m_get_entry(struct domain *d, uint64_t gfn, p2m_type_t *t,
                            unsigned int *order)
{
    struct p2m_domain *p2m = d->arch.p2m;
    unsigned long mfn;

    if (!p2m) {
        if (t)
            *t = p2m_invalid;
        if (order)
            *order = 0;
        return INVALID_MFN;
    }
    spin_lock(&p2m->lock);
    mfn = p2m_pt_get(&p2m->pt, gfn, t, order);
    spin_unlock(&p2m->lock);
    return mfn;
}

unsigned long p2m_get_entry_hold(struct domain *d, uint64_t gfn, p2m_type_t *t)
{
    struct p2m_domain *p2m = d->arch.p2m;

    if (!p2m) {
        *t = p2m_invalid;
        return INVALID_MFN;
    }
    spin_lock(&p2m->lock);
    return p2m_pt_get(&p2m->pt, gfn, t, NULL);
}

void p2m_put_entry(struct domain *d)
{
    if (d->arch.p2m)
        spin_unlock(&d->arch.p2m->lock);
}

uint64_t p2m_max_mapped_gfn(const struct domain *d)
{
    return d->arch.p2m ? READ_ONCE(d->arch.p2m->max_mapped_gfn) : 0;
}

uint64_t p2m_root_maddr(const struct domain *d)
{
    const struct p2m_domain *p2m = d->arch.p2m;

    return p2m ? (uint64_t)p2m->pt.root_mfn << PAGE_SHIFT : 0;
}

unsigned long p2m_table_pages(const struct domain *d)
{
    const struct p2m_domain *p2m = d->arch.p2m;

    return p2m ? p2m->pt.nr_tables : 0;
}
