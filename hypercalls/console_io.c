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
 *     -E2BIG; copies up to count bytes of serial input (switched to DOM0
 *     with Ctrl-a x3, buffered in xen/common/console_rx.c) and returns how
 *     many; 0 when there is none.  A bad buffer gives -EFAULT, and the
 *     bytes that could not be copied stay buffered.
 *   anything else: -ENOSYS for the control domain, -EPERM for others (Xen's
 *     default XSM policy refuses every command but write to them first).
 */
#include <xen/deny.h>
#include <xen/console_rx.h>
#include <xen/errno.h>
#include <xen/guest_console.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
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

/* Readers peek, copy out and consume as one step (several dom0 vCPUs may read). */
static DEFINE_SPINLOCK(read_lock);

static long console_read(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t count = (uint32_t)args->a[1], done = 0;
    uint64_t buffer = args->a[2];
    char kbuf[CONSOLE_RX_SIZE];
    long rc = 0;

    if (count > INT32_MAX)
        return -E2BIG;
    spin_lock(&read_lock);
    while (done < count) {
        size_t n = console_rx_peek(kbuf, min(count - done, (uint32_t)sizeof(kbuf)));

        if (!n)
            break;
        if (copy_to_guest_virt(v, buffer + done, kbuf, n)) {
            rc = -EFAULT;
            break;
        }
        console_rx_consume(n);
        done += n;
    }
    spin_unlock(&read_lock);
    return rc ? rc : done;
}

long do_console_io(struct vcpu *v, struct hypercall_args *args)
{
    uint32_t cmd = (uint32_t)args->a[0];

    if (cmd == CONSOLEIO_write)
        return console_write(v, args);
    if (!v->domain->is_privileged) {
        log_denied(v->domain, "console_io cmd %u (control domain only)", cmd);
        return -EPERM;
    }
    return cmd == CONSOLEIO_read ? console_read(v, args) : -ENOSYS;
}
