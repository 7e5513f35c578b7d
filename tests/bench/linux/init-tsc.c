/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * /init of the Linux-boot benchmark (scripts/bench-linux): the first
 * user-space instruction of dom0's Linux reads the TSC, prints
 * "BENCH linux_init_tsc <n> end" on the console and powers the domain off.
 * Static, no libc: raw system calls only.
 */
#include <stdint.h>

#define SYS_write   1
#define SYS_open    2
#define SYS_mknod   133
#define SYS_mkdir   83
#define SYS_reboot  169
#define SYS_exit    60

static long sys3(long nr, long a, long b, long c)
{
    long ret;

    asm volatile ("syscall" : "=a" (ret) : "a" (nr), "D" (a), "S" (b), "d" (c)
                  : "rcx", "r11", "memory");
    return ret;
}

static long sys4(long nr, long a, long b, long c, long d)
{
    long ret;
    register long r10 asm("r10") = d;

    asm volatile ("syscall" : "=a" (ret) : "a" (nr), "D" (a), "S" (b), "d" (c), "r" (r10)
                  : "rcx", "r11", "memory");
    return ret;
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ("lfence; rdtsc" : "=a" (lo), "=d" (hi));
    return ((uint64_t)hi << 32) | lo;
}

void _start(void)
{
    uint64_t tsc = rdtsc();
    char buf[64] = "BENCH linux_init_tsc ", digits[24];
    int n = 21, d = 0;
    long fd;

    do {
        digits[d++] = '0' + tsc % 10;
        tsc /= 10;
    } while (tsc);
    while (d)
        buf[n++] = digits[--d];
    for (const char *e = " end\n"; *e; e++)      /* the reader waits for the whole line */
        buf[n++] = *e;
    /* the kernel's built-in initramfs normally has /dev/console; make sure */
    sys3(SYS_mkdir, (long)"/dev", 0755, 0);
    sys3(SYS_mknod, (long)"/dev/console", 020600, (5 << 8) | 1);
    fd = sys3(SYS_open, (long)"/dev/console", 1 /* O_WRONLY */, 0);
    sys3(SYS_write, fd < 0 ? 1 : fd, (long)buf, n);
    /* LINUX_REBOOT_MAGIC1/2, LINUX_REBOOT_CMD_POWER_OFF */
    sys4(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0);
    sys3(SYS_exit, 0, 0, 0);
    for (;;)
        ;
}
