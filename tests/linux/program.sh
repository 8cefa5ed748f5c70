#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `pagewalk record --kernel linux --program FILE` (engine/record/
# linuxprog.c) as a learner runs it, on the kernels `make linux` keeps in
# the cache: tests/linux/programs/touch.c recorded on 2-level, 4-level and
# arm64-4k-39 (built with the aarch64 cross compiler),
# each fault in main at the line its source marks ("fault xN": N faults
# there, none on any other line of main), the C library's start-up before
# main, the kernel's copy in read() named by its system call, only the
# program's faults (not the init's), its name, sha256 and source in the
# trace, its output and exit shown, dump and dump --format md naming the
# line; a program that does not compile (gcc's message, exit 1, nothing
# written), a dynamic ELF, an ELF of the other class and a file that is
# neither refused before anything boots; a program that never ends
# stopped by --timeout (nothing written, nothing left running); one that
# dies of SIGSEGV recorded with that fault, its escape sequences shown
# escaped and its output cut at the limit with a note.
. "${PAGEWALK_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
cd "$PAGEWALK_ROOT" || exit 0

OUT=$BUILD/test-linux-program
rm -rf "$OUT"
mkdir -p "$OUT/tmp"
export TMPDIR="$PAGEWALK_ROOT/$OUT/tmp"
PW=$PAGEWALK
SRC=tests/linux/programs

if ! make --no-print-directory linux LINUX_VARIANTS="2level x86_64 arm64-4k-39" >"$OUT/make-linux.log" 2>&1; then
	not_ok "make linux"
	diag "$(tail -5 "$OUT/make-linux.log")"
	exit 0
fi

# The lines of FILE's main that must fault, with how often: "LINE N" each.
expected() { awk '/fault x[0-9]+/ { n = $0; sub(/.*fault x/, "", n); sub(/[^0-9].*/, "", n); print NR, n }' "$1"; }
# The lines of main the trace's faults came from, with how often.
in_main() { "$PW" dump "$1" | sed -n "s/.* program=$2:\([0-9]*\) main() .*/\1/p" | sort -n | uniq -c |
	awk '{ print $2, $1 }'; }

# prog MODE: record touch.c in MODE with two arguments, then check it.
prog() {
	m=$1 f=$OUT/touch-$1.yaml
	start=$(date +%s)
	"$PW" record --kernel linux --mode "$m" --program "$SRC/touch.c" -o "$f" -- one two \
		>"$f.out" 2>"$f.err"
	rc=$? took=$(($(date +%s) - start))
	if [ $rc = 0 ] && grep -Eq "pagewalk: wrote $f: .* (page faults|aborts) match the QEMU log" "$f.err" &&
	   grep -q "^pagewalk: $SRC/touch.c exited with status 0$" "$f.err" &&
	   grep -qx "touch.c: 3 arguments, t" "$f.out"; then
		ok "record --program touch.c on $m: exit 0 in ${took} s, its output and exit shown"
	else
		not_ok "record --program touch.c on $m: exit $rc"
		diag "$(cat "$f.err" "$f.out")"
		return
	fi
	want=$(expected "$SRC/touch.c") got=$(in_main "$f" touch.c)
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		ok "$m: every fault in main at its expected touch.c:LINE ($(echo "$want" | tr '\n' ',' | sed 's/,$//'))"
	else
		not_ok "$m: faults in main: want (line count) $(echo $want), got $(echo $got)"
	fi
	"$PW" dump "$f" >"$f.dump" 2>&1
	first_main=$(grep -n ' program=touch.c:[0-9]* main()' "$f.dump" | head -1 | cut -d: -f1)
	last_startup=$(grep -n ' program=[^ ]* start-up' "$f.dump" | tail -1 | cut -d: -f1)
	if [ -n "$last_startup" ] && [ -n "$first_main" ] && [ "$last_startup" -lt "$first_main" ] &&
	   grep -q ' program=__libc_start_main[a-z_]*() start-up' "$f.dump"; then
		ok "$m: the C library's start-up faults are marked start-up, all before main's"
	else
		not_ok "$m: start-up faults: last at dump line '$last_startup', main's first at '$first_main'"
	fi
	case $m in arm64*) kmode=' el=1 ' ;; *) kmode=' cpl=0 ' ;; esac
	if grep -q "$kmode.* program=[^ ]* syscall=read " "$f.dump"; then
		ok "$m: the kernel's fault on a user address in read() names the system call"
	else
		not_ok "$m: no kernel-mode fault naming syscall=read"
	fi
	if ! grep -q ' pid=1 ' "$f.dump" && [ "$(grep -c ' fault pid=' "$f.dump")" = \
	   "$(grep -c ' fault pid=.* program=' "$f.dump")" ]; then
		ok "$m: only the program's faults (none of the init, pid 1)"
	else
		not_ok "$m: the init's faults are in the trace"
	fi
	/usr/bin/python3 - "$f" "$SRC/touch.c" >"$f.py" 2>&1 <<'EOF'
import hashlib, subprocess, sys, yaml
t = yaml.safe_load(open(sys.argv[1]))
p = t["header"]["program"]
src = open(sys.argv[2], "rb").read()
want = subprocess.run(["expand", sys.argv[2]], capture_output=True, text=True).stdout
assert t["pagewalk-trace"] == 5, t["pagewalk-trace"]
assert p["name"] == "touch.c", p["name"]
assert p["sha256"] == hashlib.sha256(src).hexdigest(), p["sha256"]
assert p["args"] == ["one", "two"], p["args"]
assert p["exit"] == "status 0", p["exit"]
assert p["source"] == want, "the source differs"
print("ok")
EOF
	if [ "$(cat "$f.py")" = ok ]; then
		ok "$m: the trace holds the program's name, sha256, arguments, exit and source"
	else
		not_ok "$m: the trace's program: $(cat "$f.py")"
	fi
	ev=$(grep -n ' program=touch.c:23 main()' "$f.dump" | head -1 | cut -d' ' -f1 | cut -d: -f2)
	"$PW" dump --format md --event "$ev" "$f" >"$f.md" 2>&1
	if grep -qF 'The fault came from `touch.c:23 main()`.' "$f.md" &&
	   grep -qF 'Line 23 of `touch.c`: `                v[2 * 4096 + i] = 3; ' "$f.md"; then
		ok "$m: dump --format md --event $ev names touch.c:23 and shows that line"
	else
		not_ok "$m: dump --format md --event '$ev'"
		diag "$(grep -A6 '## Your program' "$f.md")"
	fi
}
prog 2level >"$OUT/part-1" 2>&1 &
prog 4level >"$OUT/part-2" 2>&1 &
prog arm64-4k-39 >"$OUT/part-3" 2>&1 &

# Refused before anything boots: exit 1, the reason, nothing written.
refused() {   # NAME WANT MODE FILE
	f=$OUT/$1.yaml
	"$PW" record --kernel linux --mode "$3" --program "$4" -o "$f" >"$f.out" 2>"$f.err"
	rc=$?
	if [ $rc = 1 ] && grep -qF -- "$2" "$f.err" && [ ! -e "$f" ]; then
		ok "record --program $1: exit 1, \"$2\", nothing written"
	else
		not_ok "record --program $1: exit $rc, file $(ls "$f" 2>/dev/null)"
		diag "$(cat "$f.err")"
	fi
}
refused "a compile error" "broken.c:5:16: error: " 2level "$SRC/broken.c"
e="$OUT/a compile error.yaml.err"
gccl=$(grep -n "broken.c:5:16: error: .undeclared_name. undeclared" "$e" | head -1 | cut -d: -f1)
pwl=$(grep -n "does not compile (gcc -m32 -static -g): nothing recorded" "$e" | cut -d: -f1)
if [ -n "$gccl" ] && [ -n "$pwl" ] && [ "$gccl" -lt "$pwl" ]; then
	ok "the compiler's own message comes first, then pagewalk's"
else
	not_ok "the compile error's last line"
fi
gcc -o "$OUT/dyn" "$SRC/forever.c" && refused "a dynamic ELF" "dynamically linked" 4level "$OUT/dyn"
gcc -static -o "$OUT/wide" "$SRC/forever.c" && refused "a 64-bit ELF on 2level" "a 64-bit ELF" 2level "$OUT/wide"
aarch64-linux-gnu-gcc -static -o "$OUT/a64" "$SRC/forever.c" &&
	refused "an arm64 ELF on 4level" "not an x86-64 program" 4level "$OUT/a64"
refused "an x86-64 ELF on arm64" "not an arm64 (AArch64) program" arm64-4k-39 "$OUT/wide"
printf 'notes\n' >"$OUT/notes.txt"
refused "a text file" "neither C source (a name ending in .c) nor an ELF executable" 2level "$OUT/notes.txt"
err=$("$PW" record --kernel linux --mode 2level --scenario program -o "$OUT/x.yaml" 2>&1 >/dev/null); rc=$?
if [ $rc = 2 ] && printf '%s' "$err" | grep -q "runs the program given with --program"; then
	ok "--scenario program without --program: exit 2"
else
	not_ok "--scenario program alone: exit $rc: $err"
fi

# A program that never ends: --timeout stops it; nothing written, no
# process left in its run.
f=$OUT/forever.yaml
mkdir -p "$OUT/late"
TMPDIR=$PAGEWALK_ROOT/$OUT/late "$PW" record --kernel linux --mode 2level --program "$SRC/forever.c" \
	--timeout 20 -o "$f" >/dev/null 2>"$f.err"
rc=$?
left=$(procs_in "$PAGEWALK_ROOT/$OUT/late" | wc -l)
if [ $rc = 1 ] && grep -q "the program did not end within 20 s" "$f.err" && [ ! -e "$f" ] &&
   [ "$left" = 0 ] && [ -z "$(ls "$OUT/late")" ]; then
	ok "a program that never ends: --timeout 20 stops it, exit 1, nothing written or left running"
else
	not_ok "forever.c: exit $rc, $left processes, left $(ls "$OUT/late")"
	diag "$(cat "$f.err")"
fi

# A program that dies of SIGSEGV: recorded, with that fault at its line.
f=$OUT/segv.yaml
"$PW" record --kernel linux --mode 2level --program "$SRC/segv.c" -o "$f" >"$f.out" 2>"$f.err"
rc=$?
if [ $rc = 0 ] && grep -q "segv.c was killed by signal 11 (SIGSEGV)" "$f.err"; then
	ok "segv.c: recorded (exit 0), killed by signal 11 (SIGSEGV)"
else
	not_ok "segv.c: exit $rc"
	diag "$(cat "$f.err")"
fi
line=$(expected "$SRC/segv.c" | cut -d' ' -f1)
if "$PW" dump "$f" 2>&1 | grep -q " program=segv.c:$line main() .*bad_area_nosemaphore.* => sigsegv"; then
	ok "segv.c: its SIGSEGV fault at segv.c:$line in main, bad_area_nosemaphore, sigsegv"
else
	not_ok "segv.c: no sigsegv fault at segv.c:$line"
fi
esc=$(printf '\033')
if ! grep -q "$esc" "$f.out" && grep -qF '\x1b[2J\x1b]0;title\x07red' "$f.out"; then
	ok "segv.c: its escape sequences are shown escaped, never sent to the terminal"
else
	not_ok "segv.c: its output is not escaped: $(head -c 80 "$f.out" | od -c | head -3)"
fi
if grep -q "its output was cut at 16384 bytes (3634 more not kept)" "$f.err"; then
	ok "segv.c: 20018 bytes of output cut at 16384 with a note"
else
	not_ok "segv.c: no note of the cut output"
	diag "$(grep output "$f.err")"
fi

wait
cat "$OUT/part-1" "$OUT/part-2" "$OUT/part-3"
