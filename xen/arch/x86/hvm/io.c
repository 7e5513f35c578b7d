/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Port I/O exits (everything the I/O permission map intercepts).  An access
 * of 2 or 4 bytes covers that many consecutive ports, so it is handled byte
 * by byte through a small table:
 *   0xe9    debug console: OUT prints through guest_console_write(); IN
 *           reads 0xe9 (the Bochs/QEMU/Xen "port present" answer)
 *   0x4000  PM1a control of our hardware-reduced FADT: SLP_EN with SLP_TYP
 *           = S5 powers the domain off; other sleep states are ignored
 *   0x4001  PM1a status: reads 0 (never woken from sleep), writes ignored
 * Any other port reads as all-ones and ignores writes, like an empty ISA
 * bus; the first access to each such port is logged once per domain
 * (rate-limited per domain).
 */
#include <asm/hvm.h>
#include <xen/guest_console.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include "policy.h"

#define DEBUGCON_PORT       0xe9
#define ACPI_SLP_EN         (1u << 5)
#define ACPI_SLP_TYP(v)     (((v) >> 2) & 7)

struct io_port {
    uint16_t port;
    uint8_t (*read)(struct vcpu *v);
    void (*write)(struct vcpu *v, uint8_t val);
};

static uint8_t debugcon_read(struct vcpu *v)
{
    (void)v;
    return DEBUGCON_PORT;
}

static void debugcon_write(struct vcpu *v, uint8_t val)
{
    char c = val;

    v->domain->arch.debug_port_used = true;
    guest_console_write(v->domain, &c, 1);
}

static uint8_t read_zero(struct vcpu *v)
{
    (void)v;
    return 0;
}

static void write_ignore(struct vcpu *v, uint8_t val)
{
    (void)v;
    (void)val;
}

static void sleep_control_write(struct vcpu *v, uint8_t val)
{
    struct domain *d = v->domain;

    if (!(val & ACPI_SLP_EN))
        return;
    if (ACPI_SLP_TYP(val) == PVH_ACPI_SLP_TYP_S5) {
        guest_console_flush(d);
        domain_shutdown(d, SHUTDOWN_poweroff);
        return;
    }
    printk(XENLOG_WARNING "d%u: ACPI sleep type %u not supported, ignored\n",
           d->domain_id, ACPI_SLP_TYP(val));
}

static const struct io_port io_ports[] = {
    { DEBUGCON_PORT, debugcon_read, debugcon_write },
    { PVH_ACPI_SLEEP_CONTROL_PORT, read_zero, sleep_control_write },
    { PVH_ACPI_SLEEP_STATUS_PORT, read_zero, write_ignore },
};

static const struct io_port *find_port(uint16_t port)
{
    for (unsigned int i = 0; i < ARRAY_SIZE(io_ports); i++)
        if (io_ports[i].port == port)
            return &io_ports[i];
    return NULL;
}

/* Serialises the per-domain log rate limits (hvm/io.c and hvm/msr.c). */
static DEFINE_SPINLOCK(hvm_log_lock);

bool hvm_log_allowed(struct domain *d)
{
    struct ratelimit *rl = &d->arch.log_rl;
    unsigned long flags;
    bool ok;

    spin_lock_irqsave(&hvm_log_lock, flags);
    if (!rl->ms_per_msg) {
        rl->ms_per_msg = 1000;      /* a burst of 20, then one a second */
        rl->burst = 20;
    }
    ok = ratelimit_allow(rl, NOW() / MILLISECS(1));
    spin_unlock_irqrestore(&hvm_log_lock, flags);
    return ok;
}

static void log_unhandled(struct vcpu *v, uint16_t port, unsigned int size, bool in)
{
    struct domain *d = v->domain;
    uint64_t bit = 1ull << (port % 64);

    if (__atomic_fetch_or(&d->arch.ioport_logged[port / 64], bit, __ATOMIC_RELAXED) & bit)
        return;
    if (hvm_log_allowed(d))
        printk(XENLOG_INFO "d%u: unhandled I/O port %#x (%s, %u bytes), %s\n", d->domain_id,
               port, in ? "in" : "out", size, in ? "reads as all-ones" : "write ignored");
}

void hvm_io(struct vcpu *v, uint16_t port, unsigned int size, bool in, uint32_t *val)
{
    uint32_t result = 0;
    bool logged = false;

    if (size != 1 && size != 2 && size != 4) {
        domain_crash(v->domain, "I/O access of %u bytes at port %#x", size, port);
        return;
    }
    for (unsigned int i = 0; i < size; i++) {
        uint16_t p = port + i;
        const struct io_port *h = find_port(p);

        if (!h && !logged) {
            log_unhandled(v, port, size, in);
            logged = true;
        }
        if (in)
            result |= (uint32_t)(h ? h->read(v) : 0xff) << (8 * i);
        else if (h)
            h->write(v, *val >> (8 * i));
    }
    if (in)
        *val = result;
}
