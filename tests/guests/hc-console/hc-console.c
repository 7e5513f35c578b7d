/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hc-console: console_io (hypercall 18).
 *   CONSOLEIO_write: a line, count 0 (even with a NULL buffer), count and
 *     cmd are 32-bit (upper halves ignored), a 5000-byte write (longer than
 *     one of our continuation budgets), bad pointers -> -EFAULT, a write
 *     that runs from mapped into unmapped memory after a few chunks ->
 *     -EFAULT;
 *   CONSOLEIO_read (control domain): count 0 and 16 -> 0 bytes (no serial
 *     input is pending; neither Xen nor we touch the buffer then, so even a
 *     bad pointer gives 0), count > INT_MAX -> -E2BIG;
 *   unknown sub-ops -> -ENOSYS.
 *   Unprivileged (domU on ours): read and unknown sub-ops -> -EPERM (Xen's
 *   XSM check comes before the sub-op).
 * Deliberate difference (checked on ours as a domU only; Xen's dom0 is
 * privileged): Xen 4.17 (release build) refuses console_io writes from an
 * unprivileged domain with -EPERM; we let every domain write
 * (rate-limited, prefixed), so a domU's write returns 0 (or -EFAULT).
 */
#include "hctest.h"

static char long_buf[5000];

static void check_write(void)
{
    static const char line[] = "hc-console: this line went through CONSOLEIO_write\n";
    bool priv = is_control_domain();
    long want_denied = priv ? 0 : E(EPERM);     /* Xen's answer to an unprivileged write */

    expect_rc2(HYPERVISOR_console_io(CONSOLEIO_write, sizeof(line) - 1, line), want_denied, 0,
               "CONSOLEIO_write of a line");
    expect_rc2(HYPERVISOR_console_io(CONSOLEIO_write, 0, NULL), want_denied, 0,
               "CONSOLEIO_write, count 0, NULL buffer");
    expect_rc2(HYPERVISOR_console_io(0xbad00000000ul | CONSOLEIO_write, 0, NULL), want_denied, 0,
               "CONSOLEIO_write with RDI[63:32] set (cmd is 32-bit)");
    expect_rc2(HYPERVISOR_console_io(CONSOLEIO_write, 0xbad00000000ul | 3, "ok\n"),
               want_denied, 0, "CONSOLEIO_write with RSI[63:32] set (count is 32-bit)");

    /* 5000 bytes: lines of dots, so the log stays readable */
    for (size_t i = 0; i < sizeof(long_buf); i++)
        long_buf[i] = i % 100 == 99 ? '\n' : '.';
    long_buf[sizeof(long_buf) - 1] = '\n';
    expect_rc2(HYPERVISOR_console_io(CONSOLEIO_write, sizeof(long_buf), long_buf), want_denied, 0,
               "CONSOLEIO_write of 5000 bytes (continuations)");

    for_each_bad_ptr(p, 16)
        expect_rc2(HYPERVISOR_console_io(CONSOLEIO_write, 16, PTR(p->va)),
                   priv ? E(EFAULT) : E(EPERM), E(EFAULT), "CONSOLEIO_write from %s", p->name);
    /* 300 bytes ending 100 bytes into the unmapped page: the first chunks
     * are written (the edge page holds newlines), then -EFAULT */
    char *edge = edge_ptr(200);
    memset(edge, '.', 200);
    edge[63] = edge[127] = edge[199] = '\n';
    expect_rc2(HYPERVISOR_console_io(CONSOLEIO_write, 300, edge), want_denied ? want_denied : E(EFAULT),
               E(EFAULT), "CONSOLEIO_write of 300 bytes running into unmapped memory");
}

static void check_read(void)
{
    char buf[16];

    if (!is_control_domain()) {
        expect_rc(HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf), E(EPERM),
                  "CONSOLEIO_read, unprivileged");
        expect_rc(HYPERVISOR_console_io(CONSOLEIO_read, 0, NULL), E(EPERM),
                  "CONSOLEIO_read count 0, unprivileged");
        return;
    }
    expect_rc(HYPERVISOR_console_io(CONSOLEIO_read, 0, NULL), 0, "CONSOLEIO_read, count 0");
    expect_rc(HYPERVISOR_console_io(CONSOLEIO_read, sizeof(buf), buf), 0,
              "CONSOLEIO_read, 16 bytes (no input pending)");
    for_each_bad_ptr(p, 16)
        expect_rc(HYPERVISOR_console_io(CONSOLEIO_read, 16, PTR(p->va)), 0,
                  "CONSOLEIO_read to %s (no input: buffer untouched)", p->name);
    expect_rc(HYPERVISOR_console_io(CONSOLEIO_read, 0x80000000ul, buf), E(E2BIG),
              "CONSOLEIO_read, count 0x80000000 (> INT_MAX)");
    expect_rc(HYPERVISOR_console_io(CONSOLEIO_read, 0xfffffffful, buf), E(E2BIG),
              "CONSOLEIO_read, count 0xffffffff");
}

static void check_unknown(void)
{
    static const unsigned long cmds[] = { 2, 3, 0x100, 0xffffffff };
    char buf[16];

    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++)
        expect_rc(HYPERVISOR_console_io(cmds[i], sizeof(buf), buf),
                  is_control_domain() ? E(ENOSYS) : E(EPERM), "console_io sub-op %#lx (unknown)%s",
                  cmds[i], is_control_domain() ? "" : ", unprivileged");
}

void main(void)
{
    hctest_init("hc-console");
    check_write();
    check_read();
    check_unknown();
    test_end();
}
