/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Memory-map sanitizing.  Cut the address space at every region edge, give
 * each elementary piece the largest type of the regions covering it, then
 * merge neighbours of one type.  At most 2 * MAX_MEM_REGIONS edges, so the
 * quadratic work is small and bounded.
 */
#include <asm/e820.h>
#include <xen/lib.h>

static paddr_t region_end(const struct mem_region *r)
{
    if (r->start >= E820_ADDR_LIMIT)
        return r->start;
    return r->size > E820_ADDR_LIMIT - r->start ? E820_ADDR_LIMIT : r->start + r->size;
}

static uint32_t region_type(const struct mem_region *r)
{
    return (r->type >= MEM_RAM && r->type <= MEM_UNUSABLE) ? r->type : MEM_RESERVED;
}

/* Sorted, unique region edges of in[]; returns how many. */
static unsigned int collect_edges(paddr_t *edge, const struct mem_region *in, unsigned int nr)
{
    unsigned int n = 0;

    for (unsigned int i = 0; i < nr; i++) {
        paddr_t pts[2] = { in[i].start, region_end(&in[i]) };
        if (pts[1] <= pts[0])
            continue;
        for (unsigned int k = 0; k < 2; k++) {
            unsigned int j = n;
            while (j > 0 && edge[j - 1] > pts[k]) {
                edge[j] = edge[j - 1];
                j--;
            }
            if (j > 0 && edge[j - 1] == pts[k]) {   /* duplicate: undo the shift */
                for (; j < n; j++)
                    edge[j] = edge[j + 1];
                continue;
            }
            edge[j] = pts[k];
            n++;
        }
    }
    return n;
}

static uint32_t type_at(paddr_t a, paddr_t b, const struct mem_region *in, unsigned int nr)
{
    uint32_t type = 0;

    for (unsigned int i = 0; i < nr; i++)
        if (in[i].start <= a && region_end(&in[i]) >= b && region_type(&in[i]) > type)
            type = region_type(&in[i]);
    return type;
}

unsigned int e820_sanitize(struct mem_region *out, unsigned int max_out,
                           const struct mem_region *in, unsigned int nr)
{
    paddr_t edge[2 * MAX_MEM_REGIONS];
    unsigned int n, nr_out = 0;

    nr = min(nr, (unsigned int)MAX_MEM_REGIONS);
    n = collect_edges(edge, in, nr);
    for (unsigned int i = 0; i + 1 < n; i++) {
        uint32_t type = type_at(edge[i], edge[i + 1], in, nr);
        struct mem_region *last = nr_out ? &out[nr_out - 1] : NULL;

        if (!type)
            continue;
        if (last && last->type == type && last->start + last->size == edge[i]) {
            last->size += edge[i + 1] - edge[i];
            continue;
        }
        if (nr_out == max_out)
            break;
        out[nr_out++] = (struct mem_region){ edge[i], edge[i + 1] - edge[i], type };
    }
    return nr_out;
}

static const char *type_name(uint32_t type)
{
    static const char *const names[] = {
        [MEM_RAM] = "usable", [MEM_RESERVED] = "reserved", [MEM_ACPI] = "ACPI data",
        [MEM_NVS] = "ACPI NVS", [MEM_UNUSABLE] = "unusable",
    };
    return type < ARRAY_SIZE(names) && names[type] ? names[type] : "unknown";
}

void e820_print(const struct mem_region *map, unsigned int nr)
{
    for (unsigned int i = 0; i < nr; i++)
        printk(" %016lx - %016lx (%s)\n", (unsigned long)map[i].start,
               (unsigned long)(map[i].start + map[i].size), type_name(map[i].type));
}

uint64_t e820_ram_bytes(const struct mem_region *map, unsigned int nr)
{
    uint64_t sum = 0;

    for (unsigned int i = 0; i < nr; i++)
        if (map[i].type == MEM_RAM)
            sum += map[i].size;
    return sum;
}

paddr_t e820_ram_end(const struct mem_region *map, unsigned int nr)
{
    paddr_t end = 0;

    for (unsigned int i = 0; i < nr; i++)
        if (map[i].type == MEM_RAM)
            end = max(end, map[i].start + map[i].size);
    return end;
}
