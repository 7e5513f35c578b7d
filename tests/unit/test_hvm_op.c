/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hvm_op (hypercalls/hvm_op.c) and the HVM parameter rules
 * (xen/arch/x86/hvm/params.c, upcall.c): Xen 4.17's permission table for
 * every index, write-once and value checks, CALLBACK_IRQ decoding, the
 * domain rules (DOMID_SELF, control domain, -ESRCH/-EPERM), the upcall
 * vector, the other sub-ops and bad pointers.  Guest memory is a fake
 * window of guest-virtual addresses; two domains: d0 (control) and d1.
 */
#include "harness.h"
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <asm/hvm.h>
#include <asm/hvm_params.h>
#include <asm/p2m.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>

/* ---- fakes ---- */
#define GVA 0x10000ULL
static uint8_t gmem[0x1000];

static bool in_window(uint64_t va, size_t len)
{
    return va >= GVA && len <= sizeof(gmem) && va - GVA <= sizeof(gmem) - len;
}

int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len)
{
    (void)v;
    if (!in_window(va, len))
        return -EFAULT;
    memcpy(buf, gmem + (va - GVA), len);
    return 0;
}

int copy_to_guest_virt(struct vcpu *v, uint64_t va, const void *buf, size_t len)
{
    (void)v;
    if (!in_window(va, len))
        return -EFAULT;
    memcpy(gmem + (va - GVA), buf, len);
    return 0;
}

static struct domain dom0, dom1;
static struct domain *domains[] = { &dom0, &dom1 };
static struct vcpu *d1_vcpus[2];
static struct vcpu v0 = { .vcpu_id = 0, .domain = &dom0 };
static struct vcpu v1 = { .vcpu_id = 0, .domain = &dom1 };

struct domain *domain_lookup(domid_t domid)
{
    for (size_t i = 0; i < ARRAY_SIZE(domains); i++)
        if (domains[i]->domain_id == domid)
            return domains[i];
    return NULL;
}

struct domain *domain_get(domid_t domid)
{
    struct domain *d = domain_lookup(domid);

    if (d)
        d->hold_count++;
    return d;
}

void domain_put(struct domain *d)
{
    CHECK(d->hold_count > 0);
    d->hold_count--;
}

static void no_holds(void)
{
    CHECK_EQ(dom0.hold_count, 0);
    CHECK_EQ(dom1.hold_count, 0);
}

static unsigned int crashes;
void domain_crash(struct domain *d, const char *fmt, ...)
{
    (void)d, (void)fmt;
    crashes++;
}

unsigned long p2m_get_entry(struct domain *d, uint64_t gfn, p2m_type_t *t, unsigned int *order)
{
    (void)d, (void)order;
    *t = gfn == 1 ? p2m_ram_rw : gfn == 2 ? p2m_ram_ro : gfn == 3 ? p2m_special :
         gfn == 4 ? p2m_mmio_direct : gfn == 5 ? p2m_grant_map_ro : p2m_invalid;
    return 0;
}

s_time_t NOW(void) { return 123456789; }
bool hvm_log_allowed(struct domain *d) { (void)d; return true; }

static unsigned int flushes;
static void flush(struct domain *d) { (void)d; flushes++; }
static const struct hvm_vendor_ops test_ops = { .name = "test", .flush_guest_tlbs = flush };
const struct hvm_vendor_ops *hvm_ops = &test_ops;

static void fresh(void)
{
    memset(&dom0, 0, sizeof(dom0));
    memset(&dom1, 0, sizeof(dom1));
    dom0.is_privileged = true;
    dom1.domain_id = 1;
    dom1.max_vcpus = 2;
    dom1.vcpu = d1_vcpus;
    d1_vcpus[0] = &v1;
    d1_vcpus[1] = NULL;                     /* vCPU 1 not created */
    v1.arch.evtchn_upcall_vector = 0;
    hvm_params_init(&dom0);
    hvm_params_init(&dom1);
    crashes = flushes = 0;
    memset(gmem, 0, sizeof(gmem));
    unit_log_clear();
}

static long hvm_op(struct vcpu *v, uint64_t op, uint64_t arg)
{
    struct hypercall_args a = { { op, arg } };
    return do_hvm_op(v, &a);
}

static struct xen_hvm_param *param = (struct xen_hvm_param *)gmem;

static long set(struct vcpu *v, domid_t domid, uint32_t index, uint64_t value)
{
    *param = (struct xen_hvm_param){ .domid = domid, .index = index, .value = value };
    return hvm_op(v, HVMOP_set_param, GVA);
}

static long get(struct vcpu *v, domid_t domid, uint32_t index, uint64_t *value)
{
    long rc;

    *param = (struct xen_hvm_param){ .domid = domid, .index = index, .value = 0xdead };
    rc = hvm_op(v, HVMOP_get_param, GVA);
    *value = param->value;
    return rc;
}

/* ---- the permission table ---- */

static bool in(uint32_t x, const uint32_t *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == x)
            return true;
    return false;
}
#define IN(x, list) in(x, list, ARRAY_SIZE(list))

static const uint32_t guest_set[] = { 0, 2, 15, 18, 19, 34, 36, 37 };
static const uint32_t guest_get[] = { 0, 1, 2, 15, 17, 18, 19, 34, 35, 36, 37 };
static const uint32_t deprecated[] = { 4, 13, 20, 21, 22, 23, 24, 25, 26, 30 };
static const uint32_t once[] = { 5, 6, 9, 32, 33, 35, 38 };

TEST(param_flags_are_xens)
{
    for (uint32_t i = 0; i < HVM_NR_PARAMS; i++) {
        unsigned int f = hvm_param_flags(i);
        CHECK_EQ(!!(f & HVM_PARAMF_GUEST_SET), IN(i, guest_set));
        CHECK_EQ(!!(f & HVM_PARAMF_GUEST_GET), IN(i, guest_get));
        CHECK_EQ(!!(f & HVM_PARAMF_DEPRECATED), IN(i, deprecated));
        CHECK_EQ(!!(f & HVM_PARAMF_ONCE), IN(i, once));
    }
    CHECK_EQ(hvm_param_flags(HVM_NR_PARAMS), 0);
    CHECK_EQ(hvm_param_flags(~0u), 0);
}

/* Value-independent outcome of a guest setting @i on itself with a valid value. */
static long self_set_ok_value(uint32_t i)
{
    return i == HVM_PARAM_VM86_TSS_SIZED ? 128ull << 32 : 0;
}

TEST(guest_on_itself)
{
    uint64_t val;

    for (uint32_t i = 0; i < HVM_NR_PARAMS; i++) {
        long want_set = IN(i, deprecated) ? -EINVAL : !IN(i, guest_set) ? -EPERM : 0;
        long want_get = IN(i, deprecated) ? -EINVAL : !IN(i, guest_get) ? -EPERM : 0;

        fresh();
        if (i == HVM_PARAM_ACPI_IOPORTS_LOCATION)
            want_set = -ENODEV;             /* no PM timer in a PVH domain */
        CHECK_EQ(set(&v1, DOMID_SELF, i, self_set_ok_value(i)), want_set);
        CHECK_EQ(set(&v1, 1, i, self_set_ok_value(i)), want_set);   /* own ID = self */
        CHECK_EQ(get(&v1, DOMID_SELF, i, &val), want_get);
        CHECK_EQ(val, want_get ? 0xdead : val);                    /* untouched on error */
    }
    /* The control domain acting on itself follows the same rules. */
    CHECK_EQ(set(&v0, DOMID_SELF, HVM_PARAM_STORE_PFN, 5), -EPERM);
    CHECK_EQ(get(&v0, 0, HVM_PARAM_TIMER_MODE, &val), -EPERM);
    CHECK_EQ(crashes, 0);
}

TEST(control_domain_on_another)
{
    uint64_t val;

    for (uint32_t i = 0; i < HVM_NR_PARAMS; i++) {
        fresh();
        CHECK_EQ(get(&v0, 1, i, &val), IN(i, deprecated) ? -EINVAL : 0);
    }
    fresh();
    CHECK_EQ(set(&v0, 1, HVM_PARAM_STORE_PFN, 0xfeffc), 0);
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_STORE_PFN, &val), 0);
    CHECK_EQ(val, 0xfeffc);
    CHECK_EQ(set(&v0, 1, 3, 77), 0);                  /* unnamed index: control only */
    CHECK_EQ(get(&v0, 1, 3, &val), 0);
    CHECK_EQ(val, 77);
    CHECK_EQ(get(&v1, DOMID_SELF, 3, &val), -EPERM);
    CHECK_EQ(get(&v0, 1, HVM_PARAM_TRIPLE_FAULT_REASON, &val), 0);
    CHECK_EQ(val, 1);                                 /* default: SHUTDOWN_reboot */
    CHECK_EQ(set(&v0, 1, HVM_PARAM_NESTEDHVM, 1), -EINVAL);
    no_holds();
}

TEST(domain_rules)
{
    uint64_t val;

    fresh();
    CHECK_EQ(set(&v1, 0, HVM_PARAM_CALLBACK_IRQ, 1), -EPERM);    /* not the control domain */
    CHECK_EQ(get(&v1, 0, HVM_PARAM_STORE_PFN, &val), -EPERM);
    CHECK_EQ(set(&v1, 7, HVM_PARAM_CALLBACK_IRQ, 1), -ESRCH);    /* no such domain first */
    CHECK_EQ(get(&v0, 7, HVM_PARAM_STORE_PFN, &val), -ESRCH);
    CHECK_EQ(get(&v0, DOMID_IO, HVM_PARAM_STORE_PFN, &val), -ESRCH);
    CHECK_EQ(set(&v1, 7, HVM_NR_PARAMS, 1), -EINVAL);            /* index checked before */
    CHECK_EQ(get(&v1, DOMID_SELF, 0xffffffffu, &val), -EINVAL);
    CHECK_EQ(hvm_op(&v1, HVMOP_set_param, 0), -EFAULT);
    CHECK_EQ(hvm_op(&v1, HVMOP_get_param, GVA + sizeof(gmem) - 8), -EFAULT);
    CHECK_EQ(hvm_op(&v1, HVMOP_get_param, 0xffff800000000000ull), -EFAULT);
    no_holds();
}

TEST(write_once)
{
    fresh();
    CHECK_EQ(set(&v0, 1, HVM_PARAM_VIRIDIAN, HVMPV_base_freq), 0);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_VIRIDIAN, HVMPV_base_freq), 0);          /* same value */
    CHECK_EQ(set(&v0, 1, HVM_PARAM_VIRIDIAN, HVMPV_base_freq | HVMPV_no_freq), -EEXIST);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_IOREQ_PFN, 0), 0);                       /* 0 stays open */
    CHECK_EQ(set(&v0, 1, HVM_PARAM_IOREQ_PFN, 9), 0);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_IOREQ_PFN, 10), -EEXIST);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_STORE_PFN, 9), 0);                       /* not once */
    CHECK_EQ(set(&v0, 1, HVM_PARAM_STORE_PFN, 10), 0);
}

TEST(value_checks)
{
    uint64_t val;

    fresh();
    CHECK_EQ(set(&v0, 1, HVM_PARAM_VIRIDIAN, HVMPV_no_freq), -EINVAL);      /* no base */
    CHECK_EQ(set(&v0, 1, HVM_PARAM_VIRIDIAN, 1u << 13 | HVMPV_base_freq), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_TIMER_MODE, 4), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_TIMER_MODE, 3), 0);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_TRIPLE_FAULT_REASON, 6), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_TRIPLE_FAULT_REASON, 5), 0);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_NR_IOREQ_SERVER_PAGES, 0), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_NR_IOREQ_SERVER_PAGES, 65), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_NR_IOREQ_SERVER_PAGES, 64), 0);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_ALTP2M, 4), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_ALTP2M, XEN_ALTP2M_external), 0);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_MCA_CAP, XEN_HVM_MCA_CAP_LMCE), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_MCA_CAP, 0), 0);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_ACPI_S_STATE, 3), -EOPNOTSUPP);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_ACPI_S_STATE, 2), -EINVAL);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_ACPI_S_STATE, 0), 0);
    CHECK_EQ(get(&v0, 1, HVM_PARAM_ACPI_S_STATE, &val), 0);
    CHECK_EQ(val, 0);
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_ACPI_IOPORTS_LOCATION, 0), -ENODEV);
    /* x87 FIP width: 0, 4 or 8. */
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_X87_FIP_WIDTH, 5), -EINVAL);
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_X87_FIP_WIDTH, 4), 0);
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_X87_FIP_WIDTH, &val), 0);
    CHECK_EQ(val, 4);
    CHECK_EQ(crashes, 0);
    no_holds();
}

TEST(vm86_tss)
{
    uint64_t val;

    fresh();
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS, 0x1000), 0);
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS, &val), 0);
    CHECK_EQ(val, 0x1000);
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS_SIZED, &val), 0);
    CHECK_EQ(val, (128ull << 32) | 0x1000);                 /* legacy size, flag hidden */
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS_SIZED, (100000ull << 32) | 0x2000), 0);
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS_SIZED, &val), 0);
    CHECK_EQ(val, (8329ull << 32) | 0x2000);                /* size capped */
    CHECK_EQ(crashes, 0);
    /* Bad values: -EINVAL and, on itself, the guest is crashed (as Xen). */
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS, 1ull << 32), -EINVAL);
    CHECK_EQ(crashes, 1);
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS_SIZED, (103ull << 32) | 0x3000), -EINVAL);
    CHECK_EQ(crashes, 2);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_VM86_TSS_SIZED, 0), -EINVAL);
    CHECK_EQ(crashes, 2);                                   /* not for the control domain */
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_VM86_TSS_SIZED, &val), 0);
    CHECK_EQ(val, (8329ull << 32) | 0x2000);                /* unchanged */
}

/* ---- CALLBACK_IRQ ---- */

TEST(callback_decode)
{
    struct hvm_callback_via via;

    CHECK_EQ(hvm_callback_decode(0).type, HVM_CALLBACK_NONE);
    via = hvm_callback_decode(9);
    CHECK_EQ(via.type, HVM_CALLBACK_GSI);
    CHECK_EQ(via.gsi, 9);
    CHECK_EQ(hvm_callback_decode(0x100).type, HVM_CALLBACK_NONE);     /* GSI 0 */
    via = hvm_callback_decode((1ull << 56) | (0x1234ull << 32) | (5 << 16) | (3 << 11) | (1 << 8) | 2);
    CHECK_EQ(via.type, HVM_CALLBACK_PCI_INTX);
    CHECK_EQ(via.pci_dev, 3);
    CHECK_EQ(via.pci_intx, 2);
    via = hvm_callback_decode(HVM_PARAM_CALLBACK_VECTOR(0xf3));
    CHECK_EQ(via.type, HVM_CALLBACK_VECTOR);
    CHECK_EQ(via.vector, 0xf3);
    via = hvm_callback_decode((2ull << 56) | 0x1f3);                    /* bits 7:0 only */
    CHECK_EQ(via.vector, 0xf3);
    CHECK_EQ(hvm_callback_decode(3ull << 56 | 0x20).type, HVM_CALLBACK_NONE);
    CHECK_EQ(hvm_callback_decode(0xffull << 56 | 0x20).type, HVM_CALLBACK_NONE);
}

TEST(callback_param)
{
    uint64_t val;

    fresh();
    CHECK_EQ(hvm_callback_vector(&dom1), -1);
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_CALLBACK_IRQ, HVM_PARAM_CALLBACK_VECTOR(0xf3)), 0);
    CHECK_EQ(hvm_callback_vector(&dom1), 0xf3);
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_CALLBACK_IRQ, &val), 0);
    CHECK_EQ(val, 0x02000000000000f3ull);
    /* Other types are stored but, as on Xen's PVH, leave the vector in force. */
    CHECK_EQ(set(&v1, DOMID_SELF, HVM_PARAM_CALLBACK_IRQ, 5), 0);
    CHECK_EQ(get(&v1, DOMID_SELF, HVM_PARAM_CALLBACK_IRQ, &val), 0);
    CHECK_EQ(val, 5);
    CHECK_EQ(hvm_callback_vector(&dom1), 0xf3);
    CHECK_EQ(set(&v0, 1, HVM_PARAM_CALLBACK_IRQ, HVM_PARAM_CALLBACK_VECTOR(0x40)), 0);
    CHECK_EQ(hvm_callback_vector(&dom1), 0x40);
    CHECK_EQ(hvm_callback_vector(&dom0), -1);
    no_holds();
}

/* ---- the other sub-ops ---- */

TEST(upcall_vector)
{
    struct xen_hvm_evtchn_upcall_vector *u = (void *)gmem;

    fresh();
    CHECK_EQ(hvm_upcall_vector(&v1), 0);
    *u = (struct xen_hvm_evtchn_upcall_vector){ .vcpu = 0, .vector = 0x0f };
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, GVA), -EINVAL);
    *u = (struct xen_hvm_evtchn_upcall_vector){ .vcpu = 1, .vector = 0xf3 };
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, GVA), -ENOENT);   /* not created */
    u->vcpu = 2;
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, GVA), -ENOENT);
    u->vcpu = ~0u;
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, GVA), -ENOENT);
    CHECK_EQ(hvm_upcall_vector(&v1), 0);
    u->vcpu = 0;
    u->vector = 0x10;
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, GVA), 0);
    CHECK_EQ(hvm_upcall_vector(&v1), 0x10);
    u->vector = 0xf3;
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, GVA), 0);
    CHECK_EQ(hvm_upcall_vector(&v1), 0xf3);
    CHECK(strstr(unit_log, "d1v0: upcall vector f3\n"));
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, GVA + sizeof(gmem) - 4), -EFAULT);
    CHECK_EQ(hvm_op(&v1, HVMOP_set_evtchn_upcall_vector, 0), -EFAULT);
}

TEST(flush_tlbs)
{
    fresh();
    CHECK_EQ(hvm_op(&v1, HVMOP_flush_tlbs, 0), 0);
    CHECK_EQ(flushes, 1);
    CHECK_EQ(hvm_op(&v1, HVMOP_flush_tlbs, GVA), -EINVAL);
    CHECK_EQ(flushes, 1);
}

TEST(pagetable_dying)
{
    struct xen_hvm_pagetable_dying *p = (void *)gmem;

    fresh();
    *p = (struct xen_hvm_pagetable_dying){ .domid = DOMID_SELF, .gpa = 0x1000 };
    CHECK_EQ(hvm_op(&v1, HVMOP_pagetable_dying, GVA), -EINVAL);      /* HAP: no use */
    p->domid = 1;
    CHECK_EQ(hvm_op(&v1, HVMOP_pagetable_dying, GVA), -EINVAL);
    p->domid = 0;
    CHECK_EQ(hvm_op(&v1, HVMOP_pagetable_dying, GVA), -EOPNOTSUPP);  /* not our own */
    p->domid = 9;
    CHECK_EQ(hvm_op(&v1, HVMOP_pagetable_dying, GVA), -ESRCH);
    CHECK_EQ(hvm_op(&v1, HVMOP_pagetable_dying, 0), -EFAULT);
}

TEST(get_time_xentrace_misc)
{
    struct xen_hvm_xentrace *tr = (void *)gmem;

    fresh();
    CHECK_EQ(hvm_op(&v1, HVMOP_get_time, GVA), 0);
    CHECK_EQ(((struct xen_hvm_get_time *)gmem)->now, 123456789);
    CHECK_EQ(hvm_op(&v1, HVMOP_get_time, GVA + sizeof(gmem) - 7), -EFAULT);
    *tr = (struct xen_hvm_xentrace){ .event = 0xfff, .extra_bytes = 28 };
    CHECK_EQ(hvm_op(&v1, HVMOP_xentrace, GVA), 0);
    tr->extra_bytes = 29;
    CHECK_EQ(hvm_op(&v1, HVMOP_xentrace, GVA), -EINVAL);
    tr->extra_bytes = 0;
    tr->event = 0x1000;
    CHECK_EQ(hvm_op(&v1, HVMOP_xentrace, GVA), -EINVAL);
    CHECK_EQ(hvm_op(&v1, HVMOP_xentrace, 8), -EFAULT);
    CHECK_EQ(hvm_op(&v1, HVMOP_guest_request_vm_event, 0), 0);
    CHECK_EQ(hvm_op(&v1, HVMOP_guest_request_vm_event, GVA), -EINVAL);
    CHECK_EQ(hvm_op(&v1, HVMOP_altp2m, GVA), -EOPNOTSUPP);
    /* Unknown and retired ops. */
    static const uint64_t nosys[] = { 2, 3, 4, 6, 7, 8, 12, 13, 14, 16, 22, 26, 1000,
                                      1ull << 32, ~0ull };
    for (size_t i = 0; i < ARRAY_SIZE(nosys); i++)
        CHECK_EQ(hvm_op(&v1, nosys[i], GVA), -ENOSYS);
}

TEST(get_mem_type)
{
    struct xen_hvm_get_mem_type *m = (void *)gmem;
    static const uint16_t want[] = { HVMMEM_mmio_dm, HVMMEM_ram_rw, HVMMEM_ram_ro,
                                     HVMMEM_ram_rw, HVMMEM_mmio_dm, HVMMEM_ram_ro };

    fresh();
    for (uint64_t pfn = 0; pfn < ARRAY_SIZE(want); pfn++) {
        *m = (struct xen_hvm_get_mem_type){ .domid = DOMID_SELF, .mem_type = 0xffff, .pfn = pfn };
        CHECK_EQ(hvm_op(&v1, HVMOP_get_mem_type, GVA), 0);
        CHECK_EQ(m->mem_type, want[pfn]);
    }
    m->pfn = ~0ull;
    CHECK_EQ(hvm_op(&v1, HVMOP_get_mem_type, GVA), 0);
    CHECK_EQ(m->mem_type, HVMMEM_mmio_dm);
    m->domid = 0;
    CHECK_EQ(hvm_op(&v1, HVMOP_get_mem_type, GVA), -EPERM);
    m->domid = 1;
    CHECK_EQ(hvm_op(&v0, HVMOP_get_mem_type, GVA), 0);
    m->domid = 5;
    CHECK_EQ(hvm_op(&v0, HVMOP_get_mem_type, GVA), -ESRCH);
    CHECK_EQ(hvm_op(&v0, HVMOP_get_mem_type, GVA + sizeof(gmem)), -EFAULT);
    no_holds();
}

TEST_MAIN()
