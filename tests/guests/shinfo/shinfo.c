/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * shared_info, vcpu_info and memory_op as a PVH guest uses them: memory
 * map, reservation queries, mapping (and moving) shared_info over RAM,
 * wallclock and pvclock in it, VCPUOP_register_vcpu_info, decrease /
 * populate with page accounting, long calls that need continuations, and
 * the error codes of bad arguments.  One check line per item; SUCCESS if
 * all pass.  Run as dom0 or a domU with at least 16 MiB.
 */
#include "guest.h"
#include <public/errno.h>
#include <public/memory.h>

#define HC_memory_op    12
#define HC_vcpu_op      24
#define VCPUOP_register_vcpu_info 10
#define MB              (1ULL << 20)
#define GFN(a)          ((uint64_t)(a) >> 12)
#define SHINFO_A        (15 * MB)       /* RAM the shared_info page replaces */
#define SHINFO_B        (15 * MB + 0x1000)
#define VCPU_INFO_PAGE  (15 * MB + 0x2000)
#define SCRATCH         (11 * MB)       /* decreased and populated again */
#define BIG             (12 * MB)       /* a 2 MiB extent */
#define MANY_START      (3 * MB)        /* MANY pages from here */
#define MANY            2000            /* extents in one call (continuations) */
#define JAN_2020        1577836800ULL
#define UNMAPPED        0x8000000000ULL /* above the 4 GiB the library maps */

struct vcpu_register_vcpu_info { uint64_t mfn; uint32_t offset, rsvd; };

static uint64_t extents[MANY];

static long memop(unsigned int cmd, void *arg)
{
    return hypercall2(HC_memory_op, cmd, (unsigned long)arg);
}

static long reservation(unsigned int cmd, uint64_t *list, unsigned long nr, unsigned int order)
{
    struct xen_memory_reservation r = {
        .extent_start = (uint64_t)list, .nr_extents = nr, .extent_order = order,
        .domid = DOMID_SELF,
    };
    return memop(cmd, &r);
}

static long query(unsigned int cmd, domid_t domid)
{
    struct xen_memory_domain q = { domid };
    return memop(cmd, &q);
}

static long add_shinfo(uint64_t gpa, uint64_t idx)
{
    struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
                                    .idx = idx, .gpfn = GFN(gpa) };
    return memop(XENMEM_add_to_physmap, &x);
}

static uint64_t pvclock_now(const volatile struct vcpu_time_info *t)
{
    uint32_t v;
    uint64_t ns;

    do {
        v = t->version;
        asm volatile ("" ::: "memory");
        uint64_t d = rdtsc() - t->tsc_timestamp;
        int s = t->tsc_shift;
        d = s >= 0 ? d << s : d >> -s;
        ns = t->system_time + (uint64_t)(((unsigned __int128)d * t->tsc_to_system_mul) >> 32);
        asm volatile ("" ::: "memory");
    } while ((v & 1) || v != t->version);
    return ns;
}

static void test_memory_map(void)
{
    struct e820entry map[16];
    struct xen_memory_map m = { .nr_entries = 16, .buffer = (uint64_t)map };
    long rc = memop(XENMEM_memory_map, &m);

    check(rc == 0 && m.nr_entries >= 2, "memory_map: rc %ld, %u entries", rc, m.nr_entries);
    check(map[0].addr == 0 && map[0].type == E820_RAM, "memory_map: RAM at 0");
    m.nr_entries = 1;
    rc = memop(XENMEM_memory_map, &m);
    check(rc == 0 && m.nr_entries == 1, "memory_map, room for 1: rc %ld, %u", rc, m.nr_entries);
    m.buffer = 0xdead00000000ULL;
    check(memop(XENMEM_memory_map, &m) == -XEN_EFAULT, "memory_map: bad buffer -> EFAULT");
    check(memop(XENMEM_memory_map, (void *)UNMAPPED) == -XEN_EFAULT,
          "memory_map: bad arg -> EFAULT");
}

static void test_queries(void)
{
    long cur = query(XENMEM_current_reservation, DOMID_SELF);
    long max = query(XENMEM_maximum_reservation, DOMID_SELF);
    long gpfn = query(XENMEM_maximum_gpfn, DOMID_SELF);

    check(cur > 1000 && max >= cur, "reservation: current %ld, maximum %ld", cur, max);
    check(gpfn >= (long)GFN(16 * MB) - 1, "maximum_gpfn %#lx", gpfn);
    check(memop(XENMEM_maximum_ram_page, 0) > 0, "maximum_ram_page");
    check(query(XENMEM_current_reservation, 0x7fe0) == -XEN_ESRCH, "unknown domain -> ESRCH");
    check(memop(XENMEM_current_reservation, (void *)UNMAPPED) == -XEN_EFAULT,
          "unmapped arg -> EFAULT");
    check(memop(XENMEM_maximum_ram_page | (1 << MEMOP_EXTENT_SHIFT), 0) == -XEN_EINVAL,
          "maximum_ram_page with a start extent -> EINVAL");
    check(memop(63, 0) == -XEN_ENOSYS, "unknown sub-op -> ENOSYS");
}

static void test_shared_info(void)
{
    const volatile struct shared_info *s = (const void *)SHINFO_A;
    long before = query(XENMEM_current_reservation, DOMID_SELF);
    uint64_t t0, t1;

    check(add_shinfo(SHINFO_A, 1) == -XEN_EINVAL, "shared_info idx 1 -> EINVAL");
    struct xen_add_to_physmap x = { .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
                                    .gpfn = ~0ULL };
    long rc;

    check(memop(XENMEM_add_to_physmap, &x) == -XEN_EINVAL, "shared_info at gfn ~0 -> EINVAL");
    x.gpfn = 1ULL << 40;
    rc = memop(XENMEM_add_to_physmap, &x);
    check(rc == -XEN_ENOENT, "shared_info beyond the guest-physical width: %ld", rc);
    check(add_shinfo(SHINFO_A, 0) == 0, "map shared_info");
    check(query(XENMEM_current_reservation, DOMID_SELF) == before - 1,
          "the RAM page under shared_info is released");
    check(!(s->wc_version & 1) && s->wc_version && s->wc_sec >= JAN_2020 - (1ULL << 32) * s->wc_sec_hi,
          "wallclock: version %u, %u s", s->wc_version, s->wc_sec);
    check(s->wc_sec_hi == 0 && s->wc_sec > JAN_2020 - 3600 * 24 * 365, "wallclock after 2019");
    check(s->vcpu_info[0].time.tsc_to_system_mul && !(s->vcpu_info[0].time.version & 1),
          "vcpu_info[0].time filled: version %u", s->vcpu_info[0].time.version);
    t0 = pvclock_now(&s->vcpu_info[0].time);
    for (volatile int i = 0; i < 100000; i++)
        ;
    t1 = pvclock_now(&s->vcpu_info[0].time);
    check(t0 > 0 && t1 > t0, "pvclock advances: %lu -> %lu ns", t0, t1);
    check(add_shinfo(SHINFO_B, 0) == 0, "move shared_info");
    s = (const void *)SHINFO_B;
    check(s->wc_version && !(s->wc_version & 1), "shared_info readable at its new GFN");
    check(query(XENMEM_current_reservation, DOMID_SELF) == before - 2,
          "the RAM page under the new place is released too");
}

static void test_vcpu_info(void)
{
    struct vcpu_register_vcpu_info r = { GFN(VCPU_INFO_PAGE), 64, 0 };
    const volatile struct vcpu_info *vi = (const void *)(VCPU_INFO_PAGE + 64);
    long before;

    r.offset = 4096 - 63;
    check(hypercall3(HC_vcpu_op, VCPUOP_register_vcpu_info, 0, (unsigned long)&r) == -XEN_ENXIO,
          "vcpu_info crossing the page -> ENXIO");
    r.offset = 4;
    check(hypercall3(HC_vcpu_op, VCPUOP_register_vcpu_info, 0, (unsigned long)&r) == -XEN_ENXIO,
          "misaligned vcpu_info -> ENXIO");
    r.offset = 64;
    check(hypercall3(HC_vcpu_op, VCPUOP_register_vcpu_info, 0, UNMAPPED) == -XEN_EFAULT,
          "register_vcpu_info: bad arg -> EFAULT");
    r.mfn = GFN(0xC0000000);
    check(hypercall3(HC_vcpu_op, VCPUOP_register_vcpu_info, 0, (unsigned long)&r) == -XEN_EINVAL,
          "vcpu_info outside RAM -> EINVAL");
    r.mfn = GFN(VCPU_INFO_PAGE);
    check(hypercall3(HC_vcpu_op, VCPUOP_register_vcpu_info, 0, (unsigned long)&r) == 0,
          "register vcpu_info");
    check(vi->time.tsc_to_system_mul && vi->evtchn_upcall_pending == 1 &&
          vi->evtchn_pending_sel == ~0ULL, "registered vcpu_info filled");
    check(hypercall3(HC_vcpu_op, VCPUOP_register_vcpu_info, 0, (unsigned long)&r) == -XEN_EINVAL,
          "second registration -> EINVAL");
    check(hypercall3(HC_vcpu_op, VCPUOP_register_vcpu_info, 200, (unsigned long)&r) == -XEN_ENOENT,
          "no such vCPU -> ENOENT");
    before = query(XENMEM_current_reservation, DOMID_SELF);
    extents[0] = GFN(VCPU_INFO_PAGE);
    check(reservation(XENMEM_decrease_reservation, extents, 1, 0) == 1,
          "decrease the vcpu_info page");
    check(query(XENMEM_current_reservation, DOMID_SELF) == before,
          "a registered vcpu_info page stays allocated");
}

static void test_reservations(void)
{
    long before = query(XENMEM_current_reservation, DOMID_SELF);
    volatile uint8_t *p = (volatile uint8_t *)SCRATCH;

    p[0] = 0x5a;
    extents[0] = GFN(SCRATCH);
    check(reservation(XENMEM_decrease_reservation, extents, 1, 0) == 1, "decrease 1 page");
    check(query(XENMEM_current_reservation, DOMID_SELF) == before - 1, "tot_pages - 1");
    check(reservation(XENMEM_decrease_reservation, extents, 1, 0) == 0,
          "decrease an empty GFN: 0 extents");
    check(reservation(XENMEM_populate_physmap, extents, 1, 0) == 1, "populate 1 page");
    /* Ours zeroes it; Xen 4.17 does not scrub pages a live domain frees. */
    printf("  [info] populated page reads %#x\n", p[0]);
    check(query(XENMEM_current_reservation, DOMID_SELF) == before,
          "populated page is counted: %ld, before %ld",
          query(XENMEM_current_reservation, DOMID_SELF), before);
    extents[0] = GFN(BIG);
    check(reservation(XENMEM_decrease_reservation, extents, 1, 9) == 1, "decrease 2 MiB");
    check(query(XENMEM_current_reservation, DOMID_SELF) == before - 512, "tot_pages - 512");
    check(reservation(XENMEM_populate_physmap, extents, 1, 9) == 1, "populate 2 MiB");
    check(query(XENMEM_current_reservation, DOMID_SELF) == before, "tot_pages back");
    for (unsigned int i = 0; i < MANY; i++)
        extents[i] = GFN(MANY_START) + i;
    check(reservation(XENMEM_decrease_reservation, extents, MANY, 0) == MANY,
          "decrease %u single pages", MANY);
    check(reservation(XENMEM_populate_physmap, extents, MANY, 0) == MANY,
          "populate %u single pages", MANY);
    check(query(XENMEM_current_reservation, DOMID_SELF) == before, "tot_pages back again");
    check(reservation(XENMEM_populate_physmap, (uint64_t *)0xdead00000000ULL, 1, 0) == 0,
          "bad extent list: 0 extents");
    check(reservation(XENMEM_populate_physmap, extents, 1u << 26, 0) == 0,
          "nr_extents too large for a continuation: 0");
    check(reservation(XENMEM_populate_physmap, extents, 1, 19) == 0,
          "extent_order above the limit: 0");
    check(memop(XENMEM_populate_physmap, (void *)8) == 0, "bad reservation pointer: 0");
}

void main(void)
{
    if (!hypervisor_is_xen())
        test_skip("not running on Xen");
    test_memory_map();
    test_queries();
    test_shared_info();
    test_vcpu_info();
    test_reservations();
    test_end();
}
