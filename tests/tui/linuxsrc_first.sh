#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/linuxsrc_first.sh - the first use of linux-source-6.1 (a cold
# cache): the pane says what is happening, with its progress, while the
# tarball is indexed in the background (the one full pass), keys keep
# working, q or SIGTERM quits at once leaving nothing partial in the
# cache, and the lines appear by themselves when the job is done. With the
# index made, a cold file cache reads only some xz blocks; with make
# linux's tree there, nothing is extracted at all. Then another Debian
# upload whose lines moved (a tarball made from the real one's files with
# another version string): the slow path with its progress and a note
# that make linux's tree is of another upload; the pane shows the moved
# lines, says so, and numbers them as they are now.
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
VER=$(dpkg-query -W -f='${Version}' linux-source-6.1)
INDEXING="Indexing linux-source-6.1 $VER (once per upload): "
# no make linux tree of the developer's is read here
export PAGEWALK_CACHE="$TUI_TMP/kcache"

# the percentage the pane shows now ("" when none)
pct_now() { tui_screen | sed -n 's/.*once per upload): \([0-9]*\)%.*/\1/p' | head -1; }
# has it moved from $p1?
pct_moved() { [ "$(pct_now)" != "$p1" ]; }
# the pid of the pagewalk running in this script's pane (the pane's shell's
# child: scripts side by side may run the same command)
pane_pid() { ps -o pid= --ppid "$(tui display-message -p '#{pane_pid}')" | tr -d ' ' | head -1; }

# ---- q while indexing: quits at once, nothing left in the cache ----
CACHE=$TUI_TMP/cold1
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang en lesson 08"
check_screen "cold cache: the lesson opens at once" "/$L08STEPS  x86-32" 5
tui_keys g 6 Enter
check_screen "cold cache: the code pane says what is happening, with its progress" "$INDEXING" 5
check_screen "cold cache: and names the lines it will show" \
	"arch/x86/mm/fault.c lines 173-260 (Linux v6.1, vmalloc_fault)" 3
p1=$(pct_now)
check_poll "cold cache: the percentage moves by itself, no key pressed (from $p1%)" 10 pct_moved
tui_keys n
check_screen "cold cache: keys work meanwhile (n: step 7)" "step 7/$L08STEPS" 3
check "cold cache: the job works under the cache" sh -c "ls -d '$CACHE'/pagewalk/linux-*/tmp-* >/dev/null 2>&1"
tui_keys q
check_screen "cold cache: q quits at once, status 0" "EXITED 0" 3
check_eq "cold cache: no file left in the cache" 0 "$(find "$CACHE" -type f | wc -l)"
check "cold cache: no temporary directory left" sh -c "! ls -d '$CACHE'/pagewalk/linux-*/tmp-* 2>/dev/null"

# ---- SIGTERM while indexing: the same ----
CACHE=$TUI_TMP/cold0
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang en lesson 08"
check_screen "SIGTERM: the lesson opens" "/$L08STEPS  x86-32" 5
tui_keys g 6 Enter
check_screen "SIGTERM: indexing" "$INDEXING" 5
pid=$(pane_pid)
check "SIGTERM: pagewalk runs in the pane" test -n "$pid"
kill -TERM "$pid"
check_screen "SIGTERM: it ends (128 + 15)" "EXITED 143" 5
check_eq "SIGTERM: no file left in the cache" 0 "$(find "$CACHE" -type f | wc -l)"
check "SIGTERM: no temporary directory left" sh -c "! ls -d '$CACHE'/pagewalk/linux-*/tmp-* 2>/dev/null"

# ---- in Japanese, waited for: the lines come by themselves ----
CACHE=$TUI_TMP/cold2
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang ja lesson 08"
check_screen "ja cold cache: the lesson opens" "/$L08STEPS" 5
tui_keys g 6 Enter
check_screen "ja cold cache: the pane says what is happening" \
	"linux-source-6.1 $VER のインデックスを作っています (この版で一度だけ): " 5
tui_keys n p
check_screen "ja cold cache: fault.c's lines arrive without a key" "236 " 240
check "ja cold cache: the note is gone" sh -c "! tmux -L '$TUI_SOCK' capture-pane -p | grep -q 'インデックスを作っています'"
FAULT_C=$(ls "$CACHE"/pagewalk/linux-*/linux-source-6.1/arch/x86/mm/fault.c)
cp "$FAULT_C" "$TUI_TMP/fault.c.first"
L236=$(sed -n 236p "$FAULT_C" | expand -t 8 | sed 's/^ *//')
check "ja cold cache: line 236 is fault.c's own" sh -c \
	"tmux -L '$TUI_SOCK' capture-pane -p | grep -F -- '$L236' | grep -q '^ *236 '"
# the replayer's files came with the lesson's, and a second job brings
# every other lesson's (polled for, with a deadline)
check "ja cold cache: the replayer's mm/memory.c came with them" test -f \
	"$(dirname "$FAULT_C")/../../../mm/memory.c"
check_poll "ja cold cache: then lesson 01's arch/powerpc/Kconfig, without a key" 30 test -f \
	"$(dirname "$FAULT_C")/../../../arch/powerpc/Kconfig"
tui_keys q
check_screen "ja cold cache: q quits, status 0" "EXITED 0" 3
MAP=$(ls "$CACHE"/pagewalk/linux-*/members.map)
check "ja cold cache: the member map is in the cache" test -s "$MAP"

# ---- the map made, the files gone: only some blocks, the lines at once ----
MAPID=$(stat -c '%i %Y' "$MAP")
rm -rf "$(dirname "$MAP")/linux-source-6.1"
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang en lesson 08"
check_screen "indexed: the lesson opens" "/$L08STEPS  x86-32" 5
tui_keys g 6 Enter
check_screen "indexed: fault.c's lines arrive" "236 " 30
check_eq "indexed: no full pass (the map was not made again)" "$MAPID" "$(stat -c '%i %Y' "$MAP")"
check "indexed: fault.c extracted again, the same bytes" cmp -s "$FAULT_C" "$TUI_TMP/fault.c.first"
tui_keys q
check_screen "indexed: q quits, status 0" "EXITED 0" 3

# ---- make linux's tree there: read from it, nothing extracted ----
make_tree "$PAGEWALK_CACHE" "$VER"
CACHE=$TUI_TMP/cold3
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang en lesson 08"
check_screen "tree: the lesson opens" "/$L08STEPS  x86-32" 5
tui_keys g 6 Enter
check_screen "tree: fault.c's lines at once" "236 " 5
check_not_screen "tree: never a note" "Indexing"
tui_keys q
check_screen "tree: q quits, status 0" "EXITED 0" 3
check_eq "tree: nothing extracted, no map" 0 "$(find "$CACHE" -type f 2>/dev/null | wc -l)"

# ---- another upload, 6.1.200, five lines inserted at the top of fault.c ----
UP=$TUI_TMP/up
mkdir -p "$UP"
# The extracted tree to copy: exactly one, named linux-source-6.1 and
# holding fault.c; anything else (an extraction that failed leaves
# FAULT_C empty, and dirname "" climbs from the cwd to /) stops the test.
SRC_ROOT=${FAULT_C%/arch/x86/mm/fault.c}
case $SRC_ROOT in
*/linux-source-6.1) ;;
*) not_ok "6.1.200: the extracted tree to copy (fault.c found: '$FAULT_C')"; exit 0 ;;
esac
[ -f "$SRC_ROOT/arch/x86/mm/fault.c" ] || { not_ok "6.1.200: $SRC_ROOT holds fault.c"; exit 0; }
cp -r "$SRC_ROOT" "$UP/linux-source-6.1"
printf 'VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 200\nEXTRAVERSION =\n' >"$UP/linux-source-6.1/Makefile"
sed -i '1i\
\
\
\
\
' "$UP/linux-source-6.1/arch/x86/mm/fault.c"
tar -cJf "$UP/linux-source-6.1.tar.xz" -C "$UP" linux-source-6.1
tui_start 80 24 "XDG_CACHE_HOME=$TUI_TMP/upcache PAGEWALK_LINUX_SOURCE=$UP/linux-source-6.1.tar.xz $PAGEWALK --lang en lesson 08"
check_screen "6.1.200: the lesson opens" "/$L08STEPS  x86-32" 5
tui_keys g 6 Enter
check_screen "6.1.200: the title names the lines shown" \
	"arch/x86/mm/fault.c lines 178-265 (Linux v6.1, vmalloc_fault)" 30
check_screen "6.1.200: the note says they moved" \
	"lines moved in 6.1.200: now 178-265 (the lesson: 173-260)"
check "6.1.200: the line numbered 241 is what the lesson's 236 was" sh -c \
	"tmux -L '$TUI_SOCK' capture-pane -p | grep -F -- '$L236' | grep -q '^ *241 '"
tui_keys q
check_screen "6.1.200: q quits, status 0" "EXITED 0" 3
