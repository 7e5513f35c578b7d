/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * x86 memory bring-up: sanitize and print the firmware map, reserve what
 * the loader left us, extend the directmap past 4 GiB, carve the frame
 * table out of RAM and hand the rest to the buddy allocator.  The page-table
 * side (map_pages, ioremap) is in arch/x86/pagetable.c.
 */
#include <xen/bootinfo.h>
#include <xen/bootmem.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <asm/e820.h>
#include <asm/page.h>

extern char _start[], _end[];

static struct mem_region e820[E820_MAX];
static unsigned int nr_e820;
static uint64_t ram_bytes;
static paddr_t frame_table_pa;
bool heap_ready;

void *arch_mfn_to_virt(unsigned long mfn)
{
    return __va((paddr_t)mfn << PAGE_SHIFT);
}

unsigned long arch_virt_to_mfn(const void *va)
{
    unsigned long v = (unsigned long)va;

    if (v < DIRECTMAP_VIRT_START || v - DIRECTMAP_VIRT_START >= DIRECTMAP_SIZE)
        return INVALID_MFN;
    return (v - DIRECTMAP_VIRT_START) >> PAGE_SHIFT;
}

static void reserve(paddr_t start, paddr_t end)
{
    if (bootmem_reserve(start, end))
        panic("memory: too many reserved ranges (max %u)", MAX_BOOT_RESERVED);
}

/* Loader strings we still point at (command lines, loader name). */
static void reserve_string(const char *s)
{
    unsigned long v = (unsigned long)s;

    if (!s || v < DIRECTMAP_VIRT_START || v - DIRECTMAP_VIRT_START >= (4UL << 30))
        return;             /* not loader memory (e.g. a literal in the image) */
    reserve(__pa(s), __pa(s) + strnlen(s, PAGE_SIZE) + 1);
}

static void reserve_boot_data(void)
{
    reserve(__pa_sym(_start), __pa_sym(_end));
    reserve(boot_info.info_start, boot_info.info_end);
    reserve_string(boot_info.cmdline);
    reserve_string(boot_info.loader_name);
    for (unsigned int i = 0; i < boot_info.nr_mods && i < MAX_BOOT_MODULES; i++) {
        reserve(boot_info.mods[i].start, boot_info.mods[i].end);
        reserve_string(boot_info.mods[i].cmdline);
    }
}

/* Zero @size bytes (a multiple of 8) at @va: rep stosq, 8x fewer steps than memset's stosb. */
static void zero_qwords(void *va, uint64_t size)
{
    uint64_t n = size / 8;

    __asm__ volatile("rep stosq" : "+D"(va), "+c"(n) : "a"(0UL) : "memory");
}

/* Frame table for frames [0, nr), from RAM found in the map. */
static void frame_table_init(unsigned long nr)
{
    uint64_t size = ROUNDUP((uint64_t)nr * sizeof(struct page_info), (uint64_t)PAGE_SIZE);

    frame_table_pa = bootmem_alloc(size, PAGE_SIZE, (paddr_t)nr << PAGE_SHIFT);
    if (!frame_table_pa)
        panic("memory: no room for a %lu KiB frame table", (unsigned long)(size >> 10));
    zero_qwords(__va(frame_table_pa), size);
    page_alloc_init(__va(frame_table_pa), nr);
}

void memory_init(void)
{
    paddr_t ram_end;
    unsigned long nr_frames;

    nr_e820 = e820_sanitize(e820, E820_MAX, boot_info.mem, boot_info.nr_mem);
    printk("Xen-e820 RAM map:\n");
    e820_print(e820, nr_e820);
    ram_bytes = e820_ram_bytes(e820, nr_e820);
    printk("Memory: %lu KiB RAM detected\n", (unsigned long)(ram_bytes >> 10));

    ram_end = e820_ram_end(e820, nr_e820);
    if (ram_end > DIRECTMAP_SIZE) {
        printk(XENLOG_WARNING "memory: ignoring RAM above %lu GiB\n", DIRECTMAP_SIZE >> 30);
        ram_end = DIRECTMAP_SIZE;
    }
    nr_frames = ram_end >> PAGE_SHIFT;
    if (nr_frames <= LOW_RESERVED_MFNS)
        panic("memory: no usable RAM above 1 MiB in the memory map");

    bootmem_init(e820, nr_e820);
    reserve_boot_data();
    pagetable_init();
    directmap_extend(e820, nr_e820, ram_end);
    frame_table_init(nr_frames);
    bootmem_populate_heap();
    heap_ready = true;
    printk("Heap: %lu pages free (%lu MiB) after init, frame table %lu KiB\n",
           total_free_pages(), total_free_pages() >> (20 - PAGE_SHIFT),
           (nr_frames * sizeof(struct page_info)) >> 10);
}

static void dump_memory(unsigned char key)
{
    unsigned int nr;
    const struct phys_range *r = bootmem_reserved(&nr);

    (void)key;
    printk("'m' pressed -> dumping memory info\n");
    printk(" RAM: %lu KiB in %u map regions, %lu frames in the frame table at %#lx\n",
           (unsigned long)(ram_bytes >> 10), nr_e820, max_page, (unsigned long)frame_table_pa);
    for (unsigned int i = 0; i < nr; i++)
        printk(" reserved: %016lx - %016lx\n", (unsigned long)r[i].start, (unsigned long)r[i].end);
    dump_heap();
}
DEFINE_KEYHANDLER('m', dump_memory, "dump memory info");
