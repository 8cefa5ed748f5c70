#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/source_upload.sh - linux-source-6.1 read the first time, by the
# command line (`check`, `replay --cast`): the bytes are tar's own for
# every file the lessons and shipped traces name, by the one full pass and
# then by xz block; a tarball of another upload (made from the real one's
# files with another version string, in 1 MiB xz blocks) is not read
# through the map or make linux's tree of the real one: it takes the slow
# path, with its progress line and a note saying why; and a signal during
# the pass or the block read leaves nothing behind.
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

need_source
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME="$T/cache" PAGEWALK_CACHE="$T/kcache"
C=$XDG_CACHE_HOME/pagewalk/linux-$VER

# tar's own copy of every file pagewalk shows (the Makefile is extracted
# only for a tarball dpkg does not describe)
source_files | grep -vx Makefile | sed 's|^|linux-source-6.1/|' >"$T/members"
mkdir -p "$T/tar"
{ cat "$T/members"; echo linux-source-6.1/Makefile; } >"$T/members+"
tar -xJf "$TARBALL" -C "$T/tar" -T "$T/members+"

# every file: the lessons' by check, the traces' by a cast of each
all_files() {
	run_pw check lessons/*.yaml
	for tr in traces/linux-*.yaml; do
		"$PAGEWALK" replay "$tr" --cast "$T/x.cast" --force --events 2 >/dev/null 2>&1
	done
}
same_as_tar() {
	bad=
	while read -r m; do
		cmp -s "$T/tar/$m" "$C/$m" || bad="$bad $m"
	done <"$T/members"
	check_eq "$1: every file pagewalk shows is tar's, byte for byte" "" "$bad"
}
all_files
check_eq "first use: check passes" 0 "$RC"
check_contains "first use: the full pass said so on stderr" "$ERR" \
	"pagewalk: Indexing linux-source-6.1 $VER (once per upload) ..."
same_as_tar "the full pass"
rm -rf "$C/linux-source-6.1"
all_files
check_eq "by block: check passes" 0 "$RC"
same_as_tar "by block"

# ---- a signal in the middle: nothing left ----
# job_running: the job's temporary directory is there
job_running() { ls -d "$C"/tmp-* >/dev/null 2>&1; }
# signal_it SIG PID: send SIG once the job runs (waited for with a
# deadline, a "not ok" line when it never came); the exit status.
signal_it() {
	wait_until "the job's temporary directory appears" 15 job_running
	kill -"$1" "$2" 2>/dev/null
	wait "$2"
}
rm -rf "$C"
"$PAGEWALK" check lessons/08-kernel-fault.yaml >"$T/out" 2>"$T/err" &
signal_it TERM $!
check_eq "SIGTERM during the full pass: check ends by it (128 + 15)" 143 "$?"
check "SIGTERM during the full pass: no temporary directory left" sh -c "! ls -d '$C'/tmp-* 2>/dev/null"
check_eq "SIGTERM during the full pass: no map, no file" "" "$(find "$C" -type f 2>/dev/null)"
# a cast on a cold cache says what it waits for on stderr, as check does
# (and it makes the map for the block read below)
run_pw replay traces/linux-all-4level-qemu.yaml --cast "$T/m.cast"
check_eq "a cast's first use: it is written" 0 "$RC"
check_contains "a cast's first use: the full pass said so on stderr" "$ERR" \
	"pagewalk: Indexing linux-source-6.1 $VER (once per upload) ..."
# Ctrl-C (SIGINT, not ignored as a background job's is) during check's
# block read: the same as SIGTERM, nothing left
rm -rf "$C/linux-source-6.1"
env --default-signal=INT "$PAGEWALK" check lessons/*.yaml >"$T/out" 2>"$T/err" &
signal_it INT $!
check_eq "SIGINT during the block read: check ends by it (128 + 2)" 130 "$?"
check "SIGINT during the block read: no temporary directory left" sh -c "! ls -d '$C'/tmp-* 2>/dev/null"
# the block read: the map made, the files gone
rm -rf "$C/linux-source-6.1"
"$PAGEWALK" replay traces/linux-all-4level-qemu.yaml --cast "$T/s.cast" >/dev/null 2>&1 &
signal_it TERM $!
check_eq "SIGTERM during the block read: replay --cast ends by it" 143 "$?"
check "SIGTERM during the block read: no temporary directory left" sh -c "! ls -d '$C'/tmp-* 2>/dev/null"
check "SIGTERM during the block read: no cast written" test ! -e "$T/s.cast"
bad=
for f in $(cd "$C" && find linux-source-6.1 -type f 2>/dev/null); do
	cmp -s "$T/tar/$f" "$C/$f" || bad="$bad $f"
done
check_eq "SIGTERM during the block read: what came is whole" "" "$bad"

# under nohup, SIGHUP is ignored: it stays so, and the cast is made
# (it was caught: the extraction cancelled, "replay: interrupted", exit 1)
rm -rf "$C/linux-source-6.1"
nohup "$PAGEWALK" replay traces/linux-all-4level-qemu.yaml --cast "$T/h.cast" >"$T/out" 2>"$T/err" &
signal_it HUP $!
check_eq "SIGHUP under nohup: replay --cast goes on (exit 0)" 0 "$?"
check "SIGHUP under nohup: the cast is written" test -s "$T/h.cast"

# ---- another upload: 6.1.199, from the real files ----
U=$T/up
mkdir -p "$U"
cp -a "$T/tar/linux-source-6.1" "$U/"
sed -i 's/^SUBLEVEL = .*/SUBLEVEL = 199/' "$U/linux-source-6.1/Makefile"
tar -cf - -C "$U" linux-source-6.1 | xz -T1 --block-size=1MiB -c >"$U/linux-source-6.1.tar.xz"
make_tree "$PAGEWALK_CACHE" "$VER"    # make linux's tree, of the real upload
run_pw check lessons/08-kernel-fault.yaml   # its map, and its files: warm
PAGEWALK_LINUX_SOURCE=$U/linux-source-6.1.tar.xz run_pw check lessons/08-kernel-fault.yaml
check_eq "another upload: check passes" 0 "$RC"
check_contains "another upload: the slow path, said with its note" "$ERR" \
	"pagewalk: Indexing linux-source-6.1 $U/linux-source-6.1.tar.xz (once per tarball) (make linux's source tree is of $VER, so it is not read) ..."
exit 0
