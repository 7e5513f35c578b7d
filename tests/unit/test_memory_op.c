/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * memory_op's ABI layer (hypercalls/memory_*.c) against fakes for the
 * physmap mechanism, the domain list and guest memory: sub-op dispatch,
 * Xen's result conventions (extents done, start extent on bad input),
 * continuations encoded in cmd, permissions, limits and every error code.
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/physmap.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/memory.h>

/* ---- fakes ---- */
#define GVA_BASE 0x10000ULL
#define GVA_SIZE 0x10000ULL
#include "fake_guest_virt.h"
#include <string.h>

extern char unit_log[];         /* stubs.c: what printk printed */
#define G(off) (GVA_BASE + (off))               /* guest address of gmem[off] */

static struct domain dom0 = { .domain_id = 0, .is_privileged = true, .tot_pages = 100,
                              .max_pages = 200 };
static struct domain dom1 = { .domain_id = 1, .tot_pages = 10, .max_pages = 20 };
static struct vcpu v0 = { .domain = &dom0 }, v1 = { .domain = &dom1 };

static int holds;                               /* domain_get() minus domain_put() */
struct domain *domain_get(domid_t id)
{
    struct domain *d = id == 0 ? &dom0 : id == 1 ? &dom1 : NULL;

    holds += d != NULL;
    return d;
}

void domain_put(struct domain *d)
{
    CHECK(d && holds > 0);
    holds--;
}

unsigned long max_page = 0x40000;
uint64_t p2m_max_mapped_gfn(const struct domain *d) { return d == &dom0 ? 0xfff : 0x7ff; }

static unsigned int preempt_after = ~0u;       /* softirq "pending" after this many checks */
bool hypercall_preempt_check(void)
{
    if (preempt_after == 0)
        return true;
    preempt_after--;
    return false;
}

/* Each physmap call is logged as "op gfn order/idx" and may be made to fail. */
static char log_buf[4096];
static int fail_at = -1, fail_rc = -ENOMEM;     /* fail the Nth call */
static unsigned int calls;

static int record(const char *what, struct domain *d, uint64_t a, uint64_t b)
{
    size_t n = strlen(log_buf);

    snprintf(log_buf + n, sizeof(log_buf) - n, "%s d%u %#llx %#llx;", what, d->domain_id,
             (unsigned long long)a, (unsigned long long)b);
    return (int)calls++ == fail_at ? fail_rc : 0;
}

int physmap_release(struct domain *d, uint64_t gfn) { return record("rel", d, gfn, 0); }
int physmap_populate(struct domain *d, uint64_t gfn, unsigned int order, unsigned int bits)
{
    return record("pop", d, gfn, order | (bits << 8));
}
int physmap_increase(struct domain *d, unsigned int order) { return record("inc", d, order, 0); }
int physmap_add(struct domain *d, unsigned int space, uint64_t idx, uint64_t gfn)
{
    return record(space == XENMAPSPACE_shared_info ? "shi" : space == XENMAPSPACE_gmfn ? "gmfn" : "add",
                  d, idx, gfn);
}
int physmap_remove(struct domain *d, uint64_t gfn) { return record("rm", d, gfn, 0); }

static void reset(void)
{
    CHECK_EQ(holds, 0);                         /* every hold was dropped */
    memset(gmem, 0, sizeof(gmem));
    log_buf[0] = '\0';
    fail_at = -1;
    fail_rc = -ENOMEM;
    calls = 0;
    preempt_after = ~0u;
}

static long call(struct vcpu *v, uint64_t cmd, uint64_t arg, uint64_t *cmd_out)
{
    struct hypercall_args a = { { cmd, arg } };
    long rc = do_memory_op(v, &a);

    if (cmd_out)
        *cmd_out = a.a[0];
    return rc;
}

/* A reservation at gmem[0] with its extent list at gmem[0x100]. */
static uint64_t resv(unsigned long nr, unsigned int order, uint32_t flags, domid_t domid)
{
    struct xen_memory_reservation r = { G(0x100), nr, order, flags, domid };

    memcpy(gmem, &r, sizeof(r));
    for (unsigned long i = 0; i < nr && i < 64; i++)
        ((uint64_t *)(gmem + 0x100))[i] = 0x1000 + i;
    return G(0);
}

/* ---- tests ---- */

TEST(unknown_and_unimplemented_subops)
{
    reset();
    CHECK_EQ(call(&v1, 63, 0, NULL), -ENOSYS);
    CHECK_EQ(call(&v1, XENMEM_machphys_mfn_list, 0, NULL), -ENOSYS);
    CHECK_EQ(call(&v1, XENMEM_claim_pages, 0, NULL), -ENOSYS);
    CHECK_EQ(call(&v1, XENMEM_maximum_ram_page, 0, NULL), 0x40000);
    CHECK_EQ(call(&v1, XENMEM_maximum_ram_page | (1 << MEMOP_EXTENT_SHIFT), 0, NULL), -EINVAL);
}

TEST(populate_extents_in_order)
{
    reset();
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 0, 0, DOMID_SELF), NULL), 3);
    CHECK_STR(log_buf, "pop d1 0x1000 0;pop d1 0x1001 0;pop d1 0x1002 0;");
    reset();
    fail_at = 1;                                /* second extent fails: 1 done */
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 0, 0, DOMID_SELF), NULL), 1);
    reset();
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 9, XENMEMF_address_bits(32), 1), NULL), 3);
    CHECK_STR(log_buf, "pop d1 0x1000 0x2009;pop d1 0x1001 0x2009;pop d1 0x1002 0x2009;");
}

TEST(reservation_bad_input_returns_start)
{
    uint64_t arg;

    reset();
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, 0, NULL), 0);                 /* bad pointer */
    CHECK_EQ(call(&v1, XENMEM_populate_physmap | (5 << MEMOP_EXTENT_SHIFT), 0, NULL), 5);
    arg = resv(3, 0, 0, DOMID_SELF);
    CHECK_EQ(call(&v1, XENMEM_populate_physmap | (3 << MEMOP_EXTENT_SHIFT), arg, NULL), 3);
    CHECK_EQ(call(&v1, XENMEM_populate_physmap | (7ULL << MEMOP_EXTENT_SHIFT), arg, NULL), 7);
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(1u << 26, 0, 0, DOMID_SELF), NULL), 0);
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 10, 0, DOMID_SELF), NULL), 0);
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 0, 0, 0), NULL), 0);  /* dom0: no right */
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 0, 0, 9), NULL), 0);  /* no domain */
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 0, XENMEMF_address_bits(12), 1), NULL), 0);
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 0, XENMEMF_exact_node(0), 1), NULL), 0);
    CHECK_EQ(call(&v0, XENMEM_populate_physmap, resv(3, 0, XENMEMF_node(64), 0), NULL), 0);
    CHECK_EQ(call(&v0, XENMEM_populate_physmap, resv(3, 19, 0, 0), NULL), 0);
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, resv(3, 0, XENMEMF_populate_on_demand, 1), NULL), 0);
    CHECK_STR(log_buf, "");                     /* none reached the mechanism */
    /* The list itself unreadable from extent 2 on: 2 done. */
    arg = resv(3, 0, 0, DOMID_SELF);
    ((struct xen_memory_reservation *)gmem)->extent_start = GVA_BASE + GVA_SIZE - 16;
    CHECK_EQ(call(&v1, XENMEM_populate_physmap, arg, NULL), 2);
}

TEST(control_domain_may_act_on_others)
{
    reset();
    CHECK_EQ(call(&v0, XENMEM_populate_physmap, resv(2, 18, XENMEMF_node(1), 1), NULL), 2);
    CHECK_STR(log_buf, "pop d1 0x1000 0x12;pop d1 0x1001 0x12;");
    reset();
    CHECK_EQ(call(&v0, XENMEM_populate_physmap, resv(2, 0, XENMEMF_exact_node(1), 1), NULL), 0);
    CHECK_EQ(call(&v0, XENMEM_populate_physmap, resv(2, 0, XENMEMF_vnode | XENMEMF_node(99), 1),
                  NULL), 2);
}

TEST(decrease_and_increase)
{
    reset();
    CHECK_EQ(call(&v1, XENMEM_decrease_reservation, resv(2, 1, 0, DOMID_SELF), NULL), 2);
    CHECK_STR(log_buf, "rel d1 0x1000 0;rel d1 0x1001 0;rel d1 0x1001 0;rel d1 0x1002 0;");
    reset();
    fail_at = 1;
    fail_rc = -EINVAL;                          /* nothing at the second page */
    CHECK_EQ(call(&v1, XENMEM_decrease_reservation, resv(2, 1, 0, DOMID_SELF), NULL), 0);
    reset();
    CHECK_EQ(call(&v1, XENMEM_increase_reservation, resv(2, 3, 0, DOMID_SELF), NULL), 2);
    CHECK_STR(log_buf, "inc d1 0x3 0;inc d1 0x3 0;");
    reset();                                    /* the list is not read for increase */
    ((struct xen_memory_reservation *)gmem)[0] = (struct xen_memory_reservation){ 0, 2, 0, 0,
                                                                                   DOMID_SELF };
    CHECK_EQ(call(&v1, XENMEM_increase_reservation, G(0), NULL), 2);
}

TEST(reservation_continuation)
{
    uint64_t cmd, arg;
    long rc;

    reset();
    arg = resv(5, 0, 0, DOMID_SELF);
    preempt_after = 1;                          /* after extent 1, before extent 2 */
    rc = call(&v1, XENMEM_populate_physmap, arg, &cmd);
    CHECK_EQ(rc, -ERESTART);
    CHECK_EQ(cmd, XENMEM_populate_physmap | (2 << MEMOP_EXTENT_SHIFT));
    preempt_after = ~0u;
    CHECK_EQ(call(&v1, cmd, arg, NULL), 5);
    CHECK_STR(log_buf, "pop d1 0x1000 0;pop d1 0x1001 0;pop d1 0x1002 0;pop d1 0x1003 0;"
                       "pop d1 0x1004 0;");
    /* Preemption is checked between extents only: each call makes progress. */
    reset();
    arg = resv(2, 0, 0, DOMID_SELF);
    preempt_after = 0;
    CHECK_EQ(call(&v1, XENMEM_decrease_reservation | (1 << MEMOP_EXTENT_SHIFT), arg, &cmd), 2);
    CHECK_STR(log_buf, "rel d1 0x1001 0;");
}

TEST(queries)
{
    reset();
    *(domid_t *)gmem = DOMID_SELF;
    CHECK_EQ(call(&v1, XENMEM_current_reservation, G(0), NULL), 10);
    CHECK_EQ(call(&v1, XENMEM_maximum_reservation, G(0), NULL), 20);
    CHECK_EQ(call(&v1, XENMEM_maximum_gpfn, G(0), NULL), 0x7ff);
    *(domid_t *)gmem = 0;
    CHECK_EQ(call(&v1, XENMEM_current_reservation, G(0), NULL), -EPERM);
    CHECK_EQ(call(&v0, XENMEM_current_reservation, G(0), NULL), 100);
    *(domid_t *)gmem = 1;
    CHECK_EQ(call(&v0, XENMEM_maximum_reservation, G(0), NULL), 20);
    *(domid_t *)gmem = 42;
    CHECK_EQ(call(&v0, XENMEM_current_reservation, G(0), NULL), -ESRCH);
    CHECK_EQ(call(&v0, XENMEM_current_reservation, 0, NULL), -EFAULT);
    CHECK_EQ(call(&v0, XENMEM_current_reservation | (1 << MEMOP_EXTENT_SHIFT), G(0), NULL),
             -EINVAL);
}

TEST(memory_map)
{
    struct e820entry map[3] = { { 0, 0xa0000, 1 }, { 0xf0000, 0x10000, 2 },
                                { 0x100000, 0xf00000, 1 } };
    struct xen_memory_map *m = (void *)gmem;

    reset();
    m->nr_entries = 8;
    m->buffer = G(0x100);
    CHECK_EQ(call(&v1, XENMEM_memory_map, G(0), NULL), -ENOSYS);      /* none recorded */
    dom1.e820 = map;
    dom1.nr_e820 = 3;
    CHECK_EQ(call(&v1, XENMEM_memory_map, G(0), NULL), 0);
    CHECK_EQ(m->nr_entries, 3);
    CHECK(!memcmp(gmem + 0x100, map, sizeof(map)));
    m->nr_entries = 2;                          /* too small: truncated, no error */
    memset(gmem + 0x100, 0, sizeof(map));
    CHECK_EQ(call(&v1, XENMEM_memory_map, G(0), NULL), 0);
    CHECK_EQ(m->nr_entries, 2);
    CHECK_EQ(((struct e820entry *)(gmem + 0x100))[2].size, 0);
    m->buffer = GVA_BASE + GVA_SIZE - 30;       /* the second entry is off the end */
    CHECK_EQ(call(&v1, XENMEM_memory_map, G(0), NULL), -EFAULT);
    CHECK_EQ(call(&v1, XENMEM_memory_map, 4, NULL), -EFAULT);
    dom1.e820 = NULL;
    dom1.nr_e820 = 0;
}

static uint64_t xatp(domid_t domid, unsigned int space, uint16_t size, uint64_t idx, uint64_t gpfn)
{
    struct xen_add_to_physmap x = { domid, size, space, idx, gpfn };

    memcpy(gmem, &x, sizeof(x));
    return G(0);
}

TEST(add_to_physmap)
{
    uint64_t cmd, arg;

    reset();
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, xatp(DOMID_SELF, 0, 0, 0, 0x50), NULL), 0);
    CHECK_STR(log_buf, "shi d1 0 0x50;");
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, xatp(DOMID_SELF, 0, 0, 0, ~0ULL), NULL), -EINVAL);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, 0, NULL), -EFAULT);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap | (0x10000ULL << MEMOP_EXTENT_SHIFT),
                  xatp(DOMID_SELF, 0, 0, 0, 0x50), NULL), -EDOM);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, xatp(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 0, 0, 1),
                  NULL), -ENOSYS);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, xatp(0, 0, 0, 0, 0x50), NULL), -EPERM);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, xatp(7, 0, 0, 0, 0x50), NULL), -ESRCH);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, xatp(DOMID_SELF, XENMAPSPACE_dev_mmio, 0, 0, 1),
                  NULL), -EACCES);
    CHECK_EQ(call(&v0, XENMEM_add_to_physmap, xatp(1, XENMAPSPACE_dev_mmio, 0, 0, 1), NULL),
             -EACCES);
    reset();
    CHECK_EQ(call(&v0, XENMEM_add_to_physmap, xatp(1, 0, 0, 0, 0x60), NULL), 0);
    CHECK_STR(log_buf, "shi d1 0 0x60;");
    /* gmfn_range: size pages, preemptible, resumed from cmd's start. */
    reset();
    arg = xatp(DOMID_SELF, XENMAPSPACE_gmfn_range, 3, 0x10, 0x20);
    preempt_after = 1;
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap, arg, &cmd), -ERESTART);
    CHECK_EQ(cmd, XENMEM_add_to_physmap | (2 << MEMOP_EXTENT_SHIFT));
    preempt_after = ~0u;
    CHECK_EQ(call(&v1, cmd, arg, NULL), 0);
    CHECK_STR(log_buf, "gmfn d1 0x10 0x20;gmfn d1 0x11 0x21;gmfn d1 0x12 0x22;");
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap | (4 << MEMOP_EXTENT_SHIFT), arg, NULL), -EILSEQ);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap,
                  xatp(DOMID_SELF, XENMAPSPACE_gmfn_range, 3, ~0ULL - 1, 0x20), NULL), -EOVERFLOW);
    reset();
    fail_at = 1;
    fail_rc = -EINVAL;
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap,
                  xatp(DOMID_SELF, XENMAPSPACE_gmfn_range, 3, 0x10, 0x20), NULL), -EINVAL);
}

static uint64_t batch(domid_t domid, uint16_t space, uint16_t size, uint16_t extra)
{
    struct xen_add_to_physmap_batch b = { domid, space, size, { extra }, G(0x100), G(0x200),
                                          G(0x300) };

    memcpy(gmem, &b, sizeof(b));
    for (unsigned int i = 0; i < size && i < 16; i++) {
        ((uint64_t *)(gmem + 0x100))[i] = 0x10 + i;
        ((uint64_t *)(gmem + 0x200))[i] = 0x80 + i;
        ((int32_t *)(gmem + 0x300))[i] = 12345;
    }
    return G(0);
}

TEST(add_to_physmap_batch)
{
    int32_t *errs = (int32_t *)(gmem + 0x300);
    uint64_t cmd, arg;

    reset();
    arg = batch(DOMID_SELF, XENMAPSPACE_gmfn, 3, 0);
    fail_at = 1;
    fail_rc = -EINVAL;
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, arg, NULL), 0);
    CHECK_EQ(errs[0], 0);
    CHECK_EQ(errs[1], -EINVAL);                 /* per entry; the rest go on */
    CHECK_EQ(errs[2], 0);
    CHECK_STR(log_buf, "gmfn d1 0x10 0x80;gmfn d1 0x11 0x81;gmfn d1 0x12 0x82;");
    reset();
    arg = batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 2, 0);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, arg, NULL), 0);
    CHECK_EQ(errs[0], -EPERM);                  /* Xen: hardware domain only */
    CHECK_EQ(errs[1], -EPERM);
    CHECK(strstr(unit_log, "denied: add_to_physmap_batch gmfn_foreign") != NULL);
    arg = batch(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 2, 0);
    CHECK_EQ(call(&v0, XENMEM_add_to_physmap_batch, arg, NULL), 0);
    CHECK_EQ(errs[0], -EOPNOTSUPP);             /* ours: no foreign mappings yet */
    CHECK_EQ(errs[1], -EOPNOTSUPP);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, batch(DOMID_SELF, XENMAPSPACE_gmfn_range, 2, 0),
                  NULL), -EOPNOTSUPP);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, batch(DOMID_SELF, 2, 0, 0), NULL), 0);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch | (1 << MEMOP_EXTENT_SHIFT),
                  batch(DOMID_SELF, 2, 1, 0), NULL), -EILSEQ);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch | (2 << MEMOP_EXTENT_SHIFT),
                  batch(DOMID_SELF, 2, 1, 0), NULL), -EILSEQ);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, batch(0, 2, 1, 0), NULL), -EPERM);
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, batch(5, 2, 1, 0), NULL), -ESRCH);
    CHECK_EQ(call(&v0, XENMEM_add_to_physmap_batch, batch(DOMID_SELF, XENMAPSPACE_dev_mmio, 1, 1),
                  NULL), -EOPNOTSUPP);
    arg = batch(DOMID_SELF, 2, 2, 0);
    ((struct xen_add_to_physmap_batch *)gmem)->errs = GVA_BASE + GVA_SIZE - 4;
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, arg, NULL), -EFAULT);
    arg = batch(DOMID_SELF, 2, 2, 0);
    ((uint64_t *)(gmem + 0x200))[1] = ~0ULL;
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, arg, NULL), -EINVAL);
    reset();
    arg = batch(DOMID_SELF, 2, 3, 0);
    preempt_after = 0;
    CHECK_EQ(call(&v1, XENMEM_add_to_physmap_batch, arg, &cmd), -ERESTART);
    CHECK_EQ(cmd, XENMEM_add_to_physmap_batch | (1 << MEMOP_EXTENT_SHIFT));
    preempt_after = ~0u;
    CHECK_EQ(call(&v1, cmd, arg, NULL), 0);
    CHECK_STR(log_buf, "gmfn d1 0x10 0x80;gmfn d1 0x11 0x81;gmfn d1 0x12 0x82;");
}

TEST(remove_from_physmap)
{
    struct xen_remove_from_physmap *r = (void *)gmem;

    reset();
    r->domid = DOMID_SELF;
    r->gpfn = 0x44;
    CHECK_EQ(call(&v1, XENMEM_remove_from_physmap, G(0), NULL), 0);
    CHECK_STR(log_buf, "rm d1 0x44 0;");
    CHECK_EQ(call(&v1, XENMEM_remove_from_physmap | (1 << MEMOP_EXTENT_SHIFT), G(0), NULL),
             -EINVAL);
    CHECK_EQ(call(&v1, XENMEM_remove_from_physmap, 8, NULL), -EFAULT);
    r->domid = 0;
    CHECK_EQ(call(&v1, XENMEM_remove_from_physmap, G(0), NULL), -EPERM);
    r->domid = 3;
    CHECK_EQ(call(&v1, XENMEM_remove_from_physmap, G(0), NULL), -ESRCH);
}

TEST(exchange_checks)
{
    struct xen_memory_exchange *x = (void *)gmem;

    reset();
    *x = (struct xen_memory_exchange){ .in = { 0, 2, 0, 0, DOMID_SELF },
                                       .out = { 0, 1, 1, 0, DOMID_SELF } };
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), -EOPNOTSUPP);
    CHECK_EQ(call(&v1, XENMEM_exchange | (1 << MEMOP_EXTENT_SHIFT), G(0), NULL), -EINVAL);
    CHECK_EQ(call(&v1, XENMEM_exchange, 0, NULL), -EFAULT);
    x->out.extent_order = 10;
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), -EPERM);
    x->out.extent_order = 2;                    /* 2 pages in, 4 out */
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), -EINVAL);
    x->out.extent_order = 1;
    x->out.domid = 1;
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), -EINVAL);
    x->out.domid = DOMID_SELF;
    x->nr_exchanged = 2;
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), 0);  /* all done already */
    x->nr_exchanged = 3;
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), -EINVAL);
    x->nr_exchanged = 0;
    x->in.domid = x->out.domid = 0;
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), -EPERM);
    x->in.domid = x->out.domid = 9;
    CHECK_EQ(call(&v1, XENMEM_exchange, G(0), NULL), -ESRCH);
    CHECK_STR(log_buf, "");
}

TEST(holds_dropped)
{
    reset();
    CHECK_EQ(holds, 0);
}

TEST_MAIN()
