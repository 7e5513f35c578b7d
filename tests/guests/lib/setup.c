/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Start of day in C (called from head.S in long mode on the boot stack):
 * validate hvm_start_info, enable SSE, load the IDT, pick the hypercall
 * instruction, then run the test's main().  Also the command-line and
 * memory-map accessors built on start_info.
 */
#include "guest.h"

extern uint64_t start_info_pa;          /* EBX at entry (head.S) */
const struct hvm_start_info *start_info;
void hypercall_init(void);
void guest_start(void);

static void enable_sse(void)
{
    write_cr0((read_cr0() & ~(1ul << 2)) | (1ul << 1));     /* EM off, MP on */
    write_cr4(read_cr4() | (1ul << 9) | (1ul << 10));       /* OSFXSR, OSXMMEXCPT */
}

void guest_start(void)
{
    const struct hvm_start_info *si = (const void *)start_info_pa;

    enable_sse();
    traps_init();
    hypercall_init();
    /* Identity-mapped below 4 GiB: anything above cannot be read. */
    if (start_info_pa == 0 || start_info_pa >= (1ull << 32) - sizeof(*si))
        test_error("bad start_info pointer %#lx in EBX", (unsigned long)start_info_pa);
    if (si->magic != XEN_HVM_START_MAGIC_VALUE)
        test_error("bad start_info magic %#x (expected %#x)", si->magic,
                   XEN_HVM_START_MAGIC_VALUE);
    start_info = si;
    main();
    test_end();
}

const char *guest_cmdline(void)
{
    uint64_t pa = start_info ? start_info->cmdline_paddr : 0;

    return pa && pa < (1ull << 32) ? (const char *)pa : "";
}

/* Find @name as a word (bare or "name=...") and return what follows it. */
static const char *cmdline_find(const char *name)
{
    const char *p = guest_cmdline();
    size_t n = strlen(name);

    while (*p) {
        while (*p == ' ')
            p++;
        if (!strncmp(p, name, n) && (p[n] == '\0' || p[n] == ' ' || p[n] == '='))
            return p + n;
        while (*p && *p != ' ')
            p++;
    }
    return NULL;
}

bool cmdline_has(const char *word)
{
    return cmdline_find(word) != NULL;
}

const char *cmdline_get(const char *name, char *buf, size_t len)
{
    const char *v = cmdline_find(name);
    size_t i = 0;

    if (!v || *v != '=' || len == 0)
        return NULL;
    for (v++; v[i] && v[i] != ' ' && i + 1 < len; i++)
        buf[i] = v[i];
    buf[i] = '\0';
    return buf;
}

unsigned long cmdline_ulong(const char *name, unsigned long dflt)
{
    char buf[32];
    const char *end;
    unsigned long v;

    if (!cmdline_get(name, buf, sizeof(buf)))
        return dflt;
    v = strtoul(buf, &end, 0);
    return *end ? dflt : v;
}

bool memmap_is_ram(uint64_t addr, uint64_t len)
{
    const struct hvm_memmap_table_entry *e;

    if (!start_info || start_info->version < 1 || !start_info->memmap_paddr)
        return true;
    e = (const void *)start_info->memmap_paddr;
    for (uint32_t i = 0; i < start_info->memmap_entries && i < 128; i++)
        if (e[i].type == XEN_HVM_MEMMAP_TYPE_RAM && addr >= e[i].addr &&
            addr + len <= e[i].addr + e[i].size)
            return true;
    return false;
}
