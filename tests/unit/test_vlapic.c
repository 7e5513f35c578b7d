/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Emulated x2APIC: register access rules (#GP cases), priorities and EOI
 * order, the timer in its three modes against a fake clock, ICR decoding and
 * delivery between four APICs, INIT/SIPI.
 */
#include "harness.h"
#include <asm/processor.h>
#include <asm/vlapic.h>
#include <xen/errno.h>

#define NR 4
static struct vlapic apics[NR];
static s_time_t fake_now = 1000000;
static uint64_t fake_tsc = 5000000;
static s_time_t armed[NR];              /* last set_timer per APIC; 0 = stopped */
static unsigned int kicks[NR], sipis[NR];
static uint8_t sipi_vector[NR];

static unsigned int idx(struct vlapic *vl) { return vl - apics; }

static s_time_t f_now(struct vlapic *vl) { (void)vl; return fake_now; }
static uint64_t f_tsc(struct vlapic *vl) { (void)vl; return fake_tsc; }
static void f_set_timer(struct vlapic *vl, s_time_t when) { armed[idx(vl)] = when; }
static void f_kick(struct vlapic *vl) { kicks[idx(vl)]++; }

/* What vlapic.c does, minus the scheduler. */
static void f_send_ipi(struct vlapic *src, const struct vlapic_ipi *ipi)
{
    for (unsigned int i = 0; i < NR; i++) {
        if (!vlapic_match_dest(&apics[i], src, ipi))
            continue;
        if (ipi->mode == APIC_DM_FIXED)
            vlapic_set_irq(&apics[i], ipi->vector);
        else if (ipi->mode == APIC_DM_INIT)
            vlapic_init_ipi(&apics[i]);
        else if (ipi->mode == APIC_DM_STARTUP && vlapic_take_sipi(&apics[i])) {
            sipis[i]++;
            sipi_vector[i] = ipi->vector;
        }
    }
}

static const struct vlapic_ops ops = { f_now, f_tsc, f_set_timer, f_kick, f_send_ipi };

static void setup(void)
{
    memset(apics, 0, sizeof(apics));
    memset(armed, 0, sizeof(armed));
    memset(kicks, 0, sizeof(kicks));
    memset(sipis, 0, sizeof(sipis));
    for (unsigned int i = 0; i < NR; i++) {
        spin_lock_init(&apics[i].lock);
        apics[i].ops = &ops;
        apics[i].tsc_khz = 1000000;     /* 1 GHz: one tick per ns */
        vlapic_reset(&apics[i], 2 * i);
    }
}

static uint64_t rd(struct vlapic *vl, uint32_t msr)
{
    uint64_t v = 0xdeadbeef;

    CHECK_EQ(vlapic_read(vl, msr, &v), 0);
    return v;
}

static void wr(struct vlapic *vl, uint32_t msr, uint64_t v)
{
    CHECK_EQ(vlapic_write(vl, msr, v), 0);
}

static void enable(struct vlapic *vl) { wr(vl, 0x80f, APIC_SVR_ENABLE | 0xff); }

TEST(reset_state)
{
    setup();
    CHECK_EQ(rd(&apics[1], 0x802), 2);
    CHECK_EQ(rd(&apics[1], 0x80d), 0x4);                /* LDR: cluster 0, bit 2 */
    vlapic_reset(&apics[0], 0x24);
    CHECK_EQ(rd(&apics[0], 0x80d), (2u << 16) | (1u << 4));
    CHECK_EQ(rd(&apics[1], 0x803), VLAPIC_VERSION);
    CHECK_EQ(rd(&apics[1], 0x80f), 0xff);               /* software-disabled */
    for (uint32_t m = 0x832; m <= 0x837; m++)
        CHECK_EQ(rd(&apics[1], m), APIC_LVT_MASKED);
    CHECK_EQ(rd(&apics[1], 0x80a), 0);
    CHECK_EQ(rd(&apics[1], 0x839), 0);
    CHECK_EQ(rd(&apics[1], MSR_TSC_DEADLINE), 0);
}

TEST(gp_cases)
{
    static const uint32_t read_only[] = { 0x802, 0x803, 0x80a, 0x80d, 0x810, 0x817, 0x818,
                                          0x820, 0x827, 0x839 };
    static const uint32_t absent[] = { 0x800, 0x801, 0x804, 0x809, 0x80c, 0x80e, 0x82f,
                                       0x831, 0x83a, 0x83d, 0x840, 0x8ff };
    struct vlapic *vl = &apics[0];
    uint64_t v;

    setup();
    for (unsigned int i = 0; i < ARRAY_SIZE(read_only); i++)
        CHECK_EQ(vlapic_write(vl, read_only[i], 0), -EPERM);
    for (unsigned int i = 0; i < ARRAY_SIZE(absent); i++) {
        CHECK_EQ(vlapic_read(vl, absent[i], &v), -EPERM);
        CHECK_EQ(vlapic_write(vl, absent[i], 0), -EPERM);
    }
    CHECK_EQ(vlapic_read(vl, 0x80b, &v), -EPERM);       /* EOI: write-only */
    CHECK_EQ(vlapic_read(vl, 0x83f, &v), -EPERM);       /* SELF IPI: write-only */
    CHECK_EQ(vlapic_write(vl, 0x80b, 1), -EPERM);       /* EOI must be 0 */
    CHECK_EQ(vlapic_write(vl, 0x828, 1), -EPERM);       /* ESR must be 0 */
    CHECK_EQ(vlapic_write(vl, 0x808, 0x100), -EPERM);   /* TPR reserved bits */
    CHECK_EQ(vlapic_write(vl, 0x80f, 0x1000), -EPERM);  /* no directed EOI */
    CHECK_EQ(vlapic_write(vl, 0x830, 1u << 12), -EPERM); /* ICR delivery status */
    CHECK_EQ(vlapic_write(vl, 0x830, 1u << 20), -EPERM);
    CHECK_EQ(vlapic_write(vl, 0x832, 3u << 17), -EPERM); /* reserved timer mode */
    CHECK_EQ(vlapic_write(vl, 0x832, 0x700), -EPERM);   /* no delivery mode in timer LVT */
    CHECK_EQ(vlapic_write(vl, 0x837, 0x700), -EPERM);
    CHECK_EQ(vlapic_write(vl, 0x83e, 0x4), -EPERM);     /* TDCR bit 2 */
    CHECK_EQ(vlapic_write(vl, 0x838, 1ull << 32), -EPERM);
    CHECK_EQ(vlapic_write(vl, 0x83f, 0x100), -EPERM);
    CHECK_EQ(vlapic_write(vl, 0x808, 1ull << 40), -EPERM);
    /* Nothing changed by the refused writes. */
    CHECK_EQ(rd(vl, 0x808), 0);
    CHECK_EQ(rd(vl, 0x80f), 0xff);
    CHECK_EQ(rd(vl, 0x830), 0);
    /* Allowed: LINT with trigger/polarity, ICR with destination. */
    wr(vl, 0x835, 0x1a700 | 0x30);
    CHECK_EQ(rd(vl, 0x835), 0x1a730);                   /* remote IRR not stored */
    wr(vl, 0x830, (5ull << 32) | 0x4030);
    CHECK_EQ(rd(vl, 0x830), (5ull << 32) | 0x4030);
}

TEST(priorities_and_eoi)
{
    struct vlapic *vl = &apics[0];

    setup();
    enable(vl);
    CHECK(vlapic_set_irq(vl, 0x31));
    CHECK(vlapic_set_irq(vl, 0x52));
    CHECK(vlapic_set_irq(vl, 0x45));
    CHECK_EQ(kicks[0], 3);
    CHECK_EQ(rd(vl, 0x821), (1u << 0x11));              /* IRR 0x31: word 1, bit 17 */
    CHECK_EQ(vlapic_pending(vl), 0x52);
    vlapic_ack(vl, 0x52);
    CHECK_EQ(rd(vl, 0x812), 1u << (0x52 - 64));         /* ISR */
    CHECK_EQ(rd(vl, 0x80a), 0x50);                      /* PPR from ISR */
    CHECK_EQ(vlapic_pending(vl), -1);                   /* 0x45 below the in-service class */
    CHECK(vlapic_set_irq(vl, 0x61));                    /* higher class preempts */
    CHECK_EQ(vlapic_pending(vl), 0x61);
    vlapic_ack(vl, 0x61);
    wr(vl, 0x80b, 0);                                   /* EOI retires 0x61 first */
    CHECK_EQ(rd(vl, 0x813), 0);
    CHECK_EQ(rd(vl, 0x812), 1u << (0x52 - 64));
    wr(vl, 0x80b, 0);
    CHECK_EQ(rd(vl, 0x812), 0);
    CHECK_EQ(vlapic_pending(vl), 0x45);
    wr(vl, 0x808, 0x45);                                /* TPR class 4 blocks 0x45 */
    CHECK_EQ(vlapic_pending(vl), -1);
    CHECK_EQ(rd(vl, 0x80a), 0x45);
    wr(vl, 0x808, 0x3f);
    CHECK_EQ(vlapic_pending(vl), 0x45);
    vlapic_ack(vl, 0x45);
    vlapic_ack(vl, 0x31);
    CHECK_EQ(rd(vl, 0x80a), 0x40);
    wr(vl, 0x80b, 0);
    wr(vl, 0x80b, 0);
    wr(vl, 0x80b, 0);                                   /* spurious EOI: harmless */
    CHECK_EQ(vlapic_pending(vl), -1);
    vlapic_ack(vl, 0x99);                               /* not in IRR: no ISR bit */
    CHECK_EQ(rd(vl, 0x814), 0);
}

TEST(disabled_and_illegal)
{
    struct vlapic *vl = &apics[0];

    setup();
    CHECK(!vlapic_set_irq(vl, 0x40));                   /* software-disabled: dropped */
    CHECK_EQ(vlapic_pending(vl), -1);
    CHECK_EQ(kicks[0], 0);
    enable(vl);
    CHECK(!vlapic_set_irq(vl, 0x0e));                   /* illegal vector */
    wr(vl, 0x830, 0x05);                                /* send illegal */
    CHECK_EQ(rd(vl, 0x828), 0);                         /* latched only on ESR write */
    wr(vl, 0x828, 0);
    CHECK_EQ(rd(vl, 0x828), 0x60);
    wr(vl, 0x828, 0);
    CHECK_EQ(rd(vl, 0x828), 0);
    wr(vl, 0x832, 0x30);                                /* unmask the timer LVT */
    wr(vl, 0x80f, 0xff);                                /* software disable masks it again */
    CHECK_EQ(rd(vl, 0x832), APIC_LVT_MASKED | 0x30);
    wr(vl, 0x832, 0x30);
    CHECK_EQ(rd(vl, 0x832), APIC_LVT_MASKED | 0x30);    /* cannot unmask while disabled */
}

TEST(timer_oneshot)
{
    struct vlapic *vl = &apics[1];
    s_time_t t0 = fake_now;

    setup();
    enable(vl);
    wr(vl, 0x83e, 0xb);                                 /* divide by 1 */
    wr(vl, 0x832, 0xec);
    wr(vl, 0x838, 1000);
    CHECK_EQ(armed[1], t0 + 1000);
    CHECK_EQ(rd(vl, 0x838), 1000);
    fake_now = t0 + 400;
    CHECK_EQ(rd(vl, 0x839), 600);
    fake_now = t0 + 999;
    vlapic_timer_fire(vl);                              /* early: re-armed, nothing raised */
    CHECK_EQ(vlapic_pending(vl), -1);
    CHECK_EQ(armed[1], t0 + 1000);
    fake_now = t0 + 1000;
    vlapic_timer_fire(vl);
    CHECK_EQ(vlapic_pending(vl), 0xec);
    CHECK_EQ(kicks[1], 1);
    CHECK_EQ(rd(vl, 0x839), 0);
    vlapic_timer_fire(vl);                              /* stale call: ignored */
    CHECK_EQ(kicks[1], 1);
    /* Divide by 16: 10 ticks = 160 ns; TMICT 0 stops. */
    wr(vl, 0x83e, 0x3);
    wr(vl, 0x838, 10);
    CHECK_EQ(armed[1], fake_now + 160);
    fake_now += 20;
    CHECK_EQ(rd(vl, 0x839), 9);
    wr(vl, 0x838, 0);
    CHECK_EQ(armed[1], 0);
    CHECK_EQ(rd(vl, 0x839), 0);
    fake_now = 1000000;
}

TEST(timer_periodic_and_masked)
{
    struct vlapic *vl = &apics[0];
    s_time_t t0 = fake_now;

    setup();
    enable(vl);
    wr(vl, 0x83e, 0x0);                                 /* divide by 2 */
    wr(vl, 0x832, (APIC_TIMER_PERIODIC << 17) | 0x40);
    wr(vl, 0x838, 100000);                              /* 200 us */
    CHECK_EQ(armed[0], t0 + 200000);
    fake_now = t0 + 200000;
    vlapic_timer_fire(vl);
    CHECK_EQ(armed[0], t0 + 400000);
    CHECK_EQ(vlapic_pending(vl), 0x40);
    vlapic_ack(vl, 0x40);
    wr(vl, 0x80b, 0);
    fake_now = t0 + 1050000;                            /* late: missed periods skipped */
    vlapic_timer_fire(vl);
    CHECK_EQ(armed[0], t0 + 1200000);
    CHECK_EQ(rd(vl, 0x839), 75000);
    /* DCR change keeps the remaining count: 75000 ticks at /4 = 300 us. */
    wr(vl, 0x83e, 0x1);
    CHECK_EQ(armed[0], fake_now + 300000);
    CHECK_EQ(rd(vl, 0x839), 75000);
    /* Masked: keeps running, raises nothing. */
    vlapic_ack(vl, 0x40);
    wr(vl, 0x80b, 0);
    wr(vl, 0x832, APIC_LVT_MASKED | (APIC_TIMER_PERIODIC << 17) | 0x40);
    fake_now += 300000;
    vlapic_timer_fire(vl);
    CHECK_EQ(vlapic_pending(vl), -1);
    CHECK(armed[0] > fake_now);
    /* A tiny period is stretched to 100 us. */
    wr(vl, 0x838, 1);
    CHECK_EQ(armed[0], fake_now + 100000);
    fake_now = 1000000;
}

TEST(timer_tsc_deadline)
{
    struct vlapic *vl = &apics[2];
    s_time_t t0 = fake_now;

    setup();
    enable(vl);
    wr(vl, MSR_TSC_DEADLINE, fake_tsc + 100);           /* one-shot mode: ignored */
    CHECK_EQ(rd(vl, MSR_TSC_DEADLINE), 0);
    CHECK_EQ(armed[2], 0);
    wr(vl, 0x832, (APIC_TIMER_TSC_DEADLINE << 17) | 0xef);
    wr(vl, 0x838, 1234);                                /* TMICT ignored in this mode */
    CHECK_EQ(rd(vl, 0x838), 0);
    CHECK_EQ(armed[2], 0);
    wr(vl, MSR_TSC_DEADLINE, fake_tsc + 5000);
    CHECK_EQ(rd(vl, MSR_TSC_DEADLINE), fake_tsc + 5000);
    CHECK_EQ(armed[2], t0 + 5000);
    CHECK_EQ(rd(vl, 0x839), 0);                         /* no count in this mode */
    fake_now = t0 + 5000;
    fake_tsc += 5000;
    vlapic_timer_fire(vl);
    CHECK_EQ(vlapic_pending(vl), 0xef);
    CHECK_EQ(rd(vl, MSR_TSC_DEADLINE), 0);
    vlapic_ack(vl, 0xef);
    wr(vl, 0x80b, 0);
    wr(vl, MSR_TSC_DEADLINE, fake_tsc - 1);             /* already passed: fires at once */
    CHECK_EQ(vlapic_pending(vl), 0xef);
    CHECK_EQ(rd(vl, MSR_TSC_DEADLINE), 0);
    wr(vl, MSR_TSC_DEADLINE, fake_tsc + 10);
    wr(vl, MSR_TSC_DEADLINE, 0);                        /* disarm */
    CHECK_EQ(armed[2], 0);
    wr(vl, MSR_TSC_DEADLINE, ~0ull);                    /* far future, no overflow */
    CHECK(armed[2] > fake_now);
    wr(vl, 0x832, 0xef);                                /* mode change disarms */
    CHECK_EQ(armed[2], 0);
    CHECK_EQ(rd(vl, MSR_TSC_DEADLINE), 0);
    /* 2 GHz TSC: 1000 ticks = 500 ns. */
    vl->tsc_khz = 2000000;
    wr(vl, 0x832, (APIC_TIMER_TSC_DEADLINE << 17) | 0xef);
    wr(vl, MSR_TSC_DEADLINE, fake_tsc + 1000);
    CHECK_EQ(armed[2], fake_now + 500);
    fake_now = 1000000;
    fake_tsc = 5000000;
}

TEST(icr_decode)
{
    struct vlapic_ipi ipi = vlapic_decode_icr((7ull << 32) | (3u << 18) | (1u << 15) |
                                              (1u << 14) | (1u << 11) | (5u << 8) | 0x42);

    CHECK_EQ(ipi.dest, 7);
    CHECK_EQ(ipi.shorthand, APIC_SH_OTHERS);
    CHECK(ipi.level_trigger);
    CHECK(ipi.level_assert);
    CHECK(ipi.logical);
    CHECK_EQ(ipi.mode, APIC_DM_INIT);
    CHECK_EQ(ipi.vector, 0x42);
}

static unsigned int irr_mask(uint8_t vec)
{
    unsigned int m = 0;

    for (unsigned int i = 0; i < NR; i++)
        if (apics[i].irr[vec / 32] & (1u << (vec % 32)))
            m |= 1u << i;
    return m;
}

TEST(ipi_delivery)
{
    setup();
    for (unsigned int i = 0; i < NR; i++)
        enable(&apics[i]);
    wr(&apics[0], 0x830, (4ull << 32) | 0x40);          /* physical, APIC ID 4 = #2 */
    CHECK_EQ(irr_mask(0x40), 0x4);
    CHECK_EQ(kicks[2], 1);
    wr(&apics[0], 0x830, (0x44ull << 32) | (1u << 11) | 0x41);  /* logical: IDs 2 and 6 */
    CHECK_EQ(irr_mask(0x41), 0xa);
    wr(&apics[0], 0x830, (0x10004ull << 32) | (1u << 11) | 0x42); /* other cluster: nobody */
    CHECK_EQ(irr_mask(0x42), 0);
    wr(&apics[0], 0x830, (0xffffffffull << 32) | 0x43);  /* broadcast */
    CHECK_EQ(irr_mask(0x43), 0xf);
    wr(&apics[1], 0x830, (1u << 18) | 0x44);            /* self */
    CHECK_EQ(irr_mask(0x44), 0x2);
    wr(&apics[1], 0x830, (2u << 18) | 0x45);            /* all including self */
    CHECK_EQ(irr_mask(0x45), 0xf);
    wr(&apics[1], 0x830, (3u << 18) | 0x46);            /* all but self */
    CHECK_EQ(irr_mask(0x46), 0xd);
    wr(&apics[3], 0x83f, 0x47);                         /* SELF IPI register */
    CHECK_EQ(irr_mask(0x47), 0x8);
    wr(&apics[0], 0x830, (5ull << 32) | 0x48);          /* no APIC ID 5 */
    CHECK_EQ(irr_mask(0x48), 0);
    wr(&apics[0], 0x830, (2ull << 32) | 0x0f);          /* illegal vector: not sent */
    CHECK_EQ(irr_mask(0x0f), 0);
}

TEST(init_sipi)
{
    setup();
    enable(&apics[0]);
    enable(&apics[1]);
    vlapic_set_irq(&apics[1], 0x50);
    wr(&apics[0], 0x830, (2ull << 32) | (1u << 14) | (5u << 8));   /* INIT to ID 2 */
    CHECK(apics[1].wait_for_sipi);
    CHECK_EQ(rd(&apics[1], 0x80f), 0xff);               /* reset: disabled, IRR clear */
    CHECK_EQ(rd(&apics[1], 0x822), 0);
    CHECK_EQ(rd(&apics[1], 0x802), 2);                  /* ID kept */
    wr(&apics[0], 0x830, (2ull << 32) | (6u << 8) | 0x9a);          /* STARTUP */
    CHECK_EQ(sipis[1], 1);
    CHECK_EQ(sipi_vector[1], 0x9a);
    wr(&apics[0], 0x830, (2ull << 32) | (6u << 8) | 0x9a);          /* second SIPI: ignored */
    CHECK_EQ(sipis[1], 1);
    CHECK_EQ(sipis[2], 0);
}

TEST_MAIN()
