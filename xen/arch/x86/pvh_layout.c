/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Guest-physical layout of PVH domains and their start-of-day data (see
 * asm/pvh_layout.h).  Pure functions over plain memory: host-tested.
 */
#include <asm/pvh_layout.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

int pvh_layout_init(struct pvh_layout *l, uint64_t mem_bytes, const char **why)
{
    uint64_t mem = mem_bytes & ~0xfffull;

    memset(l, 0, sizeof(*l));
    if (mem < PVH_MIN_MEM) {
        *why = "memory size too small (minimum 2 MiB)";
        return -EINVAL;
    }
    if (mem > PVH_MAX_MEM) {
        *why = "memory size too large (maximum 1 TiB)";
        return -EINVAL;
    }
    l->mem_bytes = mem;
    l->ram[l->nr_ram++] = (typeof(l->ram[0])){ 0, PVH_LOW_RAM_END };
    l->ram[l->nr_ram++] = (typeof(l->ram[0])){ PVH_HIGH_RAM_START,
                                                min(mem, PVH_MMIO_HOLE_START) };
    /* What would fall into the 32-bit MMIO hole continues above 4 GiB. */
    if (mem > PVH_MMIO_HOLE_START)
        l->ram[l->nr_ram++] = (typeof(l->ram[0])){
            PVH_4G, PVH_4G + (mem - PVH_MMIO_HOLE_START) };
    return 0;
}

int pvh_layout_check(const struct pvh_layout *l, uint64_t start, uint64_t end,
                     const char **why)
{
    unsigned int i;

    for (i = 0; i < l->nr_ram; i++)
        if (start >= l->ram[i].start && end <= l->ram[i].end)
            return 0;
    if (start < PVH_SPECIAL_END && end > PVH_SPECIAL_START)
        *why = "overlaps the legacy hole [0xa0000, 0x100000)";
    else
        *why = "is outside guest RAM";
    return -EINVAL;
}

int pvh_layout_place(const struct pvh_layout *l, uint64_t after, uint64_t size,
                     uint64_t *gpa)
{
    uint64_t at;
    unsigned int i;

    if (after > PVH_4G || size > PVH_4G)
        return -ENOSPC;
    at = ROUNDUP(max(after, PVH_HIGH_RAM_START), 0x1000ull);
    for (i = 0; i < l->nr_ram; i++) {
        uint64_t s = max(at, l->ram[i].start), e = min(l->ram[i].end, PVH_4G);
        if (s < e && size <= e - s) {
            *gpa = s;
            return 0;
        }
    }
    return -ENOSPC;
}

static void memmap_add(struct hvm_memmap_table_entry *e, unsigned int *n, unsigned int max,
                       uint64_t start, uint64_t end, uint32_t type)
{
    if (*n < max && end > start)
        e[(*n)++] = (struct hvm_memmap_table_entry){ .addr = start, .size = end - start,
                                                     .type = type };
}

unsigned int pvh_layout_memmap(const struct pvh_layout *l,
                               struct hvm_memmap_table_entry *e, unsigned int max)
{
    unsigned int n = 0, i;

    memmap_add(e, &n, max, l->ram[0].start, l->ram[0].end, XEN_HVM_MEMMAP_TYPE_RAM);
    memmap_add(e, &n, max, PVH_SPECIAL_START, PVH_ACPI_START, XEN_HVM_MEMMAP_TYPE_RESERVED);
    memmap_add(e, &n, max, PVH_ACPI_START, PVH_INFO_START, XEN_HVM_MEMMAP_TYPE_ACPI);
    memmap_add(e, &n, max, PVH_INFO_START, PVH_SPECIAL_END, XEN_HVM_MEMMAP_TYPE_RESERVED);
    for (i = 1; i < l->nr_ram; i++)
        memmap_add(e, &n, max, l->ram[i].start, l->ram[i].end, XEN_HVM_MEMMAP_TYPE_RAM);
    return n;
}

/* A bump allocator over the info area. */
struct info_area {
    uint8_t *buf;
    size_t size, used;
};

static void *info_alloc(struct info_area *a, size_t len, uint64_t *gpa)
{
    size_t at = ROUNDUP(a->used, (size_t)16);

    if (at > a->size || len > a->size - at)
        return NULL;
    a->used = at + len;
    *gpa = PVH_INFO_START + at;
    return a->buf + at;
}

/* Copy a command line in; 0 (and *gpa, 0 for none), -E2BIG or -ENOSPC. */
static int info_string(struct info_area *a, const char *s, uint64_t *gpa, const char **why)
{
    size_t len;
    char *dst;

    *gpa = 0;
    if (!s || !*s)
        return 0;
    len = strnlen(s, PVH_MAX_CMDLINE);
    if (len == PVH_MAX_CMDLINE) {
        *why = "command line too long (4095 bytes at most)";
        return -E2BIG;
    }
    dst = info_alloc(a, len + 1, gpa);
    if (!dst) {
        *why = "no room for the command lines";
        return -ENOSPC;
    }
    memcpy(dst, s, len + 1);
    return 0;
}

int pvh_info_build(const struct pvh_layout *l, const struct pvh_info_input *in,
                   void *buf, size_t size, uint64_t *start_info, const char **why)
{
    struct info_area a = { .buf = buf, .size = size };
    struct hvm_start_info *si;
    struct hvm_modlist_entry *mod = NULL;
    struct hvm_memmap_table_entry *map;
    uint64_t map_gpa, mod_gpa = 0;
    int rc;

    memset(buf, 0, size);
    si = info_alloc(&a, sizeof(*si), start_info);
    if (in->has_module)
        mod = info_alloc(&a, sizeof(*mod), &mod_gpa);
    map = info_alloc(&a, PVH_MAX_MEMMAP * sizeof(*map), &map_gpa);
    if (!si || !map || (in->has_module && !mod)) {
        *why = "no room for hvm_start_info";
        return -ENOSPC;
    }
    si->magic = XEN_HVM_START_MAGIC_VALUE;
    si->version = 1;
    si->flags = in->flags;
    si->rsdp_paddr = in->rsdp;
    si->memmap_paddr = map_gpa;
    si->memmap_entries = pvh_layout_memmap(l, map, PVH_MAX_MEMMAP);
    rc = info_string(&a, in->cmdline, &si->cmdline_paddr, why);
    if (!rc && mod) {
        si->nr_modules = 1;
        si->modlist_paddr = mod_gpa;
        mod->paddr = in->mod_paddr;
        mod->size = in->mod_size;
        rc = info_string(&a, in->mod_cmdline, &mod->cmdline_paddr, why);
    }
    return rc;
}
