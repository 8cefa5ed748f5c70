/* SPDX-License-Identifier: GPL-2.0-only */
/* emu_config.c - the emulators' configuration from guest/'s templates.
 *
 * The templates are compiled in by the Makefile (build/gen/record_config.c)
 * from the same files guest/run-qemu.sh, run-bochs.sh and mkiso.sh read
 * through guest/args.sh, with the same rules: '#' and empty lines are
 * skipped in *.args, "@NAME@" is replaced by its value, an unknown name by
 * nothing, and grub.cfg.in's "@ENTRY@ " lines are one menu entry.
 */
#include "record/emu.h"

#include <stdlib.h>
#include <string.h>

#include "util/array.h"

struct buf {
	char *s;
	size_t n, cap;
	bool oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	char *p = array_grow(b->s, &b->cap, b->n + n + 1, 1, 64);

	if (!p) {
		b->oom = true;
		return;
	}
	b->s = p;
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
}

static const char *lookup(const char *const *vars, const char *name, size_t n)
{
	for (; vars && vars[0]; vars += 2)
		if (strlen(vars[0]) == n && memcmp(vars[0], name, n) == 0)
			return vars[1];
	return "";
}

static bool is_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* Append line (n bytes) with its @NAME@ placeholders filled. */
static void fill(struct buf *b, const char *line, size_t n, const char *const *vars)
{
	size_t i = 0;

	while (i < n) {
		const char *at = memchr(line + i, '@', n - i);
		const char *end = at ? memchr(at + 1, '@', n - (size_t)(at + 1 - line)) : NULL;
		if (!at || !end) {
			put(b, line + i, n - i);
			return;
		}
		if (!is_name(at + 1, (size_t)(end - at - 1))) {
			put(b, line + i, (size_t)(end - line) - i);
			i = (size_t)(end - line);
			continue;
		}
		put(b, line + i, (size_t)(at - line) - i);
		const char *v = lookup(vars, at + 1, (size_t)(end - at - 1));
		put(b, v, strlen(v));
		i = (size_t)(end - line) + 1;
	}
}

char *emu_config_text(const char *tmpl, const char *const *vars)
{
	struct buf b = { 0 };

	put(&b, "", 0);
	fill(&b, tmpl, strlen(tmpl), vars);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

char **emu_config_argv(const char *tmpl, const char *const *vars)
{
	struct buf b = { 0 };
	size_t argc = 0, off;
	char **argv;

	for (const char *l = tmpl; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		if (n && l[0] != '#') {
			fill(&b, l, n, vars);
			put(&b, "", 1);    /* keep the NUL */
			argc++;
		}
		l += n + (nl ? 1 : 0);
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	/* One block: argc+1 pointers, then the strings. */
	off = (argc + 1) * sizeof(char *);
	argv = malloc(off + b.n + 1);
	if (!argv) {
		free(b.s);
		return NULL;
	}
	if (b.n)
		memcpy((char *)argv + off, b.s, b.n);
	for (size_t i = 0, pos = 0; i < argc; i++) {
		argv[i] = (char *)argv + off + pos;
		pos += strlen(argv[i]) + 1;
	}
	argv[argc] = NULL;
	free(b.s);
	return argv;
}

char *emu_config_grub(const char *args)
{
	const char *vars[] = { "ARGS", args, NULL };
	struct buf head = { 0 }, entry = { 0 };
	char *out = NULL;

	for (const char *l = record_cfg_grub_cfg_in; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);
		if (strncmp(l, "@ENTRY@ ", 8) == 0)
			fill(&entry, l + 8, n - 8, vars);
		else
			put(&head, l, n);
		l += n;
	}
	put(&head, "", 0);
	put(&entry, "", 0);
	if (!head.oom && !entry.oom) {
		put(&head, entry.s, entry.n);
		if (!head.oom) {
			out = head.s;
			head.s = NULL;
		}
	}
	free(head.s);
	free(entry.s);
	return out;
}
