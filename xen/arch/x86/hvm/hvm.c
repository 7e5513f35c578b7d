/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The vendor-neutral HVM layer: choose the vendor at boot (SVM, then VMX:
 * one probe each, tried in turn; each checks CPUID itself), enable it on
 * every pCPU, and the domain/vCPU lifecycle hooks the domain code calls.
 * Without a usable vendor hvm_ops stays NULL and no domain can be created.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/hvm_params.h>
#include <asm/p2m.h>

const struct hvm_vendor_ops *hvm_ops;

static const struct hvm_vendor_ops *(*const vendor_probes[])(void) = {
    svm_probe,
    vmx_probe,
};

int hvm_init(void)
{
    for (unsigned int i = 0; i < sizeof(vendor_probes) / sizeof(vendor_probes[0]); i++) {
        const struct hvm_vendor_ops *ops = vendor_probes[i]();

        if (ops) {
            hvm_ops = ops;
            return 0;
        }
    }
    printk(XENLOG_WARNING "HVM: no usable hardware virtualization: domains cannot be created\n");
    return -ENODEV;
}

int hvm_cpu_up(void)
{
    int rc;

    if (!hvm_ops)
        return -ENODEV;
    rc = hvm_ops->cpu_up();
    if (rc)
        printk(XENLOG_ERR "HVM: CPU%u: cannot enable %s (%d)\n",
               smp_processor_id(), hvm_ops->name, rc);
    return rc;
}

int hvm_domain_init(struct domain *d)
{
    int rc;

    if (!hvm_ops)
        return -ENODEV;
    rc = p2m_init(d);
    if (rc)
        return rc;
    rc = cpuid_policy_init(d);
    if (rc) {
        p2m_teardown(d);
        return rc;
    }
    hvm_params_init(d);
    return 0;
}

void hvm_domain_destroy(struct domain *d)
{
    cpuid_policy_destroy(d);
    p2m_teardown(d);
}

int hvm_vcpu_init(struct vcpu *v)
{
    int rc;

    if (!hvm_ops)
        return -ENODEV;
    rc = hvm_ops->vcpu_init(v);
    if (rc)
        return rc;
    rc = vlapic_init(v);
    if (rc) {
        hvm_ops->vcpu_destroy(v);
        return rc;
    }
    return 0;
}

void hvm_vcpu_destroy(struct vcpu *v)
{
    vlapic_destroy(v);
    if (hvm_ops)
        hvm_ops->vcpu_destroy(v);
}
