/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ELF32/ELF64 x86 image validation for the PVH loader (see xen/elf.h).
 *
 * The image is untrusted: headers are copied out with memcpy (no
 * unaligned or out-of-bounds access), every (offset, size) pair is checked
 * with in_image(), which cannot overflow, and all counts are bounded.
 * Both classes are first normalized into the 64-bit views below.
 */
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <public/elfnote.h>

#define EI_NIDENT   16
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6

/* On-file sizes of the headers, per class. */
#define EHDR32_SIZE 52
#define EHDR64_SIZE 64
#define PHDR32_SIZE 32
#define PHDR64_SIZE 56
#define SHDR32_SIZE 40
#define SHDR64_SIZE 64

struct ehdr {
    unsigned int type, machine;
    uint64_t entry, phoff, shoff;
    unsigned int phentsize, phnum, shentsize, shnum;
};

struct phdr {
    uint32_t type, flags;
    uint64_t offset, paddr, filesz, memsz;
};

struct elf_ctx {
    const uint8_t *img;
    size_t size;
    bool is64;
    struct ehdr eh;
    struct elf_info *info;
    unsigned int notes_seen;
};

/* Little-endian fields (the class check guarantees ELFDATA2LSB). */
static uint64_t rd(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    while (bytes--)
        v = (v << 8) | p[bytes];
    return v;
}

/* [off, off + len) lies inside the image; no overflow whatever the inputs. */
static bool in_image(const struct elf_ctx *c, uint64_t off, uint64_t len)
{
    return off <= c->size && len <= c->size - off;
}

static int refuse(struct elf_ctx *c, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int refuse(struct elf_ctx *c, int err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->info->why, sizeof(c->info->why), fmt, ap);
    va_end(ap);
    return err;
}

static int read_ident(struct elf_ctx *c)
{
    const uint8_t *id = c->img;

    if (c->size < EI_NIDENT)
        return refuse(c, -EINVAL, "truncated ELF header (%zu bytes)", c->size);
    if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
        return refuse(c, -ENOEXEC, "not an ELF image (bad magic)");
    if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64)
        return refuse(c, -ENOEXEC, "bad ELF class %u", id[EI_CLASS]);
    if (id[EI_DATA] != ELFDATA2LSB)
        return refuse(c, -ENOEXEC, "ELF image is not little-endian");
    if (id[EI_VERSION] != EV_CURRENT)
        return refuse(c, -EINVAL, "bad ELF version %u", id[EI_VERSION]);
    c->is64 = id[EI_CLASS] == ELFCLASS64;
    c->info->elf_class = c->is64 ? 64 : 32;
    return 0;
}

static int read_ehdr(struct elf_ctx *c)
{
    const uint8_t *p = c->img;
    struct ehdr *e = &c->eh;
    unsigned int want;
    int rc = read_ident(c);

    if (rc)
        return rc;
    want = c->is64 ? EM_X86_64 : EM_386;
    if (c->size < (c->is64 ? EHDR64_SIZE : EHDR32_SIZE))
        return refuse(c, -EINVAL, "truncated ELF header (%zu bytes)", c->size);
    e->type = rd(p + 16, 2);
    e->machine = rd(p + 18, 2);
    if (c->is64) {
        e->entry = rd(p + 24, 8);
        e->phoff = rd(p + 32, 8);
        e->shoff = rd(p + 40, 8);
        p += 54;
    } else {
        e->entry = rd(p + 24, 4);
        e->phoff = rd(p + 28, 4);
        e->shoff = rd(p + 32, 4);
        p += 42;
    }
    e->phentsize = rd(p, 2);
    e->phnum = rd(p + 2, 2);
    e->shentsize = rd(p + 4, 2);
    e->shnum = rd(p + 6, 2);
    if (e->machine != want)
        return refuse(c, -ENOEXEC, "bad machine %u for ELF%u", e->machine, c->info->elf_class);
    if (e->type != ET_EXEC && e->type != ET_DYN)
        return refuse(c, -ENOEXEC, "ELF type %u is not an executable", e->type);
    c->info->e_entry = e->entry;
    return 0;
}

static void read_phdr(const struct elf_ctx *c, unsigned int i, struct phdr *ph)
{
    const uint8_t *p = c->img + c->eh.phoff + (uint64_t)i * c->eh.phentsize;

    ph->type = rd(p, 4);
    if (c->is64) {
        ph->flags = rd(p + 4, 4);
        ph->offset = rd(p + 8, 8);
        ph->paddr = rd(p + 24, 8);
        ph->filesz = rd(p + 32, 8);
        ph->memsz = rd(p + 40, 8);
    } else {
        ph->offset = rd(p + 4, 4);
        ph->paddr = rd(p + 12, 4);
        ph->filesz = rd(p + 16, 4);
        ph->memsz = rd(p + 20, 4);
        ph->flags = rd(p + 24, 4);
    }
}

/* A table of @num entries of @entsize (header says) at @off, checked. */
static int check_table(struct elf_ctx *c, const char *what, uint64_t off,
                       unsigned int num, unsigned int entsize, unsigned int want)
{
    if (entsize != want)
        return refuse(c, -EINVAL, "bad %s entry size %u", what, entsize);
    /* num and entsize are 16-bit: the product cannot overflow. */
    if (!in_image(c, off, (uint64_t)num * entsize))
        return refuse(c, -EINVAL, "%s outside the image", what);
    return 0;
}

/*
 * Xen ELF notes.  A note is three 32-bit words (namesz, descsz, type) in
 * both classes, then the name and the descriptor, each padded to 4 bytes.
 */
enum note_kind { NOTE_STR, NOTE_PHYS32 };

static const struct {
    unsigned int type;
    enum note_kind kind;
    size_t field;           /* NOTE_STR: offset of the char[] in elf_info */
} xen_notes[] = {
    { XEN_ELFNOTE_GUEST_OS, NOTE_STR, offsetof(struct elf_info, guest_os) },
    { XEN_ELFNOTE_GUEST_VERSION, NOTE_STR, offsetof(struct elf_info, guest_version) },
    { XEN_ELFNOTE_LOADER, NOTE_STR, offsetof(struct elf_info, loader) },
    { XEN_ELFNOTE_PHYS32_ENTRY, NOTE_PHYS32, 0 },
};

static int note_phys32(struct elf_ctx *c, const uint8_t *desc, uint32_t descsz)
{
    uint64_t v;

    /* Numeric notes are 1, 2, 4 or 8 bytes; Linux uses 8 on x86-64. */
    if (descsz != 1 && descsz != 2 && descsz != 4 && descsz != 8)
        return refuse(c, -EINVAL, "PHYS32_ENTRY note has bad size %u", descsz);
    v = rd(desc, descsz);
    if (v > 0xffffffffull)
        return refuse(c, -EINVAL, "PHYS32_ENTRY %#llx above 4 GiB", (unsigned long long)v);
    c->info->has_phys32_entry = true;
    c->info->phys32_entry = v;
    return 0;
}

static int xen_note(struct elf_ctx *c, uint32_t type, const uint8_t *desc, uint32_t descsz)
{
    unsigned int i;

    c->info->nr_xen_notes++;
    for (i = 0; i < ARRAY_SIZE(xen_notes); i++) {
        if (xen_notes[i].type != type)
            continue;
        if (xen_notes[i].kind == NOTE_PHYS32)
            return note_phys32(c, desc, descsz);
        /* Strings: keep a bounded, NUL-terminated copy. */
        char *dst = (char *)c->info + xen_notes[i].field;
        size_t n = min((size_t)descsz, (size_t)ELF_NOTE_STR_MAX - 1);
        memcpy(dst, desc, n);
        dst[n] = '\0';
        return 0;
    }
    return 0;               /* other notes: PV-only or informational */
}

static bool owner_is_xen(const uint8_t *name, uint32_t namesz)
{
    return (namesz == 4 && !memcmp(name, "Xen", 4)) ||
           (namesz == 3 && !memcmp(name, "Xen", 3));
}

/* Walk the notes in [off, off + len) (already checked to be in the image). */
static int walk_notes(struct elf_ctx *c, const char *where, uint64_t off, uint64_t len)
{
    const uint8_t *p = c->img + off;
    uint64_t pos = 0;

    while (len - pos >= 12) {
        uint32_t namesz = rd(p + pos, 4), descsz = rd(p + pos + 4, 4);
        uint32_t type = rd(p + pos + 8, 4);
        /* Sizes are 32-bit, so these 64-bit sums cannot overflow. */
        uint64_t name = pos + 12, desc = name + ROUNDUP((uint64_t)namesz, 4);
        int rc;

        if (++c->notes_seen > ELF_MAX_NOTES)
            return refuse(c, -EINVAL, "too many ELF notes");
        if (desc > len || descsz > len - desc)
            return refuse(c, -EINVAL, "note in %s has bad sizes (name %u, desc %u)",
                          where, namesz, descsz);
        if (owner_is_xen(p + name, namesz)) {
            rc = xen_note(c, type, p + desc, descsz);
            if (rc)
                return rc;
        }
        /* The last note's padding may be missing: then we stop. */
        pos = desc + ROUNDUP((uint64_t)descsz, 4);
        if (pos > len)
            break;
    }
    return 0;
}

static int segment_notes(struct elf_ctx *c, unsigned int i, const struct phdr *ph)
{
    char where[24];

    /* As Xen: some binutils leave p_offset 0 on note segments; skip those. */
    if (ph->offset == 0)
        return 0;
    if (!in_image(c, ph->offset, ph->filesz))
        return refuse(c, -EINVAL, "note segment %u outside the image", i);
    snprintf(where, sizeof(where), "segment %u", i);
    return walk_notes(c, where, ph->offset, ph->filesz);
}

/* Fallback when no PT_NOTE holds a Xen note: the SHT_NOTE sections. */
static int section_notes(struct elf_ctx *c)
{
    const struct ehdr *e = &c->eh;
    unsigned int i;
    char where[24];
    int rc;

    if (e->shnum == 0 || e->shoff == 0)
        return 0;
    rc = check_table(c, "section header table", e->shoff, e->shnum, e->shentsize,
                     c->is64 ? SHDR64_SIZE : SHDR32_SIZE);
    for (i = 1; !rc && i < e->shnum; i++) {
        const uint8_t *sh = c->img + e->shoff + (uint64_t)i * e->shentsize;
        uint64_t off = c->is64 ? rd(sh + 24, 8) : rd(sh + 16, 4);
        uint64_t size = c->is64 ? rd(sh + 32, 8) : rd(sh + 20, 4);

        if (rd(sh + 4, 4) != SHT_NOTE)
            continue;
        if (!in_image(c, off, size))
            return refuse(c, -EINVAL, "note section %u outside the image", i);
        snprintf(where, sizeof(where), "section %u", i);
        rc = walk_notes(c, where, off, size);
    }
    return rc;
}

/* One PT_LOAD: bounds, sizes, and no overlap with the ones already taken. */
static int take_load(struct elf_ctx *c, unsigned int i, const struct phdr *ph)
{
    struct elf_info *info = c->info;
    uint64_t limit = c->is64 ? ~0ull : 0xffffffffull;
    uint64_t end;
    unsigned int j;

    if (!in_image(c, ph->offset, ph->filesz))
        return refuse(c, -EINVAL, "segment %u file range outside the image", i);
    if (ph->filesz > ph->memsz)
        return refuse(c, -EINVAL, "segment %u file size exceeds its memory size", i);
    if (ph->memsz == 0)
        return 0;
    if (ph->memsz - 1 > limit - ph->paddr)
        return refuse(c, -EINVAL, "segment %u address range overflows", i);
    end = ph->paddr + (ph->memsz - 1);   /* inclusive: may be 2^64 - 1 */
    for (j = 0; j < info->nr_loads; j++) {
        const struct elf_segment *s = &info->loads[j];
        if (ph->paddr <= s->paddr + (s->memsz - 1) && s->paddr <= end)
            return refuse(c, -EINVAL, "segment %u overlaps another segment", i);
    }
    if (info->nr_loads == ELF_MAX_LOADS)
        return refuse(c, -EINVAL, "more than %u loadable segments", ELF_MAX_LOADS);
    info->loads[info->nr_loads++] = (struct elf_segment){
        .paddr = ph->paddr, .memsz = ph->memsz, .offset = ph->offset,
        .filesz = ph->filesz, .flags = ph->flags,
    };
    return 0;
}

static int walk_phdrs(struct elf_ctx *c)
{
    const struct ehdr *e = &c->eh;
    struct phdr ph;
    unsigned int i;
    int rc;

    if (e->phnum == 0)
        return refuse(c, -ENOEXEC, "no program headers");
    if (e->phnum == PN_XNUM)
        return refuse(c, -EINVAL, "extended program header count not supported");
    rc = check_table(c, "program header table", e->phoff, e->phnum, e->phentsize,
                     c->is64 ? PHDR64_SIZE : PHDR32_SIZE);
    for (i = 0; !rc && i < e->phnum; i++) {
        read_phdr(c, i, &ph);
        /* As Xen: a PT_LOAD without R/W/X is not loaded. */
        if (ph.type == PT_LOAD && (ph.flags & (PF_R | PF_W | PF_X)))
            rc = take_load(c, i, &ph);
        else if (ph.type == PT_NOTE)
            rc = segment_notes(c, i, &ph);
    }
    return rc;
}

static void summarize_loads(struct elf_info *info)
{
    unsigned int i;

    info->pstart = ~0ull;
    info->pend = 0;
    for (i = 0; i < info->nr_loads; i++) {
        const struct elf_segment *s = &info->loads[i];
        info->pstart = min(info->pstart, s->paddr);
        /* May saturate at 2^64 - 1 for a segment that ends at the top. */
        info->pend = max(info->pend, s->paddr + s->memsz < s->paddr ?
                                     ~0ull : s->paddr + s->memsz);
    }
}

int elf_parse(const void *image, size_t size, struct elf_info *info)
{
    struct elf_ctx c = { .img = image, .size = size, .info = info };
    int rc;

    memset(info, 0, sizeof(*info));
    rc = read_ehdr(&c);
    if (!rc)
        rc = walk_phdrs(&c);
    if (!rc && !info->nr_xen_notes)
        rc = section_notes(&c);
    if (rc)
        return rc;
    if (!info->nr_loads)
        return refuse(&c, -ENOEXEC, "no loadable segments");
    summarize_loads(info);
    if (!info->has_phys32_entry)
        return refuse(&c, -ENOEXEC, "no XEN_ELFNOTE_PHYS32_ENTRY note (not a PVH kernel)");
    return 0;
}

bool elf_addr_loaded(const struct elf_info *info, uint64_t addr)
{
    unsigned int i;

    for (i = 0; i < info->nr_loads; i++)
        if (addr >= info->loads[i].paddr && addr - info->loads[i].paddr < info->loads[i].memsz)
            return true;
    return false;
}
