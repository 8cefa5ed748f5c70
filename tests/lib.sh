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

ok()     { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
diag()   { printf '%s\n' "$@" | sed 's/^/# /'; }

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

# procs_in DIR: the pids of processes running in DIR (their working
# directory is DIR or below it) or naming it on their command line; the
# recorder runs its emulators in their work directory.
procs_in() {
	for _p in /proc/[0-9]*; do
		_c=$(readlink "$_p/cwd" 2>/dev/null) || continue
		case "$_c" in "$1" | "$1"/*) echo "${_p#/proc/}" ;; esac
	done
	pgrep -f "$1" || true
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
