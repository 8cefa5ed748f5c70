#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/replay_lifetime.sh - the replayer's lifetimes on the paths a
# learner takes every day with Linux's source already in the cache: a
# Linux trace opened, stepped and quit; a lesson's replay step opened and
# closed; a cast written. Each must end with status 0 and print nothing on
# stderr: under `make sanitize` (ASan+UBSan) a read of freed memory prints
# its report and exits 1, so these checks fail on a lifetime bug there
# (issue 20: the call view read file names from a trace already freed).
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
T2=$PAGEWALK_ROOT/traces/linux-all-2level-qemu.yaml
CACHE=$TUI_TMP/cache
export XDG_CACHE_HOME="$CACHE"

# ---- a cast: the first run fills the cache, the second reads it warm ----
"$PAGEWALK" replay "$T2" --cast "$TUI_TMP/cold.cast" >/dev/null 2>"$TUI_TMP/err0"
check_eq "cast (cold cache): status 0" 0 "$?"
check_eq "cast (cold cache): nothing on stderr but its progress lines" "" \
	"$(grep -v '^pagewalk: \(Indexing\|Reading\) ' "$TUI_TMP/err0")"
check "cast (cold cache): the one full pass said so" grep -q '^pagewalk: Indexing linux-source-6.1' "$TUI_TMP/err0"
"$PAGEWALK" replay "$T2" --cast "$TUI_TMP/warm.cast" >/dev/null 2>"$TUI_TMP/err1"
check_eq "cast (warm cache): status 0" 0 "$?"
check_eq "cast (warm cache): nothing on stderr" "" "$(cat "$TUI_TMP/err1")"
check "cast (warm cache): Linux's lines are in it" grep -q 'Linux 6.1 (linux-source-6.1 ' "$TUI_TMP/warm.cast"

# ---- open, step, quit (warm cache) ----
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang en replay $T2 2>$TUI_TMP/err2"
check_screen "replay: opens on the first event" "event 1/" 10
tui_keys n n Right Right Right
check_screen "replay: stepped to event 3" "event 3/" 5
check_screen "replay: Linux's lines from the cache" "Linux 6.1 (linux-source-6.1 " 10
tui_keys q
check_screen "replay: q quits with status 0" "EXITED 0" 10
check_eq "replay: nothing on stderr" "" "$(cat "$TUI_TMP/err2")"

# ---- a lesson's replay step: r opens the replayer, q comes back ----
L08=lessons/08-kernel-fault.yaml
# the step that replays Linux's 2-level trace, counted from the file
step=$(awk '/^  - kind:/{n++} /^    trace: traces\/linux-all-2level-qemu.yaml/{print n; exit}' "$L08")
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang en lesson 08 2>$TUI_TMP/err3"
check_screen "lesson 08: opens" "step 1/" 10
tui_keys g; tui_keys "$step"; tui_keys Enter
check_screen "lesson 08: step $step" "step $step/" 5
tui_keys r
check_screen "lesson 08: r opens the replayer on Linux's trace" "event " 10
check_screen "lesson 08: the replayer shows Linux's lines" "Linux 6.1 (linux-source-6.1 " 10
tui_keys Right Right q
check_screen "lesson 08: q goes back to the lesson" "step $step/" 5
tui_keys q
check_screen "lesson 08: q quits with status 0" "EXITED 0" 10
check_eq "lesson 08: nothing on stderr" "" "$(cat "$TUI_TMP/err3")"
