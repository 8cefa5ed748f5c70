#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/record/record_hostile.sh - the recorder against hostile emulators, files
# and environments (issue 16 items 1, 5, 6 and 13 for record; issue 14
# item 9): fake emulators on PATH that leave orphans in their own session
# or process group, hang on --version, fail with control bytes on stderr
# or write 200 MB; --from with a FIFO or /dev/zero; control bytes in
# --from and --guest; a relative or full TMPDIR; bad options found before
# anything starts; the fault count going up live.
. "$(dirname "$0")/../lib.sh"
PAGEWALK_GUEST=$PAGEWALK_ROOT/$BUILD/guest/guest.elf
export PAGEWALK_GUEST
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pw-hostile-test.XXXXXX")
small=$tmp/small
cleanup() {
	mountpoint -q "$small" 2>/dev/null && umount "$small"
	rm -rf "$tmp"
}
trap cleanup EXIT
esc=$(printf '\033')
qemu=$(command -v qemu-system-i386)

no_raw() {
	case "$2" in *"$esc"*) not_ok "$1"; diag "raw ESC in: $2" ;; *) ok "$1" ;; esac
}

# fake NAME BODY: $tmp/NAME/qemu-system-i386 runs BODY (sh); "$real" is QEMU.
fake() {
	mkdir -p "$tmp/$1"
	{ echo '#!/bin/sh'; echo "real=$qemu"; echo "tmp=$tmp"; printf '%s\n' "$2"; } \
		>"$tmp/$1/qemu-system-i386"
	chmod +x "$tmp/$1/qemu-system-i386"
}
with() { _d=$1; shift; PATH="$tmp/$_d:$PATH" run_pw "$@"; }

# ---- orphans: setsid and setpgid children of the emulator do not survive ----
fake orphan-setsid 'setsid sh -c "exec sleep 3001.5" </dev/null >/dev/null 2>&1 &
exec "$real" "$@"'
fake orphan-setpgid 'perl -e "setpgrp(0,0); exec q(sleep), q(3002.5)" </dev/null >/dev/null 2>&1 &
sh -c "sleep 3003.5 & exit 0" &
exec "$real" "$@"'
no_orphans() { ! pgrep -f 'sleep 300[123]\.5' >/dev/null; }
for how in setsid setpgid; do
	with orphan-$how record --emulator qemu --mode pae --scenario demand -o "$tmp/orph-$how.yaml"
	check_eq "an emulator whose children call $how: record still works" 0 "$RC"
	# (killed ones may take a moment to go; a survivor stays 3000 s)
	if poll "$WAIT_SECS" no_orphans; then ok "an emulator whose children call $how: none survives record"
	else not_ok "an emulator whose children call $how: none survives record"
		diag "left: $(pgrep -f 'sleep 300[123]\.5' || true)"; fi
	for p in $(pgrep -f 'sleep 300[123]\.5'); do kill "$p"; done   # a failed check's leftovers
done

# ---- the --version probe obeys --timeout and is not "the guest hung" ----
fake slowversion 'case $1 in --version) sleep 3004.5 ;; esac
exec "$real" "$@"'
start=$(date +%s)
with slowversion record --emulator qemu --mode pae --scenario demand --timeout 2 -o "$tmp/sv.yaml"
took=$(( $(date +%s) - start ))
check_eq "a --version probe that hangs: exit 1" 1 "$RC"
check_eq "a --version probe that hangs: message" \
	"pagewalk: record: \`qemu-system-i386 --version\` did not finish within 2 s (stopped it)" "$ERR"
check "a --version probe that hangs: stopped after --timeout 2 (took ${took}s)" test "$took" -le 5
check_eq "a --version probe that hangs: the probe is gone" "" "$(pgrep -f 'sleep 3004\.5' || true)"

# ---- an emulator's failing stderr line is shown escaped ----
fake badstderr 'case $1 in --version) exec "$real" --version ;; esac
printf "\033]52;c;SGVsbG8=\007\033[2Jboom\n" >&2
exit 1'
with badstderr record --emulator qemu --mode pae --scenario demand -o "$tmp/bad.yaml"
check_eq "an emulator failing with control bytes: exit 1" 1 "$RC"
no_raw "an emulator failing with control bytes: its line shown escaped" "$ERR"
check_contains "an emulator failing with control bytes: quotes the line" "$ERR" \
	'exited with status 1: \x1b]52;c;SGVsbG8=\x07\x1b[2Jboom'

# ---- --from and --guest values with control bytes ----
run_pw record --from "$(printf '%s/x\033]0;owned\007' "$tmp")" -o "$tmp/f.yaml"
check_eq "--from with control bytes: exit 1" 1 "$RC"
no_raw "--from with control bytes: shown escaped" "$ERR"
run_pw record --emulator qemu --mode pae --scenario demand --guest "$(printf '%s/g\033[31m' "$tmp")" -o "$tmp/g.yaml"
check_eq "--guest with control bytes: exit 1" 1 "$RC"
no_raw "--guest with control bytes: shown escaped" "$ERR"
check_contains "--guest with control bytes: names it escaped" "$ERR" 'g\x1b[31m'

# ---- --from a run whose files are a FIFO or /dev/zero: no hang, no unbounded read ----
for kind in fifo zero; do
	d=$tmp/from-$kind
	mkdir -p "$d"
	: >"$d/qemu.log"
	if [ $kind = fifo ]; then mkfifo "$d/e9.txt"; else ln -s /dev/zero "$d/e9.txt"; fi
	start=$(date +%s)
	timeout 20 "$PAGEWALK" record --from "$d" -o "$tmp/from-$kind.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$? took=$(( $(date +%s) - start ))
	check_eq "--from with e9.txt a $kind: exit 1 (not hung)" 1 "$rc"
	check "--from with e9.txt a $kind: at once (${took}s)" test "$took" -le 2
	check_contains "--from with e9.txt a $kind: says why" "$(cat "$tmp/err")" "e9.txt is not a regular file"
	check "--from with e9.txt a $kind: no trace written" test ! -e "$tmp/from-$kind.yaml"
done

# ---- a relative TMPDIR ----
mkdir -p "$tmp/rel/work"
(cd "$tmp/rel" && TMPDIR=work "$PAGEWALK" record --emulator qemu --mode pae --scenario demand \
	-o "$tmp/rel.yaml" >"$tmp/out" 2>"$tmp/err")
check_eq "a relative TMPDIR: exit 0" 0 "$?"
check_eq "a relative TMPDIR: the run directory removed" "" "$(ls -A "$tmp/rel/work")"
check "a relative TMPDIR: a valid trace" quietly "$PAGEWALK" dump "$tmp/rel.yaml"

# ---- a full TMPDIR is reported as no space ----
mkdir -p "$small"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$small" 2>/dev/null; then
	TMPDIR=$small run_pw record --emulator qemu --mode pae --scenario demand -o "$tmp/full.yaml"
	check_eq "a 64 KiB TMPDIR: exit 1" 1 "$RC"
	check_contains "a 64 KiB TMPDIR: says there is no space" "$ERR" "no space left in TMPDIR $small"
	check_eq "a 64 KiB TMPDIR: nothing left in it" "" "$(ls -A "$small")"
	umount "$small"
	# Room at the start, full during the run: the emulator fills it.
	mount -t tmpfs -o size=6m tmpfs "$small"
	fake filler 'case $1 in --version) exec "$real" --version ;; esac
dd if=/dev/zero of="$TMPDIR/filler" bs=64k 2>/dev/null
exec "$real" "$@"'
	TMPDIR=$small with filler record --emulator qemu --mode pae --scenario demand -o "$tmp/full.yaml"
	check_eq "TMPDIR full during the run: exit 1" 1 "$RC"
	check_contains "TMPDIR full during the run: says there is no space" "$ERR" \
		"no space left in TMPDIR $small during the run"
	rm -f "$small/filler"
	check_eq "TMPDIR full during the run: no run directory left" "" "$(ls -A "$small")"
	umount "$small"
else
	not_ok "mount a small tmpfs (needs root)"
fi

# ---- 200 MB of records: counted live as they come (the CPU it costs is
# a make bench figure: tests/bench/record_flood.sh) ----
sh "$PAGEWALK_ROOT/tests/bench/record_flood.sh" "$PAGEWALK" "$tmp" >"$tmp/flood.out" 2>&1
last=$(sed -n 's/^last: //p' "$tmp/flood.out")
diag "200 MB of records: $last"
check_contains "200 MB of records: every fault counted, live" "$last" "16666667 faults seen"

# ---- every option is checked before anything starts ----
fake spy 'echo "$*" >>"$tmp/ran"
exec "$real" "$@"'
with spy record --emulator qemu --mode pae --scenario foo -o "$tmp/o.yaml"
check_eq "--scenario foo: exit 2 at once" 2 "$RC"
check_contains "--scenario foo: names the scenarios that exist" "$ERR" \
	"pagewalk: record: --scenario foo: the scenarios are demand, vmalloc, protection and all"
case "$ERR" in *"${TMPDIR:-/tmp}/"*|*pagewalk-rec*) not_ok "--scenario foo: names no temporary file"; diag "$ERR" ;;
*) ok "--scenario foo: names no temporary file" ;; esac
check "--scenario foo: the emulator never started" test ! -e "$tmp/ran"
with spy record --emulator qemu --mode pae --scenario demand --guest-args 'x;y' -o "$tmp/o.yaml"
check_eq "--guest-args with a ';': exit 2" 2 "$RC"
check "--guest-args with a ';': the emulator never started" test ! -e "$tmp/ran"
with spy record --emulator qemu --mode pae --scenario demand --guest "$tmp/none.elf" -o "$tmp/o.yaml"
check_eq "a missing --guest: exit 1" 1 "$RC"
check "a missing --guest: the emulator never started" test ! -e "$tmp/ran"

# ---- the fault count goes up while the emulator runs ----
fake slowfaults 'case $1 in --version) exec "$real" --version ;; esac
for a in "$@"; do case $a in file:*) out=${a#file:} ;; esac; done
# (each fault written once the recorder has shown the one before)
. "$PAGEWALK_ROOT/tests/lib.sh"
shown() { tr "\r" "\n" <"$tmp/sf.progress" | grep -q "recording: $1 faults\{0,1\} seen"; }
for i in 1 2 3 4 5; do
	[ $i = 1 ] || poll 30 shown $((i - 1)) || exit 2
	echo "fault n=$i" >>"$out"
done
poll 30 shown 5
exit 1'
: >"$tmp/sf.progress"
PATH="$tmp/slowfaults:$PATH" script -qfec "$PAGEWALK record --emulator qemu --mode pae --scenario demand -o $tmp/sf.yaml" /dev/null \
	>"$tmp/sf.progress"
tr '\r' '\n' <"$tmp/sf.progress" | sed -n 's/.*recording: \([0-9]*\) faults\{0,1\} seen.*/\1/p' | uniq | tr '\n' ' ' >"$tmp/counts"
counts=$(cat "$tmp/counts")
# (a line may come before the first fault is written: "0" then)
check_eq "the progress line counts faults live" "1 2 3 4 5 " "${counts#0 }"
for emu in bochs; do
	script -qec "$PAGEWALK record --emulator $emu --mode pae --scenario all -o $tmp/live-$emu.yaml" /dev/null \
		| tr '\r' '\n' >"$tmp/live"
	check_contains "$emu: the progress line shows the faults the guest wrote" \
		"$(grep 'faults seen' "$tmp/live" | tail -1)" "recording: 14 faults seen"
done
exit 0
