/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * com1= / com2= option syntax (Xen's), host-testable.  The whole string is
 * parsed into a copy first, so a bad option changes nothing.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/serial.h>

void serial_default_config(unsigned int port, struct uart_config *cfg)
{
    *cfg = (struct uart_config){
        .io_base = port == SERIAL_COM2 ? 0x2f8 : 0x3f8,
        .baud = 115200, .base_baud = UART_BASE_BAUD,
        .data_bits = 8, .parity = 'n', .stop_bits = 1,
        .irq = port == SERIAL_COM2 ? 3 : 4,
    };
}

/* A number filling the field up to ',' or the end; 0 / -EINVAL. */
static int take_number(const char **s, uint64_t max, uint64_t *out)
{
    const char *end;

    if (parse_ullong(*s, &end, out) || *out > max || (*end && *end != ','))
        return -EINVAL;
    *s = end;
    return 0;
}

static int take_baud(const char **s, struct uart_config *c)
{
    uint64_t v;

    if (!strncmp(*s, "auto", 4)) {
        c->baud = 0;
        *s += 4;
    } else if (**s && **s != ',' && **s != '/') {
        const char *end;
        if (parse_ullong(*s, &end, &v) || v == 0 || v > UINT32_MAX)
            return -EINVAL;
        c->baud = v;
        *s = end;
    }
    if (**s == '/') {
        (*s)++;
        if (take_number(s, UINT32_MAX, &v) || v == 0)
            return -EINVAL;
        c->base_baud = v;
    }
    return **s && **s != ',' ? -EINVAL : 0;
}

static int take_dps(const char **s, struct uart_config *c)
{
    const char *p = *s;

    if (!*p || *p == ',')
        return 0;
    if (p[0] < '5' || p[0] > '8' || !p[1] || !strchr("noems", p[1]) ||
        (p[2] != '1' && p[2] != '2') || (p[3] && p[3] != ','))
        return -EINVAL;
    c->data_bits = p[0] - '0';
    c->parity = p[1];
    c->stop_bits = p[2] - '0';
    *s = p + 3;
    return 0;
}

/* Step past the ',' ending a field; false at the end of the string. */
static bool next_field(const char **s)
{
    if (**s != ',')
        return false;
    (*s)++;
    return true;
}

int serial_parse_config(const char *s, struct uart_config *cfg)
{
    struct uart_config c = *cfg;
    uint64_t v;

    if (!s || take_baud(&s, &c))
        return -EINVAL;
    if (next_field(&s) && take_dps(&s, &c))
        return -EINVAL;
    if (next_field(&s) && *s && *s != ',') {
        if (take_number(&s, 0xfff8, &v) || v == 0)
            return -EINVAL;     /* also "pci", "amt": not supported */
        c.io_base = v;
    }
    if (next_field(&s) && *s && *s != ',') {
        if (take_number(&s, 255, &v))
            return -EINVAL;     /* also "msi" */
        c.irq = v;
    }
    if (*s)
        return -EINVAL;         /* PCI fields: not supported */
    if (c.baud && !serial_divisor(&c))
        return -EINVAL;         /* no divisor gives this baud rate */
    *cfg = c;
    return 0;
}

unsigned int serial_divisor(const struct uart_config *cfg)
{
    uint32_t div;

    if (!cfg->baud || cfg->baud > cfg->base_baud)
        return 0;
    /* Round to the nearest divisor; the latch is 16 bits. */
    div = (cfg->base_baud + cfg->baud / 2) / cfg->baud;
    return div > 0xffff ? 0 : div;
}
