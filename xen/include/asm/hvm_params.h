/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Per-domain HVM parameters (HVMOP_set_param / HVMOP_get_param) with Xen
 * 4.17's rules, and the event-channel upcall settings event delivery uses
 * (xen/arch/x86/hvm/params.c; host-tested).  The hypercall decoding is in
 * hypercalls/hvm_op.c.
 *
 * Who may do what (Xen's hvm_allow_{set,get}_param):
 *   - a guest on itself: only the parameters marked HVM_PARAMF_GUEST_SET /
 *     HVM_PARAMF_GUEST_GET, else -EPERM (this includes the control domain
 *     acting on itself);
 *   - the control domain on another domain: every parameter;
 *   - deprecated parameters: -EINVAL for everyone;
 *   - HVM_PARAMF_ONCE parameters: once non-zero, a different value gives
 *     -EEXIST.
 * Some parameters have value checks or side effects on top (params.c).
 *
 * Event delivery (issue 5) asks hvm_upcall_vector(v) first and falls back
 * to hvm_callback_vector(d), as Xen does.  The callback's other types (GSI,
 * PCI INTx) are accepted and stored but never take effect: like Xen for a
 * PVH domain (no virtual PIC/IO-APIC), only a vector type changes delivery,
 * so even setting 0 leaves an earlier vector in force.
 */
#ifndef ASM_HVM_PARAMS_H
#define ASM_HVM_PARAMS_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <public/hvm/params.h>

struct domain;
struct vcpu;

struct hvm_params {
    spinlock_t lock;                /* serialises writers (write-once checks) */
    uint64_t val[HVM_NR_PARAMS];    /* stored values (lock to write) */
    int16_t callback_vector;        /* in force: -1 none, else 0..255 (atomic) */
    uint8_t x87_fip_width;          /* 0, 4 or 8 (HVM_PARAM_X87_FIP_WIDTH) */
};

/* Per-parameter rules (hvm_param_flags). */
#define HVM_PARAMF_GUEST_SET    (1u << 0)   /* a guest may set it on itself */
#define HVM_PARAMF_GUEST_GET    (1u << 1)   /* a guest may read it on itself */
#define HVM_PARAMF_DEPRECATED   (1u << 2)   /* -EINVAL for set and get */
#define HVM_PARAMF_ONCE         (1u << 3)   /* write-once (once non-zero) */

/* The flags above for @index (0 beyond HVM_NR_PARAMS). */
unsigned int hvm_param_flags(uint32_t index);

/* Defaults for a new domain (hvm_domain_init): as Xen, TRIPLE_FAULT_REASON reboot, others 0. */
void hvm_params_init(struct domain *d);

/*
 * Set / read parameter @index of @d on behalf of a caller that is @d itself
 * (@self) or the control domain (the hypercall has checked that it is one
 * of the two).  0, -EINVAL (index out of range, deprecated, bad value),
 * -EPERM (not for a guest on itself), -EEXIST (write-once), -ENODEV
 * (ACPI_IOPORTS_LOCATION: no PM timer), -EOPNOTSUPP (ACPI S3).
 * *@crash is set when Xen would crash the calling domain for the value
 * (a bad VM86 TSS on itself); the caller does that after unlocking.
 */
int hvm_param_set(struct domain *d, uint32_t index, uint64_t value, bool self,
                  bool *crash);
int hvm_param_get(struct domain *d, uint32_t index, uint64_t *value, bool self);

/* For the domain builder: store @value with no permission checks. */
void hvm_param_init(struct domain *d, uint32_t index, uint64_t value);

/* HVM_PARAM_CALLBACK_IRQ decoded as Xen does (hvm_set_callback_via). */
enum hvm_callback_type {
    HVM_CALLBACK_NONE,              /* 0, an unknown type, or GSI 0 */
    HVM_CALLBACK_GSI,
    HVM_CALLBACK_PCI_INTX,
    HVM_CALLBACK_VECTOR,
};
struct hvm_callback_via {
    enum hvm_callback_type type;
    uint8_t gsi;                    /* GSI: bits 7:0 */
    uint8_t pci_dev, pci_intx;      /* PCI_INTX: device bits 15:11, INTx bits 1:0 */
    uint8_t vector;                 /* VECTOR: bits 7:0 */
};
struct hvm_callback_via hvm_callback_decode(uint64_t value);

/* The domain-wide callback vector in force, or -1 (none). */
int hvm_callback_vector(const struct domain *d);

/* The vCPU's own upcall vector (HVMOP_set_evtchn_upcall_vector), 0 if none. */
uint8_t hvm_upcall_vector(const struct vcpu *v);
/* Set it (>= 0x10; the hypercall checks).  Prints "d<id>v<n>: upcall vector <xx>". */
void hvm_set_upcall_vector(struct vcpu *v, uint8_t vector);

#endif
