/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_load_yaml.c - the trace loader's reader of libyaml events: the
 * next event (anchors and aliases refused), where it is, errors at a mark
 * (reader errors placed by counting bytes), and the typed scalars, keys
 * and collections the schema (trace_load.c) asks for. See
 * trace_load_int.h.
 */
#include "trace_load_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"
#include "util/text.h"

int tload_fail(struct tload *l, const yaml_mark_t *m, const char *fmt, ...)
{
	char msg[sizeof l->d->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_set(l->d, l->path, m ? tload_line(m) : 0, m ? tload_col(m) : 0, "%s", msg);
	return -1;
}

/* libyaml reports a reader error (invalid UTF-8, a control character) by
 * byte offset only, with no mark: count the lines and characters before it. */
static yaml_mark_t reader_mark(struct tload *l)
{
	yaml_mark_t m = { 0 };
	size_t off = l->p.problem_offset;
	int c;

	if (!l->buf && (!l->f || fseek(l->f, 0, SEEK_SET) != 0))
		return m;
	for (size_t i = 0; i < off; i++) {
		if (l->buf)
			c = i < l->len ? (unsigned char)l->buf[i] : EOF;
		else
			c = getc(l->f);
		if (c == EOF)
			break;
		if (c == '\n') {
			m.line++;
			m.column = 0;
		} else if ((c & 0xc0) != 0x80) {
			m.column++;
		}
	}
	return m;
}

/* Fetch the next event into l->ev. Aliases and anchors are refused. */
int tload_next(struct tload *l)
{
	if (l->have) {
		yaml_event_delete(&l->ev);
		l->have = false;
	}
	if (!yaml_parser_parse(&l->p, &l->ev)) {
		yaml_mark_t m = l->p.problem_mark;
		if (l->p.error == YAML_MEMORY_ERROR)
			return tload_fail(l, NULL, "out of memory");
		if (l->p.error == YAML_READER_ERROR)
			m = reader_mark(l);
		if (l->p.context)
			return tload_fail(l, &m, "not valid YAML: %s %s", l->p.problem ? l->p.problem : "error",
				       l->p.context);
		return tload_fail(l, &m, "not valid YAML: %s", l->p.problem ? l->p.problem : "error");
	}
	l->have = true;
	switch (l->ev.type) {
	case YAML_ALIAS_EVENT:
		return tload_fail(l, &l->ev.start_mark, "aliases (*name) are not allowed in a trace");
	case YAML_SCALAR_EVENT:
		if (l->ev.data.scalar.anchor)
			return tload_fail(l, &l->ev.start_mark, "anchors (&name) are not allowed in a trace");
		break;
	case YAML_SEQUENCE_START_EVENT:
		if (l->ev.data.sequence_start.anchor)
			return tload_fail(l, &l->ev.start_mark, "anchors (&name) are not allowed in a trace");
		break;
	case YAML_MAPPING_START_EVENT:
		if (l->ev.data.mapping_start.anchor)
			return tload_fail(l, &l->ev.start_mark, "anchors (&name) are not allowed in a trace");
		break;
	default:
		break;
	}
	return 0;
}

const char *tload_found(const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_SCALAR_EVENT: return "a string";
	case YAML_SEQUENCE_START_EVENT: return "a list";
	case YAML_MAPPING_START_EVENT: return "a map";
	default: return "nothing";
	}
}

/* A short quotable form of the current scalar for messages. */
void tload_quote(const struct tload *l, char *buf, size_t len)
{
	size_t n = l->ev.data.scalar.length;
	char *c;

	if (n > 40)
		n = 40;
	c = text_escape((const char *)l->ev.data.scalar.value, n, false);
	snprintf(buf, len, "%s%s", c ? c : "?", l->ev.data.scalar.length > 40 ? "..." : "");
	free(c);
}

/* The current event is a number in num.h's grammar: a plain scalar without
 * a tag (!!int, !!str). 0 with *out, or -1 with the error made. */
int tload_scalar_u64(struct tload *l, const char *what, uint64_t *out)
{
	char q[64];
	enum num_status st;

	if (l->ev.type != YAML_SCALAR_EVENT)
		return tload_fail(l, &l->ev.start_mark, "%s: expected a number, found %s", what,
			       tload_found(&l->ev));
	if (l->ev.data.scalar.tag)
		return tload_fail(l, &l->ev.start_mark, "%s: tags (!name) are not allowed here", what);
	if (l->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		tload_quote(l, q, sizeof q);
		return tload_fail(l, &l->ev.start_mark, "%s: expected a number, found the string \"%s\"",
			       what, q);
	}
	st = num_parse_u64((const char *)l->ev.data.scalar.value, l->ev.data.scalar.length, out,
			   NULL);
	if (st != NUM_OK) {
		tload_quote(l, q, sizeof q);
		return tload_fail(l, &l->ev.start_mark, "%s: %s \"%s\"", what,
			       st == NUM_OVERFLOW ? "number too big:" :
			       "expected a number (decimal or 0x hex), found", q);
	}
	return 0;
}

/* The next node must be a plain number <= max. */
int tload_u64(struct tload *l, const char *what, uint64_t max, uint64_t *out)
{
	if (tload_next(l) < 0 || tload_scalar_u64(l, what, out) < 0)
		return -1;
	if (*out > max)
		return tload_fail(l, &l->ev.start_mark, "%s: 0x%llx is out of range (at most 0x%llx)",
			       what, (unsigned long long)*out, (unsigned long long)max);
	return 0;
}

int tload_u32(struct tload *l, const char *what, uint64_t max, uint32_t *out)
{
	uint64_t v;

	if (tload_u64(l, what, max, &v) < 0)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* The next node must be a scalar: an escaped copy into *out. */
int tload_str(struct tload *l, const char *what, char **out)
{
	char *c;

	if (tload_next(l) < 0)
		return -1;
	if (l->ev.type != YAML_SCALAR_EVENT)
		return tload_fail(l, &l->ev.start_mark, "%s: expected a string, found %s", what,
			       tload_found(&l->ev));
	c = text_escape((const char *)l->ev.data.scalar.value, l->ev.data.scalar.length, false);
	if (!c)
		return tload_fail(l, NULL, "out of memory");
	free(*out);
	*out = c;
	return 0;
}

/* "vmalloc_fault, do_anonymous_page/zero_page, ...": every route name
 * (kernel: as a real kernel's trace names them; arm64: as an arm64
 * kernel's, which has no vmalloc sync, where x86 has no access-flag
 * fault). */
static const char *path_choices(char *buf, size_t len, bool kernel, bool arm64)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int p = 0; p < FAULT_PATH_COUNT && used < len; p++) {
		if (arm64 ? !fault_path_on_arm64((enum fault_path)p) : p == FAULT_ACCESS_FLAG)
			continue;
		int n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "",
				 arm64 ? fault_path_arm64_name((enum fault_path)p)
				 : kernel ? fault_path_kernel_name((enum fault_path)p)
					: fault_path_name((enum fault_path)p));
		if (n < 0)
			break;
		used += (size_t)n;
	}
	return buf;
}

/* The next node must be a plain word that parse() knows; *out its value.
 * choices names them for the error (NULL: every fault route, by a real
 * kernel's names when parse is fault_path_parse_kernel, an arm64 kernel's
 * when fault_path_parse_arm64, made only when it is needed). */
int tload_word(struct tload *l, const char *what, int (*parse)(const char *),
		    const char *choices, int *out)
{
	char q[64], all[512];
	bool arm64 = parse == fault_path_parse_arm64;
	bool kernel = arm64 || parse == fault_path_parse_kernel;

	if (tload_next(l) < 0)
		return -1;
	if (!choices && l->ev.type != YAML_SCALAR_EVENT)
		choices = path_choices(all, sizeof all, kernel, arm64);
	if (l->ev.type != YAML_SCALAR_EVENT)
		return tload_fail(l, &l->ev.start_mark, "%s: expected one of %s, found %s", what,
			       choices, tload_found(&l->ev));
	/* a NUL inside ("note\0x") must not cut the word short */
	*out = memchr(l->ev.data.scalar.value, '\0', l->ev.data.scalar.length) ? -1
	       : parse((const char *)l->ev.data.scalar.value);
	if (*out < 0) {
		tload_quote(l, q, sizeof q);
		return tload_fail(l, &l->ev.start_mark, "%s: \"%s\" is not one of %s", what, q,
			       choices ? choices : path_choices(all, sizeof all, kernel, arm64));
	}
	return 0;
}

/* Is the scalar s (len bytes, maybe with a NUL inside) the word key? */
static bool key_eq(const char *key, const char *s, size_t len)
{
	for (size_t j = 0; j < len; j++)
		if (key[j] == '\0' || key[j] != s[j])
			return false;
	return key[len] == '\0';
}

/* After a MAPPING_START: the next key, or 0 at MAPPING_END. Keys are looked
 * up in keys[] (NULL-terminated); *idx gets the index. A repeated key
 * (bit set in *seen) or an unknown one is an error. Returns 1, 0 or -1.
 * Files list keys in the order of keys[] (trace_write does), so the keys
 * not seen yet are tried first, in order: the next one usually matches at
 * once, where a search from the top cost a trace's load a tenth of what
 * libyaml itself spends. */
int tload_key(struct tload *l, const char *const *keys, const char *what,
		    uint64_t *seen, int *idx, yaml_mark_t *where)
{
	char q[64];
	const char *k;

	if (tload_next(l) < 0)
		return -1;
	if (l->ev.type == YAML_MAPPING_END_EVENT)
		return 0;
	if (l->ev.type != YAML_SCALAR_EVENT)
		return tload_fail(l, &l->ev.start_mark, "%s: a key must be a word, found %s", what,
			       tload_found(&l->ev));
	k = (const char *)l->ev.data.scalar.value;
	*where = l->ev.start_mark;
	for (int i = 0; keys[i]; i++) {
		if ((*seen & (1ull << i)) || !key_eq(keys[i], k, l->ev.data.scalar.length))
			continue;
		*seen |= 1ull << i;
		*idx = i;
		return 1;
	}
	for (int i = 0; keys[i]; i++)
		if (key_eq(keys[i], k, l->ev.data.scalar.length))
			return tload_fail(l, where, "%s: \"%s\" given twice", what, keys[i]);
	tload_quote(l, q, sizeof q);
	return tload_fail(l, where, "%s: unknown key \"%s\"", what, q);
}

/* The next node must start a map (or a list, for want_seq). */
int tload_start(struct tload *l, yaml_event_type_t type, const char *what)
{
	if (tload_next(l) < 0)
		return -1;
	if (l->ev.type != type)
		return tload_fail(l, &l->ev.start_mark, "%s: expected %s, found %s", what,
			       type == YAML_MAPPING_START_EVENT ? "a map" : "a list", tload_found(&l->ev));
	return 0;
}

/* Report the first key of keys[] that is in need but not in seen. */
int tload_missing(struct tload *l, const yaml_mark_t *m, const char *what,
		   const char *const *keys, uint64_t need, uint64_t seen)
{
	for (int i = 0; keys[i]; i++)
		if ((need & (1ull << i)) && !(seen & (1ull << i)))
			return tload_fail(l, m, "%s needs \"%s\"", what, keys[i]);
	return 0;
}

