/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Serial input routing: debug keys vs domain 0, the Ctrl-a x3 switch. */
#include "harness.h"
#include <xen/console.h>
#include <xen/console_rx.h>
#include <xen/sched.h>
#include <xen/lib.h>
#include <xen/time.h>
#include <xen/timer.h>

static bool have_dom0;
static struct domain dom0;
struct domain *domain_lookup(domid_t domid) { return domid == 0 && have_dom0 ? &dom0 : NULL; }

static char keys[64];
static unsigned int nr_keys;
static const char *pending_input;

void handle_keypress(unsigned char key)
{
    if (nr_keys < sizeof(keys) - 1)
        keys[nr_keys++] = key;
}
void console_print_config(void) { }
/* The poll timer is started by an initcall the host never runs. */
void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    (void)t; (void)fn; (void)data; (void)cpu;
}
int set_timer(struct timer *t, s_time_t expires) { (void)t; (void)expires; return 0; }
s_time_t NOW(void) { return 0; }
int serial_getc(void)
{
    return pending_input && *pending_input ? (unsigned char)*pending_input++ : -1;
}

static void type(const char *s)
{
    while (*s)
        console_rx_char((unsigned char)*s++);
}

static void reset(void)
{
    memset(keys, 0, sizeof(keys));
    nr_keys = 0;
    unit_log_clear();
}

TEST(keys_go_to_xen)
{
    reset();
    type("hm");
    CHECK_STR(keys, "hm");
}

TEST(fewer_than_three_ctrl_a_pass_through)
{
    reset();
    type("\001\001x\001t");
    CHECK_STR(keys, "\001\001x\001t");
    CHECK(!strstr(unit_log, "Serial input"));
}

TEST(three_ctrl_a_switch_to_dom0_and_back)
{
    reset();
    type("\001\001\001");
    CHECK(strstr(unit_log, "*** Serial input to DOM0 (type 'CTRL-a' three times to switch input)"));
    type("abc");
    CHECK_EQ(nr_keys, 0);
    CHECK(strstr(unit_log, "No domain 0 yet: serial input dropped"));
    /* The note is printed once per switch. */
    CHECK(!strstr(strstr(unit_log, "dropped") + 1, "dropped"));
    type("\001\001\001");
    CHECK(strstr(unit_log, "*** Serial input to Xen (type 'CTRL-a' three times to switch input)"));
    type("h");
    CHECK_STR(keys, "h");
}

TEST(dom0_input_is_buffered_for_consoleio_read)
{
    char buf[CONSOLE_RX_SIZE + 8];

    reset();
    have_dom0 = true;
    console_rx_consume(CONSOLE_RX_SIZE);
    type("\001\001\001");
    type("ls\r\001x");            /* one or two Ctrl-a are passed on as typed */
    CHECK_EQ(nr_keys, 0);
    CHECK(!strstr(unit_log, "dropped"));
    CHECK_EQ(console_rx_pending(), 5);
    CHECK_EQ(console_rx_peek(buf, sizeof(buf)), 5);
    CHECK(memcmp(buf, "ls\r\001x", 5) == 0);
    console_rx_consume(5);
    /* A full ring drops what comes after. */
    for (unsigned int i = 0; i < CONSOLE_RX_SIZE + 5; i++)
        console_rx_char((unsigned char)('0' + i % 10));
    CHECK_EQ(console_rx_pending(), CONSOLE_RX_SIZE);
    CHECK_EQ(console_rx_peek(buf, sizeof(buf)), CONSOLE_RX_SIZE);
    CHECK_EQ(buf[CONSOLE_RX_SIZE - 1], '0' + (CONSOLE_RX_SIZE - 1) % 10);
    console_rx_consume(CONSOLE_RX_SIZE + 100);      /* clamps */
    CHECK_EQ(console_rx_pending(), 0);
    type("\001\001\001h");
    CHECK_STR(keys, "h");
    have_dom0 = false;
}

TEST(six_ctrl_a_toggle_twice)
{
    reset();
    type("\001\001\001\001\001\001q");
    CHECK_STR(keys, "q");
}

TEST(poll_drains_uart)
{
    reset();
    pending_input = "h\001\001\001\001\001\001t";
    console_poll_input();
    CHECK_STR(keys, "ht");
    console_poll_input();                   /* nothing left: no-op */
    CHECK_STR(keys, "ht");
}

TEST_MAIN()
