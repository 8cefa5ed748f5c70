/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_guest.c - the guest's own page-fault handler in the code pane.
 *
 * The lines each code point highlights are found in guest/fault.c when the
 * excerpt is built: a function is located by its definition (a line at
 * column 0 naming it with a '(' after the name, up to the "}" line that
 * closes it), then each statement is the first line in that function, after
 * the previous statement of the same code point, that contains the given
 * text. A renamed function or a rewritten statement makes the build fail
 * with the missing name, so the pane never highlights the wrong line.
 */
#include "trace/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define B(c) (1u << (c))

struct find {
	enum replay_code code;
	const char *func;     /* the function to search */
	const char *has;      /* text the highlighted line contains */
};

/* In stage order: do_page_fault -> vmalloc_fault -> vmalloc_sync_one, or
 * -> find_vma -> handle_mm_fault, or -> bad_area / no_context. */
static const struct find finds[] = {
	{ RC_ENTRY, "do_page_fault", "do_page_fault(" },
	{ RC_ENTRY, "do_page_fault", "= read_cr2()" },
	{ RC_KERNEL_TEST, "do_page_fault", "address >= TASK_SIZE &&" },
	{ RC_KERNEL_TEST, "do_page_fault", "vmalloc_fault(address)" },
	{ RC_VMALLOC_FAULT, "vmalloc_fault", "vmalloc_fault(" },
	{ RC_VMALLOC_FAULT, "vmalloc_fault", "VMALLOC_START" },
	{ RC_VMALLOC_FAULT, "vmalloc_fault", "vmalloc_sync_one(" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "vmalloc_sync_one(" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "init_mm.pgd" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "pmd_offset(pud_k" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "pmd_present(pmd_k)" },
	{ RC_SET_PMD, "vmalloc_sync_one", "!pmd_present(pmd)" },
	{ RC_SET_PMD, "vmalloc_sync_one", "set_pmd(pmd, pmd_val(pmd_k))" },
	{ RC_SYNC_PTE, "vmalloc_fault", "pte_offset_kernel(pmd_k" },
	{ RC_SYNC_PTE, "vmalloc_fault", "pte_present(pte_k)" },
	{ RC_SYNC_PTE, "vmalloc_fault", "return 0;" },
	{ RC_FIND_VMA, "do_page_fault", "find_vma(mm, address)" },
	{ RC_FIND_VMA, "do_page_fault", "vma->vm_start > address" },
	{ RC_FIND_VMA, "do_page_fault", "VM_WRITE" },
	{ RC_HANDLE_MM, "handle_mm_fault", "handle_mm_fault(" },
	{ RC_HANDLE_MM, "handle_mm_fault", "pmd_none(pmd)" },
	{ RC_HANDLE_MM, "handle_mm_fault", "set_pmd(" },
	{ RC_ANON_PAGE, "do_anonymous_page", "do_anonymous_page(" },
	{ RC_ANON_PAGE, "do_anonymous_page", "empty_zero_page" },
	{ RC_ANON_PAGE, "do_anonymous_page", "get_zeroed_page(" },
	{ RC_ANON_PAGE, "do_anonymous_page", "set_pte(" },
	{ RC_WP_PAGE, "do_wp_page", "do_wp_page(" },
	{ RC_WP_PAGE, "do_wp_page", "get_zeroed_page(" },
	{ RC_WP_PAGE, "do_wp_page", "memcpy(" },
	{ RC_WP_PAGE, "do_wp_page", "set_pte(" },
	{ RC_BAD_AREA, "do_page_fault", "bad_area:" },
	{ RC_BAD_AREA, "do_page_fault", "force_sig_segv(" },
	{ RC_NO_CONTEXT, "do_page_fault", "no_context:" },
	{ RC_NO_CONTEXT, "do_page_fault", "do_exit(" },
};

/* The excerpt and what it points into, freed together. */
struct guest_excerpt {
	struct replay_excerpt ex;        /* first: replay_guest_free casts back */
	struct replay_code_line *lines;
	char *text;                      /* the source, '\n' replaced by '\0' */
};

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Does line s define (or start defining) a function called name? */
static bool defines(const char *s, const char *name)
{
	size_t n = strlen(name), len = strlen(s);
	const char *p;

	if (!ident_char(s[0]) || (len && s[len - 1] == ';'))
		return false;
	for (p = strstr(s, name); p; p = strstr(p + 1, name))
		if ((p == s || !ident_char(p[-1])) && p[n] == '(')
			return true;
	return false;
}

/* The lines [first, last] of function name; false when not defined. */
static bool func_range(const struct replay_code_line *lines, size_t n, const char *name,
		       size_t *first, size_t *last)
{
	for (size_t i = 0; i < n; i++) {
		if (!defines(lines[i].text, name))
			continue;
		for (size_t j = i + 1; j < n; j++)
			if (!strcmp(lines[j].text, "}")) {
				*first = i;
				*last = j;
				return true;
			}
		return false;
	}
	return false;
}

struct replay_excerpt *replay_guest_parse(const char *name, const char *src, struct diag *d)
{
	struct guest_excerpt *g = calloc(1, sizeof *g);
	size_t n = 1, k = 0;
	/* per code point: the function of its last statement, the line after it */
	const char *last_func[RC_COUNT] = { 0 };
	size_t next[RC_COUNT] = { 0 };
	char *p;

	if (!g || !(g->text = strdup(src)))
		goto oom;
	for (p = g->text; *p; p++)
		n += *p == '\n';
	if (p > g->text && p[-1] == '\n')
		n--;
	g->lines = calloc(n ? n : 1, sizeof *g->lines);
	if (!g->lines)
		goto oom;
	for (p = g->text; k < n; k++) {
		char *nl = strchr(p, '\n');
		g->lines[k].text = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
		const struct find *f = &finds[i];
		size_t first, last, from;
		bool found = false;

		if (!func_range(g->lines, n, f->func, &first, &last)) {
			diag_set(d, name, 0, 0, "no function %s() (the replayer highlights its lines)",
				 f->func);
			goto fail;
		}
		from = last_func[f->code] && !strcmp(last_func[f->code], f->func) ? next[f->code] : first;
		for (size_t j = from; j <= last; j++)
			if (strstr(g->lines[j].text, f->has)) {
				g->lines[j].codes |= B(f->code);
				last_func[f->code] = f->func;
				next[f->code] = j + 1;
				found = true;
				break;
			}
		if (!found) {
			diag_set(d, name, (int)first + 1, 0, "%s() has no line with \"%s\" "
				 "(the replayer highlights it)", f->func, f->has);
			goto fail;
		}
	}
	g->ex.title[LANG_EN] = "guest/fault.c (our guest kernel, as recorded)";
	g->ex.title[LANG_JA] = "guest/fault.c(記録したゲストカーネル自身のソース)";
	g->ex.lines = g->lines;
	g->ex.nlines = n;
	g->ex.first_line = 1;
	return &g->ex;
oom:
	diag_set(d, name, 0, 0, "out of memory");
fail:
	if (g) {
		free(g->lines);
		free(g->text);
		free(g);
	}
	return NULL;
}

struct replay_excerpt *replay_guest_new(struct diag *d)
{
	return replay_guest_parse(REPLAY_GUEST_FILE, replay_guest_fault_c, d);
}

void replay_guest_free(struct replay_excerpt *ex)
{
	struct guest_excerpt *g = (struct guest_excerpt *)ex;

	if (!g)
		return;
	free(g->lines);
	free(g->text);
	free(g);
}

bool replay_is_guest(const struct trace *t)
{
	return t->h.source && !strcmp(t->h.source, REPLAY_GUEST_SOURCE);
}

void replay_guest_func_of(const struct replay_excerpt *ex, size_t i, char *buf, size_t len)
{
	if (!len)
		return;
	buf[0] = '\0';
	for (size_t j = i + 1; j-- > 0;) {
		const char *s, *open, *start;
		if (j >= ex->nlines)
			continue;
		s = ex->lines[j].text;
		if (!ident_char(s[0]) || s[strlen(s) - 1] == ';' || !(open = strchr(s, '(')))
			continue;
		for (start = open; start > s && ident_char(start[-1]); start--)
			;
		if (start == open)
			continue;
		snprintf(buf, len, "%.*s", (int)(open - start), start);
		return;
	}
}
