#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
"""Make malformed PVH kernel images from a good one (hello.elf), for the
loader's refusal tests.  Deterministic: same input, same outputs.

usage: mkbad.py GOOD.elf OUTDIR

  truncated.elf   the file cut 64 bytes before the end of its PT_LOAD data
                  (headers and the PVH note intact, p_filesz past EOF)
  truncated-hdr.elf  only the first 40 bytes (half an ELF header)
  nonote.elf      the XEN_ELFNOTE_PHYS32_ENTRY note retyped to 0x1234, so
                  the image has no PVH entry point
  badpaddr.elf    the PT_LOAD segment's p_paddr moved to 0xFFF00000, far
                  outside the RAM of a 16 MiB domain
"""

import os
import struct
import sys

PT_LOAD, PT_NOTE = 1, 4
XEN_ELFNOTE_PHYS32_ENTRY = 18
PHDR = struct.Struct("<IIQQQQQQ")   # type flags offset vaddr paddr filesz memsz align


def phdrs(data):
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise SystemExit("mkbad: not an ELF64 file")
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    for i in range(phnum):
        off = phoff + i * phentsize
        yield off, PHDR.unpack_from(data, off)


def first(data, ptype):
    for off, ph in phdrs(data):
        if ph[0] == ptype:
            return off, ph
    raise SystemExit(f"mkbad: no program header of type {ptype}")


def truncated(data):
    _, ph = first(data, PT_LOAD)
    return data[:ph[2] + ph[5] - 64]


def truncated_hdr(data):
    return data[:40]


def nonote(data):
    out = bytearray(data)
    _, ph = first(data, PT_NOTE)
    pos, end, found = ph[2], ph[2] + ph[5], False
    while pos + 12 <= end:
        namesz, descsz, ntype = struct.unpack_from("<III", out, pos)
        name = bytes(out[pos + 12:pos + 12 + namesz]).rstrip(b"\0")
        if name == b"Xen" and ntype == XEN_ELFNOTE_PHYS32_ENTRY:
            struct.pack_into("<I", out, pos + 8, 0x1234)
            found = True
        pos += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    if not found:
        raise SystemExit("mkbad: no PHYS32_ENTRY note found")
    return bytes(out)


def badpaddr(data):
    out = bytearray(data)
    off, ph = first(data, PT_LOAD)
    PHDR.pack_into(out, off, *(ph[:4] + (0xFFF00000,) + ph[5:]))
    return bytes(out)


FIXTURES = {
    "truncated.elf": truncated,
    "truncated-hdr.elf": truncated_hdr,
    "nonote.elf": nonote,
    "badpaddr.elf": badpaddr,
}


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__.strip().splitlines()[2])
    with open(sys.argv[1], "rb") as f:
        good = f.read()
    os.makedirs(sys.argv[2], exist_ok=True)
    for name, make in FIXTURES.items():
        with open(os.path.join(sys.argv[2], name), "wb") as f:
            f.write(make(good))


if __name__ == "__main__":
    main()
