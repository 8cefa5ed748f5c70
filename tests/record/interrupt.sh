#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/record/interrupt.sh - SIGINT, SIGTERM and SIGHUP at any point of a
# recording leave nothing behind (issue 16 item 4): no OUT.tmpXXXXXX beside
# the target and no $TMPDIR/pagewalk-rec.* run directory, no emulator
# process; the target stays as it was. The points after the emulator
# finished (fsync of the trace, its rename) are hit exactly with an
# LD_PRELOAD shim (tests/record/slowio.c) that holds pagewalk there.
. "$(dirname "$0")/../lib.sh"
PAGEWALK_GUEST=$PAGEWALK_ROOT/$BUILD/guest/guest.elf
export PAGEWALK_GUEST
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pw-interrupt-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if ! ${CC:-cc} -shared -fPIC -O1 -o "$tmp/slowio.so" "$PAGEWALK_ROOT/tests/record/slowio.c" -ldl; then
	not_ok "build the slowio shim"
	exit 0
fi

# interrupt NAME SIG WHERE EMU [--from DIR]: record with the shim holding
# pagewalk at WHERE (fsync, publish, or run: while the guest hangs), send
# SIG there, check what is left.
interrupt() {
	name=$1 sig=$2 where=$3 emu=$4
	shift 4
	work=$tmp/work-$name out=$tmp/out-$name
	mkdir -p "$work" "$out"
	printf 'keep me\n' >"$out/t.yaml"
	rm -f "$tmp/mark"
	if [ "$where" = run ]; then
		set -- --guest-args hang=1 --timeout 60 "$@"
	fi
	if [ "$1" = --from ]; then set -- "$@"; else set -- --emulator "$emu" --mode pae --scenario all "$@"; fi
	# (an ASan build wants its runtime first: let the shim go before it)
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
	TMPDIR=$work PW_SLOW=$where PW_MARK=$tmp/mark LD_PRELOAD=$tmp/slowio.so \
		"$PAGEWALK" record "$@" --force -o "$out/t.yaml" >"$tmp/stdout" 2>"$tmp/stderr" &
	pw=$!
	if [ "$where" = run ]; then
		# the guest is up once its records file has the begin record
		if ! poll 30 rec_guest_up "$work"; then
			not_ok "$name: the guest came up"
			kill "$pw"; wait "$pw"
			return
		fi
	elif ! poll 30 test -e "$tmp/mark"; then
		not_ok "$name: reached $where"
		kill "$pw"; wait "$pw"
		return
	fi
	kill -s "$sig" "$pw"
	wait "$pw"; rc=$?
	if [ "$where" = publish ] && [ "$rc" = 0 ]; then
		# the signal came inside rename(): it completes, the trace is whole
		check "$name: the trace is whole" quietly "$PAGEWALK" dump "$out/t.yaml"
	else
		check_eq "$name: exit 1" 1 "$rc"
		check_contains "$name: says it was interrupted" "$(cat "$tmp/stderr")" "interrupted"
		check_eq "$name: the target untouched" "keep me" "$(head -c 100 "$out/t.yaml")"
	fi
	check_eq "$name: no temporary file beside the target" "t.yaml" "$(ls "$out")"
	check_eq "$name: no run directory left in TMPDIR" "" "$(ls -A "$work")"
	check_eq "$name: no emulator left" "" "$(procs_in "$work")"
}

interrupt "SIGINT during fsync (qemu)" INT fsync qemu
interrupt "SIGTERM during fsync (bochs)" TERM fsync bochs
interrupt "SIGHUP during rename (qemu)" HUP publish qemu
interrupt "SIGINT during rename (bochs)" INT publish bochs
interrupt "SIGTERM while the guest runs (qemu)" TERM run qemu
interrupt "SIGHUP while the guest runs (bochs)" HUP run bochs

# --from: the same, without an emulator.
mkdir -p "$tmp/keep"
TMPDIR=$tmp/keep "$PAGEWALK" record --emulator qemu --mode pae --scenario demand --keep \
	-o "$tmp/kept.yaml" 2>"$tmp/stderr"
kept=$(sed -n 's/^pagewalk: kept the run in //p' "$tmp/stderr")
if [ -d "$kept" ]; then
	interrupt "SIGINT during fsync (--from)" INT fsync qemu --from "$kept"
	check "SIGINT during fsync (--from): the kept run is still there" test -f "$kept/e9.txt"
else
	not_ok "--keep gave a run directory"
fi
exit 0
