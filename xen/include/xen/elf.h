/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * ELF kernel images for PVH domains (common/elf.c, host-tested).
 *
 * elf_parse() validates an ELF32 (EM_386) or ELF64 (EM_X86_64) little-endian
 * image held in memory and extracts what a PVH loader needs: the PT_LOAD
 * segments by physical address (p_paddr, as Xen's libelf does; PVH has no
 * virtual-to-physical offset, so p_vaddr is never used) and the Xen ELF
 * notes (PT_NOTE segments, or SHT_NOTE sections when no segment holds a Xen
 * note).  Every offset, size and count is checked against the image with
 * overflow-safe arithmetic; the image is never written.
 *
 * Errors: -ENOEXEC when the image is not something we load (not ELF, wrong
 * class/byte order/machine/type, no loadable segment, no PHYS32_ENTRY note),
 * -EINVAL when it is malformed (truncated, tables or segments outside the
 * file, bad sizes, overflowing addresses).  info->why then says what.
 */
#ifndef XEN_ELF_H
#define XEN_ELF_H

#include <xen/types.h>

#define ELF_MAX_LOADS       32      /* PT_LOAD segments we accept */
#define ELF_MAX_NOTES       65536   /* notes walked in total (as Xen) */
#define ELF_NOTE_STR_MAX    32      /* string notes we keep, NUL included */

struct elf_segment {
    uint64_t paddr;         /* load address (p_paddr) */
    uint64_t memsz;         /* bytes in memory; [filesz, memsz) is zeroed */
    uint64_t offset;        /* file offset of the initialized part */
    uint64_t filesz;        /* bytes taken from the file */
    uint32_t flags;         /* PF_X/PF_W/PF_R */
};

struct elf_info {
    unsigned int elf_class;         /* 32 or 64 */
    uint64_t e_entry;               /* the ELF entry (not used for PVH) */
    unsigned int nr_loads;
    struct elf_segment loads[ELF_MAX_LOADS];
    uint64_t pstart, pend;          /* lowest paddr, highest paddr + memsz */
    unsigned int nr_xen_notes;
    bool has_phys32_entry;
    uint32_t phys32_entry;          /* XEN_ELFNOTE_PHYS32_ENTRY */
    char guest_os[ELF_NOTE_STR_MAX];        /* XEN_ELFNOTE_GUEST_OS, "" if none */
    char guest_version[ELF_NOTE_STR_MAX];   /* XEN_ELFNOTE_GUEST_VERSION */
    char loader[ELF_NOTE_STR_MAX];          /* XEN_ELFNOTE_LOADER */
    char why[96];                   /* reason for a refusal */
};

/*
 * Parse @size bytes at @image; 0, -ENOEXEC or -EINVAL (see above).  The
 * caller checks where the segments go, then that the entry point is in one
 * (elf_addr_loaded), so a misplaced segment is reported as such.
 */
int elf_parse(const void *image, size_t size, struct elf_info *info);
/* Is @addr inside a loaded segment's memory? */
bool elf_addr_loaded(const struct elf_info *info, uint64_t addr);

/* ELF constants we use (System V gABI / x86 psABI values). */
#define ELFCLASS32      1
#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define EV_CURRENT      1
#define ET_EXEC         2
#define ET_DYN          3
#define EM_386          3
#define EM_X86_64       62
#define PT_LOAD         1
#define PT_NOTE         4
#define PF_X            1u
#define PF_W            2u
#define PF_R            4u
#define SHT_NOTE        7
#define PN_XNUM         0xffff

#endif
