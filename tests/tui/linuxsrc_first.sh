#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/tui/linuxsrc_first.sh - the first use of linux-source-6.1 (a cold
# cache): the pane says what is happening while the files are extracted
# in the background, keys keep working, q quits at once leaving nothing
# partial in the cache, and the lines appear by themselves when tar is
# done. Then another Debian upload whose lines moved: the pane shows the
# moved lines, says so, and numbers them as they are now.
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
READING="Reading Linux 6.1 from linux-source-6.1 (first time only) ..."

# ---- q while extracting: quits at once, nothing left in the cache ----
CACHE=$TUI_TMP/cold1
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang en lesson 08"
check_screen "cold cache: the lesson opens at once" "/$L08STEPS  x86-32" 5
tui_keys g 6 Enter
check_screen "cold cache: the code pane says what is happening" "$READING" 3
check_screen "cold cache: and names the lines it will show" \
	"arch/x86/mm/fault.c lines 173-260 (Linux v6.1, vmalloc_fault)" 3
tui_keys n
check_screen "cold cache: keys work meanwhile (n: step 7)" "step 7/$L08STEPS" 3
check "cold cache: tar is running under the cache" sh -c "ls -d '$CACHE'/pagewalk/linux-*/tmp-* >/dev/null 2>&1"
tui_keys q
check_screen "cold cache: q quits at once, status 0" "EXITED 0" 3
check_eq "cold cache: no file left in the cache" 0 "$(find "$CACHE" -type f | wc -l)"
check "cold cache: no temporary directory left" sh -c "! ls -d '$CACHE'/pagewalk/linux-*/tmp-* 2>/dev/null"
check "cold cache: no tar of ours left running" sh -c "! pgrep -f '[t]ar -xJf $TARBALL -C $CACHE/' >/dev/null"

# ---- in Japanese, waited for: the lines come by themselves ----
CACHE=$TUI_TMP/cold2
tui_start 100 30 "XDG_CACHE_HOME=$CACHE $PAGEWALK --lang ja lesson 08"
check_screen "ja cold cache: the lesson opens" "/$L08STEPS" 5
tui_keys g 6 Enter
check_screen "ja cold cache: the pane says what is happening" \
	"linux-source-6.1 から Linux 6.1 を読み込んでいます (初回のみ)..." 3
tui_keys n p
check_screen "ja cold cache: fault.c's lines arrive without a key" "236 " 240
check "ja cold cache: the note is gone" sh -c "! tmux -L '$TUI_SOCK' capture-pane -p | grep -q '読み込んでいます'"
FAULT_C=$(ls "$CACHE"/pagewalk/linux-*/linux-source-6.1/arch/x86/mm/fault.c)
L236=$(sed -n 236p "$FAULT_C" | expand -t 8 | sed 's/^ *//')
check "ja cold cache: line 236 is fault.c's own" sh -c \
	"tmux -L '$TUI_SOCK' capture-pane -p | grep -F -- '$L236' | grep -q '^ *236 '"
# one run of tar brought every file any lesson or the replayer shows
check "ja cold cache: the replayer's mm/memory.c came with them" test -f \
	"$(dirname "$FAULT_C")/../../../mm/memory.c"
check "ja cold cache: lesson 01's arch/powerpc/Kconfig too" test -f \
	"$(dirname "$FAULT_C")/../../../arch/powerpc/Kconfig"
tui_keys q
check_screen "ja cold cache: q quits, status 0" "EXITED 0" 3

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
