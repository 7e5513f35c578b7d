/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Multiboot1 and multiboot2 information parsing into struct boot_info.
 * Layouts are those of the Multiboot specifications (0.6.96 and 2.0).
 */
#include <xen/bootinfo.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <asm/config.h>

#define MB1_BOOTLOADER_MAGIC 0x2BADB002
#define MB2_BOOTLOADER_MAGIC 0x36d76289

#define MB1_INFO_MEMORY   (1u << 0)
#define MB1_INFO_CMDLINE  (1u << 2)
#define MB1_INFO_MODS     (1u << 3)
#define MB1_INFO_MMAP     (1u << 6)
#define MB1_INFO_LOADER   (1u << 9)

struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
} __packed;

struct mb1_mod { uint32_t start, end, cmdline, pad; } __packed;
struct mb1_mmap { uint32_t size; uint64_t addr, len; uint32_t type; } __packed;

enum {
    MB2_TAG_END = 0, MB2_TAG_CMDLINE = 1, MB2_TAG_LOADER = 2, MB2_TAG_MODULE = 3,
    MB2_TAG_MMAP = 6, MB2_TAG_ACPI_OLD = 14, MB2_TAG_ACPI_NEW = 15,
};
struct mb2_tag { uint32_t type, size; } __packed;
struct mb2_mod { uint32_t type, size, start, end; char cmdline[]; } __packed;
struct mb2_mmap { uint32_t type, size, entry_size, entry_version; } __packed;
struct mb2_mmap_entry { uint64_t addr, len; uint32_t type, reserved; } __packed;

struct boot_info boot_info;

static void add_mem(uint64_t start, uint64_t size, uint32_t type)
{
    if (boot_info.nr_mem >= MAX_MEM_REGIONS || size == 0)
        return;
    if (type < MEM_RAM || type > MEM_UNUSABLE)
        type = MEM_RESERVED;
    boot_info.mem[boot_info.nr_mem++] = (struct mem_region){ start, size, type };
}

static void add_module(paddr_t start, paddr_t end, const char *cmdline)
{
    if (boot_info.nr_mods >= MAX_BOOT_MODULES || end < start)
        return;
    boot_info.mods[boot_info.nr_mods++] = (struct boot_module){ start, end, cmdline };
}

static void parse_mb1(paddr_t pa)
{
    const struct mb1_info *mbi = __va(pa);
    uint32_t off;

    boot_info.info_start = pa;
    boot_info.info_end = pa + sizeof(*mbi);
    if (mbi->flags & MB1_INFO_CMDLINE)
        boot_info.cmdline = __va(mbi->cmdline);
    if (mbi->flags & MB1_INFO_LOADER)
        boot_info.loader_name = __va(mbi->boot_loader_name);
    if (mbi->flags & MB1_INFO_MODS) {
        const struct mb1_mod *m = __va(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count; i++)
            add_module(m[i].start, m[i].end, m[i].cmdline ? __va(m[i].cmdline) : "");
    }
    if (mbi->flags & MB1_INFO_MMAP) {
        for (off = 0; off + sizeof(struct mb1_mmap) <= mbi->mmap_length; ) {
            const struct mb1_mmap *e = __va(mbi->mmap_addr + off);
            add_mem(e->addr, e->len, e->type);
            off += e->size + sizeof(e->size);
        }
    } else if (mbi->flags & MB1_INFO_MEMORY) {
        add_mem(0, (uint64_t)mbi->mem_lower << 10, MEM_RAM);
        add_mem(1ul << 20, (uint64_t)mbi->mem_upper << 10, MEM_RAM);
    }
}

static void parse_mb2_mmap(const struct mb2_mmap *t)
{
    const uint8_t *p = (const uint8_t *)(t + 1), *end = (const uint8_t *)t + t->size;

    if (t->entry_size < sizeof(struct mb2_mmap_entry))
        return;
    for (; p + sizeof(struct mb2_mmap_entry) <= end; p += t->entry_size) {
        const struct mb2_mmap_entry *e = (const void *)p;
        add_mem(e->addr, e->len, e->type);
    }
}

static void parse_mb2(paddr_t pa)
{
    const uint8_t *base = __va(pa);
    uint32_t total = *(const uint32_t *)base, off = 8;

    boot_info.info_start = pa;
    boot_info.info_end = pa + total;
    while (off + sizeof(struct mb2_tag) <= total) {
        const struct mb2_tag *t = (const void *)(base + off);
        if (t->type == MB2_TAG_END || t->size < sizeof(*t))
            break;
        switch (t->type) {
        case MB2_TAG_CMDLINE:
            boot_info.cmdline = (const char *)(t + 1);
            break;
        case MB2_TAG_LOADER:
            boot_info.loader_name = (const char *)(t + 1);
            break;
        case MB2_TAG_MODULE: {
            const struct mb2_mod *m = (const void *)t;
            add_module(m->start, m->end, m->cmdline);
            break;
        }
        case MB2_TAG_MMAP:
            parse_mb2_mmap((const void *)t);
            break;
        case MB2_TAG_ACPI_OLD:
        case MB2_TAG_ACPI_NEW:
            /* The tag carries a copy of the RSDP; point at that copy. */
            if (!boot_info.rsdp || t->type == MB2_TAG_ACPI_NEW)
                boot_info.rsdp = pa + off + sizeof(*t);
            break;
        }
        off += ROUNDUP(t->size, 8);
    }
}

int multiboot_parse(uint32_t magic, paddr_t info)
{
    boot_info.cmdline = "";
    boot_info.loader_name = "unknown";
    if (magic == MB1_BOOTLOADER_MAGIC) {
        boot_info.loader = 1;
        parse_mb1(info);
    } else if (magic == MB2_BOOTLOADER_MAGIC) {
        boot_info.loader = 2;
        parse_mb2(info);
    } else {
        return -EINVAL;
    }
    return 0;
}
