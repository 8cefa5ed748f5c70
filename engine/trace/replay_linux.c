/* SPDX-License-Identifier: GPL-2.0-only */
/* replay_linux.c - Linux v6.1's page-fault path beside a replayed fault.
 *
 * The replayer shows what our guest ran (replay_guest.c, the 2.6 design)
 * and, beside it, the same steps in Linux v6.1: exc_page_fault ->
 * handle_page_fault -> do_kern_addr_fault -> vmalloc_fault ->
 * vmalloc_sync_one on x86-32, do_user_addr_fault -> handle_mm_fault ->
 * do_anonymous_page / do_wp_page for user faults. The lines are read at run
 * time from the installed linux-source-6.1 (linuxsrc.h); pagewalk holds no
 * copy. Each code point's lines are found by function name and a statement
 * in it, so the highlights follow the file rather than line numbers.
 */
#include "trace/replay.h"

#include <stdlib.h>
#include <string.h>

#include "source/linuxsrc.h"
#include "util/array.h"

#define B(c) (1u << (c))

/* Where a code point's lines are: in function func of the file, the first
 * line holding has (NULL: the function's first line). */
struct lx_find {
	unsigned mark;        /* RC_* or REPLAY_LX_* */
	const char *func;
	const char *has;
};

static const struct lx_find fault_finds[] = {
	{ RC_ENTRY, "exc_page_fault", "read_cr2()" },
	{ RC_ENTRY, "handle_page_fault", "fault_in_kernel_space(address)" },
	{ RC_KERNEL_TEST, "do_kern_addr_fault", "X86_PF_RSVD | X86_PF_USER | X86_PF_PROT" },
	{ RC_VMALLOC_FAULT, "do_kern_addr_fault", "vmalloc_fault(address)" },
	{ RC_VMALLOC_FAULT, "vmalloc_fault", "read_cr3_pa()" },
	{ RC_VMALLOC_FAULT, "vmalloc_fault", "vmalloc_sync_one(" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "pgd_index(address)" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "init_mm.pgd + index" },
	{ RC_SYNC_ONE, "vmalloc_sync_one", "pmd_offset(pud_k" },
	{ RC_SET_PMD, "vmalloc_sync_one", "pmd_present(*pmd) !=" },
	{ RC_SET_PMD, "vmalloc_sync_one", "set_pmd(pmd, *pmd_k)" },
	{ RC_SYNC_PTE, "vmalloc_fault", "pte_offset_kernel(pmd_k" },
	{ RC_SYNC_PTE, "vmalloc_fault", "pte_present(*pte_k)" },
	{ RC_FIND_VMA, "do_user_addr_fault", "find_vma(" },
	{ RC_FIND_VMA, "do_user_addr_fault", "access_error(error_code, vma)" },
	{ RC_HANDLE_MM, "do_user_addr_fault", "handle_mm_fault(vma" },
	{ RC_BAD_AREA, "__bad_area_nosemaphore", "force_sig_fault(SIGSEGV" },
	{ RC_NO_CONTEXT, "kernelmode_fixup_or_oops", "fixup_exception(" },
	{ RC_NO_CONTEXT, "page_fault_oops", "show_fault_oops(" },
};

static const struct lx_find mm_finds[] = {
	{ REPLAY_LX_ANON, "do_anonymous_page", NULL },
	{ REPLAY_LX_ANON, "do_anonymous_page", "my_zero_pfn(" },
	{ REPLAY_LX_ANON, "do_anonymous_page", "alloc_zeroed_user_highpage" },
	{ REPLAY_LX_ANON, "do_anonymous_page", "set_pte_at(vma" },
	{ REPLAY_LX_WP, "do_wp_page", NULL },
	{ REPLAY_LX_WP, "do_wp_page", "wp_page_copy(" },
};

struct lx_excerpt {
	struct replay_excerpt ex;        /* first: replay_linux_free casts back */
	struct replay_code_line *lines;
	char **text;                     /* escaped lines, owned */
	size_t n;
	char title[2][160];
};

void replay_linux_free(struct replay_excerpt *ex)
{
	struct lx_excerpt *x = (struct lx_excerpt *)ex;

	if (!x)
		return;
	for (size_t i = 0; i < x->n; i++)
		free(x->text[i]);
	free(x->text);
	free(x->lines);
	free(x);
}

/* Mark the lines of finds in x (a copy of f). 0, or -1 with d filled. */
static int lx_mark(struct lx_excerpt *x, struct linuxsrc_file *f, const char *file,
		   const struct lx_find *finds, size_t n, struct diag *d)
{
	for (size_t i = 0; i < n; i++) {
		unsigned first, last, ln;
		if (linuxsrc_find_function(f, finds[i].func, &first, &last) < 0) {
			diag_set(d, file, 0, 0, "no function %s() in %s %s (the replayer shows it)",
				 finds[i].func, LINUXSRC_PACKAGE, LINUXSRC_VERSION);
			return -1;
		}
		for (ln = first; finds[i].has && ln <= last; ln++)
			if (strstr(f->lines[ln - 1], finds[i].has))
				break;
		if (ln > last) {
			diag_set(d, file, (int)first, 0, "%s() has no line with \"%s\"",
				 finds[i].func, finds[i].has);
			return -1;
		}
		x->lines[ln - 1].codes |= B(finds[i].mark);
	}
	return 0;
}

/* A source line escaped for the terminal, its tabs kept (the front end
 * expands them like the guest's). NULL when out of memory. */
static char *lx_escape(const char *line)
{
	size_t cap = 0, len = 0;
	char *out = NULL;

	for (const char *p = line;; ) {
		size_t n = strcspn(p, "\t");
		char *piece = text_escape(p, n, false), *grown;
		size_t k = piece ? strlen(piece) : 0;
		/* the piece, then a tab or the NUL */
		if (!piece || !(grown = array_grow(out, &cap, len + k + 1, 1, 128))) {
			free(piece);
			free(out);
			return NULL;
		}
		out = grown;
		memcpy(out + len, piece, k);
		len += k;
		free(piece);
		if (!p[n])
			break;
		out[len++] = '\t';
		p += n + 1;
	}
	out[len] = '\0';
	return out;
}

struct replay_excerpt *replay_linux_excerpt(const struct linuxsrc_file *f, const char *file,
					    struct diag *d)
{
	struct lx_excerpt *x = calloc(1, sizeof *x);

	if (!x)
		goto oom;
	x->text = calloc(f->nlines ? f->nlines : 1, sizeof *x->text);
	x->lines = calloc(f->nlines ? f->nlines : 1, sizeof *x->lines);
	if (!x->text || !x->lines)
		goto oom;
	for (; x->n < f->nlines; x->n++) {
		/* escaped: no control byte of the file reaches the terminal */
		if (!(x->text[x->n] = lx_escape(f->lines[x->n])))
			goto oom;
		x->lines[x->n].text = x->text[x->n];
	}
	snprintf(x->title[0], sizeof x->title[0], "%s (Linux %s, from %s)", file,
		 LINUXSRC_VERSION, LINUXSRC_PACKAGE);
	snprintf(x->title[1], sizeof x->title[1], "%s(Linux %s、%s より)", file,
		 LINUXSRC_VERSION, LINUXSRC_PACKAGE);
	x->ex.title[LANG_EN] = x->title[0];
	x->ex.title[LANG_JA] = x->title[1];
	x->ex.lines = x->lines;
	x->ex.nlines = x->n;
	x->ex.first_line = 1;
	return &x->ex;
oom:
	diag_set(d, file, 0, 0, "out of memory");
	replay_linux_free(x ? &x->ex : NULL);
	return NULL;
}

static struct replay_excerpt *lx_load(struct linuxsrc_file *f, const char *file,
				      const struct lx_find *finds, size_t nfinds, struct diag *d)
{
	struct replay_excerpt *ex = replay_linux_excerpt(f, file, d);

	if (ex && lx_mark((struct lx_excerpt *)ex, f, file, finds, nfinds, d) < 0) {
		replay_linux_free(ex);
		return NULL;
	}
	return ex;
}

int replay_linux_new(struct linuxsrc *src, bool fetch, struct replay_excerpt **fault,
		     struct replay_excerpt **mm, struct diag *d)
{
	static const char *const files[] = { REPLAY_LX_FAULT_FILE, REPLAY_LX_MM_FILE };
	struct linuxsrc_file *f[2] = { 0 };
	bool missing = false;
	int r;

	*fault = *mm = NULL;
	if (!src) {
		diag_set(d, "", 0, 0, "%s is not installed", LINUXSRC_PACKAGE);
		return 1;
	}
	for (int i = 0; i < 2; i++) {
		if ((r = linuxsrc_get(src, files[i], false, &f[i], d)) < 0)
			return -1;
		missing |= r == 2;
	}
	if (missing && !fetch)
		return 2;
	if (missing && linuxsrc_fetch(src, files, 2, d) < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (!f[i] && linuxsrc_get(src, files[i], false, &f[i], d) != 0)
			return -1;
	*fault = lx_load(f[0], REPLAY_LX_FAULT_FILE, fault_finds,
			 sizeof fault_finds / sizeof fault_finds[0], d);
	if (*fault)
		*mm = lx_load(f[1], REPLAY_LX_MM_FILE, mm_finds, sizeof mm_finds / sizeof mm_finds[0], d);
	if (!*mm) {
		replay_linux_free(*fault);
		*fault = NULL;
		return -1;
	}
	return 0;
}

unsigned replay_linux_marks(enum replay_code c, uint32_t error_code)
{
	if (c >= RC_COUNT)
		return 0;
	if (c == RC_ANON_PAGE)
		return B(REPLAY_LX_ANON);
	if (c == RC_WP_PAGE)
		return B(REPLAY_LX_WP);
	if (c != RC_HANDLE_MM)
		return B(c);
	/* a write to a present page copies it (COW); else a first touch */
	return (error_code & 3) == 3 ? B(REPLAY_LX_WP) : B(REPLAY_LX_ANON);
}

const char *replay_linux_func(enum replay_code c, uint32_t error_code)
{
	static const char *const func[RC_COUNT] = {
		[RC_ENTRY] = "exc_page_fault", [RC_KERNEL_TEST] = "do_kern_addr_fault",
		[RC_VMALLOC_FAULT] = "vmalloc_fault", [RC_SYNC_ONE] = "vmalloc_sync_one",
		[RC_SET_PMD] = "vmalloc_sync_one", [RC_SYNC_PTE] = "vmalloc_fault",
		[RC_FIND_VMA] = "do_user_addr_fault", [RC_HANDLE_MM] = "do_anonymous_page",
		[RC_ANON_PAGE] = "do_anonymous_page", [RC_WP_PAGE] = "do_wp_page",
		[RC_BAD_AREA] = "__bad_area_nosemaphore", [RC_NO_CONTEXT] = "page_fault_oops",
	};

	if (c >= RC_COUNT)
		return "exc_page_fault";
	if (c == RC_HANDLE_MM && (error_code & 3) == 3)
		return "do_wp_page";
	return func[c];
}

const char *replay_linux_file(enum replay_code c, uint32_t error_code)
{
	(void)error_code;
	return c == RC_HANDLE_MM || c == RC_ANON_PAGE || c == RC_WP_PAGE ? REPLAY_LX_MM_FILE
									 : REPLAY_LX_FAULT_FILE;
}
