#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make install PREFIX=P` after a plain build installs a binary that looks
# for its lessons and traces in P/share/pagewalk: run from another
# directory, it lists both in the home menu and finds a lesson by name;
# `make uninstall` removes what install put there. The build is a copy of
# this one's objects in a temporary BUILD, so only datadir.o is rebuilt.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1

T=$TUI_TMP
B=$T/build
mkdir -p "$B" "$T/elsewhere"
cp -a "$BUILD/engine" "$BUILD/tui" "$BUILD/libpwengine.a" "$BUILD/pagewalk" "$B/"
[ -d "$BUILD/gen" ] && cp -a "$BUILD/gen" "$B/"
[ -f "$BUILD/datadir.stamp" ] && cp -a "$BUILD/datadir.stamp" "$B/"

# pw_make ARGS: make in the tree with this build's flags, nothing inherited
pw_make() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$PAGEWALK_ROOT" \
		BUILD="$B" SAN="${SAN:-}" "$@" >"$T/make.log" 2>&1
}

P=$T/prefix
check "make install PREFIX=$P" pw_make install PREFIX="$P" DESTDIR=
check "installed the binary" test -x "$P/bin/pagewalk"
check "installed the lessons" test -f "$P/share/pagewalk/lessons/03-x86-32-two-level.yaml"
check "installed the traces" test -f "$P/share/pagewalk/traces/vmalloc-2level-qemu.yaml"
check "installed the manual" test -f "$P/share/man/man1/pagewalk.1"

# The not-found message names the places looked in: the installed ones.
cd "$T/elsewhere" || exit 1
ERR=$(env -u PAGEWALK_LESSONS "$P/bin/pagewalk" lesson no-such-lesson 2>&1)
check_contains "not found: looks in PREFIX/share/pagewalk/lessons" "$ERR" "$P/share/pagewalk/lessons"
check_contains "not found: not in /usr/local" "$ERR" "looked in lessons, $P/share"

tui_start 100 30 env -u PAGEWALK_LESSONS -u PAGEWALK_TRACES "$P/bin/pagewalk"
check_screen "home: installed lessons listed (by number and title)" "03  x86-32 without PAE"
check_screen "home: installed traces from PREFIX" "Traces ($P/share/pagewalk/traces)"
check_screen "home: an installed trace described" "all-2level-qemu.yaml         all        x86-32      qemu"
tui_keys q
check_screen "home: quits" "EXITED 0"

tui_start 100 30 env -u PAGEWALK_LESSONS -u PAGEWALK_TRACES "$P/bin/pagewalk" lesson 08
check_screen "lesson 08 found by name in PREFIX" "step 1/"
tui_keys q
check_screen "lesson: quits" "EXITED 0"
cd "$PAGEWALK_ROOT" || exit 1

# DESTDIR stages the files; the binary still looks in PREFIX.
S=$T/stage
check "make install DESTDIR=S PREFIX=/opt/pw" pw_make install PREFIX=/opt/pw DESTDIR="$S"
check "staged under DESTDIR" test -f "$S/opt/pw/share/pagewalk/lessons/03-x86-32-two-level.yaml"
ERR=$("$S/opt/pw/bin/pagewalk" lesson no-such-lesson 2>&1)
check_contains "staged binary looks in /opt/pw/share/pagewalk" "$ERR" "/opt/pw/share/pagewalk/lessons"

check "make uninstall PREFIX=$P" pw_make uninstall PREFIX="$P" DESTDIR=
check "uninstall removed the binary" test ! -e "$P/bin/pagewalk"
check "uninstall removed the data" test ! -e "$P/share/pagewalk"
check "uninstall removed the manual" test ! -e "$P/share/man/man1/pagewalk.1"
tui_stop
exit 0
