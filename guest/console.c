/* SPDX-License-Identifier: GPL-2.0-only */
// Output to the debug console, port 0xE9 (QEMU -debugcon, Bochs
// port_e9_hack), and the small formatter the records are built with.

#include <stdarg.h>
#include "defs.h"
#include "x86.h"

// Write one character to port 0xE9.
void cons_putc(int c)
{
	outb(PORT_E9, (uint8_t)c);
}

static void put_hex(uint64_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	for (int i = digits - 1; i >= 0; i--)
		cons_putc(hex[(v >> (4 * i)) & 0xF]);
}

static void put_dec(uint32_t v)
{
	char buf[12];
	int n = 0;
	do {
		buf[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		cons_putc(buf[--n]);
}

// Print fmt to the console. Conversions (all fixed width, no flags):
//   %s string   %u unsigned decimal   %d signed decimal
//   %x 32-bit value as 8 hex digits    %h 32-bit value as 4 hex digits
//   %e 64-bit page-table entry: 8 hex digits in 2-level mode, 16 in PAE
//   %% a percent sign
void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			cons_putc(*p);
			continue;
		}
		switch (*++p) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			while (*s)
				cons_putc(*s++);
			break;
		}
		case 'u':
			put_dec(va_arg(ap, uint32_t));
			break;
		case 'd': {
			int v = va_arg(ap, int);
			if (v < 0) {
				cons_putc('-');
				put_dec((uint32_t)-v);
			} else {
				put_dec((uint32_t)v);
			}
			break;
		}
		case 'x':
			put_hex(va_arg(ap, uint32_t), 8);
			break;
		case 'h':
			put_hex(va_arg(ap, uint32_t), 4);
			break;
		case 'e':
			put_hex(va_arg(ap, uint64_t), pae_mode ? 16 : 8);
			break;
		case '%':
			cons_putc('%');
			break;
		default:                // unknown conversion: a bug; show it
			cons_putc('?');
			if (!*p)
				p--;
			break;
		}
	}
	va_end(ap);
}
