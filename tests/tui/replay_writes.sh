#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_writes.sh - a version 4 Linux trace in the replayer
# (tests/tui/fixtures/linux-v4-4level.yaml, the first 11 events of a
# 4-level recording): each entry write is shown at its writer's stage, the
# code pane on the line that wrote it, the narration and the footer naming
# the entry's level and index; a frame with no line lit highlights nothing
# and says why; a line lit for a reason says it; the code pane scrolls
# (Up/Down, PgUp/PgDn: in the help and the key bar) and a new stage goes
# back to its line. English and Japanese, 80x24 and 132x43. (The fixture
# comes from a tracer that did not yet read the page-table headers'
# out-of-line functions, so its first fault has frames with no line lit.)
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
T=$PAGEWALK_ROOT/tests/tui/fixtures/linux-v4-4level.yaml
VER=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)
CACHED=${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk/linux-$VER/linux-source-6.1
ESC=$(printf '\033')

# right_until TEXT: Right until TEXT is in the narrative (60 stages at most;
# "not ok" when it never is)
right_until() { keys_until Right 60 on_prose "$1"; }
# hl_line: "N TEXT" of the code line drawn highlighted, "" when none is.
hl_line() {
	tui capture-pane -e -p | grep -F -- "${ESC}[43m" | head -1 |
		sed "s/${ESC}\[[0-9;]*m//g; s/^ *//"
}
# first_code_line: the number of the code pane's first line
first_code_line() {
	tui_screen | sed -n '/Linux 6.1 (/,$p' | sed -n 's/^ *\([0-9][0-9]*\) .*/\1/p; s/^ *\([0-9][0-9]*\)$/\1/p' |
		head -1
}
# probes: the highlighted line's number is N; the pane's first line is N
hl_is() { _got=$(hl_line); [ "${_got%% *}" = "$1" ]; }
first_is() { [ "$(first_code_line)" = "$1" ]; }
first_is_not() { [ "$(first_code_line)" != "$1" ]; }
check_hl_num() { check_poll "$1" 5 hl_is "$2"; }

check "the fixture is a version 4 trace" grep -q '^pagewalk-trace: 4$' "$T"
run_pw check "$T"
check_eq "the fixture passes check" "0|" "$RC|$ERR"

# ---- 80x24: the first fault of the init (do_fault), writes at their writers ----
tui_start 80 24 "$PAGEWALK --lang en replay $T"
check_screen "80x24: opens" "event 1/11"
tui_keys n
check_screen "80x24: the first fault" "event 2/11"
right_until "__handle_mm_fault walks the tables in software"
# (the first use extracts the chain's files in the background)
check_screen "no line: the pane shows the function's file" \
	"mm/memory.c  __handle_mm_fault()  Linux 6.1 (linux-source-6.1 $VER)" 240
check_prose "no line: the pane says why none is lit" \
	"No line is lit: QEMU's log of the code this fault ran does not hold this function's."
check_poll "no line: nothing highlighted" 5 hl_is ""
check_screen "no line: the function shown from its start" "static vm_fault_t __handle_mm_fault(struct vm_area_struct *vma,"
right_until "native_set_pmd writes pmd[2]"
check_prose "a write: the narration names the writer, level and index" \
	"native_set_pmd writes pmd[2] (0x0000000000242010): 0x0000000000000000 -> 0x0000000000243067."
check_screen "a write: the pane is on the writer's file" "arch/x86/include/asm/pgtable_64.h  native_set_pmd()"
check_hl_num "a write: the writing line highlighted (pgtable_64.h:83)" 83
check "the writing line is the trace's" grep -q 'fn: native_set_pmd, at: "arch/x86/include/asm/pgtable_64.h:83"' "$T"
check_screen "a write: the footer names the entry by level and index" "pmd[2] 0x0->0x243067"
check_not_screen "a write: the footer no longer shows it by address" "[0x0000000000242010]"
# scrolling: Down moves the pane a line, PgDn ten, Up back; a new stage goes back
top=$(first_code_line)
tui_keys Down
check_poll "Down scrolls the code pane one line" 5 first_is "$((top + 1))"
check_hl_num "scrolled: the writing line is still the lit one" 83
tui_keys Up Up
check_poll "Up scrolls it back up" 5 first_is "$((top - 1))"
tui_keys NPage
check_poll "PgDn scrolls ten lines" 5 first_is "$((top + 9))"
tui_keys PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage
check_poll "PgUp stops at the file's first line" 5 first_is 1
tui_keys Right
check_poll "the next stage is shown" 5 first_is_not 1
tui_keys Left
check_poll "a new stage goes back to its line" 5 first_is "$top"
tui_keys '?'
check_screen "help: the scroll keys" "Down j PgDn"
check_screen "help: what they do" "scroll the code pane down (PgDn: 10 lines)"
tui_keys Escape

# ---- 132x43: a line lit for a reason, the key bar offers scrolling ----
tui_start 132 43 "$PAGEWALK --lang en replay $T"
check_screen "132x43: opens" "event 1/11"
tui_keys 9
check_screen "132x43: the fork child's copy-on-write fault" "event 10/11" 
right_until "do_wp_page: a write to a read-only page"
check_screen "a why: the pane says why the branch is lit" \
	"Line 3497: the branch taken there led to code the compiler shares with line 3445 (which did not run)."
check_hl_num "a why: line 3497 highlighted" 3497
check_screen "132x43: the key bar offers the code pane's scroll" "↑/↓ code"
check_screen "132x43: no-line frames listed by file alone" "__handle_mm_fault  mm/memory.c:5172"

# ---- Japanese ----
tui_start 80 24 "$PAGEWALK --lang ja replay $T"
check_screen "ja: opens" "イベント 1/11"
tui_keys n
right_until "__handle_mm_fault"
check_screen "ja: no line, why" "行は示しません。"
right_until "native_set_pmd が pmd[2]"
check_prose "ja: a write names level and index" "native_set_pmd が pmd[2] (0x0000000000242010) を書き換えます"
check_screen "ja: the footer" "pmd[2] 0x0->0x243067"
tui_stop

# ---- dump --format md: the writer and the entry ----
run_pw dump --format md --event 2 "$T"
check_contains "md: the writes name entry and writer" "$OUT" \
	'| `0x00242010` | pmd[2] | `0x0000000000000000` | `0x0000000000243067` | `native_set_pmd` `arch/x86/include/asm/pgtable_64.h:83` | - |'
check_contains "md: a frame with no line has its note" "$OUT" \
	"\`__handle_mm_fault\` | \`mm/memory.c\` | No line is lit: QEMU&#39;s log of the code this fault ran does not hold this function&#39;s. |"
exit 0
