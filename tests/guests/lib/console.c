/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest console.  Output is collected into whole lines; each line goes
 * through HYPERVISOR_console_io(CONSOLEIO_write) when the hypervisor
 * identifies as Xen and the call succeeds, and to port 0xe9 otherwise (so
 * early output, a non-Xen hypervisor or a refused hypercall still reach the
 * log).  On our hypervisor either channel shows as "(d<id>) text"; on Xen,
 * dom0's console_io text is printed raw and port 0xe9 reaches QEMU's
 * -debugcon device (PVH dom0 owns the I/O ports).
 *
 * "gconsole=e9", "gconsole=hcall" or "gconsole=both" on the guest command
 * line overrides the choice.  A spinlock serialises vCPUs.
 */
#include "guest.h"

static char line[256];
static size_t line_len;
static volatile int console_lock;
static bool use_e9, use_hcall = true, channels_checked;

void e9_write(const char *s, size_t len)
{
    while (len--)
        outb(0xe9, (uint8_t)*s++);
}

long hcall_console_write(const char *s, size_t len)
{
    return hypervisor_is_xen() ? hypercall_console_io(CONSOLEIO_write, len, s) : -38;
}

static void pick_channels(void)
{
    char v[8];

    if (!start_info)                /* too early: decide once start_info is known */
        return;
    channels_checked = true;
    if (cmdline_get("gconsole", v, sizeof(v))) {
        use_e9 = strncmp(v, "hcall", 6) != 0;
        use_hcall = strncmp(v, "e9", 3) != 0;
    }
}

static void emit_line(void)
{
    bool sent = false;

    if (!channels_checked)
        pick_channels();
    if (use_hcall)
        sent = hcall_console_write(line, line_len) >= 0;
    if (use_e9 || !sent)
        e9_write(line, line_len);
    line_len = 0;
}

static void lock(void)
{
    while (__atomic_exchange_n(&console_lock, 1, __ATOMIC_ACQUIRE))
        cpu_relax();
}

static void unlock(void)
{
    __atomic_store_n(&console_lock, 0, __ATOMIC_RELEASE);
}

void puts_raw(const char *s, size_t len)
{
    lock();
    for (; len; len--, s++) {
        line[line_len++] = *s;
        if (*s == '\n' || line_len == sizeof(line))
            emit_line();
    }
    unlock();
}

void console_flush(void)
{
    lock();
    if (line_len) {
        line[line_len++] = '\n';
        emit_line();
    }
    unlock();
}

int printf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    puts_raw(buf, strlen(buf));
    return n;
}

/* After an unexpected exception: the interrupted code may hold the lock. */
void console_force_unlock(void);
void console_force_unlock(void)
{
    unlock();
}
