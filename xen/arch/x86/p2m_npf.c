/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Nested page faults.  Nothing is populated lazily yet, so a fault is the
 * guest touching guest-physical memory it does not have (or writing memory
 * it may only read): that domain is crashed, with the error code decoded.
 * The one exception is a fault that raced with a p2m update on another CPU
 * (the entry now allows the access): the vCPU simply retries.
 *
 * Writes to the write-discard types (p2m_grant_map_ro: a read-only grant
 * mapping, p2m_ram_ro) are dropped as in Xen 4.17, where the fault is
 * emulated and the write discarded: the storing instruction is stepped
 * over.  Only plain MOV stores are decoded; any other instruction writing
 * there crashes the domain ("write to read-only ... not emulated").
 * Never while an event delivery was interrupted (EXITINTINFO valid): then
 * the write was the delivery's (a frame pushed on a stack in such a page),
 * RIP is the interrupted instruction, and stepping over it would lose that
 * instruction and redeliver the event after it; that crashes the domain.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/hvm.h>
#include <asm/p2m.h>

/* NPF error code (EXITINFO1) bits, AMD APM vol. 2, "Nested page faults". */
#define NPF_PRESENT     (1ULL << 0)
#define NPF_WRITE       (1ULL << 1)
#define NPF_USER        (1ULL << 2)
#define NPF_RSVD        (1ULL << 3)
#define NPF_FETCH       (1ULL << 4)
#define NPF_FINAL       (1ULL << 32)    /* translating the final guest-physical address */
#define NPF_TABLE       (1ULL << 33)    /* reading a guest page table */

static const struct { uint64_t bit; const char *set, *clear; } npf_bits[] = {
    { NPF_PRESENT, "present", "not present" },
    { NPF_WRITE,   "write",   "read" },
    { NPF_USER,    "user",    "supervisor" },
    { NPF_RSVD,    "reserved bit", NULL },
    { NPF_FETCH,   "fetch",   NULL },
    { NPF_FINAL,   "final address", NULL },
    { NPF_TABLE,   "guest page table", NULL },
};

/* "not present, write, user, final address" style; returns @buf. */
const char *npf_describe(uint64_t ec, char *buf, size_t size)
{
    size_t len = 0;

    buf[0] = '\0';
    for (unsigned int i = 0; i < ARRAY_SIZE(npf_bits); i++) {
        const char *s = (ec & npf_bits[i].bit) ? npf_bits[i].set : npf_bits[i].clear;
        int n;

        if (!s || len >= size)
            continue;
        n = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", s);
        len += n > 0 ? (size_t)n : 0;
    }
    return buf;
}

/* Would the p2m entry as it is now allow this access? */
static bool now_allowed(struct domain *d, uint64_t gpa, uint64_t ec)
{
    p2m_type_t t;

    if (ec & NPF_RSVD)
        return false;
    if (p2m_get_entry(d, gpa >> PAGE_SHIFT, &t, NULL) == INVALID_MFN)
        return false;
    if (!(ec & NPF_PRESENT))
        return true;                    /* it was absent and has appeared */
    return (ec & NPF_WRITE) && (t == p2m_ram_rw || t == p2m_grant_map_rw ||
                                t == p2m_foreign || t == p2m_special ||
                                t == p2m_mmio_direct);
}

/* A write to a write-discard type: step over it; false if it is not one. */
static bool discard_write(struct vcpu *v, uint64_t gpa, uint64_t ec, bool delivering,
                          int *len)
{
    p2m_type_t t;

    *len = 0;
    /* The instruction's own write (not a page-walk A/D update: NPF_TABLE). */
    if ((ec & (NPF_WRITE | NPF_PRESENT | NPF_RSVD | NPF_FINAL | NPF_TABLE)) !=
            (NPF_WRITE | NPF_PRESENT | NPF_FINAL) ||
        p2m_get_entry(v->domain, gpa >> PAGE_SHIFT, &t, NULL) == INVALID_MFN ||
        (t != p2m_grant_map_ro && t != p2m_ram_ro))
        return false;
    if (delivering) {
        *len = -EBUSY;
        return false;
    }
    *len = hvm_store_length(v);
    if (*len <= 0)
        return false;
    v->arch.regs.rip += (unsigned int)*len;
    return true;
}

void hvm_nested_page_fault(struct vcpu *v, uint64_t gpa, uint64_t error_code, bool delivering)
{
    struct domain *d = v->domain;
    char why[96];
    int len;

    if (now_allowed(d, gpa, error_code) || discard_write(v, gpa, error_code, delivering, &len))
        return;
    if (len == -EBUSY) {
        domain_crash(d, "write to read-only gpa %#lx while delivering an event (rip %#lx)",
                     (unsigned long)gpa, (unsigned long)v->arch.regs.rip);
        return;
    }
    if (len < 0) {
        domain_crash(d, "write to read-only gpa %#lx not emulated (instruction at %#lx: %d)",
                     (unsigned long)gpa, (unsigned long)v->arch.regs.rip, len);
        return;
    }
    domain_crash(d, "nested page fault at gpa %#lx (%s)", (unsigned long)gpa,
                 npf_describe(error_code, why, sizeof(why)));
}
