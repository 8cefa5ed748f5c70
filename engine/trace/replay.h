/* SPDX-License-Identifier: GPL-2.0-only */
/* replay.h - the replayer's model: a trace cut into stages, and a cursor.
 *
 * Each event of a trace is shown as a short sequence of stages. A fault:
 *
 *   access        cr2, ip, the error code in words, which side of TASK_SIZE
 *   walk 0..n-1   the recorded walk, one level per stage (folded levels too)
 *   faulted       the walk stops: #PF raised at the failing level
 *   path ...      do_page_fault's route, one code point per stage
 *                 (entry, the kernel-address test, vmalloc_fault,
 *                 vmalloc_sync_one / find_vma, handle_mm_fault, bad_area ...)
 *   call i        instead of the path, for a fault with a recorded call
 *                 chain (a trace of real Linux, trace.h's struct
 *                 trace_call): one stage per frame, in the order the
 *                 handler reached them; the writes (copy, write) come
 *                 right after the deepest frame (the last one at the
 *                 greatest depth), then the frames after it
 *   copy j        (vmalloc sync) the master entry on its way to the process
 *   write j       entry j of the event's writes: old -> new
 *   retry         the access again, walked over the tables after the writes
 *   end           SIGSEGV / oops (when the access is not retried)
 *
 * Other events (map, switch, note) are one stage, plus one per write.
 *
 * The cursor (struct replay) is at one (event, stage). Moving costs the
 * same wherever it goes: the page tables come from a struct trace_state
 * (per-entry write histories), never from replaying from the start. The
 * cursor keeps the current event's stages, its recorded walk and the
 * retried walk, so drawing only reads.
 *
 * Ownership: replay_new() borrows the trace (it must outlive the cursor);
 * everything else belongs to the cursor. replay_free(NULL) is a no-op.
 * No curses, no printing.
 */
#ifndef PAGEWALK_REPLAY_H
#define PAGEWALK_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/text.h"
#include "trace/trace.h"
#include "paging/walk.h"

enum replay_stage_kind {
	RS_EVENT,      /* a non-fault event: map, switch, note */
	RS_ACCESS,     /* the faulting access */
	RS_WALK,       /* walk step arg revealed (index into the recorded walk) */
	RS_FAULTED,    /* the walk failed: #PF */
	RS_PATH,       /* handler code point arg (enum replay_code) */
	RS_COPY,       /* vmalloc sync: write arg's master value in flight */
	RS_WRITE,      /* write arg of the event applied: old -> new */
	RS_RETRY,      /* the retried walk */
	RS_END,        /* the access is not retried: SIGSEGV or oops */
	RS_CALL,       /* frame arg (0-based in the event's chain) of a recorded call chain */
	RS_USER_WALK,  /* PTI: the user copy's walk, which the CPU made in user mode */
	RS_USER_TOP,   /* PTI: the kernel half of both copies' pgd (user-top): arg 0 the
			* user copy's own entry, 1 the shared one and the kernel's alone, 2 why */
	RS_KIND_COUNT
};

/* Code points of the handler's path: each highlights lines of the excerpt. */
enum replay_code {
	RC_ENTRY,          /* do_page_fault: address = read_cr2() */
	RC_KERNEL_TEST,    /* address >= TASK_SIZE && !(error_code & (RSVD|U|P)) */
	RC_VMALLOC_FAULT,  /* vmalloc_fault: pgd = cr3's table, pgd_k = init_mm.pgd */
	RC_SYNC_ONE,       /* vmalloc_sync_one: index, pmd and pmd_k, presence */
	RC_SET_PMD,        /* set_pmd(pmd, *pmd_k) */
	RC_SYNC_PTE,       /* pte_k present: return 0 */
	RC_FIND_VMA,       /* find_vma(mm, address), good_area checks */
	RC_HANDLE_MM,      /* handle_mm_fault: find or allocate the page table */
	RC_ANON_PAGE,      /* do_anonymous_page: zero page (read) or a new page (write) */
	RC_WP_PAGE,        /* do_wp_page: copy the read-only zero page, map it writable */
	RC_BAD_AREA,       /* bad_area: SIGSEGV for a user access */
	RC_NO_CONTEXT,     /* no_context: kernel oops */
	RC_COUNT
};

struct replay_stage {
	enum replay_stage_kind kind;
	int arg;
};

/* One line of a code excerpt; `codes` has bit (1 << RC_*) for each code
 * point that highlights it. `ja`: the line with its comment in Japanese
 * (NULL: the same in every language). */
struct replay_code_line {
	const char *text;
	unsigned codes;
	const char *ja;
};
struct replay_excerpt {
	const char *title[LANG_COUNT];        /* "guest/fault.c (pagewalk's guest ...)" */
	const struct replay_code_line *lines;
	size_t nlines;
	unsigned first_line;                  /* number shown for lines[0] */
};
/* Line i of ex in lang (the Japanese comment when there is one). */
const char *replay_code_text(const struct replay_excerpt *ex, size_t i, enum lang lang);
/* One sentence on what code point c does here, in lang. */
const char *replay_code_says(enum replay_code c, enum lang lang);

/* ---- the guest's own handler (replay_guest.c) ----
 *
 * Traces whose header source is REPLAY_GUEST_SOURCE were recorded by our
 * guest kernel (guest/), whose page-fault handler keeps Linux's names. Its
 * guest/fault.c is compiled into the engine (the Makefile generates
 * replay_guest_fault_c[] from the file), and the lines each code point
 * highlights are found in it by function name and statement, so the pane
 * follows the guest's source as it changes. */
#define REPLAY_GUEST_SOURCE "pagewalk-guest"
#define REPLAY_GUEST_FILE "guest/fault.c"
extern const char replay_guest_fault_c[];
/* Was the trace recorded by our guest? */
bool replay_is_guest(const struct trace *t);
/* An excerpt of the whole of src (a copy of guest/fault.c, named name)
 * with the lines of every code point located: RC_ENTRY in do_page_fault,
 * RC_VMALLOC_FAULT in vmalloc_fault, RC_SYNC_ONE / RC_SET_PMD in
 * vmalloc_sync_one, RC_HANDLE_MM in handle_mm_fault ... NULL with d
 * filled (NAME:LINE:0: which function or statement is missing) when one
 * cannot be found, or memory ran out. Free with replay_guest_free. */
struct replay_excerpt *replay_guest_parse(const char *name, const char *src, struct diag *d);
/* The same on the built-in copy of guest/fault.c. */
struct replay_excerpt *replay_guest_new(struct diag *d);
void replay_guest_free(struct replay_excerpt *ex);
/* The function a located line (0-based index into ex) belongs to, into buf
 * ("" when none): the name in the nearest definition above it. */
void replay_guest_func_of(const struct replay_excerpt *ex, size_t i, char *buf, size_t len);

/* ---- Linux v6.1 beside it (replay_linux.c) ----
 *
 * The same code points in Linux v6.1's own source, read at run time from
 * the installed linux-source-6.1 (linuxsrc.h; pagewalk holds no copy):
 * arch/x86/mm/fault.c (exc_page_fault, handle_page_fault,
 * do_kern_addr_fault, vmalloc_fault, vmalloc_sync_one, do_user_addr_fault,
 * __bad_area_nosemaphore, page_fault_oops) and mm/memory.c
 * (do_anonymous_page, do_wp_page). Lines carry RC_* bits, and in memory.c
 * the two marks below. */
#define REPLAY_LX_FAULT_FILE "arch/x86/mm/fault.c"
#define REPLAY_LX_MM_FILE    "mm/memory.c"
enum { REPLAY_LX_ANON = RC_COUNT, REPLAY_LX_WP };  /* memory.c: first touch, COW */
/* Load both excerpts through src (linuxsrc_open's handle; NULL: the
 * package is not installed). fetch: extract what is missing first (waits).
 * 0 with *fault and *mm set; 1 when src is NULL; 2 (not fetch) when a file
 * cannot be read without extracting; -1 with d filled when it cannot be
 * read or a function or statement the replayer highlights is not found.
 * Free each with replay_linux_free (NULL is a no-op). */
struct linuxsrc;
int replay_linux_new(struct linuxsrc *src, bool fetch, struct replay_excerpt **fault,
		     struct replay_excerpt **mm, struct diag *d);
void replay_linux_free(struct replay_excerpt *ex);
/* The whole of a file read by linuxsrc_get as an excerpt (lines escaped,
 * tabs kept, no marks), named file. NULL with d filled when out of memory.
 * Free with replay_linux_free. */
struct linuxsrc_file;
struct replay_excerpt *replay_linux_excerpt(const struct linuxsrc_file *f, const char *file,
					    struct diag *d);
/* The bits of the lines to highlight for code point c of a fault with
 * error_code (at RC_HANDLE_MM: memory.c's do_wp_page for a write to a
 * present page, do_anonymous_page otherwise). */
unsigned replay_linux_marks(enum replay_code c, uint32_t error_code);
/* The v6.1 function whose lines c highlights, e.g. "vmalloc_fault" (at
 * RC_HANDLE_MM, as replay_linux_marks: do_wp_page or do_anonymous_page). */
const char *replay_linux_func(enum replay_code c, uint32_t error_code);
/* The file of v6.1 that defines it: REPLAY_LX_MM_FILE or
 * REPLAY_LX_FAULT_FILE (tests/cli/dump_md.sh checks each against
 * linux-source-6.1). */
const char *replay_linux_file(enum replay_code c, uint32_t error_code);

/* Timeline markers: what kind of event each marker stands for. */
enum replay_mark {
	RM_NONE,          /* not a fault */
	RM_DEMAND,        /* fault, path demand */
	RM_VMALLOC,       /* fault, path vmalloc-sync */
	RM_BAD_AREA,      /* fault, path bad-area (SIGSEGV) */
	RM_OOPS,          /* fault, path oops */
	RM_COUNT
};
enum replay_mark replay_mark_of(const struct trace_event *ev);

struct replay;

/* A cursor at the first stage of event 0. NULL when the trace has no events
 * or memory ran out. */
struct replay *replay_new(const struct trace *t);
void replay_free(struct replay *r);

const struct trace *replay_trace(const struct replay *r);
size_t replay_event(const struct replay *r);       /* 0-based */
size_t replay_stage(const struct replay *r);       /* 0-based in the event */
/* The current event's stages (valid until the cursor moves). */
const struct replay_stage *replay_stages(const struct replay *r, size_t *n);
/* The stage the cursor is at. */
const struct replay_stage *replay_cur(const struct replay *r);

/* Go to stage `stage` of event k (REPLAY_LAST: its last stage). Returns 0,
 * or -1 when k is out of range or memory ran out (the cursor does not move
 * when k is out of range). */
#define REPLAY_LAST ((size_t)-1)
int replay_seek(struct replay *r, size_t k, size_t stage);
/* One stage forwards (dir > 0) or backwards, across events. Returns 0, or
 * -1 at either end (no move). */
int replay_step(struct replay *r, int dir);
/* The first stage of the next / previous event. -1 at either end. Going
 * back from a later stage of an event first returns to its first stage. */
int replay_step_event(struct replay *r, int dir);
/* The next / previous fault event of another kind (a timeline marker:
 * demand, vmalloc, SIGSEGV, oops) than the current event's, after / before
 * it; from an event that is not a fault, the nearest fault. -1 when there
 * is none (no move). */
int replay_step_marker(struct replay *r, int dir);

/* Markers of kind m: *events gets the sorted fault events, returns count. */
size_t replay_marks(const struct replay *r, enum replay_mark m, const size_t **events);
/* The next (dir > 0) marker of kind m after event k, or the previous one
 * before it; -1 when none. */
long replay_mark_next(const struct replay *r, enum replay_mark m, size_t k, int dir);
/* Is there a marker of kind m among events [k0, k1)? (for the timeline) */
bool replay_mark_in(const struct replay *r, enum replay_mark m, size_t k0, size_t k1);

/* Search: the next event after (dir > 0) or before the current one that
 * matches query, wrapping around; the current event matches last. A query
 * is an address (0x..., hex) - events whose cr2 is in the same page, whose
 * cr3 is it, or that write or copy the entry at it - or a word: an event
 * kind (fault, map, switch, note, accessed), a fault path (demand,
 * vmalloc-sync or vmalloc, bad-area or segv, oops), an outcome (retried,
 * sigsegv, refault) - or, any other word, text of a note or a function of
 * a fault's recorded call chain (any case). Returns the event index, or
 * -1 when nothing matches (no move either way: replay_seek to go there). */
long replay_search(const struct replay *r, const char *query, int dir);
/* Does event k match query (as replay_search)? */
bool replay_match(const struct replay *r, size_t k, const char *query);
/* How many events match query; *index gets the current event's place
 * among them (1-based), 0 when it does not match ("match 3 of 12").
 * Linear in the trace, like one replay_search that finds nothing. */
size_t replay_search_count(const struct replay *r, const char *query, size_t *index);

/* ---- what the current stage shows ---- */

/* The recorded walk of the current event (nsteps 0 when not a fault). */
const struct walk *replay_walk(const struct replay *r);
/* The recorded walk of the current fault from its user copy (PTI's
 * user-walk), nsteps 0 when it has none. */
const struct walk *replay_user_walk(const struct replay *r);
/* The walk of the retried access over the tables after the event's writes
 * (nsteps 0 when not a fault). */
const struct walk *replay_retry_walk(const struct replay *r);
/* Writes of the current event applied at the current stage (0..nwrites). */
size_t replay_applied(const struct replay *r);
/* The value the entry at pa holds at the current stage (the state before
 * the event with the writes applied so far). false when the trace does not
 * know the entry. */
bool replay_entry(const struct replay *r, uint64_t pa, uint64_t *value);
/* The code point of the current stage: the latest RS_PATH at or before it
 * (RC_COUNT when none yet). */
enum replay_code replay_code_now(const struct replay *r);
/* The vmalloc sync write of the current event: index into its writes of
 * the first write with a `from` (the copied master entry), or -1. */
int replay_sync_write(const struct replay *r);

/* ---- a recorded call chain (replay_calls.c) ----
 *
 * A fault of a real Linux trace carries the functions its handler went
 * through (trace.h: ev->call0, ev->ncalls). Its handler stages are those
 * frames (RS_CALL), never our guest's code points. */

/* Has fault event ev a call chain (then its stages follow it)? */
bool replay_has_calls(const struct trace_event *ev);
/* The frame of the current stage: the latest RS_CALL at or before it, its
 * 0-based index in the event's chain into *i. NULL (and *i 0) before the
 * first frame or when the event has no chain. */
const struct trace_call *replay_call_now(const struct replay *r, size_t *i);
/* The frames alive at frame i of ev's chain (0-based), outermost first:
 * for each depth up to frame i's, the frame at that depth it was called
 * from, i last. Their 0-based indices into out (at most max); the count. */
size_t replay_call_stack(const struct trace *t, const struct trace_event *ev, size_t i,
			 size_t *out, size_t max);
/* One sentence on frame i of ev (what that Linux function does here, or
 * "back in fn" when the handler returned to it), in lang, into buf. */
void replay_call_text(const struct trace *t, const struct trace_event *ev, size_t i,
		      enum lang lang, char *buf, size_t len);
/* Why frame c's line is the one lit, or why none is (format 4's why: the
 * branch taken into code the compiler shares, code QEMU did not log), as
 * one sentence in lang into buf ("" when the frame says nothing). */
void replay_call_why(const struct trace_call *c, enum lang lang, char *buf, size_t len);
/* A function name as the source spells it: fn up to its first '.'
 * ("foo.isra.0" -> "foo"), into buf. */
void replay_call_base(const char *fn, char *buf, size_t len);

/* ---- the lines a chain points into (replay_lxsrc.c) ----
 *
 * The files of a trace's call chains, read from the user's own
 * linux-source-6.1 (linuxsrc.h: make linux's tree, or extracted once into
 * the cache; pagewalk holds no copy), with where each frame's function is
 * in them.
 * Ownership: a replay_lxsrc owns the lines it read but borrows its file
 * names from the trace: free it before the trace (replay_lxsrc_free
 * itself reads none of them). */
struct replay_lxsrc;
/* The distinct files t's calls point into, in first-use order (pointers
 * into t), at most max; the count. replay_lxsrc_new reads the first
 * LINUXSRC_MAX_FETCH (64) of them. */
size_t replay_lxsrc_files(const struct trace *t, const char **files, size_t max);
/* How replay_lxsrc_new gets them: only what can be read without
 * extracting (2 when one cannot yet), as it is (a file not there has no
 * lines), or extracting what is missing first (waits). */
enum replay_lxsrc_how { REPLAY_LXSRC_CACHED, REPLAY_LXSRC_AS_IS, REPLAY_LXSRC_FETCH };
/* Read them through src (linuxsrc_open's handle, used only during the
 * call; NULL: the package is not installed). cause: why an extraction
 * failed, said for each file not there ("" when none). 0 with *out set (a
 * file that could not be read has no lines: replay_lxsrc_why says why);
 * 1 when src is NULL (d says so); 2 (REPLAY_LXSRC_CACHED) when a file
 * cannot be read yet; -1 with d filled when out of memory. */
int replay_lxsrc_new(struct linuxsrc *src, const struct trace *t, enum replay_lxsrc_how how,
		     const char *cause, struct replay_lxsrc **out, struct diag *d);
void replay_lxsrc_free(struct replay_lxsrc *s);
/* The lines of file (one of replay_lxsrc_files), escaped, tabs kept;
 * NULL when it is not one of them or could not be read. */
const struct replay_excerpt *replay_lxsrc_file(const struct replay_lxsrc *s, const char *file);
/* Why file has no lines ("" when it has). */
const char *replay_lxsrc_why(const struct replay_lxsrc *s, const char *file);
/* The version of the source read ("6.1.192-3", or "6.1.N" from its
 * Makefile; "" when unknown). */
const char *replay_lxsrc_version(const struct replay_lxsrc *s);
/* The version of the source the trace's kernel was built from: the
 * header's kernel-source after the package name ("6.1.192-3"), else the
 * upstream version in its guest-build ("Linux version 6.1.192 ..."), else
 * "", into buf. */
void replay_lxsrc_trace_version(const struct trace *t, char *buf, size_t len);
/* Do the two differ? Debian versions are compared whole, else the
 * upstream parts; false when either is unknown. */
bool replay_lxsrc_differs(const struct replay_lxsrc *s, const struct trace *t);
/* Where t->calls[c]'s function is in the file read: 0 when the frame's
 * line is inside it, 1 when outside (the source differs from the kernel
 * that ran), -1 when the function is not found there; *first and *last
 * its lines (0 when not found). */
int replay_lxsrc_check(const struct replay_lxsrc *s, size_t c, unsigned *first, unsigned *last);

/* ---- words (replay_text.c): the engine says, the TUI picks the language ---- */

/* One sentence on the current stage in lang, into buf (cut to len). */
void replay_stage_text(const struct replay *r, enum lang lang, char *buf, size_t len);
/* Why walk wk failed, in lang (walk.c's reason is English). */
void replay_walk_reason(const struct walk *wk, enum lang lang, char *buf, size_t len);
/* The error code in words in lang: "P=0 page not present, W=1 write, U=0
 * kernel mode" (pf_describe) or its Japanese. */
void replay_error_words(uint32_t err, enum lang lang, char *buf, size_t len);
/* How a fault ended, in lang: "retried" / "再実行", "sigsegv" / "SIGSEGV",
 * "oops", "refault" / "再フォルト"; "" for none. */
const char *replay_outcome_words(enum trace_outcome o, enum lang lang);

#endif
