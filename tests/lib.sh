# SPDX-License-Identifier: GPL-2.0-only
# tests/lib.sh - helpers for the shell test suites (sourced, POSIX sh).
#
# Every check prints one TAP-style line, "ok - NAME" or "not ok - NAME";
# diagnostics go on lines starting with "# ". tests/run.sh counts the lines.
# A suite script exits 0 even when checks fail: the runner does the counting.

: "${PAGEWALK_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BUILD:=build}"
: "${PAGEWALK:=$PAGEWALK_ROOT/$BUILD/pagewalk}"
export PAGEWALK_ROOT BUILD PAGEWALK
# A script run on its own caches where tests/run.sh would have it (never
# in the developer's ~/.cache/pagewalk): see run.sh.
: "${XDG_CACHE_HOME:=$PAGEWALK_ROOT/$BUILD/test-cache}"
: "${PAGEWALK_CACHE:=$XDG_CACHE_HOME/kernels}"
export XDG_CACHE_HOME PAGEWALK_CACHE

# python3 on PATH may be a slow shim (pyenv's takes 0.4 s a start): the
# suites run Debian's, which make check installs (python3, python3-yaml).
python3() { /usr/bin/python3 "$@"; }

ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
diag()   { printf '%s\n' "$@" | sed 's/^/# /'; }

# fresh_out DIR: DIR (under the tree) emptied, with DIR/tmp as TMPDIR,
# for a suite's files.
fresh_out() {
	rm -rf "$1" && mkdir -p "$1/tmp" && TMPDIR=$PAGEWALK_ROOT/$1/tmp && export TMPDIR
}

# check NAME CMD...: run CMD; ok when it exits 0.
check() {
	_name=$1; shift
	if "$@"; then ok "$_name"; else not_ok "$_name"; fi
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1"; diag "expected: $2" "actual:   $3"; fi
}

# check_contains NAME HAYSTACK NEEDLE
check_contains() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1"; diag "missing: $3" "in: $2" ;;
	esac
}

# run_pw ARGS...: run pagewalk; sets OUT, ERR, RC.
run_pw() {
	_o=$(mktemp) _e=$(mktemp)
	"$PAGEWALK" "$@" >"$_o" 2>"$_e"; RC=$?
	OUT=$(cat "$_o"); ERR=$(cat "$_e")
	rm -f "$_o" "$_e"
}

# check_run NAME WANT_RC ARGS...: run pagewalk and check its exit status.
check_run() {
	_name=$1 _want=$2; shift 2
	run_pw "$@"
	if [ "$RC" = "$_want" ]; then ok "$_name"
	else not_ok "$_name"; diag "exit $RC, wanted $_want" "stderr: $ERR"; fi
}

# ---- waiting ----------------------------------------------------------
# A test never sleeps to let something happen: it polls for it with a
# deadline and fails loudly when the deadline passes. tests/cli/waits.sh
# holds every suite script to that (tests/README.md, "Waiting").
#
#   poll SECS CMD...            a probe: run CMD every 0.05 s until it
#                               succeeds (0) or SECS seconds pass (1); its
#                               status must be used (if, while, &&, ||)
#   wait_until WHAT SECS CMD... poll; silent when CMD succeeds, else a
#                               "not ok - WHAT" line (so a timeout is counted
#                               even when the caller ignores the status), 1
#   check_poll NAME SECS CMD... poll; "ok - NAME" or "not ok - NAME"
# Deadlines are generous (a loaded machine is slow, a passing wait ends
# at once); WAIT_SECS (default 10) is the usual one.
: "${WAIT_SECS:=10}"

poll() {
	# (20 looks a second: the deadline counts the pauses between looks,
	# so a slow machine stretches it, never shortens it)
	_poll_n=$(( $1 * 20 )); shift
	while ! "$@"; do
		[ "$_poll_n" -gt 0 ] || return 1
		_poll_n=$((_poll_n - 1))
		sleep 0.05   # not a wait: the poll's interval
	done
}

wait_until() {
	_wu_what=$1 _wu_secs=$2; shift 2
	poll "$_wu_secs" "$@" && return 0
	not_ok "$_wu_what (waited $_wu_secs s)"
	return 1
}

check_poll() {
	_cp_name=$1 _cp_secs=$2; shift 2
	if poll "$_cp_secs" "$@"; then ok "$_cp_name"
	else not_ok "$_cp_name (waited $_cp_secs s)"; fi
}

# quietly CMD...: CMD with its output thrown away, for `check NAME quietly
# CMD` (redirecting the check itself would throw its ok line away).
quietly() { "$@" >/dev/null 2>&1; }

# rec_guest_up DIR: a recording run under DIR (its TMPDIR) has the guest's
# begin record: the guest is up and running.
rec_guest_up() { grep -qs '^begin ' "$1"/pagewalk-rec.*/e9.txt "$1"/pagewalk-rec.*/bochs.out; }

# ---- shared in a run -----------------------------------------------------
# What several scripts need and is dear to make is made once a run, by the
# first script that asks (under a lock), in PW_SHARED: tests/run.sh gives
# each run a fresh one; a script run alone first sets it to a directory of
# its own (: "${PW_SHARED:=$tmp/shared}").

# guest_boot EMU MODE SCENARIO: one recording of our guest, shared by the
# scripts that need it (guest/scenarios.sh checks its records against the
# emulator's logs, record/record.sh its trace against the shipped one):
# `pagewalk record --keep --timeout 60`. Sets BOOT_TRACE (the trace
# written), BOOT_RUN (the kept run directory: e9.txt or bochs.out, the
# emulator's log, walks.txt), BOOT_RC, BOOT_ERR (record's exit status and
# stderr) and BOOT_SECS. PAGEWALK_GUEST names the guest ELF.
guest_boot() {
	_b=${PW_SHARED:?guest_boot: no PW_SHARED}/boots/$1-$2-$3
	mkdir -p "$PW_SHARED/boots"
	(
		flock 9
		[ -e "$_b.rc" ] && exit 0
		rm -rf "$_b.tmp" && mkdir -p "$_b.tmp"
		_t=$(date +%s%N)
		TMPDIR=$_b.tmp "$PAGEWALK" record --emulator "$1" --mode "$2" --scenario "$3" \
			--timeout 60 --keep -o "$_b.yaml" >/dev/null 2>"$_b.err"
		_rc=$?
		awk -v a="$_t" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f\n", (b - a) / 1e9 }' >"$_b.secs"
		echo $_rc >"$_b.rc"
	) 9>"$_b.lock"
	BOOT_TRACE=$_b.yaml BOOT_RC=$(cat "$_b.rc") BOOT_ERR=$(cat "$_b.err") BOOT_SECS=$(cat "$_b.secs")
	BOOT_RUN=$(sed -n 's/^pagewalk: kept the run in //p' "$_b.err")
}

# linux_ref: the files of Linux 6.1 the suites compare what they see with,
# extracted from the installed linux-source-6.1 (LINUX_TARBALL) in one run
# of tar a suite run (a scan of the tarball is 7 s of CPU): every file a
# lesson's code excerpt names, and the ones listed here (a script that
# needs another adds it to the list). Sets LINUX_REF (its
# linux-source-6.1 directory); status 1 when the package is not installed
# or the extraction failed.
LINUX_TARBALL=/usr/src/linux-source-6.1.tar.xz
LINUX_REF_FILES="Makefile arch/x86/mm/fault.c mm/memory.c include/linux/pgtable.h
arch/x86/include/asm/pgtable.h arch/x86/include/asm/pgtable_types.h arch/x86/include/asm/trap_pf.h
include/linux/huge_mm.h arch/x86/entry/calling.h arch/x86/include/asm/pgtable_64_types.h"
linux_ref() {
	_r=${PW_SHARED:?linux_ref: no PW_SHARED}/linux-ref
	LINUX_REF=$_r/linux-source-6.1
	[ -f "$LINUX_TARBALL" ] || return 1
	mkdir -p "$PW_SHARED"
	(
		flock 9
		[ -e "$_r/done" ] && exit 0
		rm -rf "$_r" && mkdir -p "$_r"
		{
			printf '%s\n' $LINUX_REF_FILES
			awk 'FNR == 1 { incode = 0 } /^code:/ { incode = 1; next } /^[a-z]/ { incode = 0 }
			     incode && /^    file:/ { print $2 }' "$PAGEWALK_ROOT"/lessons/*.yaml
		} | sort -u | sed 's|^|linux-source-6.1/|' >"$_r/members"
		# shellcheck disable=SC2046
		tar -xJf "$LINUX_TARBALL" -C "$_r" $(cat "$_r/members") && touch "$_r/done"
	) 9>"$_r.lock"
	[ -e "$_r/done" ]
}

# proc_stopped PID: the process is stopped (state T in /proc/PID/stat).
proc_stopped() { [ "$(sed 's/^.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null)" = T ]; }

# procs_in DIR: the pids of processes running in DIR (their working
# directory is DIR or below it), naming it on their command line or in
# their environment (a TMPDIR given to the recorder, a path handed to gdb);
# the recorder runs its emulators in their work directory. Only what this
# test started has DIR: tests side by side, or other users', do not count.
procs_in() {
	{
		for _p in /proc/[0-9]*; do
			_c=$(readlink "$_p/cwd" 2>/dev/null) || continue
			case "$_c" in "$1" | "$1"/*) echo "${_p#/proc/}" ;; esac
		done
		grep -laF -- "$1" /proc/[0-9]*/environ 2>/dev/null | sed 's|^/proc/||; s|/environ$||'
		pgrep -f -- "$1"
	} | sort -u
}

# source_files: the Linux files pagewalk shows, one a line: those the
# lessons' excerpts and the shipped traces' call chains name, the
# replayer's two, and the Makefile.
source_files() {
	{ awk '/^code:/ { c = 1; next } /^[a-z]/ { c = 0 } c && /^    file:/ { print $2 }' \
		"$PAGEWALK_ROOT"/lessons/*.yaml
	  sed -n 's/.* at: "\([^:"]*\):[0-9]*".*/\1/p' "$PAGEWALK_ROOT"/traces/linux-*.yaml
	  printf '%s\n' arch/x86/mm/fault.c mm/memory.c Makefile; } | sort -u
}

# make_tree KCACHE VER: a make linux source tree of the installed
# linux-source-6.1 in KCACHE/linux-VER/src as guest/linux/build.sh leaves
# it: extracted with tar, listed by srclist.sh right after, then our
# driver copied in and arch/x86/mm/Makefile given its line. Only the
# files pagewalk shows (source_files) and that Makefile, in place of the
# 1.5 GB of a whole tree (one pass of tar over the tarball).
make_tree() {
	_t=$1/linux-$2/src
	rm -rf "$_t" && mkdir -p "$_t.tmp" &&
	{ source_files; echo arch/x86/mm/Makefile; } | sed 's|^|linux-source-6.1/|' >"$_t.list" &&
	tar -xJf /usr/src/linux-source-6.1.tar.xz -C "$_t.tmp" -T "$_t.list" &&
	mv "$_t.tmp/linux-source-6.1" "$_t" && rmdir "$_t.tmp" && rm -f "$_t.list" &&
	sh "$PAGEWALK_ROOT/guest/linux/srclist.sh" "$_t" /usr/src/linux-source-6.1.tar.xz "$2" &&
	printf '/* our driver */\n' >"$_t/arch/x86/mm/pagewalk_vmalloc.c" &&
	printf 'obj-y += pagewalk_vmalloc.o\n' >>"$_t/arch/x86/mm/Makefile"
}

# need_source: linux-source-6.1 must be installed (make check installs it);
# sets TARBALL and VER (its Debian version), else says so and ends the
# script (one not-ok line, as a missing package is a broken setup).
need_source() {
	TARBALL=/usr/src/linux-source-6.1.tar.xz
	if [ ! -f "$TARBALL" ]; then
		not_ok "linux-source-6.1 is installed (make check installs it)"
		exit 0
	fi
	VER=$(dpkg-query -W -f='${Version}' linux-source-6.1)
}
