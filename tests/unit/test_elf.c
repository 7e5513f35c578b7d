/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ELF image validation (xen/common/elf.c): well-formed ELF32 and ELF64 PVH
 * images built here byte by byte, then every kind of damage: truncation at
 * every length, bad identification, tables and segments outside the file,
 * bad sizes, overflowing addresses, broken notes, missing PVH note.
 */
#include "harness.h"
#include <xen/elf.h>
#include <xen/errno.h>
#include <public/elfnote.h>

#define IMG_MAX 4096

struct img {
    uint8_t b[IMG_MAX];
    size_t size;
    bool is64;
    size_t phoff;           /* program header table */
    unsigned int phnum;
};

static void put(uint8_t *p, uint64_t v, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++)
        p[i] = v >> (8 * i);
}

static uint8_t *phdr_at(struct img *m, unsigned int i)
{
    return m->b + m->phoff + i * (m->is64 ? 56 : 32);
}

static void set_phdr(struct img *m, unsigned int i, uint32_t type, uint32_t flags,
                     uint64_t off, uint64_t paddr, uint64_t filesz, uint64_t memsz)
{
    uint8_t *p = phdr_at(m, i);

    put(p, type, 4);
    if (m->is64) {
        put(p + 4, flags, 4);
        put(p + 8, off, 8);
        put(p + 16, paddr | 0xffffffff80000000ull, 8);   /* vaddr: ignored */
        put(p + 24, paddr, 8);
        put(p + 32, filesz, 8);
        put(p + 40, memsz, 8);
    } else {
        put(p + 4, off, 4);
        put(p + 8, paddr + 0xc0000000u, 4);
        put(p + 12, paddr, 4);
        put(p + 16, filesz, 4);
        put(p + 20, memsz, 4);
        put(p + 24, flags, 4);
    }
}

/* A Xen note at @off; returns its padded length. */
static size_t put_note(uint8_t *p, const char *owner, uint32_t type, const void *desc,
                       uint32_t descsz)
{
    uint32_t namesz = strlen(owner) + 1;
    size_t n = 12 + ((namesz + 3) & ~3u);

    put(p, namesz, 4);
    put(p + 4, descsz, 4);
    put(p + 8, type, 4);
    memcpy(p + 12, owner, namesz);
    memcpy(p + n, desc, descsz);
    return n + ((descsz + 3) & ~3u);
}

#define CODE_OFF  0x200
#define CODE_SIZE 0x100
#define NOTE_OFF  0x400
#define ENTRY     0x100010

/*
 * A valid PVH kernel: phdr 0 = PT_LOAD code at 1 MiB (+ bss), phdr 1 =
 * PT_NOTE with GUEST_OS "test" and PHYS32_ENTRY (@entry_size bytes).
 */
static void build(struct img *m, bool is64, unsigned int entry_size)
{
    uint8_t *e = m->b;
    uint64_t entry = ENTRY;
    size_t nl;

    memset(m, 0, sizeof(*m));
    m->is64 = is64;
    m->phoff = is64 ? 64 : 52;
    m->phnum = 2;
    memcpy(e, "\x7f" "ELF", 4);
    e[4] = is64 ? 2 : 1;
    e[5] = 1;
    e[6] = 1;
    put(e + 16, 2, 2);                          /* ET_EXEC */
    put(e + 18, is64 ? 62 : 3, 2);
    put(e + 20, 1, 4);
    if (is64) {
        put(e + 24, 0xffffffff81000000ull, 8);
        put(e + 32, m->phoff, 8);
        put(e + 52, 64, 2);
        put(e + 54, 56, 2);
        put(e + 56, m->phnum, 2);
        put(e + 58, 64, 2);
    } else {
        put(e + 24, 0xc0100000u, 4);
        put(e + 28, m->phoff, 4);
        put(e + 40, 52, 2);
        put(e + 42, 32, 2);
        put(e + 44, m->phnum, 2);
        put(e + 46, 40, 2);
    }
    memset(m->b + CODE_OFF, 0x90, CODE_SIZE);
    nl = put_note(m->b + NOTE_OFF, "Xen", XEN_ELFNOTE_GUEST_OS, "test", 5);
    nl += put_note(m->b + NOTE_OFF + nl, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &entry, entry_size);
    set_phdr(m, 0, PT_LOAD, PF_R | PF_X, CODE_OFF, 0x100000, CODE_SIZE, 0x2000);
    set_phdr(m, 1, PT_NOTE, PF_R, NOTE_OFF, 0, nl, nl);
    m->size = NOTE_OFF + nl;
}

static int parse(struct img *m, struct elf_info *info)
{
    return elf_parse(m->b, m->size, info);
}

TEST(elf64_valid)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    CHECK_EQ(parse(&m, &info), 0);
    CHECK_EQ(info.elf_class, 64);
    CHECK_EQ(info.nr_loads, 1);
    CHECK_EQ(info.loads[0].paddr, 0x100000);        /* p_paddr, not p_vaddr */
    CHECK_EQ(info.loads[0].filesz, CODE_SIZE);
    CHECK_EQ(info.loads[0].memsz, 0x2000);
    CHECK_EQ(info.loads[0].offset, CODE_OFF);
    CHECK_EQ(info.pstart, 0x100000);
    CHECK_EQ(info.pend, 0x102000);
    CHECK(info.has_phys32_entry);
    CHECK_EQ(info.phys32_entry, ENTRY);
    CHECK_STR(info.guest_os, "test");
    CHECK_EQ(info.nr_xen_notes, 2);
}

TEST(elf32_valid)
{
    struct img m;
    struct elf_info info;

    build(&m, false, 4);
    CHECK_EQ(parse(&m, &info), 0);
    CHECK_EQ(info.elf_class, 32);
    CHECK_EQ(info.loads[0].paddr, 0x100000);
    CHECK_EQ(info.phys32_entry, ENTRY);
}

TEST(entry_sizes)
{
    static const unsigned int ok[] = { 4, 8 };
    struct img m;
    struct elf_info info;

    for (unsigned int c = 0; c < 2; c++) {
        for (unsigned int i = 0; i < 2; i++) {
            build(&m, c, ok[i]);
            CHECK_EQ(parse(&m, &info), 0);
            CHECK_EQ(info.phys32_entry, ENTRY);
        }
        build(&m, c, 3);
        CHECK_EQ(parse(&m, &info), -EINVAL);
        CHECK(strstr(info.why, "PHYS32_ENTRY note has bad size 3"));
        build(&m, c, 0);
        CHECK_EQ(parse(&m, &info), -EINVAL);
    }
}

TEST(entry_above_4g)
{
    struct img m;
    struct elf_info info;
    uint64_t big = 0x100000000ull + ENTRY;

    build(&m, true, 8);
    /* The PHYS32_ENTRY descriptor follows the GUEST_OS note (12+4+8 bytes). */
    memcpy(m.b + NOTE_OFF + 24 + 16, &big, 8);
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK(strstr(info.why, "above 4 GiB"));
}

TEST(entry_in_segment)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    CHECK_EQ(parse(&m, &info), 0);
    CHECK(elf_addr_loaded(&info, 0x100000));
    CHECK(elf_addr_loaded(&info, 0x101fff));            /* bss counts */
    CHECK(!elf_addr_loaded(&info, 0x102000));
    CHECK(!elf_addr_loaded(&info, 0xfffff));
}

/* Every truncation must fail cleanly (ASan checks that nothing reads past it). */
TEST(truncated_every_length)
{
    struct img m;
    struct elf_info info;

    for (unsigned int c = 0; c < 2; c++) {
        build(&m, c, 8);
        size_t full = m.size;
        for (size_t len = 0; len < full; len++) {
            uint8_t *copy = malloc(len ? len : 1);
            memcpy(copy, m.b, len);
            int rc = elf_parse(copy, len, &info);
            free(copy);
            CHECK(rc == -EINVAL || rc == -ENOEXEC);
            CHECK(info.why[0]);
        }
    }
}

TEST(truncated_messages)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    CHECK_EQ(elf_parse(m.b, 10, &info), -EINVAL);
    CHECK_STR(info.why, "truncated ELF header (10 bytes)");
    CHECK_EQ(elf_parse(m.b, 40, &info), -EINVAL);
    CHECK_STR(info.why, "truncated ELF header (40 bytes)");
    CHECK_EQ(elf_parse(m.b, 100, &info), -EINVAL);
    CHECK_STR(info.why, "program header table outside the image");
    CHECK_EQ(elf_parse(m.b, CODE_OFF + 1, &info), -EINVAL);
    CHECK_STR(info.why, "segment 0 file range outside the image");
    CHECK_EQ(elf_parse(m.b, NOTE_OFF + 4, &info), -EINVAL);
    CHECK_STR(info.why, "note segment 1 outside the image");
}

TEST(bad_ident)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    m.b[1] = 'X';
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK(strstr(info.why, "bad magic"));
    build(&m, true, 8);
    m.b[4] = 3;
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_STR(info.why, "bad ELF class 3");
    build(&m, true, 8);
    m.b[5] = 2;
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    build(&m, true, 8);
    m.b[6] = 0;
    CHECK_EQ(parse(&m, &info), -EINVAL);
}

TEST(bad_machine_and_type)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    put(m.b + 18, 3, 2);                /* EM_386 in an ELF64 */
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_STR(info.why, "bad machine 3 for ELF64");
    build(&m, false, 4);
    put(m.b + 18, 62, 2);               /* EM_X86_64 in an ELF32 */
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_STR(info.why, "bad machine 62 for ELF32");
    build(&m, true, 8);
    put(m.b + 16, 1, 2);                /* ET_REL */
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    build(&m, true, 8);
    put(m.b + 16, 3, 2);                /* ET_DYN is fine */
    CHECK_EQ(parse(&m, &info), 0);
}

TEST(phdr_table_bounds)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    put(m.b + 32, m.size - 56, 8);          /* table starts in, ends past the file */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "program header table outside the image");
    build(&m, true, 8);
    put(m.b + 32, ~0ull - 8, 8);            /* offset near 2^64 */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    build(&m, true, 8);
    put(m.b + 56, 0xfffe, 2);               /* huge count */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    build(&m, true, 8);
    put(m.b + 56, 0xffff, 2);               /* PN_XNUM */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    build(&m, true, 8);
    put(m.b + 56, 0, 2);
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_STR(info.why, "no program headers");
    build(&m, false, 4);
    put(m.b + 42, 31, 2);                   /* phentsize */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "bad program header table entry size 31");
}

TEST(segment_bounds)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    set_phdr(&m, 0, PT_LOAD, PF_R, CODE_OFF, 0x100000, m.size, 0x100000);
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "segment 0 file range outside the image");
    build(&m, true, 8);
    set_phdr(&m, 0, PT_LOAD, PF_R, ~0ull - 0x10, 0x100000, 0x100, 0x100);
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "segment 0 file range outside the image");
    build(&m, true, 8);
    set_phdr(&m, 0, PT_LOAD, PF_R, CODE_OFF, 0x100000, CODE_SIZE, CODE_SIZE - 1);
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "segment 0 file size exceeds its memory size");
}

TEST(address_overflow)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    set_phdr(&m, 0, PT_LOAD, PF_R, CODE_OFF, ~0ull - 0xfff, CODE_SIZE, 0x2000);
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "segment 0 address range overflows");
    build(&m, false, 4);
    set_phdr(&m, 0, PT_LOAD, PF_R, CODE_OFF, 0xfffff000u, CODE_SIZE, 0x2000);
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "segment 0 address range overflows");
    /* Ending exactly at 4 GiB is fine for ELF32; at 2^64 for ELF64. */
    build(&m, false, 4);
    set_phdr(&m, 0, PT_LOAD, PF_R, CODE_OFF, 0xffffe000u, CODE_SIZE, 0x2000);
    CHECK_EQ(parse(&m, &info), 0);
    CHECK_EQ(info.pend, 0x100000000ull);
    CHECK(elf_addr_loaded(&info, 0xffffffffu));
    build(&m, true, 8);
    set_phdr(&m, 0, PT_LOAD, PF_R, CODE_OFF, ~0ull - 0x1fff, CODE_SIZE, 0x2000);
    CHECK_EQ(parse(&m, &info), 0);
    CHECK_EQ(info.pend, ~0ull);
    CHECK(elf_addr_loaded(&info, ~0ull));
}

TEST(overlapping_and_skipped_segments)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    set_phdr(&m, 1, PT_LOAD, PF_R | PF_W, CODE_OFF, 0x101fff, 0, 0x10);
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK_STR(info.why, "segment 1 overlaps another segment");
    /* PT_LOAD without R/W/X and empty ones are not loaded (notes gone: no entry). */
    build(&m, true, 8);
    set_phdr(&m, 1, PT_LOAD, 0, CODE_OFF, 0x100000, 0, 0x10);
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_EQ(info.nr_loads, 1);
    CHECK(strstr(info.why, "PHYS32_ENTRY"));
    build(&m, true, 8);
    set_phdr(&m, 0, PT_LOAD, PF_R, CODE_OFF, 0x100000, 0, 0);
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_STR(info.why, "no loadable segments");
}

TEST(missing_pvh_note)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    put(m.b + NOTE_OFF + 24 + 8, XEN_ELFNOTE_ENTRY, 4);     /* PHYS32 -> ENTRY */
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_STR(info.why, "no XEN_ELFNOTE_PHYS32_ENTRY note (not a PVH kernel)");
    /* Owner other than "Xen": ignored. */
    build(&m, true, 8);
    memcpy(m.b + NOTE_OFF + 24 + 12, "Xyz", 4);
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    /* No note segment at all. */
    build(&m, true, 8);
    set_phdr(&m, 1, 0x6474e551, PF_R, 0, 0, 0, 0);           /* PT_GNU_STACK */
    CHECK_EQ(parse(&m, &info), -ENOEXEC);
    CHECK_EQ(info.nr_xen_notes, 0);
}

TEST(bad_note_sizes)
{
    struct img m;
    struct elf_info info;

    build(&m, true, 8);
    put(m.b + NOTE_OFF, 0x1000, 4);                  /* namesz past the segment */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    CHECK(strstr(info.why, "note in segment 1 has bad sizes"));
    build(&m, true, 8);
    put(m.b + NOTE_OFF + 24 + 4, 0xfffffff0u, 4);    /* descsz near 2^32 */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    build(&m, true, 8);
    put(m.b + NOTE_OFF, 0xffffffffu, 4);             /* namesz rounds past 2^32 */
    CHECK_EQ(parse(&m, &info), -EINVAL);
    /* Unpadded last note (desc ends the segment): accepted. */
    build(&m, true, 4);
    CHECK_EQ(parse(&m, &info), 0);
}

TEST(string_notes_bounded)
{
    struct img m;
    struct elf_info info;
    char longname[100];

    build(&m, true, 8);
    memset(longname, 'a', sizeof(longname));     /* no NUL */
    size_t nl = put_note(m.b + NOTE_OFF, "Xen", XEN_ELFNOTE_LOADER, longname, sizeof(longname));
    uint64_t entry = ENTRY;
    nl += put_note(m.b + NOTE_OFF + nl, "Xen", XEN_ELFNOTE_PHYS32_ENTRY, &entry, 8);
    set_phdr(&m, 1, PT_NOTE, PF_R, NOTE_OFF, 0, nl, nl);
    m.size = NOTE_OFF + nl;
    CHECK_EQ(parse(&m, &info), 0);
    CHECK_EQ(strlen(info.loader), ELF_NOTE_STR_MAX - 1);
}

/* Notes only in a SHT_NOTE section (the PT_NOTE has p_offset 0: skipped as Xen does). */
TEST(section_note_fallback)
{
    struct img m;
    struct elf_info info;
    size_t shoff;

    for (unsigned int c = 0; c < 2; c++) {
        build(&m, c, 8);
        size_t nl = m.size - NOTE_OFF;
        set_phdr(&m, 1, PT_NOTE, PF_R, 0, 0, nl, nl);
        shoff = (m.size + 7) & ~7ul;
        unsigned int shsz = c ? 64 : 40;
        uint8_t *sh = m.b + shoff + shsz;           /* section 1 */
        put(sh + 4, SHT_NOTE, 4);
        if (c) {
            put(m.b + 40, shoff, 8);
            put(m.b + 60, 2, 2);
            put(sh + 24, NOTE_OFF, 8);
            put(sh + 32, nl, 8);
        } else {
            put(m.b + 32, shoff, 4);
            put(m.b + 48, 2, 2);
            put(sh + 16, NOTE_OFF, 4);
            put(sh + 20, nl, 4);
        }
        m.size = shoff + 2 * shsz;
        CHECK_EQ(parse(&m, &info), 0);
        CHECK_EQ(info.phys32_entry, ENTRY);
        /* The section table past the end of the file. */
        CHECK_EQ(elf_parse(m.b, m.size - 1, &info), -EINVAL);
        CHECK_STR(info.why, "section header table outside the image");
        /* A note section outside the file. */
        if (c)
            put(sh + 24, 0x10000, 8);
        else
            put(sh + 16, 0x10000, 4);
        CHECK_EQ(parse(&m, &info), -EINVAL);
        CHECK_STR(info.why, "note section 1 outside the image");
    }
}

/* Random damage must never crash (ASan/UBSan watch the reads). */
TEST(fuzz_bytes)
{
    struct img m;
    struct elf_info info;
    unsigned int seed = 12345;

    for (unsigned int round = 0; round < 20000; round++) {
        build(&m, round & 1, (round & 2) ? 8 : 4);
        for (unsigned int k = 0; k < 1 + round % 4; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pos = (seed >> 8) % m.size;
            seed = seed * 1103515245u + 12345u;
            m.b[pos] = seed >> 16;
        }
        int rc = parse(&m, &info);
        CHECK(rc == 0 || rc == -EINVAL || rc == -ENOEXEC);
        if (rc == 0) {
            CHECK(info.has_phys32_entry);
            for (unsigned int i = 0; i < info.nr_loads; i++)
                CHECK(info.loads[i].offset + info.loads[i].filesz <= m.size);
        }
    }
}

TEST_MAIN()
