/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A small vsnprintf: %d %i %u %x %X %p %s %c %%, length modifiers l/ll/z,
 * flags '-' '0' '#', field width (number or *), precision for %s.  Always NUL-terminates;
 * returns the length it would have written.
 */
#include "guest.h"

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

struct spec {
    bool left, zero, alt;
    int width;
    int prec;           /* -1: none (only %s uses it) */
    int lng;            /* 0 int, 1 long, 2 long long */
};

static void put_padded(struct out *o, const struct spec *sp, const char *s,
                       size_t n, const char *prefix)
{
    size_t plen = strlen(prefix);
    int pad = sp->width - (int)(n + plen);

    if (!sp->left && !sp->zero)
        for (; pad > 0; pad--)
            put(o, ' ');
    while (*prefix)
        put(o, *prefix++);
    if (!sp->left && sp->zero)
        for (; pad > 0; pad--)
            put(o, '0');
    while (n--)
        put(o, *s++);
    for (; pad > 0; pad--)
        put(o, ' ');
}

static void put_number(struct out *o, const struct spec *sp, uint64_t v,
                       bool neg, unsigned int base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int i = sizeof(tmp);

    do {
        tmp[--i] = digits[v % base];
        v /= base;
    } while (v);
    put_padded(o, sp, tmp + i, sizeof(tmp) - i,
               neg ? "-" : (sp->alt && base == 16) ? (upper ? "0X" : "0x") : "");
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){ .prec = -1 };
    for (;; f++) {
        if (*f == '-')
            sp->left = true;
        else if (*f == '0')
            sp->zero = true;
        else if (*f == '#')
            sp->alt = true;
        else
            break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        f++;
    }
    for (; *f >= '0' && *f <= '9'; f++)
        sp->width = sp->width * 10 + (*f - '0');
    if (*f == '.')
        for (sp->prec = 0, f++; *f >= '0' && *f <= '9'; f++)
            sp->prec = sp->prec * 10 + (*f - '0');
    for (; *f == 'l' || *f == 'z'; f++)
        sp->lng++;
    return f;
}

static size_t strnlen_(const char *s, int max)
{
    size_t n = 0;

    while (s[n] && (max < 0 || n < (size_t)max))
        n++;
    return n;
}

static uint64_t get_unsigned(const struct spec *sp, va_list *ap)
{
    return sp->lng ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int);
}

static void convert(struct out *o, char c, struct spec *sp, va_list *ap)
{
    int64_t sv;
    const char *s;

    switch (c) {
    case 'd': case 'i':
        sv = sp->lng ? va_arg(*ap, long) : va_arg(*ap, int);
        put_number(o, sp, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0, 10, false);
        break;
    case 'u':
        put_number(o, sp, get_unsigned(sp, ap), false, 10, false);
        break;
    case 'x': case 'X':
        put_number(o, sp, get_unsigned(sp, ap), false, 16, c == 'X');
        break;
    case 'p':
        sp->alt = true;
        put_number(o, sp, (uintptr_t)va_arg(*ap, void *), false, 16, false);
        break;
    case 's':
        s = va_arg(*ap, const char *);
        s = s ? s : "(null)";
        put_padded(o, sp, s, strnlen_(s, sp->prec), "");
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        put_padded(o, sp, &c, 1, "");
        break;
    default:                                    /* %% and unknown: literal */
        put(o, c);
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
    struct out o = { buf, size, 0 };
    struct spec sp;
    va_list ap;

    va_copy(ap, ap_in);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            put(&o, *f);
            continue;
        }
        f = parse_spec(f + 1, &sp, &ap);
        if (!*f)
            break;
        convert(&o, *f, &sp, &ap);
    }
    va_end(ap);
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
