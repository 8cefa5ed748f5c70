/* SPDX-License-Identifier: GPL-2.0-only */
/* draw_tables.c - a vmalloc sync: the process's table beside the master's.
 *
 *   process pgd (pid 7)                init_mm.pgd (the master)
 *    at 0x00804000                      swapper_pg_dir at 0x00101000
 *    [ 832] 0x00000000                  [ 832] 0x00000000
 *    [ 833] 0x00000000                  [ 833] 0x00000000
 *   >[ 834] 0x00000000  <== 0x00807063  [ 834] 0x00807063
 *    [ 835] ?                           [ 835] ?
 *    [ 836] ?                           [ 836] ?
 *   slot 834 = pgd_index(0xd0800000): 0x00807063 copied (P RW A D)
 */
#include "draw/draw_tables.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>


void draw_tables_place(struct tables_view *v, const struct arch *a, uint64_t pa, uint64_t from,
		       tables_reader *rd, const void *ctx)
{
	uint64_t page = (1ull << a->page_shift) - 1;

	memset(v, 0, sizeof *v);
	v->arch = a;
	v->left_table = pa & ~page;
	v->right_table = from & ~page;
	v->index = (unsigned)((pa & page) / a->entry_size);
	v->nslots = (unsigned)((page + 1) / a->entry_size);
	for (int i = 0; i < 5; i++) {
		int64_t off = ((int64_t)i - 2) * a->entry_size;
		v->left_known[i] = rd(ctx, true, pa + (uint64_t)off, &v->left[i]);
		v->right_known[i] = rd(ctx, false, from + (uint64_t)off, &v->right[i]);
	}
}

void draw_tables_name(struct tables_view *v, enum lang lang, long pid, uint64_t addr, int ad,
		      char *lt, char *rt, size_t tlen, char *note, size_t notelen)
{
	bool ja = lang == LANG_JA, folded = v->arch->level[LEVEL_PMD].folded;
	const char *lv = folded ? "pgd" : "pmd";

	v->lang = lang;
	if (pid >= 0)
		snprintf(lt, tlen, folded ? (ja ? "プロセスの pgd(pid %ld)" : "process pgd (pid %ld)")
			 : (ja ? "プロセスの pmd テーブル(pid %ld)" : "process pmd table (pid %ld)"), pid);
	else
		snprintf(lt, tlen, "%s", folded ? (ja ? "プロセスの pgd" : "process pgd")
			 : (ja ? "プロセスの pmd テーブル" : "process pmd table"));
	if (folded) {
		snprintf(rt, tlen, "%s", ja ? "init_mm.pgd(マスター)" : "init_mm.pgd (the master)");
		v->right_sub = "swapper_pg_dir";
	} else {
		snprintf(rt, tlen, ja ? "init_mm の %s テーブル" : "init_mm's %s table", lv);
		v->right_sub = ja ? "(マスター)" : "(the master)";
	}
	snprintf(note, notelen, "%s_index(0x%0*" PRIx64 ")", lv, ad, addr);
	v->left_title = lt;
	v->right_title = rt;
	v->slot_note = note;
}

int draw_tables_height(void)
{
	return DRAW_TABLES_ROWS;
}

static void slot(WINDOW *w, int y, int x, int maxw, const struct tables_view *v, int i,
		 bool left, const struct theme *th)
{
	int idx = (int)v->index + i - 2, digits = (int)v->arch->entry_size * 2;
	bool known = left ? v->left_known[i] : v->right_known[i];
	uint64_t val = left ? v->left[i] : v->right[i];
	bool mid = i == 2;
	attr_t at = mid ? theme_attr(th, ROLE_CURRENT) : A_NORMAL;

	if (idx < 0 || idx >= (int)v->nslots)
		return;
	x += draw_str(w, y, x, maxw, mid ? (th->utf8 ? "▶" : ">") : " ", at, th);
	x += draw_fmt(w, y, x, maxw - 1, at, th, "[%4d] ", idx);
	if (!known) {
		draw_str(w, y, x, maxw - 8, "?", theme_attr(th, ROLE_DIM), th);
		return;
	}
	if (mid && left && v->phase == TV_COPIED)
		at = theme_attr(th, ROLE_MARK);
	else if (!(val & PTE_P))
		at = mid ? at : theme_attr(th, ROLE_DIM);
	draw_fmt(w, y, x, maxw - 8, at | (mid ? A_BOLD : 0), th, "0x%0*" PRIx64, digits, val);
}

void draw_tables(WINDOW *w, struct rect r, const struct tables_view *v,
		 const struct theme *th)
{
	int digits = (int)v->arch->entry_size * 2;
	int slotw = 8 + 2 + digits + 1;        /* ">[ 834] 0x........ " */
	int midw = digits + 10, colw, rx, y = r.y;
	bool ja = v->lang == LANG_JA;
	char flags[64], sub[96];

	draw_clear(w, r, A_NORMAL);
	if (r.h < 2 || r.w < 2 * slotw)
		return;
	if (r.w < 2 * slotw + midw)
		midw = r.w - 2 * slotw;
	colw = (r.w - midw) / 2;
	rx = r.x + colw + midw;
	draw_str(w, y, r.x, colw + midw - 1, v->left_title, theme_attr(th, ROLE_HEADING), th);
	draw_str(w, y, rx, r.x + r.w - rx, v->right_title, theme_attr(th, ROLE_HEADING), th);
	y++;
	draw_fmt(w, y, r.x, colw + midw - 1, A_NORMAL, th, ja ? " 位置 0x%0*" PRIx64 : " at 0x%0*" PRIx64,
		 v->arch->word_bits / 4, v->left_table);
	/* the word "at" goes first when the column is narrow */
	snprintf(sub, sizeof sub, ja ? " %s%s位置 0x%0*" PRIx64 : " %s%sat 0x%0*" PRIx64,
		 v->right_sub ? v->right_sub : "", v->right_sub ? " " : "",
		 v->arch->word_bits / 4, v->right_table);
	if (draw_text_width(sub, th) > r.x + r.w - rx)
		snprintf(sub, sizeof sub, " %s%s0x%0*" PRIx64, v->right_sub ? v->right_sub : "",
			 v->right_sub ? " " : "", v->arch->word_bits / 4, v->right_table);
	draw_str(w, y, rx, r.x + r.w - rx, sub, A_NORMAL, th);
	y++;
	/* five slots around the one synced; three when the room is short */
	for (int i = r.h >= DRAW_TABLES_ROWS ? 0 : 1; i < (r.h >= DRAW_TABLES_ROWS ? 5 : 4) && y < r.y + r.h;
	     i++, y++) {
		slot(w, y, r.x, colw, v, i, true, th);
		slot(w, y, rx, r.x + r.w - rx, v, i, false, th);
		if (i == 2 && v->phase != TV_BEFORE && midw > 4) {
			attr_t at = theme_attr(th, ROLE_MARK) | A_BOLD;
			if (v->phase == TV_COPYING) {
				/* the value in flight, zero-padded where it fits */
				char full[48], bare[48];
				const char *forms[] = { full, bare, th->utf8 ? "◀══" : "<==", NULL };
				snprintf(full, sizeof full, "%s 0x%0*" PRIx64, th->utf8 ? "◀══" : "<==",
					 digits, v->value);
				snprintf(bare, sizeof bare, "%s 0x%" PRIx64, th->utf8 ? "◀" : "<", v->value);
				draw_first_fit(w, y, r.x + colw, midw - 1, at, th, forms);
			}
			else
				draw_fmt(w, y, r.x + colw, midw, theme_attr(th, ROLE_GOOD), th,
					 ja ? "%s コピー済み" : "%s copied", th->utf8 ? "◀──" : "<--");
		}
	}
	if (y < r.y + r.h && v->no_master) {
		char full[200], short_[200];
		const char *fit[] = { full, short_, NULL };
		snprintf(full, sizeof full, ja ? "スロット %u = %s: マスターにエントリなし、何もコピーしない"
			 : "slot %u = %s: the master has no entry: nothing copied", v->index, v->slot_note);
		snprintf(short_, sizeof short_, ja ? "スロット %u: マスターにエントリなし、コピーなし"
			 : "slot %u: no master entry, nothing copied", v->index);
		draw_first_fit(w, y, r.x, r.w, theme_attr(th, ROLE_ERROR), th, fit);
	} else if (y < r.y + r.h) {
		char full[200], short_[200];
		const char *forms[] = { full, short_, NULL };
		bool copied = v->phase == TV_COPIED;
		walk_flags_format(v->arch, v->value, flags, sizeof flags);
		/* the flags go when the line does not fit */
		snprintf(full, sizeof full, copied ? (ja ? "スロット %u = %s: 0x%0*" PRIx64 " をコピー(%s)"
						       : "slot %u = %s: 0x%0*" PRIx64 " copied (%s)")
			 : (ja ? "スロット %u = %s、マスター: 0x%0*" PRIx64 "(%s)"
			    : "slot %u = %s: master has 0x%0*" PRIx64 " (%s)"),
			 v->index, v->slot_note, digits, v->value, flags);
		snprintf(short_, sizeof short_, copied ? (ja ? "スロット %u = %s: 0x%" PRIx64 " をコピー"
							: "slot %u = %s: 0x%" PRIx64 " copied")
			 : (ja ? "スロット %u = %s、マスター: 0x%" PRIx64 : "slot %u = %s: master has 0x%" PRIx64),
			 v->index, v->slot_note, v->value);
		draw_first_fit(w, y, r.x, r.w, copied ? theme_attr(th, ROLE_GOOD) : A_NORMAL, th, forms);
	}
}
