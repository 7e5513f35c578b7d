/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-memory: memory_op (hypercall 12).
 *   current/maximum_reservation: DOMID_SELF and the own ID give the page
 *     counts (current <= maximum); a domain that does not exist -> -ESRCH;
 *     bad pointers -> -EFAULT; a continuation index in cmd -> -EINVAL;
 *     unprivileged, another domain's -> -EPERM; maximum_ram_page > 0;
 *   memory_map: the whole map (RAM around the image), nr_entries 0 and 1
 *     clamp, bad struct or buffer pointers -> -EFAULT;
 *     machine_memory_map and machphys_mapping -> -ENOSYS (not for HVM);
 *   add_to_physmap: shared_info at a RAM GFN (the old page is released)
 *     -> 0, its vcpu_info[0] time readable there; idx 1, an unknown space
 *     or GFN ~0 -> -EINVAL; gmfn_foreign -> -ENOSYS; bad pointer ->
 *     -EFAULT; no such domain -> -ESRCH; a continuation index beyond 16
 *     bits -> -EDOM; grant_table frame 0 -> 0 (the GFN's RAM released),
 *     frame 0x7fffffff -> -EINVAL;
 *     unprivileged into dom0 -> -EPERM;
 *   remove_from_physmap: the shared_info GFN -> 0, again -> -ENOENT;
 *   decrease_reservation / populate_physmap (return the extents done):
 *     a RAM page -> 1 then (now a hole) 0; populate it -> 1 and it holds
 *     data; a bad reservation pointer, bad extent list, order 30, 2^32
 *     extents, no such domain, or (unprivileged) dom0 -> 0 extents;
 *   unknown sub-ops -> -ENOSYS.
 * Every page taken is given back, so the domain ends with what it had.
 */
#include "hctest.h"

#define DOMID_NONE          0x7000

static struct e820entry map[32];

static long memory_domain(unsigned int op, uint16_t domid)
{
    uint16_t d = domid;

    return HYPERVISOR_memory_op(op, &d);
}

static void check_reservation_counts(void)
{
    long cur = memory_domain(XENMEM_current_reservation, DOMID_SELF);
    long max = memory_domain(XENMEM_maximum_reservation, DOMID_SELF);
    uint16_t self = DOMID_SELF;

    expect(cur > 0 && cur <= max, "XENMEM_current_reservation %ld <= maximum %ld pages", cur, max);
    expect_rc(memory_domain(XENMEM_current_reservation, (uint16_t)my_domid()), cur,
              "XENMEM_current_reservation by own domain ID");
    expect(HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL) > 0, "XENMEM_maximum_ram_page > 0");
    expect_rc(HYPERVISOR_memory_op(XENMEM_maximum_ram_page | (1 << MEMOP_EXTENT_SHIFT), NULL),
              E(EINVAL), "XENMEM_maximum_ram_page with a continuation index");
    expect_rc(HYPERVISOR_memory_op(XENMEM_current_reservation | (1 << MEMOP_EXTENT_SHIFT), &self),
              E(EINVAL), "XENMEM_current_reservation with a continuation index");
    expect_rc(memory_domain(XENMEM_current_reservation, DOMID_NONE), E(ESRCH),
              "XENMEM_current_reservation of domain %#x (none)", DOMID_NONE);
    expect_rc(memory_domain(XENMEM_maximum_reservation, DOMID_NONE), E(ESRCH),
              "XENMEM_maximum_reservation of domain %#x (none)", DOMID_NONE);
    for_each_bad_ptr(p, sizeof(uint16_t)) {
        expect_rc(HYPERVISOR_memory_op(XENMEM_current_reservation, PTR(p->va)), E(EFAULT),
                  "XENMEM_current_reservation from %s", p->name);
        expect_rc(HYPERVISOR_memory_op(XENMEM_maximum_reservation, PTR(p->va)), E(EFAULT),
                  "XENMEM_maximum_reservation from %s", p->name);
    }
    if (!is_control_domain())
        expect_rc(memory_domain(XENMEM_current_reservation, 0), E(EPERM),
                  "XENMEM_current_reservation of dom0, unprivileged");
}

static void check_memory_map(void)
{
    struct xen_memory_map mm = { .nr_entries = ARRAY_SIZE(map), .buffer = (uint64_t)map };
    bool image_in_ram = false;
    unsigned int n;

    expect_rc(HYPERVISOR_memory_op(XENMEM_memory_map, &mm), 0, "XENMEM_memory_map, 32 entries");
    n = mm.nr_entries;
    for (unsigned int i = 0; i < n && i < ARRAY_SIZE(map); i++)
        if (map[i].type == 1 && map[i].addr <= 0x100000 && map[i].addr + map[i].size > 0x100000)
            image_in_ram = true;
    expect(n > 0 && n <= ARRAY_SIZE(map) && image_in_ram,
           "memory map: %u entries, RAM at 1 MiB", n);
    mm.nr_entries = 0;
    expect_rc(HYPERVISOR_memory_op(XENMEM_memory_map, &mm), 0, "XENMEM_memory_map, 0 entries");
    expect(mm.nr_entries == 0, "nr_entries 0 stays 0 (%u)", mm.nr_entries);
    mm.nr_entries = 1;
    expect_rc(HYPERVISOR_memory_op(XENMEM_memory_map, &mm), 0, "XENMEM_memory_map, 1 entry");
    expect(mm.nr_entries == 1, "nr_entries clamped to 1 (%u)", mm.nr_entries);
    for_each_bad_ptr(p, sizeof(mm))
        expect_rc(HYPERVISOR_memory_op(XENMEM_memory_map, PTR(p->va)), E(EFAULT),
                  "XENMEM_memory_map, struct at %s", p->name);
    for_each_bad_ptr(p, n * sizeof(struct e820entry)) {
        mm = (struct xen_memory_map){ .nr_entries = n, .buffer = p->va };
        expect_rc(HYPERVISOR_memory_op(XENMEM_memory_map, &mm), E(EFAULT),
                  "XENMEM_memory_map, buffer at %s", p->name);
    }
    expect_rc(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &mm), E(ENOSYS),
              "XENMEM_machine_memory_map (not for HVM)");
    expect_rc(HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mm), E(ENOSYS),
              "XENMEM_machphys_mapping (not for HVM)");
}

static long add_to_physmap(uint16_t domid, uint32_t space, uint64_t idx, uint64_t gpfn)
{
    struct xen_add_to_physmap x = { .domid = domid, .space = space, .idx = idx, .gpfn = gpfn };

    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &x);
}

static long remove_from_physmap(uint16_t domid, uint64_t gpfn)
{
    struct xen_remove_from_physmap x = { .domid = domid, .gpfn = gpfn };

    return HYPERVISOR_memory_op(XENMEM_remove_from_physmap, &x);
}

static long reservation(unsigned int op, uint64_t *gfns, uint64_t n, uint32_t order, uint16_t domid)
{
    struct xen_memory_reservation r = {
        .extent_start = (uint64_t)gfns, .nr_extents = n, .extent_order = order, .domid = domid,
    };

    return HYPERVISOR_memory_op(op, &r);
}

static void check_physmap(void)
{
    uint64_t sh = GFN(scratch_page(0)), gt = GFN(scratch_page(1)), gfn[1] = { sh };
    volatile struct vcpu_info *vi = scratch_page(0);
    struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info, .gpfn = sh };

    expect_rc(add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 0, sh), 0,
              "XENMEM_add_to_physmap shared_info at GFN %#lx (RAM)", (unsigned long)sh);
    expect(vi->time.tsc_to_system_mul != 0 && !(vi->time.version & 1),
           "shared_info vcpu_info[0].time there: version %u, mul %#x", vi->time.version,
           vi->time.tsc_to_system_mul);
    expect_rc(add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 1, sh), E(EINVAL),
              "XENMEM_add_to_physmap shared_info idx 1");
    expect_rc(add_to_physmap(DOMID_SELF, 100, 0, sh), E(EINVAL), "XENMEM_add_to_physmap space 100");
    expect_rc(add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info, 0, ~0ull), E(EINVAL),
              "XENMEM_add_to_physmap to GFN ~0");
    expect_rc(add_to_physmap(DOMID_SELF, XENMAPSPACE_gmfn_foreign, 0, sh), E(ENOSYS),
              "XENMEM_add_to_physmap gmfn_foreign (batch only)");
    expect_rc(add_to_physmap(DOMID_NONE, XENMAPSPACE_shared_info, 0, sh), E(ESRCH),
              "XENMEM_add_to_physmap into domain %#x (none)", DOMID_NONE);
    expect_rc(HYPERVISOR_memory_op(XENMEM_add_to_physmap | (0x10000ul << MEMOP_EXTENT_SHIFT), &x),
              E(EDOM), "XENMEM_add_to_physmap with a continuation index > 16 bits");
    for_each_bad_ptr(p, sizeof(struct xen_add_to_physmap))
        expect_rc(HYPERVISOR_memory_op(XENMEM_add_to_physmap, PTR(p->va)), E(EFAULT),
                  "XENMEM_add_to_physmap from %s", p->name);
    expect_rc(add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table, 0, gt), 0,
              "XENMEM_add_to_physmap grant_table frame 0 at GFN %#lx", (unsigned long)gt);
    expect_rc(add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table, 0x7fffffff, gt), E(EINVAL),
              "XENMEM_add_to_physmap grant_table frame 0x7fffffff");
    if (!is_control_domain()) {
        expect_rc(add_to_physmap(0, XENMAPSPACE_shared_info, 0, sh), E(EPERM),
                  "XENMEM_add_to_physmap into dom0, unprivileged");
        expect_rc(remove_from_physmap(0, sh), E(EPERM),
                  "XENMEM_remove_from_physmap from dom0, unprivileged");
    }

    /* take both special pages out again and give RAM back at their GFNs */
    expect_rc(remove_from_physmap(DOMID_SELF, sh), 0, "XENMEM_remove_from_physmap shared_info GFN");
    expect_rc(remove_from_physmap(DOMID_SELF, sh), E(ENOENT),
              "XENMEM_remove_from_physmap of the same GFN (now a hole)");
    expect_rc(remove_from_physmap(DOMID_NONE, sh), E(ESRCH),
              "XENMEM_remove_from_physmap in domain %#x (none)", DOMID_NONE);
    for_each_bad_ptr(p, sizeof(struct xen_remove_from_physmap))
        expect_rc(HYPERVISOR_memory_op(XENMEM_remove_from_physmap, PTR(p->va)), E(EFAULT),
                  "XENMEM_remove_from_physmap from %s", p->name);
    expect_rc(reservation(XENMEM_populate_physmap, gfn, 1, 0, DOMID_SELF), 1,
              "XENMEM_populate_physmap of the shared_info hole");
    expect_rc(remove_from_physmap(DOMID_SELF, gt), 0,
              "XENMEM_remove_from_physmap grant frame GFN");
    gfn[0] = gt;
    expect_rc(reservation(XENMEM_populate_physmap, gfn, 1, 0, DOMID_SELF), 1,
              "XENMEM_populate_physmap of the grant frame hole");
}

static void check_populate(void)
{
    uint64_t gfn[1] = { GFN(scratch_page(2)) };
    volatile uint64_t *page = scratch_page(2);
    long cur = memory_domain(XENMEM_current_reservation, DOMID_SELF);
    struct xen_memory_reservation r = { .extent_start = (uint64_t)gfn, .nr_extents = 1,
                                        .domid = DOMID_SELF };

    expect_rc(reservation(XENMEM_decrease_reservation, gfn, 1, 0, DOMID_SELF), 1,
              "XENMEM_decrease_reservation of a RAM page");
    expect_rc(memory_domain(XENMEM_current_reservation, DOMID_SELF), cur - 1,
              "current_reservation one page lower");
    expect_rc(reservation(XENMEM_decrease_reservation, gfn, 1, 0, DOMID_SELF), 0,
              "XENMEM_decrease_reservation of the hole it left");
    for_each_bad_ptr(p, sizeof(uint64_t))
        expect_rc(reservation(XENMEM_populate_physmap, PTR(p->va), 1, 0, DOMID_SELF), 0,
                  "XENMEM_populate_physmap, extent list at %s (0 done)", p->name);
    for_each_bad_ptr(p, sizeof(r))
        expect_rc(HYPERVISOR_memory_op(XENMEM_populate_physmap, PTR(p->va)), 0,
                  "XENMEM_populate_physmap, reservation at %s (0 done)", p->name);
    expect_rc(reservation(XENMEM_populate_physmap, gfn, 1, 30, DOMID_SELF), 0,
              "XENMEM_populate_physmap, order 30 (0 done)");
    expect_rc(reservation(XENMEM_populate_physmap, gfn, 1ull << 32, 0, DOMID_SELF), 0,
              "XENMEM_populate_physmap, 2^32 extents (0 done)");
    expect_rc(reservation(XENMEM_populate_physmap, gfn, 1, 0, DOMID_NONE), 0,
              "XENMEM_populate_physmap into domain %#x (none; 0 done)", DOMID_NONE);
    if (!is_control_domain())
        expect_rc(reservation(XENMEM_populate_physmap, gfn, 1, 0, 0), 0,
                  "XENMEM_populate_physmap into dom0, unprivileged (0 done)");
    expect_rc(reservation(XENMEM_populate_physmap, gfn, 1, 0, DOMID_SELF), 1,
              "XENMEM_populate_physmap of the hole");
    page[0] = 0x1234567887654321ull;
    page[511] = ~page[0];
    expect(page[0] == 0x1234567887654321ull && page[511] == ~page[0],
           "the populated page holds data");
    expect_rc(memory_domain(XENMEM_current_reservation, DOMID_SELF), cur,
              "current_reservation back where it was");
}

static void check_unknown(void)
{
    static const unsigned long cmds[] = { 50, 63 };

    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
        expect_rc(HYPERVISOR_memory_op(cmds[i], NULL), E(ENOSYS), "memory_op %lu (unknown)", cmds[i]);
}

void main(void)
{
    hctest_init("hc-memory");
    check_reservation_counts();
    check_memory_map();
    check_physmap();
    check_populate();
    check_unknown();
    test_end();
}
