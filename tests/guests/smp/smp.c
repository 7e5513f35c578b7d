/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * smp: brings up vCPU 1 the way firmware-less kernels do on bare metal:
 * the x2APIC ICR sends INIT and STARTUP (SIPI) to the AP's APIC ID, the AP
 * starts in real mode at the trampoline page below 1 MiB (lib/head.S),
 * switches to 32-bit and 64-bit mode, prints its APIC ID and sets a flag.
 * The AP's APIC ID comes from the MADT (start_info->rsdp_paddr), or, without
 * ACPI tables, from Xen's convention (vCPU n has APIC ID 2n).
 * SUCCESS when the flag is seen with the expected APIC ID; SKIP on one vCPU.
 *
 * On Xen 4.17 run it with: scripts/run-on-xen --xen-args dom0_max_vcpus=2 smp.elf
 * (the AP starts in xAPIC mode there; ap_main() switches it to x2APIC).
 */
#include "guest.h"

#define WAIT_TSC 4000000000ull          /* ~1-2 s of guest time */

static volatile bool ap_up;
static volatile uint32_t ap_seen_id;

static void ap_main(void)
{
    if (!x2apic_enabled())
        x2apic_enable();
    ap_seen_id = x2apic_id();
    printf("smp: AP running in 64-bit mode, x2APIC ID %u\n", ap_seen_id);
    __atomic_store_n(&ap_up, true, __ATOMIC_RELEASE);
}

static bool wait_for_ap(void)
{
    uint64_t t0 = rdtsc();

    while (!__atomic_load_n(&ap_up, __ATOMIC_ACQUIRE))
        if (rdtsc() - t0 > WAIT_TSC)
            return false;
        else
            cpu_relax();
    return true;
}

static uint32_t pick_ap(uint32_t bsp)
{
    uint32_t ids[64];
    int n = acpi_madt_apic_ids(ids, ARRAY_SIZE(ids));

    if (n < 0) {
        unsigned int cpus = (cpuid(1).b >> 16) & 0xff;

        printf("smp: no MADT; CPUID says %u logical CPUs, assuming APIC ID 2 for vCPU 1\n", cpus);
        if (cpus < 2)
            test_skip("only one vCPU");
        return 2;
    }
    printf("smp: MADT lists %d enabled local APIC(s):", n);
    for (int i = 0; i < n; i++)
        printf(" %u", ids[i]);
    printf("\n");
    for (int i = 0; i < n; i++)
        if (ids[i] != bsp)
            return ids[i];
    test_skip("only one vCPU in the MADT");
}

void main(void)
{
    uint32_t bsp, ap;

    if (!x2apic_enabled())
        x2apic_enable();
    bsp = x2apic_id();
    ap = pick_ap(bsp);
    if (!memmap_is_ram(AP_TRAMPOLINE_PA, 4096))
        test_error("trampoline page %#x is not RAM", AP_TRAMPOLINE_PA);
    printf("smp: BSP x2APIC ID %u, starting APIC ID %u with INIT/SIPI (trampoline %#x)\n",
           bsp, ap, AP_TRAMPOLINE_PA);
    ap_prepare(ap_main);
    apic_send_init(ap);
    for (int i = 0; i < 10000; i++)
        cpu_relax();
    apic_send_sipi(ap, AP_TRAMPOLINE_PA >> 12);
    if (!wait_for_ap()) {
        printf("smp: no sign of the AP yet, sending a second SIPI\n");
        apic_send_sipi(ap, AP_TRAMPOLINE_PA >> 12);
        if (!wait_for_ap())
            test_failure("APIC ID %u did not start after INIT/SIPI/SIPI", ap);
    }
    if (ap_seen_id != ap)
        test_failure("the AP reports x2APIC ID %u, expected %u", ap_seen_id, ap);
    printf("smp: AP %u is up\n", ap);
    test_success();
}
