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

bool cmd_csv_looks_numeric(const char *s)
{
	bool digit = false, month = false;

	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "false") == 0)
		return true;
	for (size_t i = 0; s[i];) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 0;
		if (!isalpha(c)) {
			if (isdigit(c))
				digit = true;
			else if (!strchr(" +-.,/:%$", c))
				return false;
			i++;
			continue;
		}
		while (isalpha((unsigned char)s[i + n]))
			n++;
		/* an exponent (1e5), or one month's name (Jan-12, 12 March 2026) */
		if (!(n == 1 && (c == 'e' || c == 'E')) && (month || month_prefix(s + i) != n))
			return false;
		month = month || n > 1;
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
