/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_labresult.c - libFuzzer harness for the JSON reader, the lab
 * result reader and the lab journal reader (engine/util/json.c,
 * engine/lesson/lab_result.c, lab_journal.c).
 *
 * Input: a lab result file or a journal as `pagewalk grade` and `pagewalk
 * lab` read them (each input goes to both readers). A reader either fails
 * with a located, terminal-safe message or returns a model whose every
 * kept string is terminal-safe (a prompt may hold newlines) and whose
 * student ids are valid (they become file names and table cells).
 */
#include <stdint.h>

#include "fuzz_common.h"
#include "util/json.h"
#include "lesson/lab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct lab_result *r = lab_result_load_buffer("r.json", (const char *)data, size, &d);
	struct lab_jfile *j = lab_journal_load_buffer("r.journal", (const char *)data, size, &d);

	if (!j) {
		fuzz_check_diag(&d);
	} else {
		for (size_t i = 0; i < j->ns; i++) {
			if (!lab_student_valid(j->s[i].student) || !lab_nonce_valid(j->s[i].nonce))
				abort();
			fuzz_safe("name", j->s[i].name, 0);
			fuzz_safe("lesson", j->s[i].lesson, 0);
			for (size_t t = 0; t < j->s[i].ntries; t++)
				fuzz_safe("answer", j->s[i].tries[t].answer, 0);
		}
		lab_jfile_free(j);
	}
	if (!r) {
		fuzz_check_diag(&d);
		return 0;
	}
	if (!lab_student_valid(r->student))
		abort();
	fuzz_safe("student", r->student, 0);
	fuzz_safe("name", r->name, 0);
	fuzz_safe("lesson", r->lesson, 0);
	fuzz_safe("lesson_hash", r->lesson_hash, 0);
	fuzz_safe("version", r->version, 0);
	for (size_t i = 0; i < r->nq; i++) {
		fuzz_safe("kind", r->q[i].kind, 0);
		fuzz_safe("prompt", r->q[i].prompt, 1);
		for (size_t k = 0; k < r->q[i].nattempt; k++)
			fuzz_safe("answer", r->q[i].attempt[k].answer, 0);
	}
	lab_result_free(r);
	return 0;
}
