/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Console pieces: com1= syntax, console ring, loglvl= and the rate limiter. */
#include "harness.h"
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/serial.h>

static struct uart_config com(unsigned int port, const char *s, int expect_rc)
{
    struct uart_config c, before;

    serial_default_config(port, &c);
    before = c;
    if (serial_parse_config(s, &c) != expect_rc)
        CHECK(!"serial_parse_config returned the wrong code");
    if (expect_rc)
        CHECK(!memcmp(&c, &before, sizeof(c)));   /* unchanged on error */
    return c;
}

TEST(com_defaults)
{
    struct uart_config c;

    serial_default_config(SERIAL_COM1, &c);
    CHECK_EQ(c.io_base, 0x3f8);
    CHECK_EQ(c.irq, 4);
    CHECK_EQ(c.baud, 115200);
    serial_default_config(SERIAL_COM2, &c);
    CHECK_EQ(c.io_base, 0x2f8);
    CHECK_EQ(c.irq, 3);
    CHECK_EQ(serial_divisor(&c), 1);
}

TEST(com_valid)
{
    struct uart_config c = com(SERIAL_COM1, "115200,8n1", 0);
    CHECK_EQ(c.baud, 115200);
    CHECK_EQ(c.data_bits, 8);
    CHECK_EQ(c.parity, 'n');
    CHECK_EQ(c.stop_bits, 1);

    c = com(SERIAL_COM1, "9600,7e2,0x2f8,3", 0);
    CHECK_EQ(c.baud, 9600);
    CHECK_EQ(c.data_bits, 7);
    CHECK_EQ(c.parity, 'e');
    CHECK_EQ(c.stop_bits, 2);
    CHECK_EQ(c.io_base, 0x2f8);
    CHECK_EQ(c.irq, 3);
    CHECK_EQ(serial_divisor(&c), 12);

    c = com(SERIAL_COM1, "auto", 0);
    CHECK_EQ(c.baud, 0);
    CHECK_EQ(serial_divisor(&c), 0);
    c = com(SERIAL_COM2, "auto,,,0", 0);
    CHECK_EQ(c.io_base, 0x2f8);
    CHECK_EQ(c.irq, 0);
    c = com(SERIAL_COM1, "115200/230400", 0);
    CHECK_EQ(c.base_baud, 230400);
    CHECK_EQ(serial_divisor(&c), 2);
    c = com(SERIAL_COM1, ",5s1", 0);
    CHECK_EQ(c.baud, 115200);
    CHECK_EQ(c.data_bits, 5);
    c = com(SERIAL_COM1, "57600,", 0);
    CHECK_EQ(c.baud, 57600);
    c = com(SERIAL_COM1, "", 0);
    CHECK_EQ(c.baud, 115200);
}

TEST(com_malformed)
{
    static const char *const bad[] = {
        "fast", "0", "-9600", "115200x", "230400", "1", "auto9600", "9600/", "9600/0",
        "9600,9n1", "9600,8x1", "9600,8n3", "9600,8n", "9600,8n1x", "9600,8n1,pci",
        "9600,8n1,0", "9600,8n1,0x10000", "9600,8n1,0x3f8,msi", "9600,8n1,0x3f8,256",
        "9600,8n1,0x3f8,4,00:1f.0", "99999999999999999999999", "9600,8n1,0x3f8,4,",
    };

    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
        com(SERIAL_COM1, bad[i], -EINVAL);
    }
    struct uart_config c;
    serial_default_config(SERIAL_COM1, &c);
    CHECK_EQ(serial_parse_config(NULL, &c), -EINVAL);
}

TEST(ring_wraps_and_keeps_newest)
{
    static char buf[16], out[64];
    struct conring r;
    uint64_t pos = 0;

    conring_init(&r, buf, sizeof(buf));
    conring_put(&r, "hello ", 6);
    CHECK_EQ(conring_copy(&r, &pos, out, sizeof(out)), 6);
    CHECK(!memcmp(out, "hello ", 6));
    CHECK_EQ(pos, 6);
    conring_put(&r, "world, this wraps", 17);
    CHECK_EQ(conring_oldest(&r), 7);
    CHECK_EQ(conring_copy(&r, &pos, out, sizeof(out)), 16);    /* byte 6 was lost */
    CHECK(!memcmp(out, "orld, this wraps", 16));
    CHECK_EQ(conring_copy(&r, &pos, out, sizeof(out)), 0);      /* nothing new */
    pos = 0;
    CHECK_EQ(conring_copy(&r, &pos, out, 4), 4);                /* bounded by size */
    CHECK(!memcmp(out, "orld", 4));
    CHECK_EQ(pos, 11);
}

TEST(ring_move_keeps_indices)
{
    static char small[16], big[64], tiny[8], out[64];
    struct conring r;
    uint64_t pos = 0;

    conring_init(&r, small, sizeof(small));
    conring_put(&r, "0123456789abcdefXYZ", 19);
    conring_move(&r, big, sizeof(big));
    CHECK_EQ(r.size, 64);
    CHECK_EQ(conring_copy(&r, &pos, out, sizeof(out)), 16);     /* bytes 3..18 */
    CHECK(!memcmp(out, "3456789abcdefXYZ", 16));
    conring_put(&r, "!", 1);
    CHECK_EQ(conring_copy(&r, &pos, out, sizeof(out)), 1);
    CHECK_EQ(out[0], '!');
    conring_move(&r, tiny, sizeof(tiny));                       /* shrink: newest */
    pos = 0;
    CHECK_EQ(conring_copy(&r, &pos, out, sizeof(out)), 8);
    CHECK(!memcmp(out, "cdefXYZ!", 8));
}

TEST(ring_size_rounding)
{
    CHECK_EQ(conring_size_for(0), CONRING_MIN_SIZE);
    CHECK_EQ(conring_size_for(1), CONRING_MIN_SIZE);
    CHECK_EQ(conring_size_for(CONRING_MIN_SIZE + 1), 2 * CONRING_MIN_SIZE);
    CHECK_EQ(conring_size_for(1 << 20), 1 << 20);
    CHECK_EQ(conring_size_for(UINT64_MAX), CONRING_MAX_SIZE);
}

TEST(loglvl_parse)
{
    struct loglvl l = { 3, 3 };

    CHECK_EQ(parse_loglvl("warning", &l), 0);
    CHECK_EQ(l.lower, 2);
    CHECK_EQ(l.upper, 2);
    CHECK_EQ(parse_loglvl("info/all", &l), 0);
    CHECK_EQ(l.lower, 3);
    CHECK_EQ(l.upper, 4);
    CHECK_EQ(parse_loglvl("all/none", &l), 0);                 /* upper raised */
    CHECK_EQ(l.lower, 4);
    CHECK_EQ(l.upper, 4);
    CHECK_EQ(parse_loglvl("none", &l), 0);
    CHECK_EQ(l.lower, 0);
    static const char *const bad[] = { "", "loud", "info/", "/info", "info/x", "infox",
                                       "info/debugx", "3" };
    for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
        CHECK_EQ(parse_loglvl(bad[i], &l), -EINVAL);
    CHECK_EQ(parse_loglvl(NULL, &l), -EINVAL);
    CHECK_EQ(l.lower, 0);                                       /* unchanged */
}

TEST(loglvl_decisions)
{
    struct loglvl def = { 3, 3 }, warn_info = { 2, 3 }, none = { 0, 0 };

    CHECK_EQ(loglvl_check(&def, 0), 1);       /* error */
    CHECK_EQ(loglvl_check(&def, 2), 1);       /* info */
    CHECK_EQ(loglvl_check(&def, 3), 0);       /* debug dropped */
    CHECK_EQ(loglvl_check(&warn_info, 1), 1);
    CHECK_EQ(loglvl_check(&warn_info, 2), -1);
    CHECK_EQ(loglvl_check(&warn_info, 3), 0);
    CHECK_EQ(loglvl_check(&none, 0), 0);
}

TEST(ratelimit_burst_then_refill)
{
    struct ratelimit rl = { .ms_per_msg = 100, .burst = 3 };

    for (int i = 0; i < 3; i++)
        CHECK(ratelimit_allow(&rl, 1000));
    CHECK(!ratelimit_allow(&rl, 1000));
    CHECK(!ratelimit_allow(&rl, 1050));
    CHECK_EQ(rl.missed, 2);
    CHECK(ratelimit_allow(&rl, 1100));
    CHECK(!ratelimit_allow(&rl, 1100));
    CHECK(ratelimit_allow(&rl, 99999));       /* refill caps at the burst */
    CHECK(ratelimit_allow(&rl, 99999));
    CHECK(ratelimit_allow(&rl, 99999));
    CHECK(!ratelimit_allow(&rl, 99999));
    CHECK(!ratelimit_allow(&rl, 5));          /* time going back: no refill */
}

TEST_MAIN()
