/* SPDX-License-Identifier: GPL-2.0-only */
/* trace_load.c - read a trace file with libyaml's event parser.
 *
 * The loader streams: it asks libyaml for one event at a time and fills the
 * trace's flat arrays directly, with no document tree in between, so loading
 * costs little more than libyaml's own scanning. Everything unexpected is an
 * error at the event's line:col: a wrong type, an unknown or repeated key, a
 * missing field, an out-of-range number, anchors and aliases, a second
 * document. Then trace_validate() checks the whole for consistency, and
 * the call chains' files are checked against linux-source-6.1's listing.
 *
 * This file holds the schema (header, tables, events and what they hold)
 * and the entry points; trace_load_yaml.c the reading of libyaml events.
 */
#include "trace_load_int.h"
#include "trace/trace_calls.h"
#include "util/num.h"
#include "util/file.h"
#include "util/array.h"
#include "util/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int level_parse(const char *s)
{
	for (int i = 0; i < LEVEL_COUNT; i++)
		if (strcmp(s, level_name((enum level)i)) == 0)
			return i;
	return -1;
}

/* A trace's arch: the x86 ones (the trace format records x86 faults: an
 * error code, cr2, cr3; arm64's ESR/FAR events are not part of it yet). */
static int arch_parse(const char *s)
{
	const struct arch *a = arch_by_name(s);
	return a && strcmp(a->name, s) == 0 ? (int)a->id : -1;
}

/* ---- header ---- */

enum { H_SOURCE, H_EMU, H_EMUVER, H_CMD, H_BUILD, H_ARCH, H_SCEN, H_MASTER, H_TASK,
       H_VSTART, H_VEND, H_AT, H_VERIFIED, H_KSOURCE, H_KCONFIG, H_PROGRAM };
static const char *const header_keys[] = {
	"source", "emulator", "emulator-version", "command", "guest-build", "arch",
	"scenario", "master-pgd", "task-size", "vmalloc-start", "vmalloc-end",
	"recorded-at", "verified", "kernel-source", "kernel-config", "program", NULL,
};

/* A key that only version 3 has, in an older file. */
static int needs_v3(struct tload *l, const yaml_mark_t *key, const char *w)
{
	if (l->t->h.version >= 3)
		return 0;
	return tload_fail(l, key, "\"%s\" needs pagewalk-trace: 3 (this file says %u)", w,
		       l->t->h.version);
}

/* A key that only version 5 has, in an older file. */
static int needs_v5(struct tload *l, const yaml_mark_t *key, const char *w)
{
	if (l->t->h.version >= 5)
		return 0;
	return tload_fail(l, key, "\"%s\" needs pagewalk-trace: 5 (this file says %u)", w,
		       l->t->h.version);
}

/* ---- the learner's program (version 5) ---- */

/* The next node must be a string of at most max bytes (and lines of at
 * most TRACE_PROGRAM_LINE_MAX when nl: newlines kept); an escaped copy
 * into *out. */
static int get_text(struct tload *l, const char *what, size_t max, bool nl, char **out)
{
	const char *v;
	size_t n, col = 0;
	yaml_mark_t m;

	if (tload_next(l) < 0)
		return -1;
	m = l->ev.start_mark;
	if (l->ev.type != YAML_SCALAR_EVENT)
		return tload_fail(l, &m, "%s: expected a string, found %s", what, tload_found(&l->ev));
	v = (const char *)l->ev.data.scalar.value;
	n = l->ev.data.scalar.length;
	if (n > max)
		return tload_fail(l, &m, "%s: %zu bytes, at most %zu", what, n, max);
	for (size_t i = 0; nl && i < n; i++) {
		col = v[i] == '\n' ? 0 : col + 1;
		if (col > TRACE_PROGRAM_LINE_MAX)
			return tload_fail(l, &m, "%s: a line over %u bytes", what, TRACE_PROGRAM_LINE_MAX);
	}
	free(*out);
	if (!(*out = text_escape(v, n, nl)))
		return tload_fail(l, NULL, "out of memory");
	return 0;
}

/* A word of letters, digits, '_' (and '.' when dot): a function or a
 * system call's name. */
static bool word_ok(const char *s, size_t max, bool dot)
{
	size_t n = 0;

	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++, n++)
		if (n >= max || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
				  (*s >= '0' && *s <= '9') || *s == '_' || (dot && *s == '.')))
			return false;
	return true;
}

/* "status N" (0-255) or "signal N" (1-64). */
static bool exit_ok(const char *s)
{
	uint64_t v;
	bool status = strncmp(s, "status ", 7) == 0;

	if (!status && strncmp(s, "signal ", 7) != 0)
		return false;
	return num_parse_u64(s + 7, strlen(s + 7), &v, NULL) == NUM_OK && s[7] >= '0' &&
	       s[7] <= '9' && (status ? v <= 255 : v >= 1 && v <= 64);
}

static const char *const program_keys[] = { "name", "sha256", "args", "exit", "source",
					     "source-file", NULL };

/* A file name as a trace keeps it: no directory, no escapes. */
static bool file_name_ok(const char *s)
{
	return s[0] && !strchr(s, '/') && !strchr(s, '\\') && strcmp(s, ".") != 0 &&
	       strcmp(s, "..") != 0;
}

/* The header's program: {name, sha256, args: [...], exit[, source |
 * source-file]}. */
static int load_program(struct tload *l)
{
	struct trace_program *p = calloc(1, sizeof *p);
	yaml_mark_t at, key, keyat[6];
	uint64_t seen = 0;
	int idx, r;
	size_t cap = 0;

	if (!p)
		return tload_fail(l, NULL, "out of memory");
	trace_program_free(l->t->h.program);
	l->t->h.program = p;
	if (tload_start(l, YAML_MAPPING_START_EVENT, "program") < 0)
		return -1;
	at = l->ev.start_mark;
	while ((r = tload_key(l, program_keys, "program", &seen, &idx, &key)) > 0) {
		keyat[idx] = key;
		switch (idx) {
		case 0: r = get_text(l, "program: name", 255, false, &p->name); break;
		case 1: r = get_text(l, "program: sha256", 64, false, &p->sha256); break;
		case 3: r = get_text(l, "program: exit", 32, false, &p->exit); break;
		case 4:
			r = get_text(l, "program: source", TRACE_PROGRAM_SOURCE_MAX, true, &p->source);
			break;
		case 5: r = get_text(l, "program: source-file", 255, false, &p->source_file); break;
		default:
			if (tload_start(l, YAML_SEQUENCE_START_EVENT, "program: args") < 0)
				return -1;
			for (;;) {
				if (tload_next(l) < 0)
					return -1;
				if (l->ev.type == YAML_SEQUENCE_END_EVENT)
					break;
				if (l->ev.type != YAML_SCALAR_EVENT)
					return tload_fail(l, &l->ev.start_mark, "program: args: expected a "
						       "string, found %s", tload_found(&l->ev));
				if (p->nargs >= TRACE_PROGRAM_ARGS_MAX)
					return tload_fail(l, &l->ev.start_mark, "program: args: more than "
						       "%u", TRACE_PROGRAM_ARGS_MAX);
				if (l->ev.data.scalar.length > TRACE_PROGRAM_ARG_MAX)
					return tload_fail(l, &l->ev.start_mark, "program: args: an argument "
						       "over %u bytes", TRACE_PROGRAM_ARG_MAX);
				char **a = array_grow(p->args, &cap, p->nargs + 1, sizeof *a, 8);
				if (!a)
					return tload_fail(l, NULL, "out of memory");
				p->args = a;
				if (!(a[p->nargs] = text_escape((const char *)l->ev.data.scalar.value,
								l->ev.data.scalar.length, false)))
					return tload_fail(l, NULL, "out of memory");
				p->nargs++;
			}
			r = 0;
			break;
		}
		if (r < 0)
			return -1;
	}
	if (r < 0 || tload_missing(l, &at, "program", program_keys, 15, seen) < 0)
		return -1;
	if (!file_name_ok(p->name))
		return tload_fail(l, &keyat[0], "program: name \"%.60s\" is not a file name (no "
			       "directory, no escapes)", p->name);
	if (p->source_file && !file_name_ok(p->source_file))
		return tload_fail(l, &keyat[5], "program: source-file \"%.60s\" is not a file name "
			       "(no directory, no escapes)", p->source_file);
	if (p->source_file && p->source)
		return tload_fail(l, &keyat[5], "program: source-file is for a program given "
			       "without its source, and this one has a source");
	if (strlen(p->sha256) != 64 || strspn(p->sha256, "0123456789abcdef") != 64)
		return tload_fail(l, &keyat[1], "program: sha256 must be 64 lowercase hex digits");
	if (!exit_ok(p->exit))
		return tload_fail(l, &keyat[3], "program: exit \"%.40s\" is not \"status N\" "
			       "(0-255) or \"signal N\" (1-64)", p->exit);
	if (p->source)
		for (const char *c = p->source; *c; c++)
			p->nlines += *c == '\n' || !c[1];
	return 0;
}

static const char *const place_keys[] = { "fn", "line", "start-up", "syscall", NULL };

/* A fault's program: {[fn: NAME,] [line: N,] start-up: BOOL[, syscall: NAME]}. */
static int load_place(struct tload *l)
{
	const struct trace_program *p = l->t->h.program;
	yaml_mark_t at, key;
	uint64_t seen = 0;
	char *word = NULL;
	struct trace_place *pl;
	int idx, r;

	if (!p)
		return tload_fail(l, &l->ev.start_mark, "a fault's \"program\" needs the header's "
			       "program");
	if (tload_start(l, YAML_MAPPING_START_EVENT, "program") < 0)
		return -1;
	at = l->ev.start_mark;
	if (!(pl = trace_place_new(l->t, l->t->nevents - 1)))
		return tload_fail(l, NULL, "out of memory");
	while ((r = tload_key(l, place_keys, "program", &seen, &idx, &key)) > 0) {
		if (idx == 1) {
			if (tload_u32(l, "program: line", UINT32_MAX, &pl->line) < 0)
				return -1;
			if (!p->source && !p->source_file)
				return tload_fail(l, &l->ev.start_mark, "program: line %u, but the "
					       "header's program has neither a source nor a "
					       "source-file", pl->line);
			if (pl->line == 0 || (p->source_file ? pl->line > TRACE_PROGRAM_LINES_MAX
							     : pl->line > p->nlines))
				return p->source_file
				       ? tload_fail(l, &l->ev.start_mark, "program: line %u is not a "
						    "line of %s (from 1 to %u)", pl->line,
						    p->source_file, TRACE_PROGRAM_LINES_MAX)
				       : tload_fail(l, &l->ev.start_mark, "program: line %u is not a "
						    "line of the program's source (%u lines)",
						    pl->line, p->nlines);
			continue;
		}
		if (get_text(l, place_keys[idx], 128, false, &word) < 0)
			return -1;
		if (idx == 2) {
			if (strcmp(word, "true") && strcmp(word, "false")) {
				free(word);
				return tload_fail(l, &l->ev.start_mark, "program: start-up: expected true "
					       "or false");
			}
			pl->startup = word[0] == 't';
			free(word);
		} else if (!word_ok(word, idx == 0 ? 128 : 31, idx == 0)) {
			tload_fail(l, &l->ev.start_mark, "program: %s: \"%.40s\" is not a name",
				place_keys[idx], word);
			free(word);
			return -1;
		} else {
			char **f = idx == 0 ? &pl->fn : &pl->syscall;
			free(*f);
			*f = word;
		}
		word = NULL;
	}
	if (r < 0 || tload_missing(l, &at, "program", place_keys, 4, seen) < 0)
		return -1;
	return 0;
}

static int load_header(struct tload *l)
{
	struct trace_header *h = &l->t->h;
	yaml_mark_t at, key;
	uint64_t seen = 0;
	int idx, r, id;

	if (tload_start(l, YAML_MAPPING_START_EVENT, "header") < 0)
		return -1;
	at = l->ev.start_mark;
	while ((r = tload_key(l, header_keys, "header", &seen, &idx, &key)) > 0) {
		const char *w = header_keys[idx];
		uint64_t wmax = UINT64_MAX;
		switch (idx) {
		case H_SOURCE: r = tload_str(l, w, &h->source); break;
		case H_EMU: r = tload_str(l, w, &h->emulator); break;
		case H_EMUVER: r = tload_str(l, w, &h->emulator_version); break;
		case H_CMD: r = tload_str(l, w, &h->command); break;
		case H_BUILD: r = tload_str(l, w, &h->guest_build); break;
		case H_SCEN: r = tload_str(l, w, &h->scenario); break;
		case H_AT: r = tload_str(l, w, &h->recorded_at); break;
		case H_VERIFIED: r = tload_str(l, w, &h->verified); break;
		case H_KSOURCE:
			r = needs_v3(l, &key, w) < 0 ? -1 : tload_str(l, w, &h->kernel_source);
			break;
		case H_KCONFIG:
			r = needs_v3(l, &key, w) < 0 ? -1 : tload_str(l, w, &h->kernel_config);
			break;
		case H_PROGRAM:
			r = needs_v5(l, &key, w) < 0 ? -1 : load_program(l);
			break;
		case H_ARCH:
			r = tload_word(l, w, arch_parse, arch_names(), &id);
			if (r == 0)
				h->arch = arch_get((enum arch_id)id);
			break;
		default:
			if (!h->arch)
				return tload_fail(l, &key, "header: \"arch\" must come before \"%s\"", w);
			if (idx == H_MASTER)
				wmax = h->arch->pa_bits >= 64 ? UINT64_MAX : (1ULL << h->arch->pa_bits) - 1;
			else
				wmax = arch_word_mask(h->arch);
			r = tload_u64(l, w, wmax, idx == H_MASTER ? &h->master_pgd :
				    idx == H_TASK ? &h->task_size :
				    idx == H_VSTART ? &h->vmalloc_start : &h->vmalloc_end);
			break;
		}
		if (r < 0)
			return -1;
	}
	if (r < 0)
		return -1;
	if (tload_missing(l, &at, "header", header_keys, (1u << (H_VERIFIED + 1)) - 1, seen) < 0)
		return -1;
	if (h->vmalloc_start > h->vmalloc_end)
		return tload_fail(l, &at, "header: vmalloc-start 0x%llx is above vmalloc-end 0x%llx",
			       (unsigned long long)h->vmalloc_start, (unsigned long long)h->vmalloc_end);
	return 0;
}

/* ---- tables ---- */

static const char *const entry_keys[] = { "entry", "value", NULL };

static uint64_t pa_max(const struct arch *a)
{
	return a->pa_bits >= 64 ? UINT64_MAX : (1ULL << a->pa_bits) - 1;
}

static uint64_t val_max(const struct arch *a)
{
	return a->entry_size >= 8 ? UINT64_MAX : (1ULL << (a->entry_size * 8)) - 1;
}

static int load_tables(struct tload *l)
{
	struct trace *t = l->t;
	const struct arch *a = t->h.arch;

	if (tload_start(l, YAML_SEQUENCE_START_EVENT, "tables") < 0)
		return -1;
	for (;;) {
		struct trace_entry e = { 0 };
		yaml_mark_t at, key;
		uint64_t seen = 0;
		int idx, r;

		if (tload_next(l) < 0)
			return -1;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (l->ev.type != YAML_MAPPING_START_EVENT)
			return tload_fail(l, &l->ev.start_mark,
				       "tables: expected a map {entry: ADDR, value: VALUE}, found %s",
				       tload_found(&l->ev));
		at = l->ev.start_mark;
		while ((r = tload_key(l, entry_keys, "tables", &seen, &idx, &key)) > 0)
			if ((idx == 0 ? tload_u64(l, "entry", pa_max(a), &e.pa)
				      : tload_u64(l, "value", val_max(a), &e.value)) < 0)
				return -1;
		if (r < 0 || tload_missing(l, &at, "a tables item", entry_keys, 3, seen) < 0)
			return -1;
		if (trace_add_entry(t, e.pa, e.value) < 0)
			return tload_fail(l, NULL, "out of memory");
		t->entries[t->nentries - 1].line = tload_line(&at);
		t->entries[t->nentries - 1].col = tload_col(&at);
	}
	return 0;
}

/* ---- events ---- */

enum { E_SEQ, E_KIND, E_PID, E_VECTOR, E_ERR, E_CR2, E_IP, E_CS, E_CPL, E_CR3, E_WALK,
       E_PATH, E_WRITES, E_FRAMES, E_OUTCOME, E_NOTE, E_MWALK, E_CALLS,
       E_ESR, E_FAR, E_ELR, E_EL, E_TTBR0, E_TTBR1, E_PROG,
       E_FLUSH, E_REASON, E_START, E_END, E_VIA, E_INFAULT, E_UCR3, E_UWALK, E_UTOP,
       E_OLDCR3, E_NKEYS };
static const char *const event_keys[] = {
	"seq", "kind", "pid", "vector", "error-code", "cr2", "ip", "cs", "cpl", "cr3",
	"walk", "path", "writes", "frames", "outcome", "note", "master-walk", "calls",
	"esr", "far", "elr", "el", "ttbr0", "ttbr1", "program",
	"flush", "reason", "start", "end", "via", "in-fault", "user-cr3", "user-walk",
	"user-top", "old-cr3", NULL,
};
#define B(x) (1ull << (x))
/* Per kind: the keys it needs, and the keys it may have. */
static const uint64_t kind_need[TRACE_KIND_COUNT] = {
	[TRACE_FAULT] = B(E_SEQ) | B(E_KIND) | B(E_VECTOR) | B(E_ERR) | B(E_CR2) | B(E_IP) |
			B(E_CS) | B(E_CPL) | B(E_CR3) | B(E_WALK) | B(E_PATH) | B(E_OUTCOME),
	[TRACE_MAP] = B(E_SEQ) | B(E_KIND),
	[TRACE_SWITCH] = B(E_SEQ) | B(E_KIND) | B(E_CR3),
	[TRACE_NOTE] = B(E_SEQ) | B(E_KIND) | B(E_NOTE),
	[TRACE_ACCESSED] = B(E_SEQ) | B(E_KIND) | B(E_WRITES),
	/* and a range (start, end) or a cr3 write (old-cr3, cr3): load_flush_keys */
	[TRACE_FLUSH] = B(E_SEQ) | B(E_KIND) | B(E_FLUSH) | B(E_REASON),
};
static const uint64_t kind_may[TRACE_KIND_COUNT] = {
	[TRACE_FAULT] = B(E_PID) | B(E_WRITES) | B(E_FRAMES) | B(E_NOTE) | B(E_MWALK) | B(E_CALLS) |
			B(E_PROG) | B(E_UCR3) | B(E_UWALK) | B(E_UTOP),
	[TRACE_MAP] = B(E_PID) | B(E_CR3) | B(E_WRITES) | B(E_FRAMES) | B(E_NOTE),
	[TRACE_SWITCH] = B(E_PID) | B(E_NOTE),
	[TRACE_NOTE] = B(E_PID),
	[TRACE_ACCESSED] = B(E_PID) | B(E_NOTE),
	[TRACE_FLUSH] = B(E_PID) | B(E_NOTE) | B(E_VIA) | B(E_INFAULT) | B(E_START) | B(E_END) |
			B(E_CR3) | B(E_OLDCR3),
};

/* arm64 traces: ESR, FAR, ELR, EL and the base register (ttbr0 or ttbr1,
 * checked apart: one of them) in place of x86's registers. */
#define X86_REGS (B(E_VECTOR) | B(E_ERR) | B(E_CR2) | B(E_IP) | B(E_CS) | B(E_CPL))
#define ARM64_REGS (B(E_ESR) | B(E_FAR) | B(E_ELR) | B(E_EL))
#define TTBRS (B(E_TTBR0) | B(E_TTBR1))

static const char *const step_keys[] = { "level", "table", "index", "entry", "value", NULL };
static const char *const write_keys[] = { "entry", "old", "new", "from", "level", "index",
					   "call", NULL };

/* which: 0 the walk, 1 the master walk, 2 the user walk (PTI). */
static int load_walk(struct tload *l, int which)
{
	struct trace *t = l->t;
	const struct arch *a = t->h.arch;
	const char *what = which == 2 ? "user-walk" : which ? "master-walk" : "walk";

	if (tload_start(l, YAML_SEQUENCE_START_EVENT, what) < 0)
		return -1;
	for (;;) {
		yaml_mark_t at, key;
		uint64_t seen = 0;
		uint32_t index = 0;
		uint64_t table = 0, entry = 0, value = 0;
		int idx, r, lv = 0;

		if (tload_next(l) < 0)
			return -1;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (l->ev.type != YAML_MAPPING_START_EVENT)
			return tload_fail(l, &l->ev.start_mark, "%s: expected a map for a step, found %s",
				       what, tload_found(&l->ev));
		at = l->ev.start_mark;
		while ((r = tload_key(l, step_keys, "walk step", &seen, &idx, &key)) > 0) {
			switch (idx) {
			case 0: r = tload_word(l, "level", level_parse, "pgd, p4d, pud, pmd, pte", &lv); break;
			case 1: r = tload_u64(l, "table", pa_max(a), &table); break;
			case 2: r = tload_u32(l, "index", UINT32_MAX, &index); break;
			case 3: r = tload_u64(l, "entry", pa_max(a), &entry); break;
			default: r = tload_u64(l, "value", val_max(a), &value); break;
			}
			if (r < 0)
				return -1;
		}
		if (r < 0 || tload_missing(l, &at, "a walk step", step_keys, 0x1f, seen) < 0)
			return -1;
		if ((which == 2 ? trace_add_user_step(t, (enum level)lv, table, index, entry, value)
		     : which ? trace_add_master_step(t, (enum level)lv, table, index, entry, value)
		     : trace_add_step(t, (enum level)lv, table, index, entry, value)) < 0)
			return tload_fail(l, &at, which == 2 ? "out of memory" :
				       "\"walk\" and \"master-walk\" must come before \"user-walk\", "
				       "and \"walk\" before \"master-walk\"");
		t->steps[t->nsteps - 1].line = tload_line(&at);
		t->steps[t->nsteps - 1].col = tload_col(&at);
	}
	return 0;
}

static int load_writes(struct tload *l)
{
	struct trace *t = l->t;
	const struct arch *a = t->h.arch;

	if (tload_start(l, YAML_SEQUENCE_START_EVENT, "writes") < 0)
		return -1;
	for (;;) {
		yaml_mark_t at, key;
		uint64_t seen = 0;
		uint32_t index = 0, call = 0;
		uint64_t pa = 0, old = 0, nw = 0, from = TRACE_NO_ADDR;
		int idx, r, lv = 0;

		if (tload_next(l) < 0)
			return -1;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (l->ev.type != YAML_MAPPING_START_EVENT)
			return tload_fail(l, &l->ev.start_mark, "writes: expected a map for a write, found %s",
				       tload_found(&l->ev));
		at = l->ev.start_mark;
		while ((r = tload_key(l, write_keys, "write", &seen, &idx, &key)) > 0) {
			if (idx >= 4 && t->h.version < 4)
				return tload_fail(l, &key, "\"%s\" needs pagewalk-trace: 4 (this file "
						  "says %u)", write_keys[idx], t->h.version);
			switch (idx) {
			case 0: r = tload_u64(l, "entry", pa_max(a), &pa); break;
			case 1: r = tload_u64(l, "old", val_max(a), &old); break;
			case 2: r = tload_u64(l, "new", val_max(a), &nw); break;
			case 3: r = tload_u64(l, "from", pa_max(a), &from); break;
			case 4: r = tload_word(l, "level", level_parse, "pgd, p4d, pud, pmd, pte", &lv); break;
			case 5: r = tload_u32(l, "index", UINT32_MAX - 1, &index); break;
			default: r = tload_u32(l, "call", UINT32_MAX - 1, &call); break;
			}
			if (r < 0)
				return -1;
		}
		if (r < 0 || tload_missing(l, &at, "a write", write_keys, 7, seen) < 0)
			return -1;
		if ((seen & 0x70) && (seen & 0x70) != 0x70)
			return tload_fail(l, &at, "a write names its level, index and call together, or "
					  "none of them");
		if (trace_add_write(t, pa, old, nw, from) < 0 ||
		    ((seen & 0x70) && trace_set_write_origin(t, (enum level)lv, index, call) < 0))
			return tload_fail(l, NULL, "out of memory");
		t->writes[t->nwrites - 1].line = tload_line(&at);
		t->writes[t->nwrites - 1].col = tload_col(&at);
	}
	return 0;
}

static int load_frames(struct tload *l)
{
	const struct arch *a = l->t->h.arch;

	if (tload_start(l, YAML_SEQUENCE_START_EVENT, "frames") < 0)
		return -1;
	for (;;) {
		uint64_t v;
		char q[64];
		bool bad;

		if (tload_next(l) < 0)
			return -1;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if (l->ev.type != YAML_SCALAR_EVENT)
			return tload_fail(l, &l->ev.start_mark, "frames: expected a number, found %s",
				       tload_found(&l->ev));
		if (l->ev.data.scalar.tag)
			return tload_fail(l, &l->ev.start_mark, "frames: tags (!name) are not allowed here");
		bad = l->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
		      num_parse_u64((const char *)l->ev.data.scalar.value,
				    l->ev.data.scalar.length, &v, NULL) != NUM_OK;
		if (bad) {
			tload_quote(l, q, sizeof q);
			return tload_fail(l, &l->ev.start_mark, "frames: expected a number, found \"%s\"", q);
		}
		if (v > pa_max(a) || (v & 0xfff))
			return tload_fail(l, &l->ev.start_mark, "frames: 0x%llx is not a page frame address",
				       (unsigned long long)v);
		if (trace_add_frame(l->t, v) < 0)
			return tload_fail(l, NULL, "out of memory");
	}
	return 0;
}

static const char *const call_keys[] = { "fn", "at", "depth", "why", NULL };

/* One `calls` item: {fn: NAME, at: "FILE:LINE", depth: N}; version 4 may
 * add why: "..." and give at as "FILE" alone (no line lit). */
static int load_call(struct tload *l)
{
	yaml_mark_t at = l->ev.start_mark, key;
	uint64_t seen = 0;
	uint32_t depth = 0, line = 0;
	char *fn = NULL, *where = NULL, *why = NULL, file[256];
	int idx, r;

	while ((r = tload_key(l, call_keys, "call", &seen, &idx, &key)) > 0) {
		if (idx == 3 && l->t->h.version < 4) {
			tload_fail(l, &key, "\"why\" needs pagewalk-trace: 4 (this file says %u)",
				   l->t->h.version);
			goto fail;
		}
		r = idx == 0 ? tload_str(l, "fn", &fn) : idx == 1 ? tload_str(l, "at", &where)
			     : idx == 2 ? tload_u32(l, "depth", UINT32_MAX, &depth)
			     : tload_str(l, "why", &why);
		if (r < 0)
			goto fail;
	}
	if (r < 0 || tload_missing(l, &at, "a call", call_keys, 7, seen) < 0)
		goto fail;
	if (l->t->ncalls >= TRACE_MAX_CALLS) {
		tload_fail(l, &at, "calls: more than %u in one trace", TRACE_MAX_CALLS);
		goto fail;
	}
	if (l->t->events[l->t->nevents - 1].ncalls >= TRACE_MAX_CALLS_FAULT) {
		tload_fail(l, &at, "calls: more than %u in one fault (a chain of handlers is a dozen "
			"frames)", TRACE_MAX_CALLS_FAULT);
		goto fail;
	}
	if (trace_call_parse_at(where, file, sizeof file, &line) < 0 ||
	    (!line && l->t->h.version < 4)) {
		tload_fail(l, &at, "calls: at \"%s\" is not FILE:LINE inside the kernel source", where);
		goto fail;
	}
	if (!line && !why) {
		tload_fail(l, &at, "calls: at \"%s\" lights no line, so the call needs a why", where);
		goto fail;
	}
	if (trace_add_call(l->t, fn, file, line, depth) < 0) {
		tload_fail(l, NULL, "out of memory");
		goto fail;
	}
	/* why was escaped on load: keep it as it is */
	l->t->calls[l->t->ncalls - 1].why = why;
	why = NULL;
	/* fn was escaped on load; trace_add_call escaped it again: keep the first */
	free(l->t->calls[l->t->ncalls - 1].fn);
	l->t->calls[l->t->ncalls - 1].fn = fn;
	l->t->calls[l->t->ncalls - 1].fline = tload_line(&at);
	l->t->calls[l->t->ncalls - 1].fcol = tload_col(&at);
	free(where);
	return 0;
fail:
	free(fn);
	free(where);
	free(why);
	return -1;
}

/* A list of maps, each read by item (called at its MAPPING_START);
 * expected says what a map is ("a map for an event"). */
static int load_maps(struct tload *l, const char *what, const char *expected,
		     int (*item)(struct tload *))
{
	if (tload_start(l, YAML_SEQUENCE_START_EVENT, what) < 0)
		return -1;
	for (;;) {
		if (tload_next(l) < 0)
			return -1;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (l->ev.type != YAML_MAPPING_START_EVENT)
			return tload_fail(l, &l->ev.start_mark, "%s: expected %s, found %s", what,
				       expected, tload_found(&l->ev));
		if (item(l) < 0)
			return -1;
	}
}

static int load_calls(struct tload *l)
{
	return load_maps(l, "calls", "a map {fn: NAME, at: FILE:LINE, depth: N[, why: TEXT]}",
			 load_call);
}

static const char *const utop_keys[] = { "index", "kernel", "user", NULL };

/* One item of a fault's user-top (PTI): {index: N, kernel: X, user: X},
 * the index in the kernel half (256..511), after the item before it, and
 * the entry's value in either copy or both (a copy without the entry
 * leaves its key out). */
static int load_top(struct tload *l)
{
	struct trace *t = l->t;
	const struct trace_event *ev = &t->events[t->nevents - 1];
	yaml_mark_t at = l->ev.start_mark, key;
	uint64_t seen = 0, val[2] = { 0, 0 };
	uint32_t index = 0;
	int idx, r;

	while ((r = tload_key(l, utop_keys, "user-top item", &seen, &idx, &key)) > 0) {
		if (idx == 0)
			r = tload_u32(l, "index", TRACE_TOP_LAST, &index);
		else if ((r = tload_u64(l, utop_keys[idx], val_max(t->h.arch), &val[idx - 1])) == 0 &&
			 !val[idx - 1])
			return tload_fail(l, &l->ev.start_mark, "user-top: %s 0: a copy without "
				       "the entry leaves its key out", utop_keys[idx]);
		if (r < 0)
			return -1;
	}
	if (r < 0 || tload_missing(l, &at, "a user-top item", utop_keys, 1, seen) < 0)
		return -1;
	if (index < TRACE_TOP_FIRST)
		return tload_fail(l, &at, "user-top: index %u is not in the kernel half (%u to %u)",
			       index, TRACE_TOP_FIRST, TRACE_TOP_LAST);
	if (!(seen & 6))
		return tload_fail(l, &at, "user-top: index %u needs \"kernel\", \"user\" or both",
			       index);
	if (ev->x && ev->x->ntops && ev->x->tops[ev->x->ntops - 1].index >= index)
		return tload_fail(l, &at, ev->x->tops[ev->x->ntops - 1].index == index
			       ? "user-top: index %u given twice"
			       : "user-top: index %u after %u: the indices must increase", index,
			       ev->x->tops[ev->x->ntops - 1].index);
	if (trace_add_top(t, index, val[0], val[1]) < 0)
		return tload_fail(l, NULL, "out of memory");
	ev->x->tops[ev->x->ntops - 1].line = tload_line(&at);
	ev->x->tops[ev->x->ntops - 1].col = tload_col(&at);
	return 0;
}

/* ev's version 5 part, made on its first key; NULL (the error said) out
 * of memory. */
static struct trace_event_x *ext(struct tload *l, struct trace_event *ev)
{
	if (!ev->x && !(ev->x = calloc(1, sizeof *ev->x)))
		tload_fail(l, NULL, "out of memory");
	return ev->x;
}

/* A flush event flushed a range (start and end) or wrote cr3 (old-cr3 and
 * cr3: x86 only, never with a range); adds the keys that needs to *need,
 * takes the others from *may, and marks a cr3 write. */
static int load_flush_keys(struct tload *l, struct trace_event *ev, uint64_t seen,
			   const yaml_mark_t *keyat, uint64_t *need, uint64_t *may)
{
	const uint64_t range = B(E_START) | B(E_END), cr3 = B(E_CR3) | B(E_OLDCR3);

	if (!(seen & cr3)) {
		*need |= range;
		*may &= ~cr3;
		return 0;
	}
	if (l->t->h.arch->family == FAMILY_ARM64)
		return tload_fail(l, &keyat[seen & B(E_CR3) ? E_CR3 : E_OLDCR3], "a flush by a cr3 "
			       "write is x86's: an arm64 trace's flush has no \"%s\"",
			       seen & B(E_CR3) ? "cr3" : "old-cr3");
	if (seen & range)
		return tload_fail(l, &keyat[seen & B(E_START) ? E_START : E_END], "a flush by a cr3 "
			       "write (old-cr3, cr3) has no range: it drops every non-global entry");
	*need |= cr3;
	*may &= ~range;
	if (!ext(l, ev))
		return -1;
	ev->x->cr3_write = true;
	return 0;
}

static int load_event(struct tload *l)
{
	struct trace *t = l->t;
	const struct arch *a = t->h.arch;
	struct trace_event *ev;
	yaml_mark_t at, key, keyat[E_NKEYS];
	uint64_t seen = 0, bad, need, may;
	int idx, r, v;

	at = l->ev.start_mark;
	ev = trace_add_event(t, TRACE_NOTE);
	if (!ev)
		return tload_fail(l, NULL, "out of memory");
	ev->line = tload_line(&at);
	ev->col = tload_col(&at);
	ev->kind = TRACE_KIND_COUNT;
	ev->outcome = TRACE_OUT_NONE;
	ev->path = FAULT_PATH_COUNT;
	while ((r = tload_key(l, event_keys, "event", &seen, &idx, &key)) > 0) {
		const char *w = event_keys[idx];
		keyat[idx] = key;
		if (idx >= E_FLUSH && t->h.version < 5)
			return tload_fail(l, &key, "\"%s\" needs pagewalk-trace: 5 (this file says %u)",
				       w, t->h.version);
		/* ev stays valid: only trace_add_event moves the events. */
		switch (idx) {
		case E_SEQ: r = tload_u64(l, w, UINT64_MAX, &ev->seq); break;
		case E_KIND:
			r = tload_word(l, w, trace_kind_parse, "fault, map, switch, note, accessed, flush",
				     &v);
			ev->kind = (enum trace_kind)v;
			break;
		case E_PID: r = tload_u32(l, w, UINT32_MAX, &ev->pid); break;
		case E_VECTOR: r = tload_u32(l, w, 255, &ev->vector); break;
		case E_ERR: r = tload_u32(l, w, 0xffff, &ev->error_code); break;
		case E_CR2: r = tload_u64(l, w, arch_word_mask(a), &ev->cr2); break;
		case E_IP: r = tload_u64(l, w, arch_word_mask(a), &ev->ip); break;
		case E_CS: r = tload_u32(l, w, 0xffff, &ev->cs); break;
		case E_CPL: r = tload_u32(l, w, 3, &ev->cpl); break;
		case E_CR3: r = tload_u64(l, w, pa_max(a), &ev->cr3); break;
		case E_ESR: r = tload_u32(l, w, 0xffffffff, &ev->error_code); break;
		case E_FAR: r = tload_u64(l, w, UINT64_MAX, &ev->cr2); break;
		case E_ELR: r = tload_u64(l, w, UINT64_MAX, &ev->ip); break;
		case E_EL: r = tload_u32(l, w, 1, &ev->cpl); break;
		case E_TTBR0: case E_TTBR1:
			/* the register's value: ASID (63:48) and CnP (bit 0) included */
			r = tload_u64(l, w, UINT64_MAX, &ev->cr3);
			ev->ttbr = idx == E_TTBR1;
			break;
		case E_WALK: r = load_walk(l, 0); break;
		case E_MWALK: r = load_walk(l, 1); break;
		case E_UWALK: r = load_walk(l, 2); break;
		case E_UCR3: r = ext(l, ev) ? tload_u64(l, w, pa_max(a), &ev->x->user_cr3) : -1; break;
		case E_UTOP:
			if (a->id != ARCH_X86_64 && a->id != ARCH_X86_64_LA57)
				return tload_fail(l, &key, "user-top (page-table isolation) is x86-64's "
					       "only, not %s's", a->name);
			r = load_maps(l, w, "a map {index: N, kernel: X, user: X}", load_top);
			break;
		case E_PATH:
			if (l->t->h.version == 1)
				r = tload_word(l, w, trace_v1_path_parse,
					     "demand, vmalloc-sync, bad-area, oops (version 1)", &v);
			else if (a->family == FAMILY_ARM64)
				/* arm64: Linux's arm64 functions (fault.h) */
				r = tload_word(l, w, fault_path_parse_arm64, NULL, &v);
			else if (l->t->h.version >= 4 && trace_is_kernel(l->t))
				/* a real kernel's trace names routes by its functions */
				r = tload_word(l, w, fault_path_parse_kernel, NULL, &v);
			else
				r = tload_word(l, w, fault_path_parse, NULL, &v);
			ev->path = (enum fault_path)v;
			break;
		case E_WRITES: r = load_writes(l); break;
		case E_FRAMES: r = load_frames(l); break;
		case E_CALLS: r = needs_v3(l, &key, w) < 0 ? -1 : load_calls(l); break;
		case E_PROG: r = needs_v5(l, &key, w) < 0 ? -1 : load_place(l); break;
		case E_OUTCOME:
			r = tload_word(l, w, trace_outcome_parse, "retried, sigsegv, oops, refault", &v);
			ev->outcome = (enum trace_outcome)v;
			break;
		case E_FLUSH:
			r = ext(l, ev) ? tload_str(l, w, &ev->x->flush_fn) : -1;
			if (r == 0 && !trace_fn_ok(ev->x->flush_fn))
				return tload_fail(l, &l->ev.start_mark, "flush: \"%.60s\" is not a function "
					       "name", ev->x->flush_fn);
			break;
		case E_VIA:
			r = ext(l, ev) ? tload_str(l, w, &ev->x->via) : -1;
			if (r == 0 && !trace_chain_ok(ev->x->via))
				return tload_fail(l, &l->ev.start_mark, "via: expected function names joined "
					       "by \" > \" (outermost first)");
			break;
		case E_REASON:
			r = tload_word(l, w, trace_flush_reason_parse,
				     "cow, mprotect, munmap, fork, exit, other, switch, exec, reload", &v);
			if (r == 0 && !ext(l, ev))
				return -1;
			if (r == 0)
				ev->x->reason = (enum trace_flush_reason)v;
			break;
		case E_START: r = ext(l, ev) ? tload_u64(l, w, arch_word_mask(a), &ev->x->start) : -1; break;
		case E_END: r = ext(l, ev) ? tload_u64(l, w, UINT64_MAX, &ev->x->end) : -1; break;
		case E_INFAULT: r = ext(l, ev) ? tload_u64(l, w, UINT64_MAX, &ev->x->in_fault) : -1; break;
		case E_OLDCR3: r = ext(l, ev) ? tload_u64(l, w, pa_max(a), &ev->x->old_cr3) : -1; break;
		default: r = tload_str(l, w, &ev->note); break;
		}
		if (r < 0)
			return -1;
	}
	if (r < 0)
		return -1;
	if (!(seen & B(E_KIND)))
		return tload_fail(l, &at, "event needs \"kind\"");
	need = kind_need[ev->kind];
	may = kind_may[ev->kind];
	if (ev->kind == TRACE_FLUSH && load_flush_keys(l, ev, seen, keyat, &need, &may) < 0)
		return -1;
	if (a->family == FAMILY_ARM64) {
		/* x86's registers become arm64's; cr3 becomes a TTBR */
		if (need & X86_REGS)
			need = (need & ~X86_REGS) | ARM64_REGS;
		need &= ~B(E_CR3);
		if ((kind_need[ev->kind] | may) & B(E_CR3))
			may |= TTBRS;
		may &= ~B(E_CR3);
		if ((kind_need[ev->kind] & B(E_CR3)) && !(seen & TTBRS))
			return tload_fail(l, &at, "%s needs \"ttbr0\" or \"ttbr1\"",
				       trace_kind_name(ev->kind));
		if ((seen & TTBRS) == TTBRS)
			return tload_fail(l, &keyat[E_TTBR1], "an event names one base register, "
				       "ttbr0 or ttbr1");
		if (ev->kind == TRACE_FAULT)    /* ESR's class: 0x2x instruction, else data */
			ev->vector = ev->error_code >> 28 == 8 ? 3 : 4;
	}
	if (tload_missing(l, &at, trace_kind_name(ev->kind), event_keys, need, seen) < 0)
		return -1;
	bad = seen & ~(need | may);
	for (int i = 0; i < E_NKEYS; i++)
		if (bad & B(i))
			return tload_fail(l, &keyat[i], "a %s event has no \"%s\"",
				       trace_kind_name(ev->kind), event_keys[i]);
	if ((seen & B(E_UTOP)) && !(seen & B(E_UCR3)))
		return tload_fail(l, &keyat[E_UTOP], "user-top goes with user-cr3 (a user-mode "
			       "fault under page-table isolation)");
	return 0;
}

static int load_events(struct tload *l)
{
	return load_maps(l, "events", "a map for an event", load_event);
}

/* ---- document ---- */

/* Is the scalar event e exactly the word key (a NUL inside never matches)? */
static bool scalar_is(const yaml_event_t *e, const char *key)
{
	return e->type == YAML_SCALAR_EVENT && e->data.scalar.length == strlen(key) &&
	       memcmp(e->data.scalar.value, key, e->data.scalar.length) == 0;
}

static const char *const top_keys[] = { "pagewalk-trace", "header", "tables", "events", "end", NULL };

static int load_doc(struct tload *l)
{
	yaml_mark_t at, key;
	uint64_t seen = 0;
	uint64_t version;
	int idx, r;

	if (tload_next(l) < 0 || tload_next(l) < 0) /* STREAM_START, then DOCUMENT_START */
		return -1;
	if (l->ev.type == YAML_STREAM_END_EVENT)
		return tload_fail(l, &l->ev.start_mark, "empty file: not a trace");
	if (tload_start(l, YAML_MAPPING_START_EVENT, "trace") < 0)
		return -1;
	at = l->ev.start_mark;
	if (tload_next(l) < 0)
		return -1;
	if (!scalar_is(&l->ev, "pagewalk-trace"))
		return tload_fail(l, &l->ev.start_mark,
			       "not a pagewalk trace: it must start with \"pagewalk-trace: %d\"",
			       TRACE_VERSION);
	seen = 1;
	if (tload_u64(l, "pagewalk-trace", UINT64_MAX, &version) < 0)
		return -1;
	if (version < 1 || version > TRACE_VERSION)
		return tload_fail(l, &l->ev.start_mark,
			       "unknown trace version %llu (this pagewalk reads 1 to %d)",
			       (unsigned long long)version, TRACE_VERSION);
	l->t->h.version = (unsigned)version;
	while ((r = tload_key(l, top_keys, "trace", &seen, &idx, &key)) > 0) {
		if (seen & B(4) && idx != 4)
			return tload_fail(l, &key, "\"end\" must be the last key");
		if (idx != 1 && !l->t->h.arch)
			return tload_fail(l, &key, "\"header\" must come before \"%s\"", top_keys[idx]);
		if (idx >= 3 && !(seen & B(2)))
			return tload_fail(l, &key, "\"tables\" must come before \"%s\"", top_keys[idx]);
		if (idx == 4) {
			uint64_t n;
			if (!(seen & B(3)))
				return tload_fail(l, &key, "\"events\" must come before \"end\"");
			if (tload_u64(l, "end", UINT64_MAX, &n) < 0)
				return -1;
			if (n != l->t->nevents)
				return tload_fail(l, &l->ev.start_mark,
					       "end: %llu events announced, %zu found (a cut or spliced file)",
					       (unsigned long long)n, l->t->nevents);
			continue;
		}
		if ((idx == 1 ? load_header(l) : idx == 2 ? load_tables(l) : load_events(l)) < 0)
			return -1;
	}
	if (r < 0)
		return -1;
	if (!(seen & B(4)))
		return tload_fail(l, &l->ev.start_mark,
			       "the trace ends without \"end: N\": the file is cut short");
	if (tload_missing(l, &at, "a trace", top_keys, 0x1f, seen) < 0)
		return -1;
	if (tload_next(l) < 0)
		return -1;
	if (tload_next(l) < 0)
		return -1;
	if (l->ev.type != YAML_STREAM_END_EVENT)
		return tload_fail(l, &l->ev.start_mark, "a trace file holds one document");
	return 0;
}

static struct trace *load(struct tload *l)
{
	l->t = trace_new(NULL);
	if (!l->t) {
		tload_fail(l, NULL, "out of memory");
		goto fail;
	}
	if (load_doc(l) < 0)
		goto fail;
	if (l->t->h.version == 1)
		trace_upgrade_v1(l->t);
	if (trace_validate(l->t, l->path, l->d) < 0 ||
	    trace_calls_check_files(l->t, l->path, l->d) < 0)
		goto fail;
	if (l->have)
		yaml_event_delete(&l->ev);
	yaml_parser_delete(&l->p);
	return l->t;
fail:
	if (l->have)
		yaml_event_delete(&l->ev);
	yaml_parser_delete(&l->p);
	trace_free(l->t);
	return NULL;
}

/* Read the first events of p: a map whose first key is pagewalk-trace?
 * 1 yes, 0 no, -1 when libyaml's reader stopped first (invalid UTF-8 or a
 * control character somewhere in what it decoded ahead: *bad its offset). */
static int sniff(yaml_parser_t *p, size_t *bad)
{
	yaml_event_t ev;
	bool is = false;

	/* STREAM_START, DOCUMENT_START, MAPPING_START, then the first key */
	for (int i = 0; i < 4; i++) {
		if (!yaml_parser_parse(p, &ev)) {
			*bad = p->problem_offset;
			return p->error == YAML_READER_ERROR ? -1 : 0;
		}
		is = i == 3 ? scalar_is(&ev, "pagewalk-trace")
		     : ev.type == (i == 0 ? YAML_STREAM_START_EVENT : i == 1 ?
				   YAML_DOCUMENT_START_EVENT : YAML_MAPPING_START_EVENT);
		yaml_event_delete(&ev);
		if (!is)
			return 0;
	}
	return 1;
}

bool trace_is_trace(const char *buf, size_t len)
{
	yaml_parser_t p;
	size_t bad = 0;
	int is = -1;

	/* libyaml decodes ahead: a bad byte after the first key must not hide
	 * it, so on a reader error decide on the bytes before the bad one */
	while (is < 0) {
		if (!yaml_parser_initialize(&p))
			return false;
		yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
		is = sniff(&p, &bad);
		yaml_parser_delete(&p);
		if (is < 0 && bad >= len)
			return false;
		len = bad;
	}
	return is == 1;
}

bool trace_file_is_trace(const char *path)
{
	yaml_parser_t p;
	FILE *f;
	size_t bad = 0, got = 0;
	char *head = NULL;
	int is = 0, fd = file_open_regular(path, NULL, NULL);

	if (fd < 0)
		return false;
	f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return false;
	}
	if (yaml_parser_initialize(&p)) {
		yaml_parser_set_input_file(&p, f);
		is = sniff(&p, &bad);
		yaml_parser_delete(&p);
	}
	/* a reader error: decide on the bytes before it, as above */
	if (is < 0 && bad <= TRACE_MAX_BYTES && (head = malloc(bad ? bad : 1)) &&
	    fseek(f, 0, SEEK_SET) == 0)
		got = fread(head, 1, bad, f);
	if (is < 0)
		is = head && got == bad && trace_is_trace(head, bad);
	free(head);
	fclose(f);
	return is == 1;
}

struct trace *trace_load_buffer(const char *buf, size_t len, const char *name,
				struct diag *d)
{
	struct tload l = { .path = name, .d = d, .buf = buf, .len = len };

	if (len > TRACE_MAX_BYTES) {
		diag_set(d, name, 0, 0, "file too large (over %u MiB)", TRACE_MAX_BYTES >> 20);
		return NULL;
	}
	if (!yaml_parser_initialize(&l.p)) {
		diag_set(d, name, 0, 0, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_string(&l.p, (const unsigned char *)buf, len);
	return load(&l);
}

struct trace *trace_load(const char *path, struct diag *d)
{
	struct tload l = { .path = path, .d = d };
	struct trace *t;
	struct stat sb;
	int fd = file_open_regular(path, &sb, d);
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		diag_set(d, path, 0, 0, "out of memory");
		return NULL;
	}
	if (sb.st_size > (off_t)TRACE_MAX_BYTES) {
		fclose(f);
		diag_set(d, path, 0, 0, "file too large (over %u MiB)", TRACE_MAX_BYTES >> 20);
		return NULL;
	}
	if (!yaml_parser_initialize(&l.p)) {
		fclose(f);
		diag_set(d, path, 0, 0, "out of memory");
		return NULL;
	}
	yaml_parser_set_input_file(&l.p, f);
	l.f = f;
	t = load(&l);
	if (t && ferror(f)) {
		diag_set(d, path, 0, 0, "read error");
		trace_free(t);
		t = NULL;
	}
	fclose(f);
	return t;
}
