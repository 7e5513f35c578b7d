/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * hog: liveness (issue 10).  One image, one role per `mode=`; every hog is
 * bounded by `ms=` (3000) of its own pvclock time, then prints its numbers
 * and powers off.  The integration test puts them on one pCPU (maxcpus=1)
 * next to a `mode=work` victim, which must finish before the hog stops.
 *   work:     the victim: `work=N` xorshift steps twice (the same result
 *             both times), prints how long that took (pvclock ms);
 *   cli:      interrupts disabled, spins reading pvclock: only the
 *             hypervisor's preemption lets anyone else run;
 *   evflood:  binds to port `port=` (1) of domain `peer=`, retrying until
 *             offered, then EVTCHNOP_send in a tight loop;
 *   sink:     offers a port to `peer=` and counts the events while doing
 *             the victim's `work=` (so the flooded domain must finish too);
 *   ipiflood: x2APIC ICR IPIs in a tight loop, to itself and (with two
 *             vCPUs) to vCPU 1, which takes them with interrupts on.
 */
#include "hctest.h"
#include "evtchn.h"

#define IPI_VECTOR  0xe0

static volatile unsigned long events, ipis_bsp, ipis_ap;
static volatile bool ap_up;
static uint32_t ap_id;

static void on_event(evtchn_port_t port) { (void)port; events++; }

/* The checksummed workload; prints its time.  False if the passes differ. */
static void work(uint64_t ms_unused)
{
    unsigned long n = cmdline_ulong("work", 20000000);
    (void)ms_unused;
    uint64_t t0 = ev_now_ns(), a = xorshift_work(n), b = xorshift_work(n);
    uint64_t ms = (ev_now_ns() - t0) / 1000000;

    check(a == b, "work: %lu steps twice: %#lx, %#lx", n, (unsigned long)a, (unsigned long)b);
    printf("hog: work of 2x%lu steps done in %lu ms\n", n, (unsigned long)ms);
}

static bool expired(uint64_t t0, uint64_t ms)
{
    return ev_now_ns() - t0 >= ms * 1000000ull;
}

static void spin_cli(uint64_t ms)
{
    uint64_t t0 = ev_now_ns(), loops = 0;

    irq_disable();
    while (!expired(t0, ms))
        loops++;
    irq_enable();
    printf("hog: spun %lu ms with interrupts disabled (%lu pvclock reads)\n",
           (unsigned long)ms, (unsigned long)loops);
}

static void evflood(uint64_t ms)
{
    domid_t peer = (domid_t)cmdline_ulong("peer", 2);
    evtchn_port_t rport = (evtchn_port_t)cmdline_ulong("port", 1), p = 0;
    uint64_t t0 = ev_now_ns(), sent = 0, failed = 0;
    long rc;

    while ((rc = ev_bind_interdomain(peer, rport, &p)) != 0 && !expired(t0, ms))
        ev_yield();
    check(rc == 0, "bound to d%u port %u: %ld", peer, rport, rc);
    if (rc)
        return;
    printf("hog: flooding d%u port %u from port %u\n", peer, rport, p);
    while (!expired(t0, ms)) {
        if (ev_send(p))
            failed++;
        sent++;
    }
    printf("hog: %lu events sent in %lu ms (%lu refused once the peer had gone)\n",
           (unsigned long)sent, (unsigned long)ms, (unsigned long)failed);
    check(sent > 1000, "sent more than 1000 events");
}

static void sink(uint64_t ms)
{
    domid_t peer = (domid_t)cmdline_ulong("peer", 1);
    evtchn_port_t p;

    check(ev_alloc_unbound(DOMID_SELF, peer, &p) == 0, "port %u offered to d%u", p, peer);
    irq_enable();
    work(ms);
    irq_disable();
    printf("hog: %lu events arrived meanwhile\n", (unsigned long)events);
}

static void ipi_handler(struct cpu_frame *f)
{
    (void)f;
    if (x2apic_id() == ap_id && ap_up)
        ipis_ap++;
    else
        ipis_bsp++;
    apic_eoi();
}

static void ap_main(void)
{
    x2apic_enable();        /* also software-enables it (SVR): it may start in x2APIC mode */
    __atomic_store_n(&ap_up, true, __ATOMIC_RELEASE);
    irq_enable();
    for (;;)
        asm volatile ("hlt");
}

/* vCPU 1 with INIT/SIPI (as the smp guest); false if there is none. */
static bool start_ap(void)
{
    uint32_t ids[8], bsp = x2apic_id();
    int n = acpi_madt_apic_ids(ids, 8);

    for (int i = 0; i < n; i++)
        if (ids[i] != bsp)
            ap_id = ids[i];
    if (n < 2 || !memmap_is_ram(AP_TRAMPOLINE_PA, 4096))
        return false;
    ap_prepare(ap_main);
    apic_send_init(ap_id);
    apic_send_sipi(ap_id, AP_TRAMPOLINE_PA >> 12);
    for (uint64_t t0 = ev_now_ns(); !ap_up && !expired(t0, 2000);)
        ev_yield();
    return ap_up;
}

static void ipiflood(uint64_t ms)
{
    bool ap = start_ap();
    uint64_t t0 = ev_now_ns(), sent = 0;

    printf("hog: IPI flood to self%s (x2APIC ID %u)\n", ap ? " and vCPU 1" : " (no vCPU 1)",
           ap_id);
    irq_enable();
    while (!expired(t0, ms)) {
        apic_wrmsr(APIC_ICR, IPI_VECTOR | (1u << 18));              /* self */
        sent++;
        if (ap) {
            apic_wrmsr(APIC_ICR, IPI_VECTOR | ((uint64_t)ap_id << 32));
            sent++;
        }
    }
    irq_disable();
    printf("hog: %lu IPIs sent in %lu ms, %lu taken by vCPU 0, %lu by vCPU 1\n",
           (unsigned long)sent, (unsigned long)ms, (unsigned long)ipis_bsp,
           (unsigned long)ipis_ap);
    check(ipis_bsp > 100, "self-IPIs delivered");
    if (ap)
        check(ipis_ap > 100, "IPIs to vCPU 1 delivered");
}

static const struct {
    const char *name;
    void (*fn)(uint64_t ms);
} modes[] = {
    { "work", work }, { "cli", spin_cli }, { "evflood", evflood }, { "sink", sink },
    { "ipiflood", ipiflood },
};

void main(void)
{
    char mode[16];
    uint64_t ms = cmdline_ulong("ms", 3000);

    hctest_init("hog");
    ev_init(on_event);
    set_irq_handler(IPI_VECTOR, ipi_handler);
    cmdline_get("mode", mode, sizeof(mode));
    printf("hog: mode %s\n", mode);
    for (unsigned int m = 0; m < ARRAY_SIZE(modes); m++)
        if (strlen(mode) == strlen(modes[m].name) && !memcmp(mode, modes[m].name, strlen(mode))) {
            modes[m].fn(ms);
            test_end();
        }
    test_error("unknown mode '%s'", mode);
}
