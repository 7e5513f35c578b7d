/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Fake guest-virtual memory for hypercall unit tests: one flat window of
 * GVA_SIZE bytes at GVA_BASE (both defined by the including test before
 * this header), backed by gmem[]; anything outside it is -EFAULT.  Provides
 * the copy_from/to_guest_virt the handlers under test call.
 */
#ifndef TESTS_UNIT_FAKE_GUEST_VIRT_H
#define TESTS_UNIT_FAKE_GUEST_VIRT_H

static uint8_t gmem[GVA_SIZE];

static bool in_window(uint64_t va, size_t len)
{
    return va >= GVA_BASE && len <= GVA_SIZE && va - GVA_BASE <= GVA_SIZE - len;
}

int copy_from_guest_virt(struct vcpu *v, void *buf, uint64_t va, size_t len)
{
    (void)v;
    if (!in_window(va, len))
        return -EFAULT;
    memcpy(buf, gmem + (va - GVA_BASE), len);
    return 0;
}

int copy_to_guest_virt(struct vcpu *v, uint64_t va, const void *buf, size_t len)
{
    (void)v;
    if (!in_window(va, len))
        return -EFAULT;
    memcpy(gmem + (va - GVA_BASE), buf, len);
    return 0;
}

#endif
