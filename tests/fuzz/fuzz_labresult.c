/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_labresult.c - libFuzzer harness for the JSON reader and the lab
 * result reader (engine/util/json.c, engine/lesson/lab_result.c).
 *
 * Input: a lab result file as `pagewalk grade` reads it. The reader either
 * fails with a located, terminal-safe message or returns a result whose
 * every kept string is terminal-safe and whose student id is valid (it
 * becomes a file name and a table cell).
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

	if (!r) {
		fuzz_check_diag(&d);
		return 0;
	}
	if (!lab_student_valid(r->student))
		abort();
	fuzz_safe("student", r->student, 0);
	fuzz_safe("lesson", r->lesson, 0);
	fuzz_safe("lesson_hash", r->lesson_hash, 0);
	fuzz_safe("version", r->version, 0);
	for (size_t i = 0; i < r->nq; i++) {
		fuzz_safe("kind", r->q[i].kind, 0);
		fuzz_safe("prompt", r->q[i].prompt, 0);
		for (size_t k = 0; k < r->q[i].nattempt; k++)
			fuzz_safe("answer", r->q[i].attempt[k].answer, 0);
	}
	lab_result_free(r);
	return 0;
}
