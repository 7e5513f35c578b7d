/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * vsnprintf for the hypervisor: %d %i %u %x %X %o %p %s %c %%, with flags
 * '-', '0', ' ', '+', '#', width and precision (also '*'), and length
 * modifiers hh h l ll z t j, as C's printf (%p prints "0x" and the hex
 * value, also for NULL).  Always NUL-terminates when size > 0 and returns
 * the length the full output would have had.
 */
#include <xen/lib.h>

#define MAX_COUNT 4096     /* largest width or precision honoured */

struct out { char *buf; size_t size, pos; };

static void put(struct out *o, char c)
{
    if (o->pos + 1 < o->size)
        o->buf[o->pos] = c;
    o->pos++;
}

struct spec {
    bool left, zero, plus, space, alt;
    bool ptr;               /* %p: "0x" even for zero */
    int width, prec;
    char len;               /* 0, 'h', 'H' (hh), 'l', 'L' (ll/z/j/t) */
};

static void put_padded(struct out *o, const struct spec *sp, const char *pfx,
                       const char *digits, int ndigits)
{
    int plen = strlen(pfx), zeros = 0, pad;

    if (sp->prec >= 0 && sp->prec > ndigits)
        zeros = sp->prec - ndigits;
    pad = sp->width - plen - zeros - ndigits;
    if (sp->zero && !sp->left && sp->prec < 0) {
        zeros += pad > 0 ? pad : 0;
        pad = 0;
    }
    for (; !sp->left && pad > 0; pad--)
        put(o, ' ');
    while (*pfx)
        put(o, *pfx++);
    while (zeros-- > 0)
        put(o, '0');
    for (int i = 0; i < ndigits; i++)
        put(o, digits[i]);
    for (; sp->left && pad > 0; pad--)
        put(o, ' ');
}

/* @sign: -1 negative, 1 signed non-negative, 0 unsigned conversion. */
static void put_number(struct out *o, const struct spec *sp, unsigned long long v,
                       int sign, unsigned int base, bool upper)
{
    const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24], rev[24];
    const char *pfx = "";
    bool is_zero = !v;
    int n = 0;

    while (v) {
        rev[n++] = dig[v % base];
        v /= base;
    }
    if (n == 0 && sp->prec != 0)
        rev[n++] = '0';
    for (int i = 0; i < n; i++)
        tmp[i] = rev[n - 1 - i];
    if (sign < 0)
        pfx = "-";
    else if (sign > 0 && sp->plus)
        pfx = "+";
    else if (sign > 0 && sp->space)
        pfx = " ";
    else if (sp->alt && base == 16 && (!is_zero || sp->ptr))
        pfx = upper ? "0X" : "0x";
    else if (sp->alt && base == 8 && (is_zero ? n == 0 : n >= sp->prec))
        pfx = "0";      /* C: '#' makes the first octal digit a zero */
    put_padded(o, sp, pfx, tmp, n);
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
    switch (sp->len) {
    case 'H': return (unsigned char)va_arg(*ap, unsigned int);
    case 'h': return (unsigned short)va_arg(*ap, unsigned int);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    default:  return va_arg(*ap, unsigned int);
    }
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
    switch (sp->len) {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    default:  return va_arg(*ap, int);
    }
}

/* Digits of a width or precision, capped so they cannot overflow. */
static const char *parse_count(const char *f, int *v)
{
    for (; *f >= '0' && *f <= '9'; f++)
        *v = min(*v * 10 + (*f - '0'), MAX_COUNT);
    return f;
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){ .prec = -1 };
    for (;; f++) {
        if (*f == '-') sp->left = true;
        else if (*f == '0') sp->zero = true;
        else if (*f == '+') sp->plus = true;
        else if (*f == ' ') sp->space = true;
        else if (*f == '#') sp->alt = true;
        else break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) { sp->left = true; sp->width = -sp->width; }
        f++;
    }
    f = parse_count(f, &sp->width);
    if (*f == '.') {
        f++;
        sp->prec = 0;
        if (*f == '*') {
            sp->prec = va_arg(*ap, int);
            f++;
        }
        f = parse_count(f, &sp->prec);
    }
    if (*f == 'h') { f++; sp->len = 'h'; if (*f == 'h') { f++; sp->len = 'H'; } }
    else if (*f == 'l') { f++; sp->len = 'l'; if (*f == 'l') { f++; sp->len = 'L'; } }
    else if (*f == 'z' || *f == 't' || *f == 'j') { f++; sp->len = 'L'; }
    return f;
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
    struct spec plain = *sp;
    if (!s)
        s = "(null)";
    plain.zero = false;
    plain.prec = -1;
    put_padded(o, &plain, "", s, sp->prec >= 0 ? (int)strnlen(s, sp->prec) : (int)strlen(s));
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    struct spec sp;
    va_list args;

    va_copy(args, ap);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            put(&o, *f);
            continue;
        }
        f = parse_spec(f + 1, &sp, &args);
        switch (*f) {
        case 'd': case 'i': {
            long long v = get_signed(&sp, &args);
            put_number(&o, &sp, v < 0 ? -(unsigned long long)v : (unsigned long long)v,
                       v < 0 ? -1 : 1, 10, false);
            break;
        }
        case 'u': put_number(&o, &sp, get_unsigned(&sp, &args), 0, 10, false); break;
        case 'x': put_number(&o, &sp, get_unsigned(&sp, &args), 0, 16, false); break;
        case 'X': put_number(&o, &sp, get_unsigned(&sp, &args), 0, 16, true); break;
        case 'o': put_number(&o, &sp, get_unsigned(&sp, &args), 0, 8, false); break;
        case 'p':
            sp.alt = sp.ptr = true;
            put_number(&o, &sp, (unsigned long)va_arg(args, void *), 0, 16, false);
            break;
        case 'c': {
            char c = (char)va_arg(args, int);
            sp.prec = -1;
            put_padded(&o, &sp, "", &c, 1);
            break;
        }
        case 's': put_string(&o, &sp, va_arg(args, const char *)); break;
        case '%': put(&o, '%'); break;
        case '\0': f--; break;
        default: put(&o, '%'); put(&o, *f); break;
        }
    }
    va_end(args);
    if (size)
        buf[o.pos < size ? o.pos : size - 1] = '\0';
    return (int)o.pos;
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
