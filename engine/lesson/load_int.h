/* SPDX-License-Identifier: GPL-2.0-only */
/* load_int.h - the lesson loader's parts, shared by lesson_load.c and load_*.c.
 * Not for the front end (which uses lesson_load() in lesson.h).
 *
 *   load_schema.c        failure helper, basic values, step key lists
 *   load_code.c          code excerpts (code: table and views)
 *   load_tables.c        page-table builder (mappings:, entries:, cr3:)
 *   load_arm64.c         arm64: its two trees (ttbr0:, ttbr1:), walk steps,
 *                        expect: keys and placeholders
 *   load_placeholders.c  {placeholders} of split/walk/fault steps
 *   load_expect.c        expect: checks against the engine's results
 *   load_steps.c         split, walk, compare, fault steps
 *   load_replay.c        replay steps (recorded traces, loaded once each)
 *   load_quiz.c          quiz schema and its seed checks
 *   load_prose.c         numbers stated in prose, checked against the arch
 *                        (its forms in prose_rules.c, prose_facts.c; load_prose_int.h)
 *
 * Every ld_* function that can fail returns 0, or -1 with ld->d filled at
 * the mark of the offending node (FILE:LINE:COL). Memory goes into the
 * lesson being built (ld->l), which lesson_load() frees on failure: a part
 * never frees what it stored there. Traces replay steps load stay in
 * ld->traces until the load ends.
 */
#ifndef PAGEWALK_LOAD_H
#define PAGEWALK_LOAD_H

#include "lesson/lesson.h"
#include "lesson/placeholder.h"
#include "util/yamlnode.h"

#define QUIZ_CHECK_SEEDS 64
#define DEFAULT_TABLES_AT 0x100000ULL
#define DEFAULT_TASK_SIZE 0xc0000000ULL

struct trace_cache;

struct ld {
	const char *path;
	struct diag *d;
	struct lesson *l;
	size_t excap;               /* capacity of l->excerpts (never reallocated) */
	struct trace_cache *traces; /* traces replay steps loaded (load_replay.c) */
	const char *src;            /* the file's bytes (load_prose.c locates in them) */
	size_t srclen;
};

/* ---- load_schema.c ---- */
/* Fill ld->d at node n's mark (n may be NULL); returns -1. */
int ld_fail(struct ld *ld, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define FAILN(ld, n, ...) ld_fail((ld), (n), __VA_ARGS__)
bool ld_key_eq(const struct ynode *k, const char *s);
/* A text: a string or {en: ..., ja: ...}. */
int ld_text(struct ld *ld, const struct ynode *n, bool newlines, const char *what,
	    struct text *out);
int ld_arch(struct ld *ld, const struct ynode *n, const struct arch **out);
/* The step's arch: its own `arch:` or the lesson's. */
int ld_step_arch(struct ld *ld, const struct ynode *m, const struct arch **out);
int ld_u64(struct ld *ld, const struct ynode *n, uint64_t max, const char *what,
	   uint64_t *out);
/* A linear address that fits arch a (canonical on x86-64). */
int ld_addr(struct ld *ld, const struct ynode *n, const struct arch *a, const char *what,
	    uint64_t *out);
uint64_t ld_pa_max(const struct arch *a);
uint64_t ld_entry_max(const struct arch *a);
extern const char *const ld_level_words[];
int ld_level(struct ld *ld, const struct ynode *n, enum level *out);
/* access: and user: of a step (read, kernel by default). */
int ld_access(struct ld *ld, const struct ynode *m, struct access *out);
/* m's keys are the common step keys plus extra[] (NULL-terminated). */
int ld_step_keys(struct ld *ld, const struct ynode *m, const char *const *extra,
		 const char *kind);
/* m has key: "a KIND step needs key". */
int ld_need(struct ld *ld, const struct ynode *m, const char *key, const char *kind);

/* ---- load_code.c ---- */
int ld_code_table(struct ld *ld, const struct ynode *m);
/* Every Linux excerpt's file is a regular file of linux-source-6.1 (the
 * package's listing, when one is known: a directory is refused, a name
 * the pinned upload lacks too), checked once the lesson has loaded. 0, or
 * -1 with ld->d at the file's place. */
int ld_code_files(struct ld *ld);
int ld_code_view(struct ld *ld, const struct ynode *m, struct code_view *v);

/* ---- load_tables.c ---- */
/* Build s from a step map: mappings, entries, cr3 (and the master table for
 * faults). ranges (optional) collects each mapping's [va, va+size). An
 * arm64 arch goes to ld_tables_arm64. */
int ld_tables(struct ld *ld, const struct ynode *m, const struct arch *a,
	      struct table_setup *s, bool fault, uint64_t (**ranges)[2], size_t *nranges);
/* The builder's state, and its helpers both families use. */
struct tb {
	struct ld *ld;
	const struct arch *a;
	struct table_setup *s;
	uint64_t next;           /* next free page */
	size_t cap;
	uint64_t page;           /* bytes of a table page: 4096, arm64's granule */
};
/* Is a table page at pa already known? */
bool ld_tb_taken(const struct tb *t, uint64_t pa);
/* Record the table page at pa (level lv). */
int ld_tb_add(struct tb *t, const struct ynode *at, uint64_t pa, enum level lv, bool master);
/* A fresh zeroed table page for level lv, t->page bytes above the last. */
int ld_tb_alloc(struct tb *t, const struct ynode *at, enum level lv, bool master, uint64_t *pa);
/* entries: {PA: VALUE} written into memory as they are (each address once). */
int ld_tb_entries(struct tb *t, const struct ynode *ents);
/* The real level below lv, or LEVEL_COUNT. */
enum level ld_next_real(const struct arch *a, enum level lv);

/* ---- load_arm64.c ---- */
/* ld_tables for an arm64 arch (see load_arm64.c). */
int ld_tables_arm64(struct ld *ld, const struct ynode *m, const struct arch *a,
		    struct table_setup *s, uint64_t (**ranges)[2], size_t *nranges);
/* A walk step on an arm64 arch (ld_walk hands it over). */
int ld_walk_arm64(struct ld *ld, const struct ynode *m, struct step *s, const struct arch *a);
/* The placeholders of an arm64 split or walk step (vctx: struct ph_ctx):
 * {ttbr}, {ttbr0}, {ttbr1}, {esr}, {far}, {ec}, {fsc}, {wnr}, {fault},
 * {route}, {pgd.level} ..., {va_bits}, {page_shift}, {levels} (VA_BITS,
 * PAGE_SHIFT, CONFIG_PGTABLE_LEVELS), arm64's {status}; the rest as
 * ld_ph_resolve. */
int ld_ph_resolve_arm64(void *vctx, const char *name, size_t len, struct ph_value *out,
			struct diag *d);
/* "ok", "translation-fault", "access-flag-fault", "permission-fault",
 * "neither-range": an arm64 walk's status for expect: and {status}. */
const char *ld_status_word_arm64(enum walk_status s);

/* ---- load_placeholders.c ---- */
struct ph_ctx {
	const struct arch *a;
	uint64_t addr;
	const struct addr_fields *f;   /* arm64: NULL when addr is in neither range */
	const struct walk *w;          /* NULL for split */
	uint64_t cr3;
	uint64_t ttbr1;                /* arm64 walks: TTBR1_EL1 (cr3: TTBR0_EL1) */
	const struct step_fault *fault;
	enum lang lang;                /* of the text being expanded: {sync} in its words */
};
/* "ok", "not-present", ... for expect: status and {status}. */
const char *ld_status_word(enum walk_status s);
/* ph_resolve_fn for split, walk and fault steps (vctx: struct ph_ctx). */
int ld_ph_resolve(void *vctx, const char *name, size_t len, struct ph_value *out,
		  struct diag *d);
/* Expand the step's text: with fn/ctx, failing at m's text: node. */
int ld_expand_text(struct ld *ld, const struct ynode *m, struct step *s,
		   ph_resolve_fn *fn, void *ctx);

/* ---- load_expect.c ---- */
int ld_expect_word(struct ld *ld, const struct ynode *n, const char *what, const char *got);
/* expect: {pgd: N, ..., offset: N} against f. */
int ld_expect_fields(struct ld *ld, const struct ynode *e, const struct addr_fields *f);
/* One walk expect key; `after` is the walk phys/frame/page_size refer to.
 * *handled is false for a key this does not know. */
int ld_expect_walk_key(struct ld *ld, const struct ynode *k, const struct ynode *v,
		       const struct addr_fields *f, const struct walk *w,
		       const struct walk *after, uint32_t error_code, bool *handled);

/* ---- load_steps.c ---- */
int ld_split(struct ld *ld, const struct ynode *m, struct step *s);
int ld_walk(struct ld *ld, const struct ynode *m, struct step *s);
int ld_compare(struct ld *ld, const struct ynode *m, struct step *s);
int ld_fault(struct ld *ld, const struct ynode *m, struct step *s);
/* vmas: [{start, end, perm}] sorted, page-aligned, not overlapping. */
int ld_vmas(struct ld *ld, const struct ynode *n, struct vma **out, size_t *nout,
	    const struct arch *a);

/* ---- load_replay.c ---- */
int ld_replay(struct ld *ld, const struct ynode *m, struct step *s);
/* Free the traces replay steps loaded (NULL is a no-op). */
void ld_traces_free(struct trace_cache *c);

/* ---- load_prose.c ---- */
/* Numbers a step's text, question and hints state (MACRO = N, N entries,
 * >> N ...) against the arch in scope (a replay's trace, else the step's);
 * fails at the number. Run after the step loaded. */
int ld_prose(struct ld *ld, const struct ynode *m, const struct step *s);

/* ---- load_quiz.c ---- */
int ld_quiz(struct ld *ld, const struct ynode *m, struct step *s);

#endif
