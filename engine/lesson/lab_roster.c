/* SPDX-License-Identifier: GPL-2.0-only */
/* lab_roster.c - the roster a teacher gives `grade --roster` (see lab.h):
 * one student a line, an id and an optional display name. */
#include "lab_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/file.h"

#define ROSTER_MAX_FILE (4u << 20)
#define ROSTER_MAX 10000

/* The name field at p (up to the end of the line at end): plain, or
 * "quoted" with "" for a quote. Into out; -1 with *why when bad. */
static int name_field(const char *p, const char *end, char *out, size_t outlen,
		      const char **why)
{
	size_t o = 0;

	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '"') {
		for (p++; p < end; p++) {
			if (*p == '"' && p + 1 < end && p[1] == '"')
				p++;
			else if (*p == '"')
				break;
			if (o + 1 >= outlen) {
				*why = "name too long";
				return -1;
			}
			out[o++] = *p;
		}
		if (p >= end) {
			*why = "a quoted name is not closed on its line";
			return -1;
		}
		for (p++; p < end && *p == ' '; p++)
			;
		if (p < end) {
			*why = "text after the quoted name";
			return -1;
		}
	} else {
		while (end > p && end[-1] == ' ')
			end--;
		if ((size_t)(end - p) + 1 > outlen) {
			*why = "name too long";
			return -1;
		}
		memcpy(out, p, (size_t)(end - p));
		o = (size_t)(end - p);
	}
	out[o] = '\0';
	if (o && !lab_name_valid(out)) {
		*why = "bad name (printable UTF-8, at most 64 bytes, no space at either end)";
		return -1;
	}
	return 0;
}

/* One line (without its newline) into r; -1 with d filled. */
static int roster_line(struct lab_roster *r, const char *path, int line, const char *p,
		       const char *end, bool first, struct diag *d)
{
	struct lab_roster_entry *e;
	const char *comma, *why = NULL;
	size_t idlen;
	char id[LAB_STUDENT_MAX + 2];

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p == end || *p == '#')
		return 0;
	comma = memchr(p, ',', (size_t)(end - p));
	idlen = (size_t)((comma ? comma : end) - p);
	while (idlen && p[idlen - 1] == ' ')
		idlen--;
	if (first && ((idlen == 7 && strncasecmp(p, "student", 7) == 0) ||
		      (idlen == 2 && strncasecmp(p, "id", 2) == 0)))
		return 0;       /* a header line */
	if (idlen > LAB_STUDENT_MAX || !idlen) {
		diag_set(d, path, line, 1, "bad student id (1-%d characters of A-Z a-z 0-9 . _ -)",
			 LAB_STUDENT_MAX);
		return -1;
	}
	memcpy(id, p, idlen);
	id[idlen] = '\0';
	if (!lab_student_valid(id)) {
		diag_set(d, path, line, 1, "bad student id (1-%d characters of A-Z a-z 0-9 . _ -, "
			 "starting with a letter or digit)", LAB_STUDENT_MAX);
		return -1;
	}
	if (lab_roster_find(r, id)) {
		diag_set(d, path, line, 1, "student %s is on the roster twice (line %d)", id,
			 lab_roster_find(r, id)->line);
		return -1;
	}
	if (r->n == ROSTER_MAX) {
		diag_set(d, path, line, 1, "more than %d students", ROSTER_MAX);
		return -1;
	}
	e = realloc(r->e, (r->n + 1) * sizeof *e);
	if (!e) {
		diag_set(d, path, line, 1, "out of memory");
		return -1;
	}
	r->e = e;
	e = &r->e[r->n];
	memset(e, 0, sizeof *e);
	strcpy(e->id, id);
	e->line = line;
	if (comma && name_field(comma + 1, end, e->name, sizeof e->name, &why) < 0) {
		diag_set(d, path, line, (int)(comma - p) + 2, "%s", why);
		return -1;
	}
	r->n++;
	return 0;
}

struct lab_roster *lab_roster_load(const char *path, struct diag *d)
{
	size_t len;
	char *buf = file_read_regular(path, ROSTER_MAX_FILE, &len, d);
	struct lab_roster *r = NULL;
	const char *p, *end;
	int line = 1;
	bool first = true;

	if (!buf)
		return NULL;
	r = calloc(1, sizeof *r);
	if (!r) {
		diag_set(d, path, 0, 0, "out of memory");
		goto fail;
	}
	p = buf;
	end = buf + len;
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;                /* a spreadsheet's byte order mark */
	if (memchr(buf, '\0', len)) {
		diag_set(d, path, 0, 0, "not a text file (it holds NUL bytes)");
		goto fail;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
		size_t before = r->n;
		if (le > p && le[-1] == '\r')
			le--;
		if (roster_line(r, path, line, p, le, first, d) < 0)
			goto fail;
		first = first && r->n == before && (le == p || *p == '#');
		p = nl ? nl + 1 : end;
		line++;
	}
	free(buf);
	return r;
fail:
	free(buf);
	lab_roster_free(r);
	return NULL;
}

void lab_roster_free(struct lab_roster *r)
{
	if (!r)
		return;
	free(r->e);
	free(r);
}

const struct lab_roster_entry *lab_roster_find(const struct lab_roster *r, const char *id)
{
	for (size_t i = 0; r && i < r->n; i++)
		if (strcmp(r->e[i].id, id) == 0)
			return &r->e[i];
	return NULL;
}
