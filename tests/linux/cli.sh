#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `pagewalk record --kernel linux` (engine/record/linuxrun.c) end to end,
# on the kernels tests/linux/record.sh made sure of: a 4-level and a
# 5-level recording become traces that `pagewalk dump` opens (the arch,
# the verify sentence, the faults); usage errors exit 2; a run past
# --timeout exits 1, writes nothing and leaves no QEMU or gdb behind;
# an existing -o file is kept without --force.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux-cli
rm -rf "$OUT"
mkdir -p "$OUT"
PW=$PAGEWALK

# The kernels (built here on a cold machine, else reused: this script runs first).
if ! make --no-print-directory linux LINUX_VARIANTS="2level x86_64" >"$OUT/make-linux.log" 2>&1; then
	not_ok "make linux"
	diag "$(tail -5 "$OUT/make-linux.log")"
	exit 0
fi

# rec MODE SCENARIO ARCH: record, then dump.
rec() {
	f=$OUT/$1-$2.yaml
	"$PW" record --kernel linux --mode "$1" --scenario "$2" -o "$f" >"$f.out" 2>"$f.err"
	rc=$?
	if [ $rc = 0 ] && grep -q "pagewalk: wrote $f: .* page faults match the QEMU log" "$f.err"; then
		ok "record --kernel linux $1 $2: exit 0, $(grep -o '[0-9]* faults;' "$f.err")"
	else
		not_ok "record --kernel linux $1 $2: exit $rc"
		diag "$(cat "$f.err")"
		return
	fi
	"$PW" dump "$f" >"$f.dump" 2>&1
	if head -1 "$f.dump" | grep -q "^# $3, scenario $2:" &&
	   grep -q '^# source linux under qemu' "$f.dump" && grep -q ' fault pid=' "$f.dump"; then
		ok "dump of the $1 trace: $3, source linux, faults"
	else
		not_ok "dump of the $1 trace"
		diag "$(head -3 "$f.dump")"
	fi
}
# (side by side: each waits on its kernel far more than it computes)
rec 4level demand x86-64 >"$OUT/part-1" 2>&1 &
rec 5level demand x86-64-la57 >"$OUT/part-2" 2>&1 &
wait
cat "$OUT/part-1" "$OUT/part-2"

# Usage errors: exit 2, one line, before anything runs.
usage() {   # WANT ARGS...
	want=$1; shift
	err=$("$PW" record "$@" 2>&1 >/dev/null); rc=$?
	if [ $rc = 2 ] && printf '%s\n' "$err" | grep -qF -- "$want"; then
		ok "record $*: exit 2, \"$want\""
	else
		not_ok "record $*: exit $rc, said: $err"
	fi
}
usage "Linux runs in 2level, pae, 4level and 5level" --kernel linux --mode 3level --scenario all -o "$OUT/x.yaml"
usage "runs on 2level only" --kernel linux --mode 4level --scenario vmalloc -o "$OUT/x.yaml"
usage "--kernel wants guest or linux" --kernel bsd --mode 2level --scenario all -o "$OUT/x.yaml"
usage "runs under QEMU" --kernel linux --emulator bochs --mode 2level --scenario all -o "$OUT/x.yaml"

# Past --timeout: exit 1, the message, no file, no process left.
f=$OUT/late.yaml
mkdir -p "$OUT/late-tmp"
TMPDIR=$OUT/late-tmp "$PW" record --kernel linux --mode 2level --scenario all --timeout 1 -o "$f" 2>"$f.err"
rc=$?
left=$(procs_in "$OUT/late-tmp" | wc -l)   # (its run directory is there)
if [ $rc = 1 ] && grep -q "did not finish within 1 s" "$f.err" && [ ! -e "$f" ] && [ "$left" = 0 ]; then
	ok "record --kernel linux --timeout 1: exit 1, nothing written, no QEMU or gdb left"
else
	not_ok "timeout: exit $rc, file $(ls "$f" 2>/dev/null), $left processes"
	diag "$(cat "$f.err")"
fi

# An existing -o file is kept without --force.
echo keep >"$OUT/old.yaml"
"$PW" record --kernel linux --mode 2level --scenario demand -o "$OUT/old.yaml" 2>"$OUT/old.err"
rc=$?
if [ $rc = 1 ] && [ "$(cat "$OUT/old.yaml")" = keep ] && grep -q -- '--force' "$OUT/old.err"; then
	ok "record --kernel linux onto an existing file: exit 1, the file kept, --force named"
else
	not_ok "existing -o: exit $rc, $(cat "$OUT/old.err")"
fi
