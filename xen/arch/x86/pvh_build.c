/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The PVH domain builder (xen/domain_build.h): checks the kernel image and
 * the layout first, then populates guest RAM and the special region (see
 * asm/pvh_layout.h), loads the PT_LOAD segments by physical address, copies
 * the initrd above the kernel, and writes the ACPI tables and
 * hvm_start_info.  Every refusal prints "d<id>: refused: <reason>" and
 * returns -errno; pages already given to the domain stay on its page list,
 * so domain_destroy() frees them.
 */
#include <asm/config.h>
#include <asm/hvm.h>
#include <asm/hvm_params.h>
#include <asm/p2m.h>
#include <asm/pvh_layout.h>
#include <xen/acpi_build.h>
#include <xen/bootinfo.h>
#include <xen/bzimage.h>
#include <xen/domain_build.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/physmap.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <public/memory.h>

#define SUPERPAGE_ORDER 9
#define SUPERPAGE_SIZE  (1ull << (PAGE_SHIFT + SUPERPAGE_ORDER))
#define STAGE_START     PVH_ACPI_START          /* staged: ACPI tables + info */
#define STAGE_SIZE      (PVH_SPECIAL_END - STAGE_START)
#define STAGE_ORDER     5                       /* 128 KiB */

_Static_assert(STAGE_SIZE == (PAGE_SIZE << STAGE_ORDER), "stage size");

struct pvh_build {
    struct domain *d;
    const struct domain_config *cfg;
    struct pvh_layout layout;
    struct elf_info elf;
    const uint8_t *image;
    size_t image_size;
    uint8_t *unpacked;                  /* the vmlinux inside a bzImage (xmalloc) */
    struct bzimage_info bz;
    uint64_t initrd_gpa, initrd_size;
    uint64_t rsdp, start_info;
    struct page_info *special[PVH_SPECIAL_PAGES];
    uint8_t *stage;                     /* what the guest sees at STAGE_START */
    char why[128];
};

static int refuse(struct pvh_build *b, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int refuse(struct pvh_build *b, int rc, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(b->why, sizeof(b->why), fmt, ap);
    va_end(ap);
    return rc;
}

static const void *module_bytes(const struct boot_module *m)
{
    return __va(m->start);
}

/*
 * A bzImage (Debian's /boot/vmlinuz-*): decompress its payload and go on
 * with the ELF vmlinux inside, as Xen does.  Anything else is taken as ELF.
 */
static int unpack_bzimage(struct pvh_build *b)
{
    size_t len;
    int rc;

    if (!bzimage_probe(b->image, b->image_size))
        return 0;
    rc = bzimage_parse(b->image, b->image_size, &b->bz, b->why, sizeof(b->why));
    if (!rc)
        rc = bzimage_decompress(b->image, &b->bz, &b->unpacked, &len, b->why, sizeof(b->why));
    if (rc)
        return rc;
    printk("d%u: bzImage (boot protocol %u.%02u): %s payload %lu bytes -> ELF %lu bytes\n",
           b->d->domain_id, b->bz.version >> 8, b->bz.version & 0xff, b->bz.compression,
           (unsigned long)b->bz.payload_len, (unsigned long)len);
    b->image = b->unpacked;
    b->image_size = len;
    return 0;
}

/* Everything that needs no guest memory: image, sizes, placement. */
static int check_config(struct pvh_build *b)
{
    const struct domain_config *cfg = b->cfg;
    const char *why;
    unsigned int i;
    int rc;

    if (!cfg->kernel || cfg->kernel->end < cfg->kernel->start)
        return refuse(b, -EINVAL, "no kernel image");
    if (!cfg->max_vcpus || cfg->max_vcpus > MAX_VIRT_CPUS)
        return refuse(b, -EINVAL, "bad vCPU count %u", cfg->max_vcpus);
    if (cfg->initrd && cfg->initrd->end < cfg->initrd->start)
        return refuse(b, -EINVAL, "bad initrd module");
    b->image = module_bytes(cfg->kernel);
    b->image_size = cfg->kernel->end - cfg->kernel->start;
    rc = unpack_bzimage(b);
    if (rc)
        return rc;
    rc = elf_parse(b->image, b->image_size, &b->elf);
    if (rc)
        return refuse(b, rc, "%s", b->elf.why);
    rc = pvh_layout_init(&b->layout, cfg->mem_bytes, &why);
    if (rc)
        return refuse(b, rc, "%s", why);
    for (i = 0; i < b->elf.nr_loads; i++) {
        const struct elf_segment *s = &b->elf.loads[i];
        /* The ELF check guarantees paddr + memsz does not wrap (except to 0). */
        uint64_t end = s->paddr + s->memsz;
        if (end < s->paddr || pvh_layout_check(&b->layout, s->paddr, end, &why))
            return refuse(b, -EINVAL, "segment %u [%#lx, %#lx) %s", i,
                          (unsigned long)s->paddr, (unsigned long)end,
                          end < s->paddr ? "is outside guest RAM" : why);
    }
    if (!elf_addr_loaded(&b->elf, b->elf.phys32_entry))
        return refuse(b, -EINVAL, "PHYS32_ENTRY %#x is not in a loaded segment",
                      b->elf.phys32_entry);
    return 0;
}

static int place_initrd(struct pvh_build *b)
{
    const struct boot_module *m = b->cfg->initrd;

    if (!m)
        return 0;
    b->initrd_size = m->end - m->start;
    if (pvh_layout_place(&b->layout, b->elf.pend, b->initrd_size, &b->initrd_gpa))
        return refuse(b, -ENOSPC, "initrd (%lu KiB) does not fit in guest RAM above the kernel",
                      (unsigned long)(b->initrd_size >> 10));
    return 0;
}

/*
 * One block of pages at @gfn.  alloc_domheap_pages() zeroes them (a guest
 * never sees stale data) and puts them on the domain's page list at once.
 */
static int populate_block(struct domain *d, uint64_t gfn, unsigned int order,
                          p2m_type_t t, struct page_info **out)
{
    struct page_info *pg = alloc_domheap_pages(d, order);

    if (!pg)
        return -ENOMEM;
    if (out)
        *out = pg;
    return p2m_set_entry(d, gfn, page_to_mfn(pg), order, t);
}

/* RAM [start, end): 2 MiB blocks where aligned (falling back to 4 KiB). */
static int populate_ram(struct domain *d, uint64_t start, uint64_t end)
{
    uint64_t gpa = start;

    while (gpa < end) {
        bool big = !(gpa & (SUPERPAGE_SIZE - 1)) && end - gpa >= SUPERPAGE_SIZE;
        unsigned int order = big ? SUPERPAGE_ORDER : 0;
        int rc = populate_block(d, gpa >> PAGE_SHIFT, order, p2m_ram_rw, NULL);

        if (rc == -ENOMEM && order) {
            order = 0;
            rc = populate_block(d, gpa >> PAGE_SHIFT, 0, p2m_ram_rw, NULL);
        }
        if (rc)
            return rc;
        gpa += (uint64_t)PAGE_SIZE << order;
    }
    return 0;
}

static int populate(struct pvh_build *b)
{
    unsigned int i;
    int rc = 0;

    for (i = 0; !rc && i < b->layout.nr_ram; i++)
        rc = populate_ram(b->d, b->layout.ram[i].start, b->layout.ram[i].end);
    for (i = 0; !rc && i < PVH_SPECIAL_PAGES; i++)
        rc = populate_block(b->d, (PVH_SPECIAL_START >> PAGE_SHIFT) + i, 0,
                            p2m_special, &b->special[i]);
    if (rc == -ENOMEM)
        return refuse(b, rc, "out of memory populating %lu MiB of guest memory",
                      (unsigned long)(b->layout.mem_bytes >> 20));
    if (rc)
        return refuse(b, rc, "cannot map guest memory (%d)", rc);
    return 0;
}

static int load_segments(struct pvh_build *b)
{
    unsigned int i;

    for (i = 0; i < b->elf.nr_loads; i++) {
        const struct elf_segment *s = &b->elf.loads[i];
        if (copy_to_guest_phys(b->d, s->paddr, b->image + s->offset, s->filesz) ||
            clear_guest_phys(b->d, s->paddr + s->filesz, s->memsz - s->filesz))
            return refuse(b, -EFAULT, "cannot load segment %u", i);
    }
    if (b->cfg->initrd &&
        copy_to_guest_phys(b->d, b->initrd_gpa, module_bytes(b->cfg->initrd),
                           b->initrd_size))
        return refuse(b, -EFAULT, "cannot load the initrd");
    return 0;
}

static int build_acpi(struct pvh_build *b)
{
    uint32_t ids[MAX_VIRT_CPUS];
    struct acpi_build_config cfg = {
        .base = PVH_ACPI_START, .nr_vcpus = b->cfg->max_vcpus, .apic_ids = ids,
        .sleep_control_port = PVH_ACPI_SLEEP_CONTROL_PORT,
        .sleep_status_port = PVH_ACPI_SLEEP_STATUS_PORT,
    };
    struct acpi_build_result res;
    unsigned int i;
    int rc;

    for (i = 0; i < cfg.nr_vcpus; i++)
        ids[i] = vcpu_apic_id(i);
    rc = acpi_build_tables(&cfg, b->stage + (PVH_ACPI_START - STAGE_START),
                           PVH_INFO_START - PVH_ACPI_START, &res);
    if (rc)
        return refuse(b, rc, "cannot build ACPI tables (%d)", rc);
    b->rsdp = res.rsdp;
    return 0;
}

/* The string after a module's file name: its command line. */
static const char *module_args(const struct boot_module *m)
{
    const char *s = m->cmdline;

    if (!s)
        return NULL;
    while (*s == ' ')
        s++;
    while (*s && *s != ' ')
        s++;
    while (*s == ' ')
        s++;
    return s;
}

static int build_info(struct pvh_build *b)
{
    struct pvh_info_input in = {
        .flags = b->cfg->privileged ? XEN_HVM_SIF_PRIVILEGED | XEN_HVM_SIF_INITDOMAIN : 0,
        .cmdline = b->cfg->cmdline,
        .has_module = b->cfg->initrd != NULL,
        .mod_paddr = b->initrd_gpa, .mod_size = b->initrd_size,
        .mod_cmdline = b->cfg->initrd ? module_args(b->cfg->initrd) : NULL,
        .rsdp = b->rsdp,
    };
    const char *why;
    int rc = pvh_info_build(&b->layout, &in, b->stage + (PVH_INFO_START - STAGE_START),
                            PVH_SPECIAL_END - PVH_INFO_START, &b->start_info, &why);

    return rc ? refuse(b, rc, "%s", why) : 0;
}

/* Copy the staged data into the special pages (they are not RAM: no p2m copy). */
static void publish_stage(struct pvh_build *b)
{
    unsigned int first = (STAGE_START - PVH_SPECIAL_START) >> PAGE_SHIFT;
    unsigned int i;

    for (i = 0; i < STAGE_SIZE >> PAGE_SHIFT; i++)
        memcpy(page_to_virt(b->special[first + i]), b->stage + i * PAGE_SIZE, PAGE_SIZE);
}

/* The same memory map for XENMEM_memory_map (E820 types are the memmap types). */
static int record_memory_map(struct pvh_build *b)
{
    struct hvm_memmap_table_entry map[PVH_MAX_MEMMAP];
    struct e820entry e820[PVH_MAX_MEMMAP];
    unsigned int n = pvh_layout_memmap(&b->layout, map, PVH_MAX_MEMMAP);

    for (unsigned int i = 0; i < n; i++)
        e820[i] = (struct e820entry){ map[i].addr, map[i].size, map[i].type };
    if (domain_set_memory_map(b->d, e820, n))
        return refuse(b, -ENOMEM, "out of memory for the memory map");
    return 0;
}

/*
 * The xenstore and PV console ring pages of a domain the control domain
 * serves: zero pages of the special region (already the domain's, p2m_special),
 * announced through HVM params as Xen's toolstack does.  The initial domain
 * gets none, as on Xen (its xenstore is local, its console is console_io).
 * Their event channels (STORE_EVTCHN / CONSOLE_EVTCHN) stay 0 until event
 * channels exist (issue 5).
 */
static void publish_special_pages(struct pvh_build *b)
{
    if (b->cfg->privileged)
        return;
    hvm_param_init(b->d, HVM_PARAM_STORE_PFN, PVH_XENSTORE_GFN);
    hvm_param_init(b->d, HVM_PARAM_CONSOLE_PFN, PVH_CONSOLE_GFN);
}

/* Checks and start-of-day data first, so most refusals allocate no guest memory. */
static int build(struct pvh_build *b)
{
    int rc = check_config(b);

    if (!rc)
        rc = place_initrd(b);
    if (rc)
        return rc;
    b->stage = alloc_xenheap_pages(STAGE_ORDER, MEMF_zero);
    if (!b->stage)
        return refuse(b, -ENOMEM, "out of memory for start-of-day data");
    rc = build_acpi(b);
    if (!rc)
        rc = build_info(b);
    if (!rc)
        rc = record_memory_map(b);
    if (!rc)
        rc = populate(b);
    if (!rc)
        rc = load_segments(b);
    if (!rc) {
        publish_stage(b);
        publish_special_pages(b);
    }
    free_xenheap_pages(b->stage, STAGE_ORDER);
    return rc;
}

static void report(const struct pvh_build *b)
{
    char initrd[48] = "", os[48] = "";

    if (b->cfg->initrd)
        snprintf(initrd, sizeof(initrd), ", initrd [%#lx, %#lx)",
                 (unsigned long)b->initrd_gpa,
                 (unsigned long)(b->initrd_gpa + b->initrd_size));
    if (b->elf.guest_os[0])
        snprintf(os, sizeof(os), " (%s)", b->elf.guest_os);
    printk("d%u: PVH kernel%s ELF%u [%#lx, %#lx) entry %#x, start_info %#lx%s\n",
           b->d->domain_id, os, b->elf.elf_class, (unsigned long)b->elf.pstart,
           (unsigned long)b->elf.pend, b->elf.phys32_entry, (unsigned long)b->start_info,
           initrd);
}

int pvh_build_domain(struct domain *d, const struct domain_config *cfg,
                     struct pvh_entry *entry)
{
    struct pvh_build *b = xzalloc(sizeof(*b));
    int rc;

    if (!b) {
        printk(XENLOG_ERR "d%u: refused: out of memory\n", d->domain_id);
        return -ENOMEM;
    }
    b->d = d;
    b->cfg = cfg;
    rc = build(b);
    if (rc) {
        printk(XENLOG_ERR "d%u: refused: %s\n", d->domain_id, b->why);
    } else {
        entry->eip = b->elf.phys32_entry;
        entry->ebx = b->start_info;
        report(b);
    }
    xfree(b->unpacked);
    xfree(b);
    return rc;
}
