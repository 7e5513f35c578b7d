/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Hypervisor access to guest-physical memory, page by page through the
 * p2m.  Only memory the guest itself owns as memory is touched: RAM (read
 * and, unless read-only, write) and the hypervisor-provided pages
 * (p2m_special: shared_info, start_info, ACPI tables), which are ordinary
 * frames the guest may read and write.  MMIO, grant and foreign mappings
 * and holes give -EFAULT, as does a range that wraps around.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/p2m.h>

enum phys_op { OP_READ, OP_WRITE, OP_CLEAR };

/* Per type: may the hypervisor read / write it on the guest's behalf? */
static const struct { bool read, write; } type_access[] = {
    [p2m_ram_rw]  = { true, true },
    [p2m_ram_ro]  = { true, false },
    [p2m_special] = { true, true },
};

static bool access_ok(p2m_type_t t, bool write)
{
    if ((unsigned int)t >= ARRAY_SIZE(type_access))
        return false;
    return write ? type_access[t].write : type_access[t].read;
}

/*
 * The hypervisor's address of @gfn's frame for this access, or NULL.  On
 * success the p2m stays locked (the frame cannot be unmapped and freed
 * under the copy) until p2m_put_entry().
 */
static unsigned char *map_gfn(struct domain *d, uint64_t gfn, bool write)
{
    p2m_type_t t;
    unsigned long mfn = p2m_get_entry_hold(d, gfn, &t);

    if (mfn == INVALID_MFN || !mfn_valid(mfn) || !access_ok(t, write)) {
        p2m_put_entry(d);
        return NULL;
    }
    return arch_mfn_to_virt(mfn);
}

static int phys_access(struct domain *d, uint64_t gpa, void *buf, size_t len,
                       enum phys_op op)
{
    unsigned char *p = buf;

    if (gpa + len < gpa)
        return -EFAULT;
    while (len) {
        size_t off = gpa & (PAGE_SIZE - 1), n = min(len, (size_t)PAGE_SIZE - off);
        unsigned char *page = map_gfn(d, gpa >> PAGE_SHIFT, op != OP_READ);

        if (!page)
            return -EFAULT;
        if (op == OP_READ)
            memcpy(p, page + off, n);
        else if (op == OP_WRITE)
            memcpy(page + off, p, n);
        else
            memset(page + off, 0, n);
        p2m_put_entry(d);
        if (p)
            p += n;
        gpa += n;
        len -= n;
    }
    return 0;
}

int copy_to_guest_phys(struct domain *d, uint64_t gpa, const void *buf, size_t len)
{
    return phys_access(d, gpa, (void *)buf, len, OP_WRITE);
}

int copy_from_guest_phys(struct domain *d, void *buf, uint64_t gpa, size_t len)
{
    return phys_access(d, gpa, buf, len, OP_READ);
}

int clear_guest_phys(struct domain *d, uint64_t gpa, size_t len)
{
    return phys_access(d, gpa, NULL, len, OP_CLEAR);
}
