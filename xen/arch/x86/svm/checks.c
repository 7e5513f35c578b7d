/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Pure SVM logic (see checks.h); host-tested in tests/unit/test_svm.c. */
#include <xen/lib.h>
#include "checks.h"

long msrpm_bit(uint32_t msr)
{
    static const struct { uint32_t first; long bit; } ranges[] = {
        { 0x00000000, 0 },
        { 0xc0000000, 0x800 * 8 },
        { 0xc0010000, 0x1000 * 8 },
    };

    for (unsigned int i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
        if (msr - ranges[i].first < 0x2000)
            return ranges[i].bit + 2 * (long)(msr - ranges[i].first);
    return -1;
}

void asid_pool_init(struct asid_pool *pool, uint32_t nr_asids)
{
    pool->gen = 1;
    pool->next = 1;
    pool->max = nr_asids ? nr_asids - 1 : 0;
}

bool asid_pool_take(struct asid_pool *pool, uint32_t *asid, uint64_t *gen)
{
    bool flush = false;

    BUG_ON(pool->max == 0);
    if (pool->next > pool->max || pool->next == 0) {
        pool->gen++;
        pool->next = 1;
        flush = true;
    }
    *asid = pool->next++;
    *gen = pool->gen;
    return flush;
}

unsigned int svm_exit_slot(uint64_t code)
{
    if (code < SVM_SLOT_HIGH)
        return code;
    if (code >= 0x400 && code < 0x400 + (SVM_SLOT_OTHER - SVM_SLOT_HIGH))
        return SVM_SLOT_HIGH + (code - 0x400);
    return SVM_SLOT_OTHER;
}

uint64_t svm_slot_code(unsigned int slot)
{
    if (slot < SVM_SLOT_HIGH)
        return slot;
    if (slot < SVM_SLOT_OTHER)
        return 0x400 + (slot - SVM_SLOT_HIGH);
    return ~0ull;
}
