/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Grant-table helpers for the gt-* guests (see gnttab.h): the free-GFN
 * window, table setup, entry fill/revoke in both versions, wrappers of
 * map/unmap/copy returning the per-op GNTST_* status, and the two-domain
 * mailbox.
 */
#include "gnttab.h"

#define PTE_P       0x1ull
#define PTE_W       0x2ull
#define PTE_PS      0x80ull
#define PTE_ADDR    0x000ffffffffff000ull
#define MB_TIMEOUT  (1ull << 36)        /* TSC ticks: 17-70 s at 1-4 GHz */

unsigned int gt_version = 1, gt_nr_frames;
volatile struct gt_mbox *mbox;
unsigned int mb_me;
uint64_t gt_last_dev_bus_addr;

static uint64_t pd_window[512] __attribute__((aligned(4096)));
static uint8_t mbox_page[4096] __attribute__((aligned(4096)));
static grant_handle_t mb_handle;

void gt_window_init(void)
{
    uint64_t *pml4 = (uint64_t *)(read_cr3() & PTE_ADDR);
    uint64_t *pdpt = (uint64_t *)(pml4[0] & PTE_ADDR);

    if (pdpt[GT_GFN_BASE >> 18] & PTE_P)
        return;
    for (unsigned int i = 0; i < 512; i++)
        pd_window[i] = ((GT_GFN_BASE << 12) + ((uint64_t)i << 21)) | PTE_P | PTE_W | PTE_PS;
    pdpt[GT_GFN_BASE >> 18] = (uint64_t)pd_window | PTE_P | PTE_W;
    write_cr3(read_cr3());
}

void gt_yield(void)
{
    HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
}

/* ---- setup ---- */

long gt_query_size(domid_t dom, uint32_t *nr, uint32_t *max, int16_t *status)
{
    struct gnttab_query_size q = { .dom = dom, .status = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &q, 1);

    *nr = q.nr_frames;
    *max = q.max_nr_frames;
    *status = q.status;
    return rc;
}

long gt_set_version(uint32_t version, uint32_t *now)
{
    struct gnttab_set_version v = { .version = version };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_set_version, &v, 1);

    *now = v.version;
    return rc;
}

long gt_get_version(domid_t dom, uint32_t *version)
{
    struct gnttab_get_version v = { .dom = dom, .version = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_get_version, &v, 1);

    *version = v.version;
    return rc;
}

long gt_add_frame(uint32_t idx, uint64_t gfn)
{
    struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = XENMAPSPACE_grant_table,
                                    .idx = idx, .gpfn = gfn };

    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &x);
}

long gt_remove_gfn(uint64_t gfn)
{
    struct xen_remove_from_physmap x = { .domid = DOMID_SELF, .gpfn = gfn };

    return HYPERVISOR_memory_op(XENMEM_remove_from_physmap, &x);
}

static unsigned int status_frames(unsigned int nr)
{
    return (nr * (4096 / sizeof(union grant_entry_v2)) + 2047) / 2048;
}

bool gt_setup(unsigned int version, unsigned int nr_frames)
{
    uint32_t now = 0;
    bool ok = true;

    gt_window_init();
    if (version == 2)
        ok &= expect_rc(gt_set_version(2, &now), 0, "GNTTABOP_set_version 2");
    gt_version = version;
    for (unsigned int i = 0; i < nr_frames; i++)
        ok &= expect_rc(gt_add_frame(i, GT_GFN_BASE + i), 0,
                        "add_to_physmap grant_table frame %u at GFN %#llx", i, GT_GFN_BASE + i);
    for (unsigned int i = 0; version == 2 && i < status_frames(nr_frames); i++)
        ok &= expect_rc(gt_add_frame(i | XENMAPIDX_grant_table_status, GT_STATUS_GFN + i), 0,
                        "add_to_physmap grant_table status frame %u at GFN %#llx", i,
                        GT_STATUS_GFN + i);
    gt_nr_frames = nr_frames;
    return ok;
}

unsigned int gt_nr_entries(void)
{
    return gt_nr_frames * (gt_version == 2 ? 4096 / 16 : 4096 / 8);
}

/* ---- entries ---- */

static volatile struct grant_entry_v1 *v1(grant_ref_t ref)
{
    return (volatile struct grant_entry_v1 *)gfn_va(GT_GFN_BASE) + ref;
}

static volatile union grant_entry_v2 *v2(grant_ref_t ref)
{
    return (volatile union grant_entry_v2 *)gfn_va(GT_GFN_BASE) + ref;
}

static volatile uint16_t *v2_status(grant_ref_t ref)
{
    return (volatile uint16_t *)gfn_va(GT_STATUS_GFN) + ref;
}

void gt_grant(grant_ref_t ref, domid_t dom, uint64_t gfn, bool readonly)
{
    uint16_t flags = GTF_permit_access | (readonly ? GTF_readonly : 0);

    if (gt_version == 2) {
        v2(ref)->full_page.frame = gfn;
        v2(ref)->hdr.domid = dom;
        gt_mb();
        v2(ref)->hdr.flags = flags;
    } else {
        v1(ref)->frame = (uint32_t)gfn;
        v1(ref)->domid = dom;
        gt_mb();
        v1(ref)->flags = flags;
    }
    gt_mb();
}

void gt_grant_subpage(grant_ref_t ref, domid_t dom, uint64_t gfn, uint16_t page_off,
                      uint16_t len, bool readonly)
{
    v2(ref)->sub_page.frame = gfn;
    v2(ref)->sub_page.page_off = page_off;
    v2(ref)->sub_page.length = len;
    v2(ref)->hdr.domid = dom;
    gt_mb();
    v2(ref)->hdr.flags = GTF_permit_access | GTF_sub_page | (readonly ? GTF_readonly : 0);
    gt_mb();
}

void gt_grant_transitive(grant_ref_t ref, domid_t dom, domid_t trans_dom, grant_ref_t trans_ref)
{
    v2(ref)->transitive.trans_domid = trans_dom;
    v2(ref)->transitive.gref = trans_ref;
    v2(ref)->hdr.domid = dom;
    gt_mb();
    v2(ref)->hdr.flags = GTF_transitive;
    gt_mb();
}

bool gt_revoke(grant_ref_t ref)
{
    if (gt_version == 2) {
        v2(ref)->hdr.flags = 0;
        gt_mb();
        return !(*v2_status(ref) & (GTF_reading | GTF_writing));
    }
    uint16_t flags = v1(ref)->flags;

    for (;;) {
        uint16_t seen = flags;

        if (flags & (GTF_reading | GTF_writing))
            return false;
        asm volatile ("lock cmpxchgw %2, %1" : "+a" (seen), "+m" (v1(ref)->flags)
                      : "r" ((uint16_t)0) : "memory");
        if (seen == flags)
            return true;
        flags = seen;
    }
}

uint16_t gt_busy(grant_ref_t ref)
{
    gt_mb();
    if (gt_version == 2)
        return *v2_status(ref) & (GTF_reading | GTF_writing);
    return v1(ref)->flags & (GTF_reading | GTF_writing);
}

uint16_t gt_flags(grant_ref_t ref)
{
    return gt_version == 2 ? v2(ref)->hdr.flags : v1(ref)->flags;
}

void gt_clear(grant_ref_t ref)
{
    if (gt_version == 2) {
        v2(ref)->hdr.flags = 0;
        gt_mb();
        v2(ref)->hdr.domid = 0;
        v2(ref)->full_page.frame = 0;
    } else {
        v1(ref)->flags = 0;
        gt_mb();
        v1(ref)->domid = 0;
        v1(ref)->frame = 0;
    }
}

/* ---- operations ---- */

static int16_t hc_status(long rc, int16_t status, const char *op)
{
    if (rc) {
        char b[32];

        printf("  GNTTABOP_%s returned %s\n", op, rc_str(rc, b));
        return GT_BAD_HC;
    }
    return status;
}

int16_t gt_map(domid_t dom, grant_ref_t ref, uint64_t gfn, uint32_t flags,
               grant_handle_t *handle)
{
    struct gnttab_map_grant_ref m = { .host_addr = gfn << 12, .flags = flags, .ref = ref,
                                      .dom = dom, .status = 99, .handle = ~0u };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &m, 1);

    if (handle)
        *handle = m.handle;
    gt_last_dev_bus_addr = m.dev_bus_addr;
    return hc_status(rc, m.status, "map_grant_ref");
}

int16_t gt_unmap(grant_handle_t handle, uint64_t gfn)
{
    struct gnttab_unmap_grant_ref u = { .host_addr = gfn << 12, .handle = handle,
                                        .status = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &u, 1);

    return hc_status(rc, u.status, "unmap_grant_ref");
}

int16_t gt_unmap_and_replace(grant_handle_t handle, uint64_t gfn, uint64_t new_gfn)
{
    struct gnttab_unmap_and_replace u = { .host_addr = gfn << 12, .new_addr = new_gfn << 12,
                                          .handle = handle, .status = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_and_replace, &u, 1);

    return hc_status(rc, u.status, "unmap_and_replace");
}

static void copy_side(struct gnttab_copy_ptr *p, struct gt_ptr s)
{
    if (s.gref)
        p->u.ref = (grant_ref_t)s.ref_or_gfn;
    else
        p->u.gmfn = s.ref_or_gfn;
    p->domid = s.dom;
    p->offset = s.offset;
}

int16_t gt_copy(struct gt_ptr src, struct gt_ptr dst, uint16_t len)
{
    struct gnttab_copy c = { .len = len, .status = 99,
                             .flags = (src.gref ? GNTCOPY_source_gref : 0) |
                                      (dst.gref ? GNTCOPY_dest_gref : 0) };
    long rc;

    copy_side(&c.source, src);
    copy_side(&c.dest, dst);
    rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, &c, 1);
    return hc_status(rc, c.status, "copy");
}

static const char *const gntst_names[] = {
    "GNTST_okay", "GNTST_general_error", "GNTST_bad_domain", "GNTST_bad_gntref",
    "GNTST_bad_handle", "GNTST_bad_virt_addr", "GNTST_bad_dev_addr", "GNTST_no_device_space",
    "GNTST_permission_denied", "GNTST_bad_page", "GNTST_bad_copy_arg",
    "GNTST_address_too_big", "GNTST_eagain", "GNTST_no_space",
};

const char *gntst_name(int16_t st)
{
    static char buf[32];

    if (st <= 0 && -st < (int)ARRAY_SIZE(gntst_names))
        return gntst_names[-st];
    if (st == GT_BAD_HC)
        return "hypercall error";
    snprintf(buf, sizeof(buf), "status %d", st);
    return buf;
}

bool expect_st(int16_t got, int16_t want, const char *fmt, ...)
{
    char what[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (got == want)
        check(true, "%s: %s (as Xen)", what, gntst_name(got));
    else
        check(false, "%s: %s, expected %s", what, gntst_name(got), gntst_name(want));
    return got == want;
}

/* ---- page patterns ---- */

uint32_t gt_word(uint32_t seed, unsigned int i)
{
    uint32_t x = seed * 0x9e3779b1u + i * 0x85ebca6bu;

    x ^= x >> 15;
    x *= 0x2c1b3c6du;
    return x ^ (x >> 12);
}

void gt_fill(void *page, uint32_t seed)
{
    volatile uint32_t *w = page;

    for (unsigned int i = 0; i < 1024; i++)
        w[i] = gt_word(seed, i);
}

bool gt_check(const void *page, uint32_t seed)
{
    const volatile uint32_t *w = page;

    for (unsigned int i = 0; i < 1024; i++)
        if (w[i] != gt_word(seed, i))
            return false;
    return true;
}

/* ---- the mailbox ---- */

void mb_connect(unsigned int me, domid_t peer)
{
    uint64_t end = rdtsc() + MB_TIMEOUT;
    int16_t st;

    mb_me = me;
    if (me == 0) {
        mbox = (volatile struct gt_mbox *)mbox_page;
        memset(mbox_page, 0, sizeof(mbox_page));
        gt_grant(GT_FIRST_REF, peer, GFN(mbox_page), false);
        mb_wait(1);                     /* the peer mapped it */
        return;
    }
    while ((st = gt_map(peer, GT_FIRST_REF, MB_MAP_GFN, GNTMAP_host_map, &mb_handle))) {
        if (rdtsc() > end)
            test_failure("mailbox: d%u ref %u never mappable (last %s)", peer, GT_FIRST_REF,
                         gntst_name(st));
        gt_yield();
    }
    mbox = gfn_va(MB_MAP_GFN);
    mb_post(1);
}

void mb_post(uint32_t step)
{
    gt_mb();
    mbox->seq[mb_me] = step;
    gt_mb();
}

void mb_wait(uint32_t step)
{
    uint64_t end = rdtsc() + MB_TIMEOUT;

    while (mbox->seq[!mb_me] < step) {
        if (mbox->gave_up[!mb_me])
            test_failure("mailbox: the peer failed before step %u", step);
        if (rdtsc() > end)
            test_failure("mailbox: d%u side %u never reached step %u (at %u)", my_domid(),
                         !mb_me, step, mbox->seq[!mb_me]);
        gt_yield();
    }
    gt_mb();
}

long gt_reservation(domid_t dom)
{
    return HYPERVISOR_memory_op(XENMEM_current_reservation, &dom);
}

long gt_wait_changed(domid_t dom, long before)
{
    uint64_t end = rdtsc() + MB_TIMEOUT;
    long now;

    while ((now = gt_reservation(dom)) == before) {
        if (rdtsc() > end)
            test_failure("d%u still has %ld pages: never destroyed", dom, now);
        gt_yield();
    }
    return now;
}

noreturn void mb_fail(const char *fmt, ...)
{
    char msg[160];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (mbox) {
        mbox->gave_up[mb_me] = 1;
        gt_mb();
    }
    test_failure("%s", msg);
}

void mb_disconnect(void)
{
    uint64_t end = rdtsc() + MB_TIMEOUT;

    if (mb_me == 1) {
        int16_t st = gt_unmap(mb_handle, MB_MAP_GFN);

        if (st)
            test_failure("mailbox: unmap: %s", gntst_name(st));
        return;
    }
    while (!gt_revoke(GT_FIRST_REF)) {
        if (rdtsc() > end)
            test_failure("mailbox: still mapped by the peer");
        gt_yield();
    }
}
