/* SPDX-License-Identifier: GPL-2.0-only */
/* lesson.h - the lesson model: what a lesson file says, checked and computed.
 *
 * A lesson is a YAML file (docs/lesson-format.md) of steps. lesson_load()
 * reads it, rejects it whole at the first schema error (FILE:LINE:COL in the
 * caller's struct diag; lesson_load_all() gives every independent one), and
 * otherwise returns a model in which every number
 * about a walk has been computed by the engine: the loader builds each walk
 * step's physical memory, runs walk_run() on it, checks the author's
 * `expect:` values against the result and fills `{placeholders}` in the
 * step's text from it. The front end only draws this model; it never parses
 * or computes anything a lesson states.
 *
 * Ownership: lesson_load() returns a struct lesson the caller frees with
 * lesson_free() (NULL is a no-op). Everything reachable from it (strings,
 * steps, physmem, excerpts) belongs to it and lives until lesson_free().
 * Every string has passed through text_escape(): no control character and
 * no invalid UTF-8 is in the model; '\n' appears only where a field allows
 * several lines (step text, code lines never contain one).
 *
 * The model is read-only after loading: draw from `const struct lesson *`.
 * Quizzes are instantiated and graded by quiz.h without changing the lesson.
 *
 * engine/lesson, the group. It uses paging, util, trace (a replay step
 * loads the trace it names and replays it: trace/trace.h, trace/replay.h)
 * and source (a code excerpt's Linux lines: lesson_excerpt.c and
 * load_code.c through source/linuxsrc.h); engine/catalog uses it.
 * Within the group dependencies run one way:
 *   paging, util <- placeholder.c <- lesson.c (model, freeing) <- quiz*.c
 *   <- lesson_load.c + load_*.c (load_int.h) <- engine/catalog;
 *   lesson_find.c (a replay step's trace, paths only) is the loader's;
 *   lesson_excerpt.c (Linux's lines for the excerpts), lesson_write.c and
 *   progress.c stand beside the loader.
 * - Errors: every call that can fail returns -1 or NULL with the caller's
 *   struct diag filled: FILE:LINE:COL for anything a file says, no location
 *   for the rest. Nothing prints; out of memory is an error like the others.
 * - Ownership: as above for lessons; quiz.h and progress.h state their own.
 * - Cost: loading is linear in the file, plus the engine work it asks for:
 *   a walk per walk step, 64 quiz instances per random quiz, and the traces
 *   replay steps name, each loaded once per lesson and all of them bounded
 *   together by LESSON_MAX_TRACE_BYTES. The catalog loads every listed file.
 */
#ifndef PAGEWALK_LESSON_H
#define PAGEWALK_LESSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "paging/arch.h"
#include "util/diag.h"
#include "paging/fault.h"
#include "paging/physmem.h"
#include "util/text.h"
#include "trace/trace.h"
#include "paging/walk.h"

/* Limits for hostile input; a file beyond any of them is rejected. */
#define LESSON_MAX_FILE    (1024 * 1024)  /* bytes */
#define LESSON_MAX_STEPS   500
#define LESSON_MAX_DEPTH   16             /* YAML nesting of maps/sequences */
#define LESSON_MAX_STRING  16384          /* bytes in one scalar */
#define LESSON_MAX_ENTRIES 4096           /* entries:/mappings: items per step */
#define LESSON_MAX_HINTS   16
#define LESSON_MAX_LINES   400            /* lines in one code excerpt */
/* trace file bytes all replay steps of one lesson may load together (each
 * trace is loaded once per lesson however many steps name it) */
#define LESSON_MAX_TRACE_BYTES (64u << 20)

/* ---- code excerpts ---------------------------------------------------- */

/* A reference to lines of Linux's own source: file, version, line range
 * and the symbol the range shows. The lesson file holds no kernel text;
 * lesson_excerpts_resolve() reads the lines from the user's installed
 * linux-source-6.1 (linuxsrc.h). Until then, or when the package is
 * missing, lines is NULL and `missing` says why (and how to get it).
 * A `version: guest` excerpt is our guest kernel's own code (guest/...),
 * written in the lesson, its lines filled at load time (symbol NULL). */
struct excerpt {
	char *id;              /* name used by `code: {ref: ID}`; NULL if inline */
	char *file;            /* "arch/x86/mm/fault.c" */
	char *version;         /* "v6.1" (the only version pagewalk shows as Linux's), or "guest" */
	char *lang;            /* source language for the front end: "c" (default), "asm" */
	char *symbol;          /* the function, macro or type the range must hold */
	unsigned first_line, last_line;  /* the range in the file, inclusive, >= 1, in the
					    upload LINUXSRC_PINNED (linuxsrc.h) */
	unsigned symbol_line;  /* the line of that range holding symbol; 0: not given */
	int line, col;         /* where the excerpt is written in the lesson */
	int file_line, file_col;  /* where its file is named */
	char **lines;          /* resolved: last-first+1 escaped lines (tabs expanded),
				  lines[i] is file line first_line + i; else NULL */
	size_t nlines;
	char *missing;         /* not resolved: why, escaped (NULL before resolving) */
	int shift;             /* resolved: lines[i] is file line first_line + shift + i */
	char moved_in[32];     /* resolved from another upload where the lines moved
				  (shift != 0): its version; else "" */
};

/* One inclusive range of highlighted file line numbers. */
struct line_range {
	unsigned first, last;  /* first_line <= first <= last < first_line + nlines */
};

/* An excerpt shown beside a step, with the lines this step highlights. */
struct code_view {
	const struct excerpt *ex;  /* points into lesson->excerpts; NULL = no code */
	struct line_range *hl;     /* highlighted ranges, in file line numbers */
	size_t nhl;
};

/* True when file line number `line` is highlighted in v. */
bool code_view_highlighted(const struct code_view *v, unsigned line);

/* ---- table setup shared by walk, fault and quiz steps ----------------- */

/* Where the loader put one table page, for drawing tables by name. */
struct table_page {
	uint64_t pa;           /* physical base of the table */
	enum level level;      /* the real level whose entries it holds */
	bool master;           /* part of the master (init_mm.pgd) tables */
};

/* Simulated memory and cr3, built by the loader from `entries:` (physical
 * address -> value) and/or `mappings:` (va -> pa; table pages allocated in
 * order from `tables_at:`). On arm64 there are two trees: cr3 holds
 * TTBR0_EL1 (the user half's table) and ttbr1 TTBR1_EL1 (the kernel's). */
struct table_setup {
	const struct arch *arch;
	struct physmem *mem;       /* owned; never NULL in a loaded step */
	uint64_t cr3;              /* x86: cr3; arm64: TTBR0_EL1 */
	uint64_t ttbr1;            /* arm64: TTBR1_EL1; 0 on x86 */
	uint64_t master_cr3;       /* fault steps: init_mm.pgd's cr3; 0 otherwise */
	struct table_page *pages;  /* the table pages the loader knows of */
	size_t npages;
};

/* ---- steps ------------------------------------------------------------- */

enum step_kind {
	STEP_TEXT,      /* narrative paragraphs only */
	STEP_SPLIT,     /* an address's bit fields for an arch */
	STEP_WALK,      /* tables + the walk of one address, level by level */
	STEP_COMPARE,   /* one address split under several archs side by side */
	STEP_CODE,      /* a source excerpt with highlighted lines */
	STEP_QUIZ,      /* a question the engine answers (see quiz.h) */
	STEP_FAULT,     /* a page fault: walk, do_page_fault's route, vmalloc_sync_one, walk again */
	STEP_REPLAY,    /* one fault event of a recorded trace (summary + a link to the replayer) */
	STEP_KIND_COUNT
};

/* "text", "split", "walk", "compare", "code", "quiz", "fault", "replay". */
const char *step_kind_name(enum step_kind k);

struct step_split {
	const struct arch *arch;
	uint64_t addr;
	struct addr_fields fields;   /* computed by addr_split() */
};

struct step_walk {
	struct table_setup setup;
	uint64_t addr;
	struct access access;
	struct walk walk;            /* computed by walk_run(); the front end
	                                animates walk.step[0 .. nsteps-1] */
};

#define COMPARE_MAX 4               /* columns the player lays side by side */
struct step_compare {
	uint64_t addr;
	const struct arch *arch[COMPARE_MAX];
	struct addr_fields fields[COMPARE_MAX];  /* fields[i] for arch[i] */
	bool fits[COMPARE_MAX];      /* false: addr does not fit arch[i] */
	char why[COMPARE_MAX][240];  /* when !fits: addr_split's sentence */
	size_t narch;
};

/* A fault step: the access walks the process table (setup.cr3) and faults;
 * do_page_fault routes it; on the vmalloc path vmalloc_sync_one copies the
 * master's entry (setup.master_cr3) and the access is walked again. */
struct step_fault {
	struct table_setup setup;    /* memory before the fault */
	struct physmem *mem_after;   /* owned: memory after the sync (a copy);
	                                equal to setup.mem when nothing was copied */
	uint64_t addr;
	struct access access;
	uint64_t task_size;          /* default 0xC0000000 */
	struct vma *vmas;            /* owned; user vmas, sorted */
	size_t nvmas;
	struct walk before;          /* the faulting walk */
	uint32_t error_code;         /* before.error_code (0 if it did not fault) */
	bool faulted;                /* false: the walk succeeded, no fault */
	enum fault_path path;        /* fault_route() */
	bool synced;                 /* vmalloc_sync_one ran */
	struct sync_report sync;     /* its report when synced */
	bool copied;                 /* it wrote the process's entry (also when
	                                the pte check then failed) */
	bool retried;                /* vmalloc_fault returned 0: the access is
	                                retried (else no_context: an oops) */
	struct walk after;           /* the walk over the memory after the sync
	                                (the retried walk when retried) */
};

/* A replay step: one fault event of a recorded trace, copied out of the
 * trace at load time (the lesson does not keep the trace; the front end
 * opens trace_path in the replayer at `event`). */
#define REPLAY_STEP_MAX_WRITES 8
struct step_replay {
	char *trace_path;            /* the file that was loaded (for opening it) */
	char *trace_shown;           /* the same, escaped for display */
	char *source;                /* "pagewalk-guest/qemu" (escaped) */
	const struct arch *arch;     /* the trace's arch */
	size_t event;                /* 0-based index into the trace's events */
	uint64_t seq;                /* the event's sequence number (as `dump` prints) */
	size_t nevents;              /* events in the trace */
	uint32_t pid;
	uint64_t cr2, cr3, ip;
	uint32_t error_code;
	uint32_t cpl;
	enum fault_path path;        /* what do_page_fault did */
	enum trace_outcome outcome;
	struct walk walk;            /* the recorded walk (trace_walk_recorded) */
	struct trace_write writes[REPLAY_STEP_MAX_WRITES]; /* the event's writes */
	size_t nwrites;              /* shown (at most REPLAY_STEP_MAX_WRITES) */
	size_t nwrites_all;          /* the event's real count */
	bool synced;                 /* the event copied a master entry: */
	struct trace_write sync;     /* that write (from = the master entry) */
	uint64_t master_pgd;         /* the trace header's init_mm.pgd */
	/* a trace of Linux (format 3): the fault's call chain down to its
	 * deepest frame, "exc_page_fault > ... > do_wp_page (mm/memory.c:3350)",
	 * and that frame alone, "do_wp_page (mm/memory.c:3350)"; "" when the
	 * trace has none (our guest's) */
	char calls[512];
	char deepest[160];
	/* a program's fault (format 5): its place, "pages.c:15 main()", and
	 * that line of the program's source, trimmed; "" when none */
	char program[320];
	char program_line[200];
};

enum quiz_kind {
	QUIZ_INDEX,       /* index of `level` for the address */
	QUIZ_ENTRY,       /* physical address of the entry read at `level` */
	QUIZ_PHYS,        /* physical address the access reaches */
	QUIZ_OFFSET,      /* page offset of the address */
	QUIZ_SPLIT,       /* all fields: "pgd [p4d] [pud] [pmd] pte offset" */
	QUIZ_MACRO,       /* value of a macro (PMD_SHIFT, PGDIR_MASK ...) */
	QUIZ_FAULT_PATH,  /* which way do_page_fault goes for an error code */
	QUIZ_ERROR_BITS,  /* names of the bits set in an error code */
	QUIZ_ERROR_CODE,  /* the error code the CPU pushes for a faulting access */
	QUIZ_ESR,         /* arm64: the ESR_EL1 the CPU writes for an aborting access */
	QUIZ_TTBR,        /* arm64: which base register translates the address (0 or 1) */
	QUIZ_KIND_COUNT
};

/* "index", "entry", "phys", "offset", "split", "macro", "fault-path",
 * "error-bits", "error-code", "esr", "ttbr". */
const char *quiz_kind_name(enum quiz_kind k);
/* What a quiz of kind k asks, for a heading: quiz_kind_name in English,
 * its Japanese words ("インデックス", "フォルトの行き先" ...) in Japanese. */
const char *quiz_kind_title(enum quiz_kind k, enum lang lang);

/* How a quiz picks a fresh address per instance (quiz_instance's seed).
 * An address satisfies every constraint given. */
struct addr_constraint {
	uint64_t lo, hi;             /* inclusive range (default: whole arch) */
	uint64_t align;              /* power of two; 1 = any */
	bool mapped;                 /* inside one of the step's `mappings:` */
	signed char parity[LEVEL_COUNT]; /* -1 any, 0 even index, 1 odd index */
	bool kernel;                 /* kernel half of the picked arch (>= TASK_SIZE) */
	bool user;                   /* user half of the picked arch */
	bool has_range;              /* lo/hi were given (else the whole arch) */
};

struct step_quiz {
	enum quiz_kind kind;
	struct text question;        /* may hold {addr} {arch} {level} {macro}
	                                {error_code}: filled per instance */
	struct text *hints;          /* shown one by one */
	size_t nhints;
	const struct arch *archs[ARCH_COUNT]; /* candidates; one picked per instance */
	size_t narchs;
	enum level levels[LEVEL_COUNT];       /* index/entry: candidate levels */
	size_t nlevels;
	bool fixed_addr;             /* addr given; else random within `random` */
	uint64_t addr;
	struct addr_constraint random;
	char **macros;               /* macro: candidate names */
	size_t nmacros;
	uint32_t *error_codes;       /* fault-path / error-bits: candidates */
	size_t nerror_codes;
	struct access access;        /* phys / entry / error-code walks */
	bool has_tables;             /* setup is filled (entry, phys, error-code, esr) */
	struct table_setup setup;    /* single arch when has_tables */
	uint64_t (*mapped)[2];       /* va ranges [start, end) of `mappings:` */
	size_t nmapped;
	uint64_t task_size;          /* fault-path */
	struct vma *vmas;            /* fault-path: owned */
	size_t nvmas;
	bool linux61;                /* fault-path, `names: linux-6.1`: routes named by
					Linux 6.1's functions (fault.h linux61) */
};

struct step {
	enum step_kind kind;
	int line, col;               /* where the step starts in the file */
	struct text heading;         /* optional short title; empty when absent */
	struct text body;            /* paragraphs (placeholders already filled);
	                                inline `code` spans kept as backquotes */
	struct text body_src;        /* body as the file wrote it, placeholders
	                                unfilled (steps that fill them; else empty):
	                                what lesson_write() writes back */
	struct code_view code;       /* STEP_CODE, or any step's `code:` attachment */
	union {
		struct step_split split;
		struct step_walk walk;
		struct step_compare compare;
		struct step_quiz quiz;
		struct step_fault fault;
		struct step_replay replay;
	} u;                         /* per kind; STEP_TEXT and STEP_CODE use none */
};

struct lesson {
	char *path;                  /* as given to lesson_load */
	char *name;                  /* file stem: "03-x86-32-2level" */
	struct text title;
	struct text summary;         /* optional one-liner for the home menu */
	const struct arch *arch;     /* default arch of its steps; never NULL */
	struct excerpt *excerpts;    /* `code:` table plus inline excerpts */
	size_t nexcerpts;
	struct step *steps;          /* nsteps >= 1 */
	size_t nsteps;
};

/* Load and check the lesson at path. NULL with d filled on any error (the
 * file is never half-loaded). */
struct lesson *lesson_load(const char *path, struct diag *d);
/* The same from a buffer; path is only used for messages and the name. */
struct lesson *lesson_load_buffer(const char *path, const char *buf, size_t len,
				  struct diag *d);
/* The same, reporting every independent error of a bad file (for `check`):
 * the lesson's own keys (each missing or bad one; an unknown key), then
 * the first error of each step, steps being checked on their own. A YAML
 * syntax error, a bad steps or code table end the search there (what
 * follows depends on them); with the lesson's arch missing or unknown, a
 * step's error is the one it gives under every arch. errs (max long) gets
 * the first max in file order; *nerrs says how many there were in all.
 * NULL when there was any. */
struct lesson *lesson_load_all(const char *path, const char *buf, size_t len,
			       struct diag *errs, size_t max, size_t *nerrs);
void lesson_free(struct lesson *l);
/* Write l as lesson YAML (docs/lesson-format.md) that lesson_load_buffer()
 * reads back to an equal model: walk tables become `entries:` of the built
 * memory, computed text is written with its braces doubled, a fixed quiz gets
 * the engine's answer as `expect:`. Returns 0, or -1 with d filled (write
 * error, out of memory). The output is a fixed point: writing the reloaded
 * model gives the same bytes. */
int lesson_write(const struct lesson *l, FILE *f, struct diag *d);

/* Model helpers for the loader: free what a table setup / a step owns and
 * zero it (a zeroed one is a no-op). */
void table_setup_clear(struct table_setup *s);
void step_clear(struct step *s);
/* Free what an excerpt owns (lesson_excerpt.c). */
void lesson_excerpt_clear(struct excerpt *e);

/* Read every excerpt's lines from the installed linux-source-6.1 (files
 * extracted once into the cache by xz block; the first time for an upload
 * the tarball is indexed, which takes seconds).
 * 0: all resolved and checked (each range inside its file and holding its
 * symbol). 1: the package is not installed; every excerpt's `missing` says
 * which lines of which file and how to get them. -1: a check failed or the
 * source could not be read: d says where (LESSON:LINE:COL of the excerpt)
 * and the excerpts not shown carry the message in `missing`. May be called
 * again; the model is otherwise unchanged. */
int lesson_excerpts_resolve(struct lesson *l, struct diag *d);
/* The same, never extracting: 2 when some file is not in the cache yet
 * (the excerpts stay unresolved, `missing` NULL; the caller extracts in
 * the background and calls again). Else as lesson_excerpts_resolve.
 *
 * Which lines: on the upload LINUXSRC_PINNED each range must hold its
 * symbol (else -1). On another upload the symbol is looked for in the
 * file: its nearest line to symbol_line (when not given: the smallest
 * move that puts it in the range) shifts the range, moved_in naming the
 * upload when it moved; a symbol the file no longer has is -1. */
int lesson_excerpts_resolve_cached(struct lesson *l, struct diag *d);
/* The distinct source files l's excerpts name, at most max, into files
 * (pointers into l). Returns how many. */
int lesson_excerpts_files(const struct lesson *l, const char **files, size_t max);

/* Find the trace file a replay step names (`trace: traces/x.yaml`) for the
 * lesson at lesson_path: an absolute name is used as is; otherwise the
 * name relative to the parent of the lesson file's directory (the tree the
 * lesson came from: lessons/../traces/x.yaml), then the name's last part in
 * the trace search order of datadir.h ($PAGEWALK_TRACES, ./traces, the
 * installed traces); the first regular file found wins. Returns 0 with the path in out, or -1 when none exists
 * (out then holds the first place tried, for the message). */
int lesson_trace_find(const char *lesson_path, const char *name, char *out,
		      size_t outlen);

#endif
