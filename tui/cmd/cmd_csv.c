/* SPDX-License-Identifier: GPL-2.0-only */
/* cmd_csv.c - CSV cells a spreadsheet keeps as the text they are (see
 * cmd_grade_int.h). Spreadsheets guess: "00123" becomes 123, "1-12" the
 * first of December, "1e5" 100000, "18446744073709551615" a float that
 * lost its last digits, "=cmd()" a formula. Quoting alone does not stop
 * them, so a cell they would read as a value is written as the formula
 * ="..." (a text constant), and one they would read as a formula gets a '
 * in front. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "cmd_grade_int.h"
#include "util/text.h"

/* How many letters of s are a month's name or its start (jan, janu...,
 * january; at least three), 0 when they are not. */
static size_t month_prefix(const char *s)
{
	static const char *const months[] = { "january", "february", "march", "april", "may",
					      "june", "july", "august", "september", "october",
					      "november", "december" };
	for (size_t m = 0; m < 12; m++) {
		size_t n = 0;
		while (months[m][n] && tolower((unsigned char)s[n]) == months[m][n])
			n++;
		if (n >= 3 && !isalpha((unsigned char)s[n]))
			return n;
	}
	return 0;
}

/* Whether s starts with the "am" or "pm" of a time (3pm, 3 PM): 2, else 0. */
static size_t ampm_prefix(const char *s)
{
	char a = (char)tolower((unsigned char)s[0]), m = (char)tolower((unsigned char)s[1]);

	return (a == 'a' || a == 'p') && m == 'm' && !isalpha((unsigned char)s[2]) ? 2 : 0;
}

/* What a non-ASCII character is to a spreadsheet's guess: 2 a digit
 * (full-width ０-９, which Japanese spreadsheets read as digits), 1 a
 * character that may stand in a number or a date (currency signs, the
 * minus sign, full-width punctuation and space, 年 月 日 時 分 秒), 0 text. */
static int wide_kind(unsigned cp)
{
	static const unsigned part[] = {
		0x00a3, 0x00a5, 0x20ac, 0x20a9, 0x2212, 0x3000, 0x5e74, 0x6708, 0x65e5,
		0x6642, 0x5206, 0x79d2, 0xffe5, 0xffe1, 0xffe0, 0xff04, 0xff05, 0xff08,
		0xff09, 0xff0b, 0xff0c, 0xff0d, 0xff0e, 0xff0f, 0xff1a,
	};

	if (cp >= 0xff10 && cp <= 0xff19)
		return 2;
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++)
		if (part[i] == cp)
			return 1;
	return 0;
}

/* Whether s is an ISO 8601 time, 2026-01-05T09:00:00Z: spreadsheets read
 * it as a date (and may show the day only, the time and zone gone). */
static bool iso_time(const char *s)
{
	const char *form = "dddd-dd-ddTdd:dd";
	size_t i = 0;

	for (; form[i]; i++)
		if (form[i] == 'd' ? !isdigit((unsigned char)s[i])
				   : form[i] == 'T' ? s[i] != 'T' && s[i] != ' ' : s[i] != form[i])
			return false;
	if (s[i] == ':' && isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i + 2]))
		i += 3;
	return !s[i] || strcmp(s + i, "Z") == 0 ||
	       ((s[i] == '+' || s[i] == '-') && strlen(s + i) == 6 && s[i + 3] == ':');
}

bool cmd_csv_looks_numeric(const char *s)
{
	static const char *const errors[] = { "#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!",
					      "#NAME?", "#NUM!", "#GETTING_DATA", NULL };
	bool digit = false, month = false;

	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0 || iso_time(s))
		return true;
	for (size_t i = 0; errors[i]; i++)        /* error values */
		if (strcasecmp(s, errors[i]) == 0)
			return true;
	for (size_t i = 0; s[i];) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 0;
		if (c >= 0x80) {
			unsigned cp;
			int k;
			n = utf8_decode((const unsigned char *)s + i, strlen(s + i), &cp);
			if (!n || !(k = wide_kind(cp)))
				return false;
			digit = digit || k == 2;
			i += n;
			continue;
		}
		if (!isalpha(c)) {
			if (isdigit(c))
				digit = true;
			else if (!strchr(" +-.,/:%$()", c))   /* (12) is -12 to them */
				return false;
			i++;
			continue;
		}
		while (isalpha((unsigned char)s[i + n]))
			n++;
		/* an exponent (1e5), am/pm (3pm), or one month's name (Jan-12,
		 * 12 March 2026) */
		if (!(n == 1 && (c == 'e' || c == 'E')) && !(digit && ampm_prefix(s + i) == n) &&
		    (month || month_prefix(s + i) != n))
			return false;
		month = month || (n > 2 && month_prefix(s + i) == n);
		i += n;
	}
	return digit;
}

void cmd_csv_cell(FILE *f, const char *s)
{
	bool formula = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
	bool value = !formula && cmd_csv_looks_numeric(s);
	bool quote = formula || value || strpbrk(s, ",\"\n\r") != NULL;

	if (!quote) {
		fputs(s, f);
		return;
	}
	/* a value-looking cell cannot hold a quote: ="..." needs no doubling inside */
	fputs(value ? "\"=\"\"" : "\"", f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputs(value ? "\"\"\"" : "\"", f);
}
