#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/source_reads.sh - what the first frame of a Linux replay reads
# (a cast of the first events, the cache warm): dpkg's status file once
# (it once read it twice) and each source file of its panes once (fault.c
# and memory.c were opened eight times each), counted with strace. And
# when a file cannot be had, the cast's pane says why, with the cause (a
# symlinked directory in the cache), not only "is not extracted".
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

TARBALL=/usr/src/linux-source-6.1.tar.xz
for need in strace:strace "$TARBALL":linux-source-6.1; do
	if ! command -v "${need%%:*}" >/dev/null && [ ! -f "${need%%:*}" ]; then
		not_ok "${need#*:} is installed (make check installs it)"
		exit 0
	fi
done
VER=$(dpkg-query -W -f='${Version}' linux-source-6.1)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
TRACE=traces/linux-all-2level-qemu.yaml

# warm: a first cast brings the files
"$PAGEWALK" replay "$TRACE" --cast "$T/warm.cast" --events 1-2 >/dev/null 2>&1
# (LeakSanitizer cannot run under ptrace: off for this one run under make sanitize)
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
strace -f -e trace=open,openat -o "$T/st" "$PAGEWALK" replay "$TRACE" --cast "$T/c.cast" --events 1-2 \
	>/dev/null 2>"$T/err"
check_eq "warm: the cast is made, nothing said" "" "$(cat "$T/err")"
check_eq "dpkg's status read once" 1 "$(grep -c '/var/lib/dpkg/status' "$T/st")"
check_eq "arch/x86/mm/fault.c opened once" 1 "$(grep -c '"fault.c"' "$T/st")"
check_eq "mm/memory.c opened once" 1 "$(grep -c '"memory.c"' "$T/st")"

# a symlinked directory where the cached mm/ goes: the pane says so
C=$T/cache
mkdir -p "$C/pagewalk/linux-$VER/linux-source-6.1" "$T/elsewhere"
ln -s "$T/elsewhere" "$C/pagewalk/linux-$VER/linux-source-6.1/mm"
XDG_CACHE_HOME=$C "$PAGEWALK" --lang en replay "$TRACE" --cast "$T/s.cast" --events 2 \
	--size 200x50 >/dev/null 2>"$T/err"
check_eq "symlinked mm/: the cast is still made" 0 "$?"
check_contains "symlinked mm/: its pane names the cause" "$(cat "$T/s.cast")" \
	"linux-source-6.1/mm is a symbolic link"
check_eq "symlinked mm/: nothing written through it" "" "$(ls -A "$T/elsewhere")"
exit 0
