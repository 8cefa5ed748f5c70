/* SPDX-License-Identifier: GPL-2.0-only */
/* quiz_grade.c - quiz_grade(): read what the learner typed and grade it
 * against a quiz instance. Split answers, words (the fault path) and
 * error-code bit names are graded here; a number answer goes to
 * quiz_grade_number.c. Feedback in each language says which part is wrong.
 */
#include "quiz_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/num.h"

void quiz_say(struct grade *g, enum lang l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(g->feedback[l], sizeof g->feedback[l], fmt, ap);
	va_end(ap);
}

/* Trim spaces around typed into buf (lower-cased when lower). */
static void trim(const char *typed, char *buf, size_t len, bool lower)
{
	size_t n;

	while (*typed && isspace((unsigned char)*typed))
		typed++;
	snprintf(buf, len, "%s", typed);
	n = strlen(buf);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	if (lower)
		for (char *p = buf; *p; p++)
			*p = (char)tolower((unsigned char)*p);
}

/* A typed number. Files use num.h's strict grammar; a learner may put '_'
 * anywhere after the 0x (as in 0x_c000_0000): those are dropped first, then
 * the same parser reads what is left. */
int quiz_parse_num(const char *s, uint64_t *v)
{
	char buf[256];
	size_t o = 0, i = 0, n = strlen(s);

	if (num_is_hex(s, n)) {
		buf[o++] = s[i++];
		buf[o++] = s[i++];
	}
	for (; i < n; i++) {
		if (s[i] == '_')
			continue;
		if (o == sizeof buf)
			return -1;
		buf[o++] = s[i];
	}
	return num_parse_u64(buf, o, v, NULL) == NUM_OK ? 0 : -1;
}

const char *quiz_field_name(int lv)
{
	return lv == LEVEL_COUNT ? "offset" : level_name((enum level)lv);
}

/* A kernel-address fault that vmalloc_fault does not take goes first to
 * `goto bad_area_nosemaphore` (lesson 07 shows that line), whose U test then
 * picks SIGSEGV or no_context: for "where does it go first", that label (or
 * the bad_area it sits under) is right as well as the final route. */
static bool first_label_right(const struct quiz_instance *qi, const char *s)
{
	if (qi->addr < qi->step->u.quiz.task_size || qi->path == FAULT_VMALLOC_SYNC)
		return false;
	return strcmp(s, "bad_area_nosemaphore") == 0 || strcmp(s, "bad_area") == 0 ||
	       strcmp(s, "bad_area (sigsegv)") == 0;
}

/* Parse bit names ("W U", "w,u", "-"), or a number. */
static int parse_bits(const char *s, uint32_t *out)
{
	size_t n;
	const struct pf_bit *b = pf_bits(&n);
	uint64_t v;

	*out = 0;
	if (strcmp(s, "-") == 0 || strcmp(s, "none") == 0)
		return 0;
	if (quiz_parse_num(s, &v) == 0) {
		if (v > 0xffffffffULL)
			return -1;
		*out = (uint32_t)v;
		return 1;
	}
	while (*s) {
		size_t len, i;
		while (*s && strchr(" ,+|", *s))
			s++;
		if (!*s)
			break;
		for (len = 0; s[len] && !strchr(" ,+|", s[len]); len++)
			;
		for (i = 0; i < n; i++)
			if (strlen(b[i].name) == len && strncasecmp(b[i].name, s, len) == 0)
				break;
		if (i == n)
			return -1;
		*out |= b[i].mask;
		s += len;
	}
	return 0;
}

/* Why field lv of a split answer is wrong, appended to the two buffers:
 * the value is another field's, or which bits the field is. */
static void split_reason(const struct quiz_instance *qi, int lv, uint64_t got, char *en,
			 size_t enlen, char *ja, size_t jalen)
{
	const struct arch *a = qi->arch;
	size_t ue = strlen(en), uj = strlen(ja);
	unsigned lo, hi;

	for (int o = 0; o < LEVEL_COUNT; o++) {
		if (o == lv || a->level[o].folded || qi->fields.index[o] != got)
			continue;
		snprintf(en + ue, enlen - ue, "%s%s: %llu is the %s index", ue ? "; " : "",
			 quiz_field_name(lv), (unsigned long long)got, level_name((enum level)o));
		snprintf(ja + uj, jalen - uj, "%s%s: %llu は %s のインデックス", uj ? "、" : "",
			 quiz_field_name(lv), (unsigned long long)got, level_name((enum level)o));
		return;
	}
	if (lv == LEVEL_COUNT) {
		lo = 0;
		hi = a->page_shift - 1;
	} else if (a->level[lv].folded) {
		snprintf(en + ue, enlen - ue, "%s%s is folded: 0", ue ? "; " : "", quiz_field_name(lv));
		snprintf(ja + uj, jalen - uj, "%s%s は折りたたみ: 0", uj ? "、" : "", quiz_field_name(lv));
		return;
	} else {
		addr_bits(a, (enum level)lv, &lo, &hi);
	}
	snprintf(en + ue, enlen - ue, "%s%s is bits %u..%u", ue ? "; " : "", quiz_field_name(lv),
		 hi, lo);
	snprintf(ja + uj, jalen - uj, "%s%s はビット %u..%u", uj ? "、" : "", quiz_field_name(lv),
		 hi, lo);
}

/* "pgd pmd pte offset": the fields a split answer types, in order. */
static void split_form(const struct arch *a, char *form, size_t len)
{
	size_t u = 0;

	form[0] = '\0';
	for (int lv = 0; lv < LEVEL_COUNT && u < len; lv++)
		if (!a->level[lv].folded)
			u += (size_t)snprintf(form + u, len - u, "%s ", level_name((enum level)lv));
	if (u < len)
		snprintf(form + u, len - u, "offset");
}

static void grade_split(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	const struct arch *a = qi->arch;
	uint64_t got[LEVEL_COUNT + 2];
	size_t n = 0, real = a->real_levels + 1;
	char buf[200], *p, *save = NULL, bad[40] = "", form[80];
	char wrong[120] = "", en[300] = "", ja[300] = "";
	size_t used = 0;
	bool extra = false;

	snprintf(buf, sizeof buf, "%s", s);
	for (p = strtok_r(buf, " ,/:\t", &save); p; p = strtok_r(NULL, " ,/:\t", &save)) {
		if (n == LEVEL_COUNT + 1) {
			extra = true;
			n++;
			continue;
		}
		if (n > LEVEL_COUNT + 1)
			continue;
		/* a number as a number quiz reads it: bare digits decimal, with
		 * hex letters hex (3f8), 0x.. hex */
		if (quiz_parse_num(p, &got[n]) < 0 && quiz_bare_hex(p, &got[n]) < 0) {
			if (!bad[0])
				snprintf(bad, sizeof bad, "%.30s", p);
			n++;
			continue;
		}
		n++;
	}
	if (bad[0] || extra || (n != real && n != LEVEL_COUNT + 1))
		goto unparsed;
	g->wrong_mask = 0;
	for (int lv = 0, k = 0; lv <= LEVEL_COUNT; lv++) {
		uint64_t want;
		bool skip = lv < LEVEL_COUNT && a->level[lv].folded;
		if (skip && n == real)
			continue;
		want = lv == LEVEL_COUNT ? qi->fields.offset : qi->fields.index[lv];
		if (got[k++] != want) {
			g->wrong_mask |= 1u << lv;
			if (g->wrong_level < 0)
				g->wrong_level = lv;
			used += (size_t)snprintf(wrong + used, sizeof wrong - used, "%s%s",
						 used ? ", " : "", quiz_field_name(lv));
			split_reason(qi, lv, got[k - 1], en, sizeof en, ja, sizeof ja);
		}
	}
	if (!g->wrong_mask) {
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: %s.", qi->answer_text);
		quiz_say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	quiz_say(g, LANG_EN, "Wrong field%s: %s (%s).", strchr(wrong, ',') ? "s" : "", wrong, en);
	quiz_say(g, LANG_JA, "間違っているフィールド: %s(%s)。", wrong, ja);
	return;
unparsed:
	g->result = GRADE_UNPARSED;
	split_form(a, form, sizeof form);
	if (bad[0]) {
		quiz_say(g, LANG_EN, "\"%s\" is not a number. Type %zu numbers: %s.", bad, real, form);
		quiz_say(g, LANG_JA, "「%s」は数ではありません。%zu 個の数を入力してください: %s。", bad,
			 real, form);
	} else {
		quiz_say(g, LANG_EN, "That is %zu number%s; type %zu: %s.", n, n == 1 ? "" : "s",
			 real, form);
		quiz_say(g, LANG_JA, "%zu 個の数が入力されました。%zu 個の数を入力してください: %s。", n,
			 real, form);
	}
}

/* Why a wrong route for a user address is wrong: the vma that holds it
 * (or none) and what the access needs there. */
static void grade_user_word(const struct quiz_instance *qi, struct grade *g)
{
	const struct step_quiz *q = &qi->step->u.quiz;
	const struct vma *v = NULL;
	bool write = qi->error_code & PF_WRITE;
	unsigned long long a = (unsigned long long)qi->addr;

	for (size_t i = 0; i < q->nvmas && !v; i++)
		if (q->vmas[i].start <= qi->addr && qi->addr < q->vmas[i].end)
			v = &q->vmas[i];
	if (!v) {
		quiz_say(g, LANG_EN, "0x%llx is a user address in no vma: nothing there was ever "
			 "mapped for the process.", a);
		quiz_say(g, LANG_JA, "0x%llx はどの vma にも入らないユーザーアドレスです。プロセスに"
			 "そこへのマップはありません。", a);
		return;
	}
	quiz_say(g, LANG_EN, "0x%llx is in the vma 0x%08llx-0x%08llx %c%c%c: does it allow "
		 "a %s?", a, (unsigned long long)v->start, (unsigned long long)v->end,
		 v->read ? 'r' : '-', v->write ? 'w' : '-', v->exec ? 'x' : '-',
		 write ? "write" : "read");
	quiz_say(g, LANG_JA, "0x%llx は vma 0x%08llx-0x%08llx %c%c%c の中です。その vma は"
		 "%sを許しますか?", a, (unsigned long long)v->start, (unsigned long long)v->end,
		 v->read ? 'r' : '-', v->write ? 'w' : '-', v->exec ? 'x' : '-',
		 write ? "書き込み" : "読み出し");
}

/* An ANSWER_WORD quiz: the fault path (or its branch) the handler takes. */
static void grade_word(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	int p = qi->step->u.quiz.linux61 ? fault_path_parse_kernel(s) : fault_path_parse(s);
	int b = fault_branch_parse(s);
	const struct fault_path_info *pi = fault_path_info(qi->path);

	if (first_label_right(qi, s)) {
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: goto bad_area_nosemaphore, which leads to %s.",
			 qi->answer_text);
		quiz_say(g, LANG_JA, "正解: goto bad_area_nosemaphore で、その先は %s です。",
			 qi->answer_text);
		return;
	}
	if (p < 0 && b < 0 && qi->step->u.quiz.linux61) {
		/* a question about Linux 6.1: its functions' names */
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "Answer with one of: vmalloc_fault, handle_mm_fault, "
			 "bad_area_nosemaphore, page_fault_oops.");
		quiz_say(g, LANG_JA, "vmalloc_fault, handle_mm_fault, bad_area_nosemaphore, "
			 "page_fault_oops のどれかで答えてください。");
		return;
	}
	if (p < 0 && b < 0) {
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "Answer with one of: vmalloc_fault, handle_mm_fault, bad_area, "
			 "oops.");
		quiz_say(g, LANG_JA, "vmalloc_fault, handle_mm_fault, bad_area, oops のどれかで"
			 "答えてください。");
		return;
	}
	/* the route's own name, or do_page_fault's branch it goes through
	 * ("bad_area" for bad_area_access_error: the question lists branches) */
	if (p == (int)qi->path || b == (int)pi->branch) {
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: %s.", qi->answer_text);
		quiz_say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	if (qi->addr >= qi->step->u.quiz.task_size) {
		quiz_say(g, LANG_EN, "0x%llx is at or above TASK_SIZE: check the U, P and RSVD bits "
			 "of the error code.", (unsigned long long)qi->addr);
		quiz_say(g, LANG_JA, "0x%llx は TASK_SIZE 以上です。エラーコードの U, P, RSVD "
			 "ビットを確かめてください。", (unsigned long long)qi->addr);
		return;
	}
	grade_user_word(qi, g);
}

/* An ANSWER_BITS quiz: the names of the set error-code bits. */
static void grade_bitnames(const struct quiz_instance *qi, const char *s, struct grade *g)
{
	uint32_t got;

	if (parse_bits(s, &got) < 0) {
		g->result = GRADE_UNPARSED;
		quiz_say(g, LANG_EN, "Name the set bits (P W U RSVD I PK SHSTK SGX), or - for none.");
		quiz_say(g, LANG_JA, "立っているビットの名前 (P W U RSVD I PK SHSTK SGX) を、"
			 "無ければ - を入力してください。");
		return;
	}
	if (got == qi->answer) {
		g->result = GRADE_RIGHT;
		quiz_say(g, LANG_EN, "Right: %s.", qi->answer_text);
		quiz_say(g, LANG_JA, "正解: %s。", qi->answer_text);
		return;
	}
	g->result = GRADE_WRONG;
	quiz_grade_bits((uint32_t)qi->answer, got, g, false);
}

void quiz_grade(const struct quiz_instance *qi, const char *typed, struct grade *g)
{
	char s[200];

	memset(g, 0, sizeof *g);
	g->wrong_level = -1;
	trim(typed ? typed : "", s, sizeof s, qi->type == ANSWER_WORD);
	switch (qi->type) {
	case ANSWER_FIELDS:
		grade_split(qi, s, g);
		return;
	case ANSWER_WORD:
		grade_word(qi, s, g);
		return;
	case ANSWER_BITS:
		grade_bitnames(qi, s, g);
		return;
	case ANSWER_NUMBER:
		break;
	}
	quiz_grade_number(qi, s, g);
}
