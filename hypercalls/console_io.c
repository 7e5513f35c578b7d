/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * console_io(cmd, count, buffer), Xen's semantics:
 *   CONSOLEIO_write: every domain (Xen lets only privileged ones, unless
 *     built verbose; the issue wants it for all, rate-limited and prefixed
 *     by guest_console_write).  count is unsigned 32-bit; the buffer is
 *     copied in 128-byte chunks and a bad pointer gives -EFAULT after the
 *     chunks before it were written.  Long writes continue through a
 *     continuation every WRITE_BUDGET bytes.  Returns 0.
 *   CONSOLEIO_read: control domain only (-EPERM); count > INT_MAX gives
 *     -E2BIG; returns the bytes read, always 0 for now (serial input is
 *     not routed to domains yet).
 *   anything else: -ENOSYS.
 */
#include <xen/errno.h>
#include <xen/guest_console.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/p2m.h>
#include <public/xen.h>

#define CHUNK        128
#define WRITE_BUDGET 4096       /* bytes per hypercall entry before continuing */

static long console_write(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t count = (uint32_t)args->a[1], done = 0;
    uint64_t buffer = args->a[2];
    char kbuf[CHUNK];

    while (count) {
        uint32_t n = min(count, (uint32_t)CHUNK);

        if (done >= WRITE_BUDGET) {
            args->a[1] = count;
            args->a[2] = buffer;
            return -ERESTART;
        }
        if (copy_from_guest_virt(v, kbuf, buffer, n))
            return -EFAULT;
        guest_console_write(v->domain, kbuf, n);
        buffer += n;
        count -= n;
        done += n;
    }
    return 0;
}

static long console_read(struct vcpu *v, struct hypercall_args *args)
{
    if (!v->domain->is_privileged)
        return -EPERM;
    if ((uint32_t)args->a[1] > INT32_MAX)
        return -E2BIG;
    return 0;
}

long do_console_io(struct vcpu *v, struct hypercall_args *args)
{
    switch ((uint32_t)args->a[0]) {
    case CONSOLEIO_write:
        return console_write(v, args);
    case CONSOLEIO_read:
        return console_read(v, args);
    default:
        return -ENOSYS;
    }
}
