/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest frames for the FIFO event-channel ABI (control blocks, event-array
 * pages), kept apart so host tests can replace them.  As vcpu_info
 * (shared_info.c), a frame is "pinned" by recording it: physmap release
 * asks evtchn_fifo_frame_pinned() under physmap_lock and then leaves the
 * frame owned by the domain, so the hypervisor's directmap pointer stays
 * valid until the domain's pages are relinquished at destruction.
 */
#include <xen/event_fifo.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/p2m.h>

void *evtchn_fifo_pin_frame(struct domain *d, uint64_t gfn, unsigned long *slot)
{
    p2m_type_t t;
    unsigned long mfn;
    void *va = NULL;

    spin_lock(&d->physmap_lock);
    mfn = p2m_get_entry(d, gfn, &t, NULL);
    if (mfn != INVALID_MFN && t == p2m_ram_rw && mfn_valid(mfn) &&
        mfn_to_page(mfn)->owner == (uintptr_t)d) {
        *slot = mfn;
        va = arch_mfn_to_virt(mfn);
    }
    spin_unlock(&d->physmap_lock);
    return va;
}

void evtchn_fifo_unpin_frame(struct domain *d, unsigned long *slot)
{
    spin_lock(&d->physmap_lock);
    *slot = INVALID_MFN;
    spin_unlock(&d->physmap_lock);
}
