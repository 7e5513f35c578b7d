/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Address-to-symbol lookup by binary search over a sorted symbol table. */
#include <xen/lib.h>
#include <xen/symbols.h>

const char *symtab_lookup(const struct symtab *t, unsigned long addr,
                          unsigned long *offset, unsigned long *size)
{
    unsigned long lo = 0, hi, next;

    if (!t || !t->count || !t->addrs || !t->names)
        return NULL;
    if (addr < t->addrs[0] || addr >= t->end)
        return NULL;

    /* Last index whose address is <= addr: invariant addrs[lo] <= addr. */
    hi = t->count;
    while (hi - lo > 1) {
        unsigned long mid = lo + (hi - lo) / 2;
        if (t->addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }

    next = t->end;
    for (unsigned long i = lo + 1; i < t->count; i++) {
        if (t->addrs[i] > t->addrs[lo]) {
            next = t->addrs[i];
            break;
        }
    }
    if (next > t->end)
        next = t->end;
    if (offset)
        *offset = addr - t->addrs[lo];
    if (size)
        *size = next - t->addrs[lo];
    return t->names[lo] ? t->names[lo] : "??";
}

int symtab_format(const struct symtab *t, char *buf, size_t size,
                  unsigned long addr, bool is_ret)
{
    unsigned long look = is_ret && addr ? addr - 1 : addr;
    unsigned long off, len;
    const char *name = symtab_lookup(t, look, &off, &len);

    if (!name)
        return snprintf(buf, size, "??");
    return snprintf(buf, size, "%s+0x%lx/0x%lx", name, off + (addr - look), len);
}
