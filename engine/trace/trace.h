/* SPDX-License-Identifier: GPL-2.0-only */
/* trace.h - a recorded page-fault trace: model, load, validate, write.
 *
 * A trace is what one run of a kernel did to its page tables: a header (what
 * produced it and how it was checked), a snapshot of every page-table entry
 * the trace knows about (its value before the first event), and events in
 * order. The file format is docs/trace-format.md (YAML, `pagewalk-trace: 1`).
 *
 * The model is a handful of flat arrays, not a tree: events refer to their
 * walk steps, entry writes and frames by [first, first + count) ranges into
 * the trace's arrays, and those ranges follow each other in event order (the
 * writes of event k come right after those of event k-1), so the write array
 * is also the trace's undo log: every write carries its old value.
 *
 * Nothing here assumes 32-bit or our guest's layout: the arch is a field of
 * the header, values are 64-bit, the source is named in the header.
 *
 * Ownership: a struct trace owns every array and string it points to; free
 * it with trace_free() (trace_free(NULL) is a no-op). Strings in a trace
 * have passed through text_escape(). Readers treat a loaded trace as const.
 *
 * engine/trace, the group: trace.h (model, load, validate, write),
 * trace_state.h (per-entry histories: the tables at any event), replay.h
 * (the replayer's stages and cursor). This header is implemented by
 * trace.c (names, building, snapshot, looking at events), trace_validate.c,
 * trace_load.c (the schema) with trace_load_yaml.c (libyaml's events),
 * trace_calls.c (the call chains) and trace_write.c. Depends on paging,
 * util and source: a loaded trace's call chains are checked against
 * linux-source-6.1's listing (linuxsrc.h; no extraction), and the
 * replayer reads their lines through it (replay_linux.c, replay_lxsrc.c);
 * nothing above it.
 * - Errors: load/validate/write return NULL or -1 with the caller's struct
 *   diag filled ("path:line:col: message" for a file); nothing prints.
 *   Numbers follow num.h and carry no tag; anchors are refused.
 * - Cost: trace_load is linear in the file and refuses files over
 *   TRACE_MAX_BYTES before parsing, and call chains past
 *   TRACE_MAX_CALLS_FAULT / TRACE_MAX_CALLS at the first frame past; trace_state/replay moves cost the same
 *   wherever they go (see their headers).
 */
#ifndef PAGEWALK_TRACE_H
#define PAGEWALK_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "paging/arch.h"
#include "util/diag.h"
#include "paging/fault.h"
#include "paging/walk.h"

/* Version 5 adds a learner's own program (pagewalk record --program): the
 * header's `program` (its name, sha256, arguments, exit, and its C source:
 * the learner's text, never the kernel's) and a fault's `program` (where
 * in the program it came from: function, source line, start-up before
 * main, the system call a kernel-mode fault on a user address was in).
 * Version 4 adds, for a trace of a real kernel, who wrote each entry (a
 * write's `level`, `index` and `call`: the frame of the fault's calls that
 * wrote it), frames with no line lit or a note (`calls` items with `why`,
 * `at` without a line), and routes named by that kernel's functions
 * (trace_path_name). Version 3 adds what a trace of a real kernel holds: a fault's call chain
 * (`calls`, function and file:line) and the header's `kernel-source` and
 * `kernel-config`. Version 2 names each fault's route (fault.h:
 * do_anonymous_page/zero_page, do_wp_page ...). Version 1 said only demand,
 * vmalloc-sync, bad-area or oops; such a file still loads and is upgraded
 * in memory (trace_upgrade_v1). A trace is written as the lowest version
 * that holds it (trace_version_needed): 4 with any of version 4's keys or
 * a route only a real kernel's name spells, 3 with calls or kernel names,
 * else 2, so older readers still read what they can. */
#define TRACE_VERSION 5
#define TRACE_V1_PATH0 100   /* ev->path of a v1 word before the upgrade */
#define TRACE_V1_PATHS 4
/* The largest trace file loaded: 64 MiB (over a million events); memory
 * used stays within about 5x the file's size. */
#define TRACE_MAX_BYTES (64u << 20)
/* The largest program source a trace holds (bytes), its longest line, its
 * most arguments and the longest one. */
#define TRACE_PROGRAM_SOURCE_MAX (256u << 10)
#define TRACE_PROGRAM_LINE_MAX 4096u
/* The highest line a place may name in a source-file whose text the trace
 * does not hold. */
#define TRACE_PROGRAM_LINES_MAX 10000000u
#define TRACE_PROGRAM_ARGS_MAX 64u
#define TRACE_PROGRAM_ARG_MAX 4096u
/* A fault's call chain holds at most TRACE_MAX_CALLS_FAULT frames (a
 * real one holds about a dozen; its depth is at most 64), a trace at most
 * TRACE_MAX_CALLS: the loader refuses more at the first one past, with
 * its line and column. */
#define TRACE_MAX_CALLS_FAULT 256u
#define TRACE_MAX_CALLS (1u << 18)
/* "No address" in trace_write.from. */
#define TRACE_NO_ADDR UINT64_MAX
/* "Not said" in trace_write.call (and .level is LEVEL_COUNT). */
#define TRACE_NO_CALL UINT32_MAX

enum trace_kind {
	TRACE_FAULT,     /* a #PF taken by the CPU and what the kernel did */
	TRACE_MAP,       /* entry writes outside a fault (vmalloc, pgd_alloc, exec) */
	TRACE_SWITCH,    /* a new cr3 loaded (process switch) */
	TRACE_NOTE,      /* a line of text from the scenario */
	TRACE_ACCESSED,  /* the CPU set Accessed/Dirty bits (seen at a later read) */
	TRACE_FLUSH,     /* version 5: the kernel flushed TLB entries of a process */
	TRACE_KIND_COUNT
};

/* What became of the faulting access once the handler returned. */
enum trace_outcome {
	TRACE_OUT_NONE,      /* not a fault */
	TRACE_OUT_RETRIED,   /* the access was retried and succeeded */
	TRACE_OUT_SIGSEGV,   /* the process got SIGSEGV and was killed */
	TRACE_OUT_OOPS,      /* the kernel oopsed (no_context); the process dies */
	TRACE_OUT_REFAULT,   /* the access was retried and faulted again */
	TRACE_OUT_COUNT
};

/* Why the kernel flushed (a flush event's `reason`, from the callers of the
 * flush function): an entry lost a right or a page a TLB may still hold. */
enum trace_flush_reason {
	TRACE_FLUSH_COW,       /* wp_page_copy: the read-only pte replaced by the copy */
	TRACE_FLUSH_MPROTECT,  /* mprotect: ptes lost rights */
	TRACE_FLUSH_MUNMAP,    /* munmap: ptes cleared, pages freed */
	TRACE_FLUSH_FORK,      /* fork (dup_mmap): the parent's writable ptes write-protected */
	TRACE_FLUSH_EXIT,      /* the address space torn down */
	TRACE_FLUSH_OTHER,     /* another caller (its chain says which) */
	/* a cr3 write by the context-switch code (load_new_mm_cr3, or
	 * switch_mm_irqs_off where it is inlined) only: */
	TRACE_FLUSH_SWITCH,    /* another process's tables loaded (context_switch) */
	TRACE_FLUSH_EXEC,      /* execve's new address space loaded (exec_mmap) */
	TRACE_FLUSH_RELOAD,    /* the same tables loaded again (a lazy CPU caught up) */
	TRACE_FLUSH_REASONS
};
/* A flush range's end meaning "every address of the process"
 * (Linux's TLB_FLUSH_ALL, -1UL: flush_tlb_mm()). */
#define TRACE_FLUSH_ALL UINT64_MAX

/* One entry read by a walk (a real level: folded levels are not recorded). */
struct trace_step {
	uint64_t table;          /* physical base of the table */
	uint64_t entry_pa;       /* table + index * entry_size */
	uint64_t value;          /* raw entry value read */
	uint32_t index;          /* < PTRS_PER of the level */
	uint8_t level;           /* enum level */
	int line, col;           /* where it is in the file (0 when built) */
};

/* One page-table entry write: *pa = new_value, it held old_value. */
struct trace_write {
	uint64_t pa;
	uint64_t old_value, new_value;
	uint64_t from;           /* vmalloc sync: the master entry copied; else TRACE_NO_ADDR */
	uint32_t entry;          /* index of pa in trace.entries (set by trace_validate) */
	/* version 4, optional (all three or none; a trace of a real kernel):
	 * the entry's level (enum level; LEVEL_COUNT when not said), its index
	 * in its table, and which frame wrote it: an index into the event's
	 * calls (from 0; TRACE_NO_CALL when not said) */
	uint8_t level;
	uint32_t index;
	uint32_t call;
	int line, col;
};

/* One frame of a fault's call chain (version 3): the function fn was at
 * file:line of the kernel source the header names (`kernel-source`).
 * Frames are in the order the handler reached them, outermost first; depth
 * 0 is the entry (exc_page_fault), and each frame is at most one deeper
 * than the one before: a frame at the same or a smaller depth left the
 * frames below it (the chain of one handler breakpoint after another). */
struct trace_call {
	char *fn;                /* escaped; letters, digits, '_' and '.' */
	char *file;              /* escaped; relative: "mm/memory.c" */
	uint32_t line;           /* >= 1; version 4: 0 when no line can be lit */
	uint32_t depth;
	/* version 4, NULL when none (required when line is 0): why the line is
	 * the one it is (the branch taken into code the compiler shares), or
	 * why no line is lit; escaped, one line */
	char *why;
	int fline, fcol;         /* where it is in the file (0 when built) */
};

/* A page-table entry the trace knows about and its value before event 1. */
struct trace_entry {
	uint64_t pa;
	uint64_t value;
	int line, col;
};

/* PTI (version 5, `user-top`): one entry of the kernel half, pgd[256..511],
 * of a user-mode fault's two top tables, as they held at its entry: the
 * index and the raw value in the kernel's copy (cr3) and in the user's
 * (user-cr3); 0 where that copy has no entry (at least one is set). */
struct trace_top {
	uint32_t index;
	uint64_t kernel, user;
	int line, col;           /* where it is in the file (0 when built) */
};
/* The kernel half's first and last index in a 512-entry top table. */
#define TRACE_TOP_FIRST 256u
#define TRACE_TOP_LAST 511u

/* A row of a fault's kernel half as shown (trace_top_rows): an index set
 * in both copies (the same value, or not), or a run of consecutive
 * indices set in one copy only. */
enum trace_top_kind { TOP_SAME, TOP_DIFFER, TOP_KERNEL_ONLY, TOP_USER_ONLY };
struct trace_top_row {
	uint32_t first, last;    /* pgd indices, first <= last (last > first: a run) */
	enum trace_top_kind kind;
	uint64_t kernel, user;   /* first's values (0: none in that copy) */
};
/* The counts of a fault's kernel half (trace_top_count): entries in one
 * copy only, in both with the same or another value, and how many of the
 * kernel copy's own lie in the header's vmalloc area. */
struct trace_top_count {
	uint32_t kernel_only, user_only, same, differ, kernel_vmalloc;
};

/* The rest of a flush event, and a PTI fault's user copy (version 5). */
struct trace_event_x {
	/* TRACE_FLUSH: flush_fn (a function name, escaped) flushed [start,
	 * end) of the process's addresses (end TRACE_FLUSH_ALL: all of them);
	 * via its callers, outermost first, "a > b > c" (NULL when none
	 * said); in_fault the seq of the fault whose handler flushed (0:
	 * outside a fault: a system call). */
	char *flush_fn, *via;
	enum trace_flush_reason reason;
	uint64_t start, end, in_fault;
	/* TRACE_FLUSH by a cr3 write (x86; cr3_write set): the event's cr3 is
	 * the value written, old_cr3 the one it replaced; such a flush has no
	 * range (start and end 0): it drops every TLB entry not marked global. */
	bool cr3_write;
	uint64_t old_cr3;
	/* TRACE_FAULT under page-table isolation (x86-64): the user copy of
	 * the process's tables the CPU walked in user mode, cr3 plus 0x1000
	 * (PTI's bit 12); 0 when none. */
	uint64_t user_cr3;
	/* and the kernel half of both top tables (NULL, 0 when not recorded):
	 * indices increasing, each once */
	struct trace_top *tops;
	uint32_t ntops;
};

struct trace_event {
	uint64_t seq;            /* strictly increasing, from 1 */
	enum trace_kind kind;
	int line, col;           /* where the event starts in the file */
	uint32_t pid;            /* process the event belongs to (0: kernel) */
	/* TRACE_FAULT */
	uint32_t vector;         /* 14 */
	uint32_t error_code;     /* raw, PF_* bits */
	uint64_t cr2, ip;        /* faulting address, faulting instruction */
	uint32_t cs, cpl;
	enum fault_path path;    /* what do_page_fault did */
	enum trace_outcome outcome;
	/* TRACE_FAULT and TRACE_SWITCH (and TRACE_MAP when known) */
	uint64_t cr3;
	/* arm64 traces (the header's arch is arm64's): a fault's vector is 3
	 * (instruction abort) or 4 (data abort), error_code is ESR_EL1, cr2
	 * FAR_EL1, ip ELR_EL1, cpl the exception level it came from (0 user,
	 * 1 kernel), cs 0; cr3 is the value of the base register that
	 * translated cr2 and ttbr says which (0: TTBR0_EL1, the user half; 1:
	 * TTBR1_EL1, the kernel half). A switch loads TTBR0 (ttbr 0). */
	uint8_t ttbr;
	/* ranges into trace.steps / writes / frames */
	uint32_t step0, nsteps;
	uint32_t write0, nwrites;
	uint32_t frame0, nframes;
	uint32_t call0, ncalls;  /* TRACE_FAULT: its call chain (may be empty) */
	char *note;              /* NULL when none; required for TRACE_NOTE */
	/* TRACE_FAULT, vmalloc path: the same address walked through the master
	 * table (cr3 = header.master_pgd) by vmalloc_fault; its steps follow the
	 * fault's own walk in trace.steps (mstep0 == step0 + nsteps). */
	uint32_t mstep0, nmsteps;
	/* Version 5's rarer facts, NULL when the event has none (a flush
	 * event always has them): kept aside so that a trace of a million
	 * faults does not pay for them in every event. */
	struct trace_event_x *x;
	/* TRACE_FAULT under page-table isolation (version 5): its user-walk's
	 * steps, after the walk and master walk in trace.steps (ustep0 ==
	 * mstep0 + nmsteps; x->user_cr3 the table it starts from). */
	uint32_t ustep0, nusteps;
};

/* Version 5, a fault of a program (has): the function its instruction is
 * in (the program's own or its C library's; NULL when nothing names it),
 * the line of the header's program source (0: none), whether main had not
 * started yet (the C library's start-up), and for a kernel-mode fault on a
 * user address the system call it was in (NULL: none). Strings escaped.
 * Kept beside the events (trace.places), not in them: a trace without a
 * program pays nothing for it. */
struct trace_place {
	bool has, startup;
	char *fn, *syscall;
	uint32_t line;
};

/* Version 5: the learner's program a trace recorded. Strings escaped
 * (source keeps its newlines). */
struct trace_program {
	char *name;              /* the file as given, no directory: "prog.c" */
	char *sha256;            /* of the file's bytes: 64 lowercase hex digits */
	char *source;            /* its C source (NULL: an ELF was given) */
	/* an ELF given without its source whose debugging information (DWARF)
	 * names the file of main: that file, no directory ("prog.c"); the
	 * places' lines are its lines, whose text the trace does not hold.
	 * NULL with a source, or when the ELF has no line table. */
	char *source_file;
	uint32_t nlines;         /* lines in source */
	char **args;             /* argv[1..] */
	size_t nargs;
	char *exit;              /* "status N" or "signal N" */
};

struct trace_header {
	unsigned version;                 /* TRACE_VERSION */
	const struct arch *arch;          /* x86-32, x86-32-pae, x86-64, x86-64-la57 */
	char *source;                     /* what produced it: "pagewalk-guest", ... */
	char *emulator;                   /* "qemu", "bochs" */
	char *emulator_version;           /* "QEMU emulator version 7.2.0 ..." */
	char *command;                    /* the exact emulator command line */
	char *guest_build;                /* build id of the kernel that ran */
	char *scenario;                   /* "demand", "vmalloc", ... */
	char *recorded_at;                /* ISO 8601 UTC */
	char *verified;                   /* how the events were cross-checked */
	uint64_t master_pgd;              /* physical address of init_mm.pgd */
	uint64_t task_size;               /* TASK_SIZE */
	uint64_t vmalloc_start, vmalloc_end; /* [VMALLOC_START, VMALLOC_END) */
	/* version 3, optional (NULL when absent): the kernel source the calls
	 * point into ("linux-source-6.1 6.1.192-3"), and the configuration the
	 * kernel was built with (free text: variant and config key). */
	char *kernel_source;
	char *kernel_config;
	/* version 5, optional: the learner's program (NULL when none) */
	struct trace_program *program;
};

struct trace {
	struct trace_header h;
	struct trace_entry *entries;  /* sorted by pa, unique */
	size_t nentries;
	struct trace_event *events;
	size_t nevents;
	struct trace_step *steps;
	size_t nsteps;
	struct trace_write *writes;
	size_t nwrites;
	uint64_t *frames;             /* frames allocated, in event order */
	size_t nframes;
	struct trace_call *calls;     /* call chains, in event order */
	size_t ncalls;
	struct trace_place *places;   /* version 5: places[k] is event k's (k < nplaces) */
	size_t nplaces;
	/* capacities (private to trace.c) */
	size_t cap_entries, cap_events, cap_steps, cap_writes, cap_frames, cap_calls,
	       cap_places;
};

/* Names used in files and by `dump`. *_parse return -1 when unknown. */
const char *trace_kind_name(enum trace_kind k);        /* "fault", "map", "switch", "note", "accessed" */
int trace_kind_parse(const char *s);
/* Fault routes are named by fault_path_name / fault_path_parse (fault.h). */
/* A version-1 path word (demand, vmalloc-sync, bad-area, oops): a
 * placeholder TRACE_V1_PATH0 + i in ev->path, or -1. */
int trace_v1_path_parse(const char *s);
/* Turn the placeholders into routes, from each fault's error code: demand
 * becomes do_wp_page (P and W), do_anonymous_page/new_page (W) or
 * /zero_page; bad-area below TASK_SIZE with P becomes bad_area_access_error,
 * else bad_area; vmalloc-sync vmalloc_fault; oops no_context. Sets
 * h.version to 2. */
void trace_upgrade_v1(struct trace *t);
const char *trace_outcome_name(enum trace_outcome o);  /* "", "retried", "sigsegv", "oops", "refault" */
int trace_outcome_parse(const char *s);

/* ---- loading ---- */

/* Load and validate the trace at path. Returns a new trace (free with
 * trace_free), or NULL with d filled ("path:line:col: message") when the
 * file cannot be read, is not YAML, breaks the schema, or is inconsistent
 * (see trace_validate). A bad file is rejected whole. */
struct trace *trace_load(const char *path, struct diag *d);
/* The one decision, shared by every command, whether a file is a trace or
 * a lesson: true when libyaml (in any encoding it reads, block or flow
 * style, any line endings) finds a map whose first key is exactly
 * "pagewalk-trace". trace_load refuses anything else; lesson loading
 * refuses what this accepts. */
bool trace_is_trace(const char *buf, size_t len);
/* The same decision for the regular file at path, reading only as far as
 * its first key (for files too big to read whole as a lesson). */
bool trace_file_is_trace(const char *path);
/* The same from a buffer; name is used in messages. */
struct trace *trace_load_buffer(const char *buf, size_t len, const char *name,
				struct diag *d);
void trace_free(struct trace *t);

/* ---- building (recorder, tests) ---- */

/* An empty trace for arch a (version TRACE_VERSION). NULL when out of memory. */
struct trace *trace_new(const struct arch *a);
/* Store an escaped copy of s in *field (a char * of t's header or an event's
 * note), freeing what was there. Returns 0, or -1 when out of memory. */
int trace_set_text(char **field, const char *s);
/* Append an event of kind k with the next sequence number (last + 1), its
 * ranges starting at the current ends of the arrays. The pointer is valid
 * until the next trace_add_event. NULL when out of memory. */
struct trace_event *trace_add_event(struct trace *t, enum trace_kind k);
/* Append to the last event's walk / master walk / writes / frames. Return 0
 * or -1 (OOM, no event yet, or a walk step after master-walk steps). */
int trace_add_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
		   uint64_t entry_pa, uint64_t value);
/* A step of the last event's user-walk (PTI), after its walk and master
 * walk: 0, or -1 out of memory. */
int trace_add_user_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
			uint64_t entry_pa, uint64_t value);
/* Append an entry of the kernel half of the last event's two top tables
 * (PTI; the caller keeps the indices increasing): 0, or -1 (out of
 * memory, no event yet). */
int trace_add_top(struct trace *t, uint32_t index, uint64_t kernel, uint64_t user);
int trace_add_master_step(struct trace *t, enum level lv, uint64_t table, uint32_t index,
			  uint64_t entry_pa, uint64_t value);
int trace_add_write(struct trace *t, uint64_t pa, uint64_t old_value,
		    uint64_t new_value, uint64_t from);
int trace_add_frame(struct trace *t, uint64_t pa);
/* Append a frame to the last event's call chain (fn and file are copied
 * escaped). Returns 0 or -1 (OOM, no event yet). */
int trace_add_call(struct trace *t, const char *fn, const char *file, uint32_t line,
		   uint32_t depth);
/* Set the last call's why (copied escaped; NULL clears). 0 or -1 (OOM, no
 * call yet). */
int trace_set_call_why(struct trace *t, const char *why);
/* Say who wrote the last write: its entry's level and index, and the
 * frame (an index into its event's calls) that wrote it. 0 or -1 (no
 * write yet). */
int trace_set_write_origin(struct trace *t, enum level lv, uint32_t index, uint32_t call);
/* Give t a program (version 5): name, sha256 and exit are copied escaped,
 * source (may be NULL) with its newlines, args[0..nargs) each escaped.
 * Replaces any program t had. 0, or -1 (out of memory). */
int trace_set_program(struct trace *t, const char *name, const char *sha256,
		      const char *source, const char *const *args, size_t nargs,
		      const char *exit);
void trace_program_free(struct trace_program *p);
/* Say that t's program (given as an ELF, no source) has its lines in file
 * (no directory), whose text the trace does not hold. 0, or -1 (out of
 * memory, or t has no program). */
int trace_set_program_file(struct trace *t, const char *file);
/* The file a place's line is in: the source file the ELF's DWARF named,
 * else the program's own name (its source). */
const char *trace_program_file(const struct trace_program *p);
/* Line n (from 1) of the program's source into buf (at most len - 1
 * bytes, NUL-terminated); false when there is no such line. */
bool trace_program_line(const struct trace_program *p, uint32_t n, char *buf, size_t len);
/* Event k's program place (version 5), made (empty) if it has none yet:
 * NULL when out of memory or k is not an event. */
struct trace_place *trace_place_new(struct trace *t, size_t k);
/* Set event k's program place: fn and syscall copied escaped (NULL: none).
 * 0, or -1 (out of memory). */
int trace_set_event_program(struct trace *t, size_t k, const char *fn, uint32_t line,
			    bool startup, const char *syscall);
/* The program place of event ev of t; an empty one (has false) when none.
 * Never NULL. */
const struct trace_place *trace_place_of(const struct trace *t, const struct trace_event *ev);
/* Where fault ev came from in t's program, compact: "prog.c:12 main()",
 * "memcpy()" (no line: the C library's), "" when nothing names it. */
void trace_event_place(const struct trace *t, const struct trace_event *ev, char *buf,
		       size_t len);
/* Is t a trace of a real kernel (its header names the kernel's source)? */
bool trace_is_kernel(const struct trace *t);
/* The user copy's cr3 of fault ev under PTI, 0 when it has none. */
static inline uint64_t trace_user_cr3(const struct trace_event *ev)
{
	return ev->x ? ev->x->user_cr3 : 0;
}

/* The entries of fault ev's kernel half (user-top) as rows, in index
 * order, into rows[0..max): returns the number of rows (which may exceed
 * max: only max are filled), 0 when ev has none. */
size_t trace_top_rows(const struct trace_event *ev, struct trace_top_row *rows, size_t max);
/* Count fault ev's kernel half (all zero when it has none). */
void trace_top_count(const struct trace *t, const struct trace_event *ev,
		     struct trace_top_count *out);
/* The first linear address pgd index i maps on t's arch (sign-extended
 * on x86-64). */
uint64_t trace_top_addr(const struct trace *t, uint32_t index);

/* PTI (Linux 6.1, arch/x86/mm/pti.c and PTI_USER_PGTABLE_MASK in
 * arch/x86/entry/calling.h): the user copy of a pgd is the page after the
 * kernel's, so its cr3 is the kernel's with bit 12 set. */
#define TRACE_PTI_USER_BIT 0x1000u

/* A flush reason's word ("cow", "mprotect", "munmap", "fork", "exit",
 * "other"; "?" out of range) and its parse (-1 when unknown). */
const char *trace_flush_reason_name(enum trace_flush_reason r);
/* Is fn one of Linux 6.1's C functions that write cr3 (a flush event's
 * cr3 write), and is it the context-switch code's (load_new_mm_cr3,
 * switch_mm_irqs_off), whose reasons are switch, exec and reload? */
bool trace_cr3_writer(const char *fn);
bool trace_cr3_switcher(const char *fn);
/* A function name as a symbol table spells it (foo, __foo, foo.isra.0),
 * and a chain of them joined by " > " (a flush's via). */
bool trace_fn_ok(const char *s);
bool trace_chain_ok(const char *s);
int trace_flush_reason_parse(const char *s);
/* Route p's name as shown for t: a real kernel's own function for it
 * (fault_path_kernel_name), else pagewalk's model's (fault_path_name). */
const char *trace_path_name(const struct trace *t, enum fault_path p);
/* The version trace_write writes t as: 4 when a write says who wrote it, a
 * call has a why or no line, or a route's kernel name differs from the
 * model's; 3 when it has calls or a kernel name in its header; else 2. */
unsigned trace_version_needed(const struct trace *t);
/* Append a known entry to t->entries as given (trace_validate checks that
 * they are sorted and unique). Returns 0 or -1 (OOM). */
int trace_add_entry(struct trace *t, uint64_t pa, uint64_t value);
/* Fill t->entries from the events: every entry a walk read, a write changed
 * or a sync copied from, with the first value the trace shows for it (the
 * walk's value, the write's old value, a sync source's copied value).
 * Replaces any entries there were. Returns 0 or -1 (OOM). */
int trace_snapshot(struct trace *t);

/* Check everything the loader checks beyond syntax: header ranges, entries
 * sorted and aligned, sequence order, every walk consistent with the arch
 * (levels, indices of the address, table chain from cr3) and with the
 * entries' values at that event, every write's old value equal to the
 * entry's value then, a sync's new value equal to its master entry.
 * Last, every fault's walk is recomputed as the hardware makes it
 * (trace_check_walks in trace_state.h): a trace whose recorded outcome the
 * tables contradict is inconsistent.
 * Also resolves trace_write.entry. path names the file in d. Returns 0, or
 * -1 with d filled at the offending item's line:col. */
int trace_validate(struct trace *t, const char *path, struct diag *d);

/* ---- writing ---- */

/* Write t as YAML (the canonical form trace_load reads back to an equal
 * trace) to f, which the caller opened and closes. Returns 0, or -1 when a
 * write fails (ferror). The engine writes nothing anywhere else. */
int trace_write(const struct trace *t, FILE *f);

/* ---- looking at events ---- */

/* The recorded walk of fault event k as a struct walk (as walk_run fills
 * it: folded levels included as pass-throughs, status and fail set from the
 * entries). Returns 0, or -1 when event k is not a fault. */
int trace_walk_recorded(const struct trace *t, size_t k, struct walk *out);
/* The same for fault k's user-walk (PTI), from user_cr3: -1 when k is no
 * fault; nsteps 0 when it has no user-walk. */
int trace_walk_recorded_user(const struct trace *t, size_t k, struct walk *out);
/* The access a fault's error code describes: W -> write, I -> fetch, U -> user. */
struct access trace_fault_access(uint32_t error_code);
/* The access of fault event ev of t: x86 from its error code; arm64 from
 * ESR (an instruction abort fetches, else WnR says write) and EL 0. */
struct access trace_event_access(const struct trace *t, const struct trace_event *ev);
/* The index of the entry at pa in t->entries (sorted), or -1 when unknown. */
long trace_entry_find(const struct trace *t, uint64_t pa);
/* Is s a function name as a symbol table spells it (foo, __foo,
 * foo.isra.0: letters, digits, '_' and '.', not starting with a digit)? */
bool trace_fn_ok(const char *s);
/* Split "FILE:LINE" (a `calls` item's `at`) into file (into buf) and
 * line; "FILE" alone gives line 0 (version 4: no line lit). 0, or -1 when
 * s is not a relative path of letters, digits and "_.-+/" (no "..", no
 * empty part), optionally followed by ':' and a decimal line from 1 to
 * 9999999. */
int trace_call_parse_at(const char *s, char *file, size_t len, uint32_t *line);
/* One line describing event k (no newline), as `pagewalk dump` prints it. */
void trace_event_format(const struct trace *t, size_t k, char *buf, size_t len);

#endif
