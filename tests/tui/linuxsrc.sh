#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/linuxsrc.sh - Linux's code on screen comes from the installed
# linux-source-6.1, line for line: in a lesson's code pane and in the
# replayer's v6.1 pane (beside the guest's own code). Without the package
# both panes say which lines of which file and how to get them. A hostile
# cache (a symlink, a FIFO where a cached file goes) neither hangs the
# program nor writes through the link.
. "$(dirname "$0")/../lib.sh"
. "$PAGEWALK_ROOT/tests/tui/tmux.sh.inc"
# lesson 08's step count, from the lesson (it grows when steps are added)
L08STEPS=$(grep -c '^  - kind:' "$PAGEWALK_ROOT/lessons/08-kernel-fault.yaml")

TARBALL=/usr/src/linux-source-6.1.tar.xz
if ! command -v tmux >/dev/null; then
	not_ok "tmux is installed (apt-get install tmux)"
	exit 0
fi
if [ ! -f "$TARBALL" ]; then
	not_ok "linux-source-6.1 is installed (make check installs it)"
	exit 0
fi
TRACE=$PAGEWALK_ROOT/traces/vmalloc-2level-qemu.yaml
: "${PW_SHARED:=$TUI_TMP/shared}"
linux_ref || not_ok "fault.c from linux-source-6.1"
FAULT_C=$LINUX_REF/arch/x86/mm/fault.c

# check_file_lines NAME FILE A B: lines A-B of FILE are on screen, each with
# its line number (tabs as 8 columns in lessons; compared without leading
# blanks, lines longer than the pane skipped).
check_file_lines() {
	_screen=$(tui_screen)
	_bad=
	_n=$3
	while [ "$_n" -le "$4" ]; do
		_t=$(sed -n "${_n}p" "$2" | expand -t 8 | sed 's/^ *//; s/ *$//')
		if [ -n "$_t" ] && [ ${#_t} -lt 40 ]; then
			printf '%s\n' "$_screen" | grep -F -- "$_t" | grep -q "^ *$_n " || _bad="$_bad $_n"
		fi
		_n=$((_n + 1))
	done
	if [ -z "$_bad" ]; then ok "$1"; else not_ok "$1"; diag "lines not shown:$_bad"; tui_screen | diag "$(cat)"; fi
}

# ---- a lesson's code pane: lesson 08, step 6 (vmalloc_fault, lines 236-238) ----
for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	tui_start "$W" "$H" "$PAGEWALK lesson 08"
	check_screen "$size lesson: opens" "/$L08STEPS  x86-32" 60
	tui_keys g 6 Enter
	check_screen "$size lesson: the code pane names file, lines and symbol" \
		"arch/x86/mm/fault.c lines 173-260 (Linux v6.1, vmalloc_fault)"
	# (a cold cache, as in a fresh clone's build/test-cache: the one full
	# pass over the tarball comes first)
	wait_until "$size lesson: fault.c's lines arrive" 300 on_screen_re '^ *236 '
	check_file_lines "$size lesson: lines 236-238 are fault.c's own" "$FAULT_C" 236 238
done
# the package's text, not the lesson's: the lesson file has none of it
check "lesson 08 holds no line of fault.c 236-238" sh -c \
	"! sed -n '237p' '$FAULT_C' | sed 's/^[[:space:]]*//' | grep -qF -f - '$PAGEWALK_ROOT/lessons/08-kernel-fault.yaml'"

# ---- without the package: which lines, and how to get them ----
tui_start 80 24 "PAGEWALK_LINUX_SOURCE=$TUI_TMP/none.tar.xz $PAGEWALK lesson 08"
check_screen "no package, lesson: opens" "/$L08STEPS  x86-32"
tui_keys g 6 Enter
check_prose "no package, lesson: which lines of which file" \
	"Lines 173-260 of arch/x86/mm/fault.c (Linux v6.1) are read from the Debian package linux-source-6.1"
check_prose "no package, lesson: how to get them" "apt-get install linux-source-6.1"

# ---- a HOME that does not exist: the pane says what to do ----
tui_start 80 24 "env -u XDG_CACHE_HOME HOME=$TUI_TMP/no-such-home $PAGEWALK lesson 08"
check_screen "no HOME, lesson: opens" "/$L08STEPS  x86-32"
tui_keys g 6 Enter
check_prose "no HOME, lesson: the code pane names HOME and what to set" \
	"HOME ($TUI_TMP/no-such-home) does not exist; set XDG_CACHE_HOME to a directory you can write"
check "no HOME: nothing was created in its place" test ! -e "$TUI_TMP/no-such-home"

# ---- the replayer: v6.1 beside the guest ----
SET_PMD=$(grep -n 'set_pmd(pmd, \*pmd_k);' "$FAULT_C" | head -1 | cut -d: -f1)
check "fault.c has vmalloc_sync_one's set_pmd" test -n "$SET_PMD"
tui_start 80 24 "$PAGEWALK replay $TRACE"
check_screen "replay: opens" "event 1/" 60
tui_keys / v m a l l o c Enter
wait_for "n/N match"
keys_until Right 30 on_screen "set_pmd copies"
check_screen "replay: the v6.1 pane's title" "arch/x86/mm/fault.c (Linux v6.1, from linux-source-6.1)"
check_file_lines "replay: vmalloc_sync_one's set_pmd, line $SET_PMD, as in fault.c" "$FAULT_C" \
	"$((SET_PMD - 1))" "$SET_PMD"
tui_keys c
check_screen "replay: c: the guest's own code" "guest/fault.c (our guest kernel, as recorded)"
check_screen "replay: c: says the other is Linux v6.1" "(c: Linux v6.1)"
tui_keys c
check_screen "replay: c again: Linux v6.1" "(c: the guest's own source)"

# both at once when the terminal is large
tui_start 180 50 "$PAGEWALK replay $TRACE"
check_screen "180x50 replay: opens" "event 1/"
tui_keys / v m a l l o c Enter
wait_for "n/N match"
keys_until Right 30 on_screen "set_pmd copies"
check_screen "180x50 replay: the guest's pane" "guest/fault.c (our guest kernel, as recorded)"
check_screen "180x50 replay: and Linux v6.1's below it" "arch/x86/mm/fault.c (Linux v6.1, from linux-source-6.1)"

# without the package: the function, the file and how to get it
tui_start 80 24 "PAGEWALK_LINUX_SOURCE=$TUI_TMP/none.tar.xz $PAGEWALK replay $TRACE"
check_screen "no package, replay: opens" "event 1/"
tui_keys / v m a l l o c Enter
wait_for "n/N match"
keys_until Right 30 on_screen "set_pmd copies"
check_prose "no package, replay: the v6.1 function and file" \
	"Here Linux v6.1 runs vmalloc_sync_one() in arch/x86/mm/fault.c"
check_prose "no package, replay: how to get it" "apt-get install linux-source-6.1"
tui_keys c
check_screen "no package, replay: the guest's code still there" "guest/fault.c (our guest kernel"

# ---- a hostile cache: a symlink and a FIFO where the files go ----
CACHE=$TUI_TMP/cache
KEY=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null)
DIR=$CACHE/pagewalk/linux-$KEY/linux-source-6.1
mkdir -p "$DIR/arch/x86/mm" "$DIR/mm"
printf 'keep me\n' >"$TUI_TMP/victim"
ln -s "$TUI_TMP/victim" "$DIR/arch/x86/mm/fault.c"
mkfifo "$DIR/mm/memory.c"
tui_start 80 24 "XDG_CACHE_HOME=$CACHE $PAGEWALK replay $TRACE"
check_screen "hostile cache: the replayer opens (no hang on the FIFO)" "event 1/" 90
tui_keys / v m a l l o c Enter
wait_for "n/N match"
keys_until Right 30 on_screen "set_pmd copies"
# extracted in the background the first time: the pane says so, then the lines come
check_prose "hostile cache: the pane says the source is being read" \
	"Indexing linux-source-6.1 $KEY (once per upload)"
check_screen "hostile cache: the lines arrive" "arch/x86/mm/fault.c (Linux v6.1, from linux-source-6.1)" 240
check_file_lines "hostile cache: fault.c's real lines" "$FAULT_C" "$((SET_PMD - 1))" "$SET_PMD"
check_eq "hostile cache: the symlink's target untouched" "keep me" "$(cat "$TUI_TMP/victim")"
check "hostile cache: fault.c replaced by a regular file" test -f "$DIR/arch/x86/mm/fault.c" -a ! -L "$DIR/arch/x86/mm/fault.c"
check "hostile cache: memory.c replaced by a regular file" test -f "$DIR/mm/memory.c" -a ! -p "$DIR/mm/memory.c"
tui_keys q
check_screen "hostile cache: q quits with status 0" "EXITED 0"
