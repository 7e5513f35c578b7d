/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hello: prints one line through each console channel alone, then its
 * start_info (command line, modules, memory map) and succeeds.
 *
 * "work=N" adds a checksummed busy loop of N iterations, run twice: sums
 * with a closed form (mod 2^64) plus an FNV-style hash that the second pass
 * must reproduce, and a pattern in xmm0-7 that must survive.  Register or
 * FPU state lost across VM exits, preemption or another domain crashing
 * shows up as a FAILURE.  This is the victim next to crash and badmem.
 */
#include "guest.h"

#define WORK_MAX (1ul << 40)   /* about an hour of TCG */

static const char *const mem_types[] = { "?", "RAM", "reserved", "ACPI", "NVS", "unusable" };

static void show_start_info(void)
{
    const struct hvm_start_info *si = start_info;
    const struct hvm_memmap_table_entry *e = (const void *)si->memmap_paddr;

    printf("hello: start_info at %p, version %u, flags %#x\n", (const void *)si,
           si->version, si->flags);
    printf("hello: cmdline \"%s\"\n", guest_cmdline());
    printf("hello: %u modules, RSDP at %#lx\n", si->nr_modules, (unsigned long)si->rsdp_paddr);
    if (si->version < 1 || !si->memmap_paddr) {
        printf("hello: no memory map in start_info\n");
        return;
    }
    printf("hello: memory map, %u entries:\n", si->memmap_entries);
    for (uint32_t i = 0; i < si->memmap_entries && i < 64; i++)
        printf("hello:   %#014lx-%#014lx %s\n", (unsigned long)e[i].addr,
               (unsigned long)(e[i].addr + e[i].size - 1),
               mem_types[e[i].type < ARRAY_SIZE(mem_types) ? e[i].type : 0]);
}

struct sums { uint64_t a, b, h; };

static struct sums work_pass(unsigned long n, const char *label)
{
    struct sums s = { 0, 0, 0xcbf29ce484222325ull };
    unsigned long step = n / 4 ? n / 4 : 1, next = step;

    for (unsigned long i = 0; i < n; i++) {
        s.a += i;
        s.b += (uint64_t)i * i;
        s.h = (s.h ^ i) * 0x100000001b3ull;
        asm volatile ("" : "+r" (s.a), "+r" (s.b), "+r" (s.h));  /* no closed form */
        if (i + 1 == next) {
            if (label)
                printf("hello: work %s %lu%%\n", label, next / step * 25);
            next += step;
        }
    }
    return s;
}

/* sum of i for i < n, mod 2^64: halve the even factor before multiplying. */
static uint64_t closed_sum(uint64_t n)
{
    uint64_t x = n ? n - 1 : 0, y = n;

    return x % 2 == 0 ? (x / 2) * y : x * (y / 2);
}

/* sum of i*i for i < n = (n-1)n(2n-1)/6, dividing exact factors first. */
static uint64_t closed_sum_squares(uint64_t n)
{
    uint64_t f[3] = { n ? n - 1 : 0, n, n ? 2 * n - 1 : 0 };

    for (int i = 0; i < 3; i++)
        if (f[i] % 2 == 0) {
            f[i] /= 2;
            break;
        }
    for (int i = 0; i < 3; i++)
        if (f[i] % 3 == 0) {
            f[i] /= 3;
            break;
        }
    return f[0] * f[1] * f[2];
}

static void xmm_load(const uint64_t pat[16])
{
    asm volatile ("movdqu 0(%0), %%xmm0\n movdqu 16(%0), %%xmm1\n"
                  "movdqu 32(%0), %%xmm2\n movdqu 48(%0), %%xmm3\n"
                  "movdqu 64(%0), %%xmm4\n movdqu 80(%0), %%xmm5\n"
                  "movdqu 96(%0), %%xmm6\n movdqu 112(%0), %%xmm7\n" :: "r" (pat) : "memory");
}

static void xmm_store(uint64_t out[16])
{
    asm volatile ("movdqu %%xmm0, 0(%0)\n movdqu %%xmm1, 16(%0)\n"
                  "movdqu %%xmm2, 32(%0)\n movdqu %%xmm3, 48(%0)\n"
                  "movdqu %%xmm4, 64(%0)\n movdqu %%xmm5, 80(%0)\n"
                  "movdqu %%xmm6, 96(%0)\n movdqu %%xmm7, 112(%0)\n" :: "r" (out) : "memory");
}

static void do_work(unsigned long n)
{
    uint64_t pat[16], got[16];
    struct sums s1, s2;

    if (n > WORK_MAX)
        test_error("work=%lu is more than %lu", n, WORK_MAX);
    for (int i = 0; i < 16; i++)
        pat[i] = (n + 1) * 0x9e3779b97f4a7c15ull ^ (uint64_t)i << 56;
    xmm_load(pat);
    printf("hello: work: %lu iterations, twice\n", n);
    s1 = work_pass(n, "pass 1");
    s2 = work_pass(n, NULL);
    xmm_store(got);

    uint64_t a = closed_sum(n), b = closed_sum_squares(n);
    if (s1.a != a || s1.b != b)
        test_failure("work sums %#lx/%#lx, expected %#lx/%#lx", s1.a, s1.b, a, b);
    if (s1.h != s2.h || s1.a != s2.a || s1.b != s2.b)
        test_failure("work passes differ: hash %#lx vs %#lx", s1.h, s2.h);
    if (memcmp(pat, got, sizeof(pat)))
        test_failure("xmm registers changed during the work");
    printf("hello: work done, checksum %#lx\n", s1.h);
}

void main(void)
{
    static const char e9_line[] = "hello: this line went through port 0xe9 only\n";
    static const char hc_line[] = "hello: this line went through console_io only\n";

    e9_write(e9_line, sizeof(e9_line) - 1);
    if (hcall_console_write(hc_line, sizeof(hc_line) - 1) < 0)
        printf("hello: console_io is not available\n");
    show_start_info();
    if (cmdline_has("work"))
        do_work(cmdline_ulong("work", 0));
    test_success();
}
