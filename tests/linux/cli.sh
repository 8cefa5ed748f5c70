#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `pagewalk record --kernel linux` (engine/record/linuxrun.c) end to end,
# on the kernels tests/linux/record.sh made sure of: a 4-level and a
# 5-level recording become traces that `pagewalk dump` opens (the arch,
# the verify sentence, the faults, each write's level and writer); the
# header's command is one a shell can run; usage errors exit 2, their
# words from guest/linux/linux.tab; a run past --timeout exits 1, writes
# nothing and leaves no QEMU or gdb behind; an existing -o file is kept
# without --force; SIGKILL of the recorder takes QEMU and gdb with it, and
# the next recording sweeps the run directory it left; an installed
# pagewalk records from another directory.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux-cli
rm -rf "$OUT"
mkdir -p "$OUT/tmp"
export TMPDIR="$PAGEWALK_ROOT/$OUT/tmp"
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
	   grep -q '^# source linux under qemu' "$f.dump" && grep -q ' fault pid=' "$f.dump" &&
	   grep -q 'set 0x[0-9a-f]*: 0x[0-9a-f]*->0x[0-9a-f]* (pte\[[0-9]*\] by [a-z_]*set_pte' "$f.dump"; then
		ok "dump of the $1 trace: $3, source linux, faults, writes with their level, index and writer"
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
usage "Linux runs in 2level, pae, 4level, 5level, arm64-4k-39, " --kernel linux --mode 3level --scenario all -o "$OUT/x.yaml"
usage "--scenario vmalloc runs in 2level only: PAE and 64-bit kernels share their kernel tables" \
	--kernel linux --mode 4level --scenario vmalloc -o "$OUT/x.yaml"
usage "the Linux scenarios are demand, protection, fork, stack, munmap, vmalloc, all, thp, file, pti and tlb" \
	--kernel linux --mode 2level --scenario nope -o "$OUT/x.yaml"
usage "--kernel wants guest or linux" --kernel bsd --mode 2level --scenario all -o "$OUT/x.yaml"
usage "runs under QEMU" --kernel linux --emulator bochs --mode 2level --scenario all -o "$OUT/x.yaml"

# The header's command runs as written: pasted into a shell in a directory
# (without the gdbstub it waits for), QEMU boots the recorded kernel to the
# init's end.
cmd=$(sed -n 's/^  command: "\(.*\)"$/\1/p' "$OUT/4level-demand.yaml" | sed 's/\\"/"/g')
mkdir -p "$OUT/paste"
(cd "$OUT/paste" && eval "timeout 60 ${cmd% -S -gdb *}") >/dev/null 2>&1
if grep -q 'pagewalk: end' "$OUT/paste/serial.txt" 2>/dev/null; then
	ok "the header's command, pasted into a shell, boots the kernel to the init's end"
else
	not_ok "the header's command runs as written"
	diag "$cmd"
fi

# Past --timeout: exit 1, the message, no file, no process left.
f=$OUT/late.yaml
mkdir -p "$OUT/late-tmp"
TMPDIR=$OUT/late-tmp "$PW" record --kernel linux --mode 2level --scenario all --timeout 1 -o "$f" 2>"$f.err"
rc=$?
left=$(procs_in "$OUT/late-tmp" | wc -l)   # (its run directory is there)
if [ $rc = 1 ] && grep -q "did not finish within 1 s" "$f.err" && [ ! -e "$f" ] && [ "$left" = 0 ] &&
   [ -z "$(ls "$OUT/late-tmp")" ]; then
	ok "record --kernel linux --timeout 1: exit 1, nothing written, no QEMU or gdb or run directory left"
else
	not_ok "timeout: exit $rc, file $(ls "$f" 2>/dev/null), $left processes, left $(ls "$OUT/late-tmp")"
	diag "$(cat "$f.err")"
fi

# A QEMU that ends before it listens for gdb (here a stand-in on PATH that
# answers --version and refuses the rest, as a QEMU that cannot load a
# kernel does): exit 1, the tracer's reason with QEMU's own line, nothing
# written, nothing left.
mkdir -p "$OUT/fakeqemu" "$OUT/fq-tmp"
cat >"$OUT/fakeqemu/qemu-system-i386" <<'EOF2'
#!/bin/sh
case "$*" in *--version*) exec /usr/bin/qemu-system-i386 --version ;; esac
echo "qemu-system-i386: -kernel: cannot load it (the test's stand-in)" >&2
exit 1
EOF2
chmod +x "$OUT/fakeqemu/qemu-system-i386"
f=$OUT/fq.yaml
PATH=$PAGEWALK_ROOT/$OUT/fakeqemu:$PATH TMPDIR=$OUT/fq-tmp "$PW" record --kernel linux --mode 2level \
	--scenario demand -o "$f" 2>"$f.err"
rc=$?
if [ $rc = 1 ] && grep -q "the tracer failed: QEMU ended before it listened for gdb: qemu-system-i386: -kernel: cannot load it" "$f.err" &&
   [ ! -e "$f" ] && [ -z "$(ls "$OUT/fq-tmp")" ]; then
	ok "a QEMU that ends at once: exit 1, its own line in the reason, nothing written or left"
else
	not_ok "a QEMU that ends at once: exit $rc, file $(ls "$f" 2>/dev/null), left $(ls "$OUT/fq-tmp")"
	diag "$(cat "$f.err")"
fi

# SIGKILL of the recorder: QEMU and gdb end with it (PR_SET_PDEATHSIG on
# gdb; qemu.sh kills QEMU within 0.1 s of gdb's end), and the run
# directory it left is swept by the next recording. Each wait polls with
# a deadline.
k=$OUT/killed
mkdir -p "$k"
TMPDIR=$PAGEWALK_ROOT/$k "$PW" record --kernel linux --mode 2level --scenario all -o "$OUT/k.yaml" \
	>/dev/null 2>&1 &
pw=$!
running() { procs_in "$PAGEWALK_ROOT/$k" | grep -q . && pgrep -P "$pw" >/dev/null; }
gone() { [ -z "$(procs_in "$PAGEWALK_ROOT/$k")" ]; }
poll 60 running || diag "the recording's gdb and QEMU did not show within 60 s"
kids=$(procs_in "$PAGEWALK_ROOT/$k" | tr '\n' ' ')
kill -KILL "$pw"
wait "$pw" 2>/dev/null
poll 10 gone || diag "processes still in the run after 10 s"
left=$(procs_in "$PAGEWALK_ROOT/$k" | tr '\n' ' ')
if [ -n "$kids" ] && [ -z "$left" ]; then
	ok "SIGKILL of record --kernel linux: gdb and QEMU (pids $kids) end with it"
else
	not_ok "SIGKILL of the recorder: processes in its run: before $kids, after $left"
fi
stale=$(ls -d "$k"/pagewalk-linux.$pw.* 2>/dev/null)
TMPDIR=$PAGEWALK_ROOT/$k "$PW" record --kernel linux --mode 2level --scenario all --timeout 1 \
	-o "$OUT/k2.yaml" >/dev/null 2>&1
if [ -n "$stale" ] && [ ! -e "$stale" ] && [ -z "$(ls "$k")" ]; then
	ok "the run directory a killed recorder left is swept by the next recording"
else
	not_ok "stale run directory: left by the killed recorder: '$stale'; now: $(ls "$k")"
fi
# A kept run is the user's: never swept.
TMPDIR=$PAGEWALK_ROOT/$k "$PW" record --kernel linux --mode 2level --scenario demand --keep \
	-o "$OUT/k3.yaml" 2>"$OUT/k3.err" >/dev/null
keptdir=$(sed -n 's/^pagewalk: kept the run in //p' "$OUT/k3.err")
TMPDIR=$PAGEWALK_ROOT/$k "$PW" record --kernel linux --mode 2level --scenario all --timeout 1 \
	-o "$OUT/k4.yaml" >/dev/null 2>&1
if [ -n "$keptdir" ] && [ -f "$keptdir/records.txt" ]; then
	ok "a kept run directory survives the next recording's sweep"
else
	not_ok "kept run: '$keptdir' gone"
fi

# An installed pagewalk records from another directory: nothing of the
# clone is needed (the table, the tracer, the init and the QEMU command
# are compiled in; the kernels are in the cache).
# (The build is a copy of this one's objects, as tests/tui/install.sh does:
# only datadir.o is rebuilt, and this suite's binary is left alone.)
inst=$PAGEWALK_ROOT/$OUT/inst ib=$PAGEWALK_ROOT/$OUT/ibuild
mkdir -p "$ib"
cp -a "$BUILD/engine" "$BUILD/tui" "$BUILD/libpwengine.a" "$BUILD/pagewalk" "$BUILD/gen" "$ib/"
[ -f "$BUILD/datadir.stamp" ] && cp -a "$BUILD/datadir.stamp" "$ib/"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$PAGEWALK_ROOT" BUILD="$ib" SAN="${SAN:-}" \
	install PREFIX=/usr DESTDIR="$inst" >"$OUT/install.log" 2>&1
mkdir -p "$OUT/elsewhere"
(cd "$OUT/elsewhere" && "$inst/usr/bin/pagewalk" record --kernel linux --mode 2level \
	--scenario demand -o demand.yaml) >"$OUT/inst.out" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q 'page faults match the QEMU log' "$OUT/inst.out" &&
   quietly "$PW" check "$OUT/elsewhere/demand.yaml"; then
	ok "the installed pagewalk records Linux from another directory (exit 0, a valid trace)"
else
	not_ok "installed pagewalk: record --kernel linux from another directory (exit $rc)"
	diag "$(cat "$OUT/inst.out")"
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
