#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_linux.sh - a trace of real Linux 6.1 in the replayer:
# its faults follow the recorded call chain (the real function names), the
# code pane shows each frame's file from the installed linux-source-6.1
# with the frame's line highlighted (compared with the file the replayer
# extracted into the cache), the chain as a breadcrumb at 80x24 and as a
# list on larger terminals, never our guest's code. Without the package the
# pane gives function and file:line and how to get it; another Debian
# upload is named, and a line outside its function said; --cast works.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"

TARBALL=/usr/src/linux-source-6.1.tar.xz
if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
if [ ! -f "$TARBALL" ]; then
	not_ok "linux-source-6.1 is installed (make check installs it)"
	exit 0
fi
cd "$PAGEWALK_ROOT" || exit 1
FX=$PAGEWALK_ROOT/tests/tui/fixtures
T4=$FX/linux-all-4level.yaml
T5=$FX/linux-all-5level.yaml
T2=$FX/linux-vmalloc-2level.yaml
VER=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)
CACHED=${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk/linux-$VER/linux-source-6.1
ESC=$(printf '\033')

# right_until TEXT: Right until TEXT is in the text (wrapped anywhere), 40 stages at most
right_until() { keys_until Right 40 on_unspaced "$1"; }

# hl_line: "N TEXT" of the code line drawn highlighted (the pane's yellow
# background), escapes removed; "" when none is.
hl_line() {
	tui capture-pane -e -p | grep -F -- "${ESC}[43m" | head -1 |
		sed "s/${ESC}\[[0-9;]*m//g; s/^ *//"
}

# check_hl NAME FILE LINE: the highlighted line is LINE, and its text is
# line LINE of FILE (tabs as 8 columns, as the pane draws them; a line too
# long for the pane compared up to its '>').
check_hl() {
	_got=$(hl_line)
	_want=$(sed -n "$3p" "$2" | expand -t 8 | sed 's/ *$//')
	_n=${_got%% *} _t=${_got#* }
	case "$_t" in *">") _t=${_t%>}; _want=$(printf '%s' "$_want" | cut -c1-${#_t}) ;; esac
	if [ "$_n" = "$3" ] && [ -n "$_want" ] && [ "$_t" = "$_want" ]; then ok "$1"
	else not_ok "$1"; diag "highlighted: $_got" "want: $3 $_want"; tui_screen | diag "$(cat)"; fi
}

# ---- 80x24, 4-level: a copy-on-write fault, frame by frame ----
tui_start 80 24 "$PAGEWALK --lang en replay $T4"
check_screen "4level 80x24: opens" "event 1/84"
tui_keys / w p _ p a g e _ c o p y Enter
check_screen "4level: / finds a fault by a function of its chain" "/wp_page_copy: match 1 of 5, event 5"
right_until "The #PF entry: exc_page_fault reads the faulting address from cr2"
# (the first use extracts the chain's files in the background: up to a minute or so)
check_screen "4level exc_page_fault: the pane names file, function and the source" \
	"arch/x86/mm/fault.c  exc_page_fault()  Linux 6.1 (linux-source-6.1 $VER)" 240
check_hl "4level exc_page_fault: line 1482 highlighted, as in the extracted fault.c" \
	"$CACHED/arch/x86/mm/fault.c" 1482
check_not_screen "4level: never our guest's code" "guest/fault.c"
tui_keys c
check_screen "4level: c says the pane follows the chain" \
	"A trace of Linux 6.1: the code pane follows its recorded call chain."
check_not_screen "4level: c shows no guest code" "guest/fault.c"
right_until "handle_pte_fault: the pte is there but read-only, and this is a write: do_wp_page."
check_screen "4level handle_pte_fault: the chain as a breadcrumb" \
	"handle_mm_fault > __handle_mm_fault > handle_pte_fault"
check_screen "4level handle_pte_fault: mm/memory.c, the source's version" \
	"mm/memory.c  handle_pte_fault()  Linux 6.1 (linux-source-6.1 $VER)"
check_hl "4level handle_pte_fault: line 5048 highlighted, as in memory.c" "$CACHED/mm/memory.c" 5048
right_until "Further in do_wp_page, line 3522: it calls wp_page_copy."
check_hl "4level do_wp_page: line 3522 highlighted, as in memory.c" "$CACHED/mm/memory.c" 3522
check_screen "4level do_wp_page: the breadcrumb ends at it" "handle_pte_fault > do_wp_page"
right_until "wp_page_copy: copy the page"
check_hl "4level wp_page_copy: line 3130" "$CACHED/mm/memory.c" 3130
tui_keys Right
check_screen "4level: the write comes after the deepest frame" "write 0x0000000000246fb8:"
check_screen "4level: still at wp_page_copy" "mm/memory.c  wp_page_copy()"
check "the frames' lines are the trace's" grep -q 'fn: wp_page_copy, at: "mm/memory.c:3130"' "$T4"

# ---- 132x43: the whole chain listed, the code full width ----
tui_start 132 43 "$PAGEWALK --lang en replay $T4"
check_screen "4level 132x43: opens" "event 1/84"
tui_keys / w p _ p a g e _ c o p y Enter
wait_for "/wp_page_copy: "
right_until "Further in do_wp_page, line 3522"
check_screen "132x43: the chain as a list (9 stops, do_wp_page moving on once: 8 calls)" "call chain, 8 calls (Linux 6.1)"
check_screen "132x43: every frame with file:line" "exc_page_fault  arch/x86/mm/fault.c:1482"
check_screen "132x43: the current frame marked" "▶ do_wp_page  mm/memory.c:3522"
check_screen "132x43: x86-64's instruction pointer is rip" "  rip 0x0000000000401587  error 0x0007"
check_not_screen "132x43: never eip on x86-64" " eip "
check_screen "132x43: the frame not reached yet" "wp_page_copy  mm/memory.c:3130"
check_hl "132x43: line 3522 highlighted" "$CACHED/mm/memory.c" 3522
check "132x43: the code pane is full width (a line of 70 columns whole)" sh -c \
	"tmux -L '$TUI_SOCK' capture-pane -p | grep -q '^ 35[0-9][0-9] .\{66,\}[^>]\$'"
# c cannot switch a Linux trace's pane: neither the key bar (wide enough to
# hold it) nor the help offers it; pressing it says why.
check_screen "132x43: the key bar has room for every key it offers" "g goto  ↑/↓ code  ? help  q quit"
check_not_screen "132x43: the key bar does not offer c" "c code"
tui_keys '?'
check_screen "132x43: the help opens" "next match (while a search is active)"
check_not_screen "132x43: the help does not offer c" "code pane: guest/fault.c or Linux v6.1"
tui_keys Escape

# ---- 5-level, Japanese, 80x24 ----
tui_start 80 24 "$PAGEWALK --lang ja replay $T5"
check_screen "5level ja: opens" "イベント 1/79"
tui_keys / d o _ a n o n y m o u s _ p a g e Enter
wait_for "/do_anonymous_page: "
right_until "do_anonymous_page(初めて"
check_screen "5level ja: the walk of five levels" "p4d  テーブル"
check_screen "5level ja: the pane on do_anonymous_page" "mm/memory.c  do_anonymous_page()"
ln=$(grep -o 'fn: do_anonymous_page, at: "mm/memory.c:[0-9]*"' "$T5" | head -1 | sed 's/.*://; s/"//')
check_hl "5level ja: the frame's line $ln highlighted, as in memory.c" "$CACHED/mm/memory.c" "$ln"

# ---- 2-level vmalloc: the tables beside the chain ----
tui_start 80 24 "$PAGEWALK --lang en replay $T2"
check_screen "vmalloc: opens" "event 1/4"
tui_keys / v m a l l o c Enter
wait_for "/vmalloc: "
right_until "vmalloc_sync_one: the master's entry is present"
check_screen "vmalloc: the master's table beside the process's" "init_mm.pgd (the master)"
check_screen "vmalloc: the breadcrumb" "vmalloc_fault > vmalloc_sync_one"
check_hl "vmalloc: vmalloc_sync_one's line 175, as in fault.c" "$CACHED/arch/x86/mm/fault.c" 175
tui_keys q
check_screen "q quits, status 0" "EXITED 0"

# ---- without the package: function, file:line, how to get it ----
tui_start 80 24 "PAGEWALK_LINUX_SOURCE=$TUI_TMP/none.tar.xz $PAGEWALK --lang en replay $T4"
check_screen "no package: opens" "event 1/84"
tui_keys / w p _ p a g e _ c o p y Enter
wait_for "/wp_page_copy: "
right_until "Further in do_wp_page, line 3522"
check_screen "no package: the current function and file:line" "Linux 6.1  do_wp_page()  mm/memory.c:3522"
check_screen "no package: its callers with file:line" "handle_pte_fault  mm/memory.c:5048"
check_prose "no package: how to get it" "Get it with: apt-get install linux-source-6.1"
check_prose "no package: extracted on first use" "(pagewalk extracts the files it shows on first use)"
check_not_screen "no package: never our guest's code" "guest/fault.c"
tui_keys q
check_screen "no package: q quits, status 0" "EXITED 0"
tui_start 80 24 "PAGEWALK_LINUX_SOURCE=$TUI_TMP/none.tar.xz $PAGEWALK --lang ja replay $T4"
tui_keys / w p _ p a g e _ c o p y Enter
wait_for "/wp_page_copy: "
right_until "do_wp_page の 3522 行目へ進み"
check_prose "no package ja: how to get it" "入手するには: apt-get install linux-source-6.1"

# ---- another upload: 6.1.200, fault.c 50 lines longer at the top ----
UP=$TUI_TMP/up
mkdir -p "$UP/linux-source-6.1/arch/x86/mm" "$UP/linux-source-6.1/mm"
cp "$CACHED/arch/x86/mm/fault.c" "$UP/linux-source-6.1/arch/x86/mm/"
cp "$CACHED/mm/memory.c" "$CACHED/mm/mmap.c" "$UP/linux-source-6.1/mm/"
printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 200\nEXTRAVERSION =\n' >"$UP/linux-source-6.1/Makefile"
i=0
while [ $i -lt 50 ]; do sed -i '1i\
' "$UP/linux-source-6.1/arch/x86/mm/fault.c"; i=$((i + 1)); done
tar -cJf "$UP/linux-source-6.1.tar.xz" -C "$UP" linux-source-6.1
tui_start 80 24 "XDG_CACHE_HOME=$TUI_TMP/upcache PAGEWALK_LINUX_SOURCE=$UP/linux-source-6.1.tar.xz $PAGEWALK --lang en replay $T4"
check_screen "6.1.200: opens" "event 1/84"
tui_keys / w p _ p a g e _ c o p y Enter
wait_for "/wp_page_copy: "
right_until "The #PF entry: exc_page_fault"
check_screen "6.1.200: the lines arrive (extracted in the background)" "exc_page_fault()  Linux 6.1" 60
check_prose "6.1.200: says which upload, and that lines may be off" \
	"Your linux-source-6.1 is 6.1.200, the kernel was built from 6.1.192: lines may be off."
check_prose "6.1.200: the recorded line is outside its function here" \
	"Line 1482 is not inside exc_page_fault() here (lines 1488-1536)."
check_hl "6.1.200: line 1482 of that upload highlighted" "$UP/linux-source-6.1/arch/x86/mm/fault.c" 1482
tui_keys q
check_screen "6.1.200: q quits, status 0" "EXITED 0"

# ---- --cast: the frames show the chain and the source line ----
run_pw replay "$T4" --cast "$TUI_TMP/w.cast" --events 5-5
check_eq "--cast of a Linux fault: exit 0, nothing printed" "0||" "$RC|$OUT|$ERR"
check "the cast holds the frame's source line" grep -qF "return wp_page_copy(vmf);" "$TUI_TMP/w.cast"
python3 - "$TUI_TMP/w.cast" "$TUI_TMP/frames" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8").read().split("\n")[1:-1]]
open(sys.argv[2], "w", encoding="utf-8").write("".join(e[2] for e in ev[:15]))
PY
tui_start 80 24 "cat $TUI_TMP/frames; sleep 600"
check_screen "the cast's frame 15 names the frame" "Further in do_wp_page, line 3522: it calls wp_page_copy."
check_screen "the cast's frame 15: memory.c's line" "3522         return wp_page_copy(vmf);"
