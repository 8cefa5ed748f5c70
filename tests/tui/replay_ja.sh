#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_ja.sh - the replayer in Japanese at 80x24 and 132x43
# across a recorded vmalloc sync: stage sentences, labels and key hints in
# Japanese, the copied value the file has (pagewalk dump), no English stage
# sentence left; c switches the code pane to the guest's own guest/fault.c
# with the stage's line highlighted; the help's input section names the
# replayer's fields; a trace not from our guest keeps the Linux excerpt; the
# q hint over a lesson's replay step says it goes back.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
cd "$PAGEWALK_ROOT" || exit 1
TRACE=traces/vmalloc-2level-qemu.yaml
if [ ! -f "$TRACE" ]; then
	not_ok "the recorded trace $TRACE exists"
	exit 0
fi

# check_ja NAME TEXT: TEXT (a sentence) is on the screen, wrapped or not (waits).
check_ja() {
	if poll "$WAIT_SECS" on_joined "$2"; then ok "$1"
	else not_ok "$1"; diag "missing in the text: $2"; show_screen; fi
}
# right_until TEXT: Right until TEXT is in the text (30 stages at most)
right_until() { keys_until Right 30 on_joined "$1"; }
# check_highlighted NAME TEXT: the screen line with TEXT is drawn with an
# attribute (the code pane's highlight), not plain.
check_highlighted() {
	_line=$(tui capture-pane -e -p | grep -F -- "$2" | head -1)
	case "$_line" in
	*"$(printf '\033')["*"$2"*) ok "$1" ;;
	*) not_ok "$1"; diag "not highlighted: $2" "line: $_line" ;;
	esac
}

# What the file says: the first vmalloc sync and the value it copies.
DUMP=$("$PAGEWALK" dump "$TRACE" | grep '^[0-9]')
SYNC_LINE=$(printf '%s\n' "$DUMP" | grep -n ' -> vmalloc_fault ' | head -1)
SYNC_K=${SYNC_LINE%%:*}
COPIED=$(printf '%s\n' "$SYNC_LINE" | sed -n 's/.*->\(0x[0-9a-f]*\) (from master.*/\1/p')
NEVENTS=$(printf '%s\n' "$DUMP" | wc -l | tr -d ' ')
check "the trace has a vmalloc sync with a copied value" test -n "$SYNC_K" -a -n "$COPIED"
diag "sync at event $SYNC_K copies $COPIED; $NEVENTS events"

# English sentences and labels that must not be left on the Japanese screen
ENGLISH="on its way
The access is retried
the CPU walks the tables
kernel side
page not present
copied from init_mm
is empty and the master
vmalloc_sync_one: the same slot
Space play
q quit
|| paused
event $SYNC_K/
process pgd
(the master)
failed here
 table 0x
(4 KiB page)"
check_no_english() {
	_screen=$(tui_screen)
	_left=$(printf '%s\n' "$ENGLISH" | while IFS= read -r _s; do
		case "$_screen" in *"$_s"*) printf ' [%s]' "$_s" ;; esac
	done)
	if [ -z "$_left" ]; then ok "$1"
	else not_ok "$1"; diag "English left:$_left" "screen:"; printf '%s\n' "$_screen" | diag "$(cat)"; fi
}

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK --lang ja replay $TRACE"
	check_screen "$size ja: timeline" "イベント 1/$NEVENTS "
	if [ "$W" -ge 110 ]; then
		check_screen "$size ja: paused, speed" "|| 一時停止  速度 4/7"
	else
		check_screen "$size ja: paused, speed (without its word)" "|| 一時停止 4/7"
	fi
	check_screen "$size ja: key hints" "? ヘルプ  q 終了"
	check_screen "$size ja: the key bar keeps g" "g 移動"
	check_no_english "$size ja: no English at the start"

	tui_keys / v m a l l o c Enter
	check_screen "$size ja: search finds the vmalloc sync" "イベント $SYNC_K/$NEVENTS "
	if [ "$W" -ge 100 ]; then
		check_screen "$size ja: the side of TASK_SIZE" "カーネル側"
	else
		# 80 columns: the compact event line (the wide one does not fit)
		check_screen "$size ja: stage 1: the route not yet said" "エラー 0x0000  カーネル側  経路: ?"
		check_screen "$size ja: the side of TASK_SIZE" "cr2 >= TASK_SIZE 0xc0000000"
	fi
	check_screen "$size ja: error code in words" "P=0 ページ不在、W=0 読み出し、U=0 カーネルモード"
	check_ja "$size ja: the access" "でフォルトが起きます"
	tui_keys Right
	check_screen "$size ja: the walk, stage by stage" "ウォーク  cr3"
	right_until "発生させます"
	check_ja "$size ja: the walk fails (Japanese reason)" "が存在しません"
	check_screen "$size ja: the walk diagram's labels" "✗ ここで失敗"
	check_screen "$size ja: the walk diagram's result, reason in Japanese" ": pgd のエントリ"
	check_no_english "$size ja: no English at the failed walk"
	right_until "同じスロットを求めます"
	check_ja "$size ja: vmalloc_sync_one in Japanese" "vmalloc_sync_one: init_mm.pgd(swapper_pg_dir)"
	check_screen "$size ja: the process's table" "プロセスの pgd(pid"
	check_screen "$size ja: the master table" "init_mm.pgd(マスター)"
	right_until "コピーしています"
	check_ja "$size ja: the copy in flight" "set_pmd: マスターの値 $COPIED を"
	check_screen "$size ja: code pane: Linux v6.1's title in Japanese" "arch/x86/mm/fault.c(Linux v6.1、linux-source-6.1 より)"
	check_highlighted "$size ja: v6.1's set_pmd line (from linux-source-6.1) is highlighted" "set_pmd(pmd, *pmd_k);"
	check_no_english "$size ja: no English during the copy"
	tui_keys Right
	check_screen "$size ja: the copied value called out" "$COPIED をコピー("
	check_screen "$size ja: the write, copied from init_mm" "(init_mm からのコピー)"
	tui_keys c
	check_screen "$size ja: c: the guest's own source" "guest/fault.c(記録したゲストカーネル自身のソース)"
	check_screen "$size ja: c: the guest's set_pmd line" "set_pmd(pmd, pmd_val(pmd_k));"
	check_highlighted "$size ja: the guest's set_pmd line is highlighted" "set_pmd(pmd, pmd_val(pmd_k));"
	tui_keys Right
	check_ja "$size ja: the master pte checked" "0 を返し、アクセスが再実行されます"
	check_screen "$size ja: guest pane follows into vmalloc_fault" "pte_present(pte_k)"
	check_highlighted "$size ja: the guest's pte_present line is highlighted" "pte_present(pte_k)"
	tui_keys Right
	check_ja "$size ja: the retried walk" "今度はページウォークが成功します"
	check_screen "$size ja: the retried walk's frame" "フレーム 0x"
	check_no_english "$size ja: no English after the retry"
	tui_keys c
	check_screen "$size ja: c again: Linux v6.1's code" "arch/x86/mm/fault.c(Linux v6.1、linux-source-6.1 より)"

	tui_keys g
	check_screen "$size ja: goto field" "イベント番号:"
	tui_keys Escape '?'
	check_screen "$size ja: help: the c key" "コード: guest/fault.c と Linux v6.1 を切替"
	tui_keys j j j j j j j j j j j j j j j j
	check_screen "$size ja: help: the replayer's input section" "イベント番号 (g)・検索 (/)の入力中:"
	check_screen "$size ja: help: Enter in the field" "そのイベントへ移動 (g)"
	check_not_screen "$size ja: help: no lesson input wording" "答え・ステップ番号の入力中"
	tui_keys Escape q
	check_screen "$size ja: q quits with status 0" "EXITED 0"
done

# English: the same keys, the help's wording, the guest's do_page_fault.
tui_start 80 24 "$PAGEWALK replay $TRACE"
check_screen "en: opens" "event 1/$NEVENTS "
tui_keys / v m a l l o c Enter Right c
check_screen "en: c: the guest's own source" "guest/fault.c (our guest kernel, as recorded)"
check_screen "en: c: status says how to go back" "(c: Linux v6.1)"
right_until "do_page_fault reads the address"
check_highlighted "en: the guest's read_cr2 line is highlighted" "read_cr2();"
tui_keys '?' j j j j j j j j j j j j j j j j
check_screen "en: help: the replayer's input section" "While typing an event number (g) or a search (/):"
check_not_screen "en: help: no lesson input wording" "While typing an answer"
check_not_screen "en: help: no quiz hint key" "quiz: show a hint"
tui_keys Escape q
check_screen "en: quits" "EXITED 0"

# A trace not recorded by our guest: c says so, the Linux excerpt stays.
SYN=tests/tui/fixtures/replay-synthetic.yaml
if [ -f "$SYN" ]; then
	tui_start 80 24 "$PAGEWALK replay $SYN"
	check_screen "synthetic: opens" "replay-synthetic.yaml  x86-32"
	tui_keys ']' c
	check_screen "synthetic: c: only Linux v6.1's code" "only Linux v6.1's code is shown"
	tui_keys q
	check_screen "synthetic: quits" "EXITED 0"
fi

# Over a lesson's replay step the hint says q goes back to the lesson.
L08=lessons/08-kernel-fault.yaml
STEP=$(grep -n '^  - kind:' $L08 | grep -n 'kind: replay' | sed -n 1p | cut -d: -f1)
if [ -n "$STEP" ]; then
	for lang in en ja; do
		rm -rf "$XDG_STATE_HOME"
		tui_start 100 30 "$PAGEWALK --lang $lang lesson $L08"
		wait_for " 1/"
		tui_keys g "$STEP" Enter
		wait_for " $STEP/"
		tui_keys r
		check_screen "$lang: lesson replay step opens the replayer" "pagewalk replay"
		if [ $lang = en ]; then
			check_screen "en: over a lesson: q goes to the lesson" "q lesson"
			check_not_screen "en: over a lesson: no q quit" "q quit"
		else
			check_screen "ja: over a lesson: q レッスンへ戻る" "q レッスンへ"
			check_not_screen "ja: over a lesson: no q 終了" "q 終了"
		fi
		tui_keys q
		wait_gone "pagewalk replay"    # the key takes a moment: then check
		check_not_screen "$lang: q went back to the lesson" "pagewalk replay"
	done
else
	not_ok "lesson 08 has a replay step"
fi
tui_stop
