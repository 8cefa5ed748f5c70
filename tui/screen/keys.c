/* SPDX-License-Identifier: GPL-2.0-only */
/* keys.c - the key table. */
#include "screen/keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#define KEY_ESC 27
#define KEY_TAB '\t'
#define KEY_CTRL(c) ((c) & 0x1f)

static const struct keybind table[] = {
	{ CTX_LESSON, ACT_NEXT, { ' ', KEY_RIGHT, 'l', 'n' },
	  { "next step", "次のステップ" },
	  { "next", "次" } },
	{ CTX_LESSON, ACT_BACK, { KEY_LEFT, 'h', 'p' },
	  { "previous step", "前のステップ" },
	  { "back", "前" } },
	{ CTX_LESSON, ACT_GOTO, { 'g' },
	  { "go to step number ...", "番号でステップへ移動" },
	  { "go to", "移動" } },
	{ CTX_LESSON, ACT_SEARCH, { '/' },
	  { "search the lesson's text (/ Enter: the next match)", "レッスンの本文を検索 (/ Enter で次)" },
	  { "search", "検索" } },
	{ CTX_LESSON, ACT_STEP_LEVEL, { 's' },
	  { "step mode: the walk one level a press", "1 段ずつ進める (読むエントリを表示)" },
	  { "step", "1段ずつ" } },
	{ CTX_LESSON, ACT_REPLAY, { 'a' },
	  { "replay the animation", "アニメーションを再生し直す" },
	  { "replay", "再生" } },
	{ CTX_LESSON, ACT_FINISH, { '.', KEY_END },
	  { "show the end of the animation", "アニメーションの最後を表示" },
	  { "end", "最後" } },
	{ CTX_LESSON, ACT_FASTER, { '+', '=' },
	  { "animate faster", "アニメーションを速く" },
	  { "speed", "速度" } },
	{ CTX_LESSON, ACT_SLOWER, { '-', '_' },
	  { "animate slower", "アニメーションを遅く" },
	  { "speed", "速度" } },
	{ CTX_LESSON | CTX_HELP, ACT_SCROLL_DOWN, { KEY_DOWN, 'j', KEY_NPAGE },
	  { "scroll the text down", "本文を下へスクロール" },
	  { "scroll", "スクロール" } },
	{ CTX_LESSON | CTX_HELP, ACT_SCROLL_UP, { KEY_UP, 'k', KEY_PPAGE },
	  { "scroll the text up", "本文を上へスクロール" },
	  { "scroll", "スクロール" } },
	/* on an open quiz a digit starts the answer (help: ACT_ANSWER's line) */
	{ CTX_LESSON | CTX_LAB, ACT_TYPE, { '0', '1', '2', '3', '4' }, { NULL }, { NULL } },
	{ CTX_LESSON | CTX_LAB, ACT_TYPE, { '5', '6', '7', '8', '9' }, { NULL }, { NULL } },
	{ CTX_LESSON, ACT_ANSWER, { '\n', KEY_ENTER, 'i' },
	  { "quiz: type an answer", "クイズ: 答えを入力" },
	  { "answer", "答える" } },
	{ CTX_QUIZ, ACT_RETRY, { 'r' },
	  { "quiz: again, a fresh address (first result kept)",
	    "クイズ: 別のアドレスで再挑戦 (最初の結果は残る)" },
	  { "new question", "別の問題" } },
	{ CTX_SUMMARY, ACT_REVIEW, { 'r' },
	  { "end of the lesson: the first quiz missed", "レッスンの終わり: 最初に間違えたクイズへ" },
	  { "review missed", "間違えた問題へ" } },
	{ CTX_LESSON, ACT_PREDICT, { 'P' },
	  { "predict each level before it is shown (kept)",
	    "各段を表示の前に予想する (保存される)" },
	  { "predict", "予想" } },
	{ CTX_LESSON, ACT_OPEN_TRACE, { 'r' },
	  { "open a recorded fault in the replayer (Enter too)",
	    "記録されたフォルトをリプレイヤーで開く (Enter も)" },
	  { "open in the replayer", "リプレイヤーで開く" } },
	{ CTX_LESSON | CTX_HINT, ACT_HINT, { 'H', KEY_TAB } ,
	  { "quiz: show a hint", "クイズ: ヒントを表示" },
	  { "hint", "ヒント" } },
	{ CTX_INPUT, ACT_SUBMIT, { '\n', KEY_ENTER, '\r' },
	  { "submit the answer", "答えを送信" },
	  { "submit", "送信" } },
	{ CTX_INPUT | CTX_HINT, ACT_HINT, { KEY_TAB },
	  { "quiz: show a hint", "クイズ: ヒントを表示" },
	  { "hint", "ヒント" } },
	{ CTX_RINPUT, ACT_SUBMIT, { '\n', KEY_ENTER, '\r' },
	  { "go to the event (g) / search for the text (/)",
	    "そのイベントへ移動 (g)／その文字列を検索 (/)" },
	  { NULL } },
	{ CTX_INPUT | CTX_RINPUT, ACT_ERASE, { KEY_BACKSPACE, 127, KEY_CTRL('h') },
	  { "erase a character", "1文字消す" },
	  { NULL } },
	{ CTX_INPUT | CTX_RINPUT, ACT_LEAVE, { KEY_ESC },
	  { "leave the input field", "入力欄を離れる" },
	  { "leave the field", "入力欄を離れる" } },
	{ CTX_HOME, ACT_DOWN, { KEY_DOWN, 'j' },
	  { "next item", "次の項目" },
	  { "move", "移動" } },
	{ CTX_HOME, ACT_UP, { KEY_UP, 'k' },
	  { "previous item", "前の項目" },
	  { "move", "移動" } },
	{ CTX_HOME, ACT_PAGE_DOWN, { KEY_NPAGE, ' ', KEY_CTRL('f') },
	  { "one page down", "1 ページ下へ" },
	  { "page", "ページ" } },
	{ CTX_HOME, ACT_PAGE_UP, { KEY_PPAGE, 'b', KEY_CTRL('b') },
	  { "one page up", "1 ページ上へ" },
	  { "page", "ページ" } },
	{ CTX_HOME, ACT_FIRST, { 'g', KEY_HOME },
	  { "first item", "最初の項目" },
	  { "first/last", "先頭/末尾" } },
	{ CTX_HOME, ACT_LAST, { 'G', KEY_END },
	  { "last item", "最後の項目" },
	  { "first/last", "先頭/末尾" } },
	{ CTX_HOME, ACT_OPEN, { '\n', KEY_ENTER, '\r', KEY_RIGHT, 'l' },
	  { "open the lesson or trace", "レッスン／トレースを開く" },
	  { "open", "開く" } },
	/* trace replayer: the search rows come first, so that while a search
	 * is active n/N step through matches; otherwise n is the next event */
	{ CTX_REPLAY, ACT_PLAY, { ' ' },
	  { "play / pause", "再生／一時停止" },
	  { "play", "再生" } },
	{ CTX_REPLAY, ACT_STEP_FWD, { KEY_RIGHT, 'l' },
	  { "next stage", "次の段階" },
	  { "stage", "段階" } },
	{ CTX_REPLAY, ACT_STEP_BACK, { KEY_LEFT, 'h' },
	  { "previous stage (instant, also across events)", "前の段階 (即座に、イベントをまたいでも)" },
	  { "stage", "段階" } },
	{ CTX_RSEARCH, ACT_SEARCH_NEXT, { 'n' },
	  { "next match (while a search is active)", "次の一致 (検索中)" },
	  { "match", "一致" } },
	{ CTX_RSEARCH, ACT_SEARCH_PREV, { 'N' },
	  { "previous match (while a search is active)", "前の一致 (検索中)" },
	  { "match", "一致" } },
	{ CTX_RSEARCH, ACT_SEARCH_CLEAR, { KEY_ESC },
	  { "end the search (n is next event again)", "検索を終える (n は再び次のイベント)" },
	  { "end search", "検索終了" } },
	{ CTX_REPLAY, ACT_EVENT_NEXT, { KEY_SRIGHT, 'n' },
	  { "next event (n: when no search is active)", "次のイベント (n は検索していないとき)" },
	  { "event", "イベント" } },
	{ CTX_REPLAY, ACT_EVENT_PREV, { KEY_SLEFT, 'p' },
	  { "previous event", "前のイベント" },
	  { "event", "イベント" } },
	{ CTX_REPLAY, ACT_MARK_NEXT, { ']' },
	  { "next fault of another kind (d v s o on the timeline)",
	    "次の別の種類のフォルト (タイムラインの d v s o)" },
	  { "fault", "フォルト" } },
	{ CTX_REPLAY, ACT_MARK_PREV, { '[' },
	  { "previous fault of another kind", "前の別の種類のフォルト" },
	  { "fault", "フォルト" } },
	{ CTX_REPLAY, ACT_TENTH, { '0', '1', '2', '3', '4' },
	  { "jump to 0%, 10% ... 40% of the trace", "トレースの 0%, 10% … 40% へ" },
	  { NULL } },
	{ CTX_REPLAY, ACT_TENTH, { '5', '6', '7', '8', '9' },
	  { "jump to 50% ... 90% of the trace", "トレースの 50% … 90% へ" },
	  { NULL } },
	{ CTX_REPLAY, ACT_GOTO, { 'g' },
	  { "go to event number ...", "番号でイベントへ移動" },
	  { "goto", "移動" } },
	{ CTX_REPLAY, ACT_SEARCH, { '/' },
	  { "search: an address or a kind (vmalloc, segv ...)",
	    "検索: アドレス (0x...) か種類 (vmalloc, segv …)" },
	  { "search", "検索" } },
	{ CTX_REPLAY, ACT_PREDICT, { 'P' },
	  { "predict each level and the route first (kept)",
	    "予想モード: 各段と経路を先に予想 (保存される)" },
	  { "predict", "予想" } },
	{ CTX_REPLAY | CTX_RCODE, ACT_CODE_VIEW, { 'c' },
	  { "code pane: guest/fault.c or Linux v6.1",
	    "コード: guest/fault.c と Linux v6.1 を切替" },
	  { "code", "コード" } },
	{ CTX_REPLAY, ACT_SCROLL_DOWN, { KEY_DOWN, 'j', KEY_NPAGE },
	  { "scroll the code pane down (PgDn: 10 lines)",
	    "コード欄を下へスクロール (PgDn で 10 行)" },
	  { "code", "コード" } },
	{ CTX_REPLAY, ACT_SCROLL_UP, { KEY_UP, 'k', KEY_PPAGE },
	  { "scroll the code pane up (PgUp: 10 lines)", "コード欄を上へスクロール (PgUp で 10 行)" },
	  { "code", "コード" } },
	{ CTX_REPLAY, ACT_FASTER, { '+', '=' },
	  { "play faster (speed shown at the bottom)", "速く再生 (速度は最下行に表示)" },
	  { "speed", "速度" } },
	{ CTX_REPLAY, ACT_SLOWER, { '-', '_' },
	  { "play slower", "遅く再生" },
	  { "speed", "速度" } },
	{ CTX_LESSON | CTX_REPLAY, ACT_MENU, { 'm' },
	  { "the home menu (also when opened alone)", "ホームメニューへ (直接開いたときも)" },
	  { "menu", "メニュー" } },
	{ CTX_LESSON | CTX_INPUT | CTX_HOME | CTX_HELP | CTX_REPLAY | CTX_SANDBOX, ACT_HELP, { '?' },
	  { "this help (j/k scroll, any other key closes)",
	    "このヘルプ (j/k でスクロール、ほかのキーで閉じる)" },
	  { "help", "ヘルプ" } },
	{ CTX_HOME, ACT_QUIT, { 'q' },
	  { "quit (progress is saved)", "終了 (進み具合は保存される)" },
	  { "quit", "終了" } },
	{ CTX_LESSON | CTX_REPLAY, ACT_QUIT, { 'q' },
	  { "back where it was opened from (alone: quit)",
	    "開いた元へ戻る (直接開いたときは終了)" },
	  { "back", "戻る" } },
	{ CTX_LESSON | CTX_HOME | CTX_REPLAY | CTX_SANDBOX, ACT_EXIT, { KEY_CTRL('c') },
	  { "quit pagewalk from any screen (progress is saved)", "どの画面からでも終了 (進み具合は保存)" },
	  { NULL } },
	{ CTX_LESSON | CTX_HOME | CTX_REPLAY | CTX_SANDBOX, ACT_REDRAW, { KEY_CTRL('l') },
	  { "redraw the whole screen (anywhere)", "画面全体を描き直す (どこでも)" },
	  { NULL } },
	/* the sandbox (screen_sandbox.c) */
	{ CTX_SANDBOX, ACT_ANSWER, { '\n', KEY_ENTER, '\r', 'i' },
	  { "type into the cell (a digit starts it too)", "セルに入力 (数字でも入力開始)" },
	  { "fill in", "入力" } },
	{ CTX_SANDBOX, ACT_TYPE, { '0', '1', '2', '3', '4' },
	  { NULL }, { NULL } },
	{ CTX_SANDBOX, ACT_TYPE, { '5', '6', '7', '8', '9' },
	  { NULL }, { NULL } },
	{ CTX_SANDBOX, ACT_DOWN, { KEY_DOWN, 'j' },
	  { "the cell below", "下のセル" }, { "move", "移動" } },
	{ CTX_SANDBOX, ACT_UP, { KEY_UP, 'k' },
	  { "the cell above", "上のセル" }, { "move", "移動" } },
	{ CTX_SANDBOX, ACT_NEXT, { KEY_RIGHT, 'l', '\t' },
	  { "the cell on the right", "右のセル" }, { "move", "移動" } },
	{ CTX_SANDBOX, ACT_BACK, { KEY_LEFT, 'h' },
	  { "the cell on the left", "左のセル" }, { "move", "移動" } },
	{ CTX_SANDBOX, ACT_SB_ADDR, { 'e' },
	  { "type another address", "別のアドレスを入力" }, { "address", "アドレス" } },
	{ CTX_SANDBOX, ACT_SB_ARCH, { 'a' },
	  { "the next arch (x86-32, PAE, x86-64, LA57)", "次のアーキテクチャ" }, { "arch", "アーキ" } },
	{ CTX_SANDBOX, ACT_SB_ACCESS, { 't' },
	  { "the access: read, write, fetch", "アクセス: 読み出し、書き込み、フェッチ" }, { "access", "アクセス" } },
	{ CTX_SANDBOX, ACT_SB_USER, { 'u' },
	  { "user or kernel mode", "ユーザー/カーネルモード" }, { "user", "モード" } },
	{ CTX_SANDBOX, ACT_STEP_LEVEL, { 's' },
	  { "show the walk one more level", "変換を 1 段進めて表示" }, { "step", "1段ずつ" } },
	{ CTX_SANDBOX, ACT_FINISH, { '.', KEY_END },
	  { "show the whole walk", "変換をすべて表示" }, { "all", "全部" } },
	{ CTX_SANDBOX, ACT_SB_FILE, { 'o' },
	  { "walk a memory image (a file, as translate --mem)", "メモリイメージのファイルで変換" },
	  { "image", "イメージ" } },
	{ CTX_SANDBOX, ACT_MENU, { 'm' },
	  { "the home menu", "ホームメニューへ" }, { "menu", "メニュー" } },
	{ CTX_SANDBOX, ACT_QUIT, { 'q' },
	  { "back where it was opened from (alone: quit)", "開いた元へ戻る (直接開いたときは終了)" },
	  { "back", "戻る" } },
	{ CTX_HOME, ACT_SANDBOX, { 'w' },
	  { "the sandbox: walk your own address", "サンドボックス: 自分のアドレスで変換" },
	  { "sandbox", "サンドボックス" } },
	/* lab mode (screen_lab.c): a test, so no hints and no going back to
	 * the lesson; a digit starts typing like Enter (the screen does that) */
	{ CTX_LAB, ACT_NEXT, { ' ', KEY_RIGHT, 'l', 'n', KEY_DOWN },
	  { "next question", "次の問題" },
	  { "next", "次" } },
	{ CTX_LAB, ACT_BACK, { KEY_LEFT, 'h', 'p', KEY_UP },
	  { "previous question", "前の問題" },
	  { "back", "前" } },
	{ CTX_LAB, ACT_ANSWER, { '\n', KEY_ENTER, '\r', 'i' },
	  { "type an answer (a digit starts typing too)", "答えを入力 (数字でも入力開始)" },
	  { "answer", "答える" } },
	{ CTX_LAB, ACT_SCROLL_DOWN, { 'j', KEY_NPAGE },
	  { "scroll down (the score page)", "下へスクロール (採点ページ)" },
	  { "scroll", "スクロール" } },
	{ CTX_LAB, ACT_SCROLL_UP, { 'k', KEY_PPAGE },
	  { "scroll up (the score page)", "上へスクロール (採点ページ)" },
	  { "scroll", "スクロール" } },
	{ CTX_LAB, ACT_HAND_IN, { 'q', KEY_CTRL('c') },
	  { "hand in (asks first); on the score page: quit",
	    "提出 (未解答があれば確認)。採点ページでは終了" },
	  { "hand in", "提出" } },
	{ CTX_LAB, ACT_HELP, { '?' },
	  { "this help (j/k scroll, any other key closes)",
	    "このヘルプ (j/k でスクロール、ほかのキーで閉じる)" },
	  { "help", "ヘルプ" } },
	{ CTX_LAB, ACT_REDRAW, { KEY_CTRL('l') },
	  { "redraw the whole screen (anywhere)", "画面全体を描き直す (どこでも)" },
	  { NULL } },
};

bool keys_offered(const struct keybind *b, unsigned now)
{
	return !(b->ctx & CTX_CAPS) || (b->ctx & CTX_CAPS & now);
}

const struct keybind *keys_binding(unsigned ctx, int key)
{
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (!(table[i].ctx & ctx))
			continue;
		for (int k = 0; k < KEYS_PER_ACTION && table[i].keys[k]; k++)
			if (table[i].keys[k] == key)
				return &table[i];
	}
	return NULL;
}

/* The keys of an action that go further than its others, with their
 * number (keys_arg): PgDn and PgUp scroll a lesson's text five rows (j, k
 * and the arrows one) and the replayer's code pane ten, a digit in the
 * replayer jumps to its tenth. */
static const struct {
	unsigned ctx;
	int key, arg;
} args[] = {
	{ CTX_LESSON, KEY_NPAGE, 5 }, { CTX_LESSON, KEY_PPAGE, 5 },
	{ CTX_REPLAY, KEY_NPAGE, 10 }, { CTX_REPLAY, KEY_PPAGE, 10 },
	{ CTX_REPLAY, '0', 0 }, { CTX_REPLAY, '1', 1 }, { CTX_REPLAY, '2', 2 },
	{ CTX_REPLAY, '3', 3 }, { CTX_REPLAY, '4', 4 }, { CTX_REPLAY, '5', 5 },
	{ CTX_REPLAY, '6', 6 }, { CTX_REPLAY, '7', 7 }, { CTX_REPLAY, '8', 8 },
	{ CTX_REPLAY, '9', 9 },
};

int keys_arg(unsigned ctx, int key)
{
	if (!keys_binding(ctx, key))
		return 0;
	for (size_t i = 0; i < sizeof args / sizeof args[0]; i++)
		if ((args[i].ctx & ctx) && args[i].key == key)
			return args[i].arg;
	return 1;
}

enum action keys_action(unsigned ctx, int key)
{
	const struct keybind *b = keys_binding(ctx, key);

	return b ? b->action : ACT_NONE;
}

const struct keybind *keys_table(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

const char *keys_key_name(int key, char *buf, size_t len)
{
	switch (key) {
	case ' ': return "Space";
	case KEY_RIGHT: return "Right";
	case KEY_LEFT: return "Left";
	case KEY_SRIGHT: return "S-Right";
	case KEY_SLEFT: return "S-Left";
	case KEY_UP: return "Up";
	case KEY_DOWN: return "Down";
	case KEY_NPAGE: return "PgDn";
	case KEY_PPAGE: return "PgUp";
	case KEY_END: return "End";
	case KEY_HOME: return "Home";
	case KEY_CTRL('f'): return "Ctrl-F";
	case KEY_CTRL('b'): return "Ctrl-B";
	case '\n': return "Enter";
	case '\r': case KEY_ENTER: return NULL;   /* same as Enter: not listed twice */
	case KEY_TAB: return "Tab";
	case KEY_ESC: return "Esc";
	case KEY_BACKSPACE: return "Backspace";
	case 127: case KEY_CTRL('h'): return NULL;
	case KEY_CTRL('c'): return "Ctrl-C";
	case KEY_CTRL('l'): return "Ctrl-L";
	default:
		if (key > ' ' && key < 127) {
			snprintf(buf, len, "%c", key);
			return buf;
		}
		return NULL;
	}
}

void keys_names(const struct keybind *b, char *buf, size_t len)
{
	size_t k = 0;

	buf[0] = '\0';
	for (int i = 0; i < KEYS_PER_ACTION && b->keys[i] && k < len; i++) {
		char one[8];
		const char *s = keys_key_name(b->keys[i], one, sizeof one);
		if (s)
			k += (size_t)snprintf(buf + k, len - k, "%s%s", k ? " " : "", s);
	}
}
