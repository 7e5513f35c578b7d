/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-hvm: hvm_op (hypercall 34).
 *   get_param: callback IRQ, store/console PFN and event channel readable
 *     -> 0; a param the guest may not read (IDENT_PT) -> -EPERM; a
 *     deprecated one (PAE_ENABLED) -> -EINVAL; index >= HVM_NR_PARAMS ->
 *     -EINVAL (before the domain lookup); no such domain -> -ESRCH; bad
 *     pointers -> -EFAULT; unprivileged, dom0's -> -EPERM;
 *   set_param: CALLBACK_IRQ of the vector type -> 0 and reads back, then
 *     0 (none) again; STORE_PFN by the guest itself -> -EPERM;
 *     PAE_ENABLED -> -EINVAL; bad index, domain, pointers as for get;
 *   set_evtchn_upcall_vector: vCPU 0 vector 0xf3 -> 0; vector < 0x10 ->
 *     -EINVAL (checked before the vCPU); vCPU 64 -> -ENOENT; bad pointers
 *     -> -EFAULT;
 *   pagetable_dying: itself (by DOMID_SELF or its ID) -> -EINVAL (Xen does
 *     this only for shadow paging; HAP/NPT here); no such domain ->
 *     -ESRCH; unprivileged, dom0 -> -EOPNOTSUPP; bad pointers -> -EFAULT;
 *   unknown ops (also op values with bits above 32: op is unsigned long)
 *     -> -ENOSYS.
 * The callback vectors get an IDT handler: setting them may inject a
 * pending event upcall at once.
 */
#include "hctest.h"

#define DOMID_NONE          0x7000
#define UPCALL_VECTOR       0xf3
#define CALLBACK_VECTOR     0xf4

static volatile unsigned int upcalls;

static void upcall_handler(struct cpu_frame *f)
{
    (void)f;
    upcalls++;
    apic_eoi();
}

static long param(unsigned int op, uint16_t domid, uint32_t index, uint64_t *value)
{
    struct xen_hvm_param p = { .domid = domid, .index = index, .value = value ? *value : 0 };
    long rc = HYPERVISOR_hvm_op(op, &p);

    if (value && op == HVMOP_get_param && rc == 0)
        *value = p.value;
    return rc;
}

static void check_get_param(void)
{
    static const struct { uint32_t index; const char *name; } readable[] = {
        { HVM_PARAM_CALLBACK_IRQ, "CALLBACK_IRQ" }, { HVM_PARAM_STORE_PFN, "STORE_PFN" },
        { HVM_PARAM_STORE_EVTCHN, "STORE_EVTCHN" }, { HVM_PARAM_CONSOLE_PFN, "CONSOLE_PFN" },
        { HVM_PARAM_CONSOLE_EVTCHN, "CONSOLE_EVTCHN" },
    };
    uint64_t v;

    for (size_t i = 0; i < ARRAY_SIZE(readable); i++) {
        long rc;

        v = ~0ull;
        rc = param(HVMOP_get_param, DOMID_SELF, readable[i].index, &v);
        expect_rc(rc, 0, "HVMOP_get_param %s (= %#lx)", readable[i].name, (unsigned long)v);
    }
    expect_rc(param(HVMOP_get_param, (uint16_t)my_domid(), HVM_PARAM_CALLBACK_IRQ, &v), 0,
              "HVMOP_get_param CALLBACK_IRQ by own domain ID");
    expect_rc(param(HVMOP_get_param, DOMID_SELF, HVM_PARAM_IDENT_PT, &v), E(EPERM),
              "HVMOP_get_param IDENT_PT (not for the guest)");
    expect_rc(param(HVMOP_get_param, DOMID_SELF, HVM_PARAM_PAE_ENABLED, &v), E(EINVAL),
              "HVMOP_get_param PAE_ENABLED (deprecated)");
    expect_rc(param(HVMOP_get_param, DOMID_SELF, HVM_NR_PARAMS, &v), E(EINVAL),
              "HVMOP_get_param index %u (HVM_NR_PARAMS)", HVM_NR_PARAMS);
    expect_rc(param(HVMOP_get_param, DOMID_NONE, 0xffffffff, &v), E(EINVAL),
              "HVMOP_get_param index 0xffffffff, no such domain (index first)");
    expect_rc(param(HVMOP_get_param, DOMID_NONE, HVM_PARAM_CALLBACK_IRQ, &v), E(ESRCH),
              "HVMOP_get_param of domain %#x (none)", DOMID_NONE);
    for_each_bad_ptr(p, sizeof(struct xen_hvm_param))
        expect_rc(HYPERVISOR_hvm_op(HVMOP_get_param, PTR(p->va)), E(EFAULT),
                  "HVMOP_get_param, struct at %s", p->name);
    struct xen_hvm_param *edge = edge_ptr(sizeof(*edge));
    *edge = (struct xen_hvm_param){ .domid = DOMID_SELF, .index = HVM_PARAM_CALLBACK_IRQ };
    expect_rc(HYPERVISOR_hvm_op(HVMOP_get_param, edge), 0,
              "HVMOP_get_param, struct ending at an unmapped page");
    if (!is_control_domain())
        expect_rc(param(HVMOP_get_param, 0, HVM_PARAM_CALLBACK_IRQ, &v), E(EPERM),
                  "HVMOP_get_param of dom0, unprivileged");
}

static void check_set_param(void)
{
    uint64_t via = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << HVM_PARAM_CALLBACK_IRQ_TYPE_SHIFT) |
                   CALLBACK_VECTOR, v = 0;

    expect_rc(param(HVMOP_set_param, DOMID_SELF, HVM_PARAM_CALLBACK_IRQ, &via), 0,
              "HVMOP_set_param CALLBACK_IRQ = vector %#x", CALLBACK_VECTOR);
    param(HVMOP_get_param, DOMID_SELF, HVM_PARAM_CALLBACK_IRQ, &v);
    expect(v == via, "CALLBACK_IRQ reads back %#lx", (unsigned long)v);
    v = 0;
    expect_rc(param(HVMOP_set_param, DOMID_SELF, HVM_PARAM_CALLBACK_IRQ, &v), 0,
              "HVMOP_set_param CALLBACK_IRQ = 0 (none)");
    v = 0x1000;
    expect_rc(param(HVMOP_set_param, DOMID_SELF, HVM_PARAM_STORE_PFN, &v), E(EPERM),
              "HVMOP_set_param STORE_PFN by the guest itself");
    expect_rc(param(HVMOP_set_param, DOMID_SELF, HVM_PARAM_IDENT_PT, &v), E(EPERM),
              "HVMOP_set_param IDENT_PT by the guest itself");
    expect_rc(param(HVMOP_set_param, DOMID_SELF, HVM_PARAM_PAE_ENABLED, &v), E(EINVAL),
              "HVMOP_set_param PAE_ENABLED (deprecated)");
    expect_rc(param(HVMOP_set_param, DOMID_SELF, HVM_NR_PARAMS, &v), E(EINVAL),
              "HVMOP_set_param index %u (HVM_NR_PARAMS)", HVM_NR_PARAMS);
    expect_rc(param(HVMOP_set_param, DOMID_NONE, HVM_PARAM_CALLBACK_IRQ, &v), E(ESRCH),
              "HVMOP_set_param of domain %#x (none)", DOMID_NONE);
    for_each_bad_ptr(p, sizeof(struct xen_hvm_param))
        expect_rc(HYPERVISOR_hvm_op(HVMOP_set_param, PTR(p->va)), E(EFAULT),
                  "HVMOP_set_param, struct at %s", p->name);
    if (!is_control_domain()) {
        v = 0;
        expect_rc(param(HVMOP_set_param, 0, HVM_PARAM_CALLBACK_IRQ, &v), E(EPERM),
                  "HVMOP_set_param of dom0, unprivileged");
    }
}

static long upcall_vector(uint32_t vcpu, uint8_t vector)
{
    struct xen_hvm_evtchn_upcall_vector u = { .vcpu = vcpu, .vector = vector };

    return HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector, &u);
}

static void check_upcall_vector(void)
{
    expect_rc(upcall_vector(0, UPCALL_VECTOR), 0, "HVMOP_set_evtchn_upcall_vector vCPU 0, %#x",
              UPCALL_VECTOR);
    expect_rc(upcall_vector(0, 0x0f), E(EINVAL), "HVMOP_set_evtchn_upcall_vector vector 0x0f");
    expect_rc(upcall_vector(64, 0x0f), E(EINVAL),
              "HVMOP_set_evtchn_upcall_vector vCPU 64, vector 0x0f (vector first)");
    expect_rc(upcall_vector(64, UPCALL_VECTOR), E(ENOENT), "HVMOP_set_evtchn_upcall_vector vCPU 64");
    expect_rc(upcall_vector(0xffffffff, UPCALL_VECTOR), E(ENOENT),
              "HVMOP_set_evtchn_upcall_vector vCPU 0xffffffff");
    for_each_bad_ptr(p, sizeof(struct xen_hvm_evtchn_upcall_vector))
        expect_rc(HYPERVISOR_hvm_op(HVMOP_set_evtchn_upcall_vector, PTR(p->va)), E(EFAULT),
                  "HVMOP_set_evtchn_upcall_vector from %s", p->name);
}

static long pagetable_dying(uint16_t domid)
{
    struct xen_hvm_pagetable_dying a = { .domid = domid, .gpa = 0x200000 };

    return HYPERVISOR_hvm_op(HVMOP_pagetable_dying, &a);
}

static void check_pagetable_dying(void)
{
    expect_rc(pagetable_dying(DOMID_SELF), E(EINVAL), "HVMOP_pagetable_dying, self (HAP)");
    expect_rc(pagetable_dying((uint16_t)my_domid()), E(EINVAL),
              "HVMOP_pagetable_dying, own domain ID (HAP)");
    expect_rc(pagetable_dying(DOMID_NONE), E(ESRCH), "HVMOP_pagetable_dying, domain %#x (none)",
              DOMID_NONE);
    if (!is_control_domain())
        expect_rc(pagetable_dying(0), E(EOPNOTSUPP), "HVMOP_pagetable_dying of dom0 (another domain)");
    for_each_bad_ptr(p, sizeof(struct xen_hvm_pagetable_dying))
        expect_rc(HYPERVISOR_hvm_op(HVMOP_pagetable_dying, PTR(p->va)), E(EFAULT),
                  "HVMOP_pagetable_dying from %s", p->name);
}

static void check_unknown(void)
{
    static const unsigned long ops[] = {
        2, 3, 4, 100, 0xffffffff, (1ul << 32) | HVMOP_get_param, ~0ul,
    };
    struct xen_hvm_param p = { .domid = DOMID_SELF, .index = HVM_PARAM_CALLBACK_IRQ };

    for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
        expect_rc(HYPERVISOR_hvm_op(ops[i], &p), E(ENOSYS), "hvm_op %#lx (unknown)", ops[i]);
}

void main(void)
{
    hctest_init("hc-hvm");
    x2apic_enable();
    set_irq_handler(UPCALL_VECTOR, upcall_handler);
    set_irq_handler(CALLBACK_VECTOR, upcall_handler);
    check_get_param();
    check_set_param();
    check_upcall_vector();
    check_pagetable_dying();
    check_unknown();
    test_end();
}
