/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz.h - quiz instances and grading: the engine answers every question.
 *
 * A quiz step (lesson.h, STEP_QUIZ) describes a question; quiz_instance()
 * turns it into one concrete question for a seed: it picks the arch, level,
 * macro or error code among the candidates and, unless the address is fixed,
 * a fresh address meeting the step's constraints, then computes the expected
 * answer with the engine (addr_split, walk_run, arch_macro_value,
 * fault_route, pf_names). The same step and seed always give the same
 * instance: the front end passes a time-based seed, tests pass fixed ones.
 *
 * quiz_grade() parses what the learner typed (hex 0x.., decimal, '_'
 * separators, words) and says right or wrong with feedback in each language
 * that names WHICH part is wrong: the first level whose index differs for an
 * address answer, each wrong field for a split answer.
 *
 * Ownership: a struct quiz_instance owns its question text; release it with
 * quiz_instance_clear(). A struct grade holds its text in arrays (no
 * freeing). Neither changes the lesson.
 */
#ifndef PAGEWALK_QUIZ_H
#define PAGEWALK_QUIZ_H

#include "lesson/lesson.h"

enum answer_type {
	ANSWER_NUMBER,   /* index, entry, phys, offset, macro, error-code */
	ANSWER_FIELDS,   /* split: one number per real level, then the offset */
	ANSWER_WORD,     /* fault-path: "vmalloc_fault", "handle_mm_fault", ... */
	ANSWER_BITS,     /* error-bits: set of bit names, "W U" */
};

struct quiz_instance {
	const struct step *step;     /* the quiz step (not owned) */
	enum quiz_kind kind;
	const struct arch *arch;
	uint64_t addr;               /* the address asked about (0 if none) */
	enum level level;            /* index / entry */
	const char *macro;           /* macro: name (points into the step) */
	uint32_t error_code;         /* fault-path / error-bits / error-code */
	struct text question;        /* owned: placeholders filled */
	enum answer_type type;
	uint64_t answer;             /* ANSWER_NUMBER; bit mask for ANSWER_BITS */
	struct addr_fields fields;   /* ANSWER_FIELDS, and the address's fields */
	enum fault_path path;        /* ANSWER_WORD */
	struct walk walk;            /* entry / phys / error-code: the walk */
	char answer_text[96];        /* the expected answer as we would print it */
	struct text hints[LESSON_MAX_HINTS]; /* owned: the step's hints, placeholders filled */
	size_t nhints;
};

/* Fill *out for step (a STEP_QUIZ) and seed. Returns 0, or -1 with d filled
 * (path = the lesson's, line/col = the step's) when no address meets the
 * constraints or memory runs out. */
int quiz_instance(const struct step *step, uint64_t seed,
		  struct quiz_instance *out, struct diag *d);
/* The table an entry quiz's level is read from, as {table} states it: the
 * table the walk read for a real level; for a folded level the one-entry
 * "table" its *_offset() returns, which is the entry of the level it folds
 * into (pmd_offset(pud, a) == (pmd_t *)pud), so table + index (0) * size is
 * the entry either way. */
uint64_t quiz_level_table(const struct quiz_instance *qi);
/* Free the instance's question and hint texts; the struct may be reused. */
void quiz_instance_clear(struct quiz_instance *qi);

enum grade_result {
	GRADE_RIGHT,
	GRADE_WRONG,
	GRADE_UNPARSED,  /* could not read the answer: feedback says what is expected */
	GRADE_OTHER_BASE, /* a bare number, wrong read as decimal but right read as
	                     hex: feedback says so; not counted as a try */
};

/* The worked solution the engine computed for qi, step by step (the bits,
 * the index, the entry's address, the entry, the result), one step a line,
 * in lang, into buf. */
void quiz_solution(const struct quiz_instance *qi, enum lang lang, char *buf, size_t len);

/* The base a number question expects its answer in: hex (the answer is
 * printed 0x..; a bare number is still read as decimal) or decimal. */
enum quiz_base { QUIZ_BASE_NONE, QUIZ_BASE_HEX, QUIZ_BASE_DEC };
enum quiz_base quiz_base(const struct quiz_instance *qi);
/* One line telling the learner the base expected, in lang ("" for NONE). */
const char *quiz_base_text(const struct quiz_instance *qi, enum lang lang);

struct grade {
	enum grade_result result;
	int wrong_level;             /* first wrong level (enum level), LEVEL_COUNT for the
	                                offset, -1 when none / not applicable */
	unsigned wrong_mask;         /* split: bit (1 << level) per wrong level,
	                                bit LEVEL_COUNT for the offset */
	char feedback[LANG_COUNT][400]; /* one or two sentences; feedback[lang] */
};

/* Grade typed (a NUL-terminated line) against qi. Always fills *out. */
void quiz_grade(const struct quiz_instance *qi, const char *typed, struct grade *out);
/* The expected answer as a learner would type it (answer_text without the
 * second spelling: "1 (0x1)" is typed "1"), into buf. */
void quiz_answer_typed(const struct quiz_instance *qi, char *buf, size_t len);

/* What a quiz instance's answer depends on, so that a test can show each
 * one is on screen (quiz_facts.c). A number fact is stated when the number
 * appears in the question or a hint (any spelling); a word fact when one of
 * its words for that language does. The lesson's own arch is a premise of
 * the whole lesson, so an arch fact is marked `premise` when the quiz has
 * only that one arch candidate and callers may accept it unstated. */
enum fact_kind { FACT_NUMBER, FACT_WORD };
struct quiz_fact {
	const char *name;            /* "addr", "cr3", "table", "present", ... */
	enum fact_kind kind;
	uint64_t num;                /* FACT_NUMBER */
	const char *words[LANG_COUNT][3]; /* FACT_WORD: any one of these, NULL-ended */
	bool premise;                /* arch of a single-arch quiz */
};
#define QUIZ_MAX_FACTS 16
/* Fill out[] (QUIZ_MAX_FACTS long) with qi's inputs; returns the count. */
size_t quiz_facts(const struct quiz_instance *qi, struct quiz_fact *out);

/* A prediction about one level of a walk, typed before the level is shown
 * (the lesson's and the replayer's predict mode, the sandbox's fill-in
 * table): the index, the entry's physical address or the value it holds
 * at w's step i (a real level), graded as the index or entry quiz about the
 * same walk would be, known mistakes named (quiz_walk.c). pm is the memory
 * the walk read (for naming another entry's value; may be NULL). */
enum walk_field { WALK_FIELD_INDEX, WALK_FIELD_ENTRY, WALK_FIELD_VALUE, WALK_FIELDS };
void quiz_grade_walk(const struct arch *a, const struct walk *w, const struct physmem *pm,
		     int i, enum walk_field f, const char *typed, struct grade *g);
/* The physical address a walk reaches, typed: graded as the phys quiz. */
void quiz_grade_walk_phys(const struct arch *a, const struct walk *w, const char *typed,
			  struct grade *g);
/* A prediction of do_page_fault's route for a fault at addr (task_size:
 * where the kernel half starts) that took route want: right for the
 * route's name or its branch (bad_area for bad_area_access_error; also
 * bad_area for a kernel address that vmalloc_fault does not take, where
 * the handler jumps first); the feedback says where it went. */
void quiz_grade_route(enum fault_path want, uint64_t addr, uint64_t task_size,
		      const char *typed, struct grade *g);

/* Random numbers for quizzes: a small deterministic generator (splitmix64). */
uint64_t quiz_rand(uint64_t *state);

#endif
