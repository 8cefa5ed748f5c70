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
# neither refused before anything boots, as are a file that does not
# exist, a directory, an empty file and a line longer than a trace keeps
# (each named); a program that never ends stopped by --timeout (nothing
# written, nothing left running); one that dies of SIGSEGV recorded with
# that fault (named in the summary), its escape sequences shown escaped
# and its output cut at the limit with a note. The summary's counts
# (before main, from main on, in the kernel; the run's others) are the
# trace's and QEMU's log's. touch.c built here as an ELF and given without
# its source: with -g its lines from the DWARF (source-file, no text),
# without -g a note and functions only. fork.c: stdin an empty pipe,
# arguments with spaces, the child's fault on the child's line.
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

# summary F PROGRAM LABEL: the recorder's summary of trace F (its stderr in
# F.err, the run kept in the directory it names) tells the truth: the
# program's faults before main, from main on and in the kernel are the
# trace's (counted in its dump), they add up to its faults, and the run's
# others plus these are the faults QEMU logged (int.log's v=0e lines),
# all of which match. The kept run is removed.
summary() {
	sf=$1 skept=$(sed -n 's/^pagewalk: kept the run in //p' "$1.err")
	# user and kernel mode in the dump, a fault in QEMU's log
	case $3 in
	arm64*) su=' el=0 ' sk=' el=1 ' sl='^Taking exception (3 \[Prefetch Abort\]|4 \[Data Abort\])' ;;
	*) su=' cpl=3 ' sk=' cpl=0 ' sl=' v=0e ' ;;
	esac
	"$PW" dump "$sf" >"$sf.count" 2>&1
	sa=$(grep " fault pid=.*$su.* start-up " "$sf.count" | grep -c .)
	sb=$(grep " fault pid=.*$su" "$sf.count" | grep -vc ' start-up ')
	sc=$(grep -c " fault pid=.*$sk" "$sf.count")
	sk=$(grep -c ' fault pid=' "$sf.count")
	sm=$(grep -Ec "$sl" "$skept/int.log" 2>/dev/null)
	want="pagewalk: wrote $sf: [0-9]* events; $2 took $sk page faults: $sa before main (the C library's start-up), $sb from main on, $sc in the kernel on its behalf (in its system calls); the run's other $((sm - sk)) (its init's) are not in the trace"
	if [ $((sa + sb + sc)) = "$sk" ] && [ "$sm" -gt "$sk" ] && grep -qx "$want" "$sf.err" &&
	   grep -Eq "^pagewalk: verified: $sm of $sm (page faults|aborts) match the QEMU log" "$sf.err"; then
		ok "$3: the summary's counts are the trace's ($sa before main, $sb from main on, $sc in the kernel; the run's other $((sm - sk)) left out), all $sm of QEMU's log matched"
	else
		not_ok "$3: the summary: want $sa, $sb, $sc of $sk, $sm in QEMU's log"
		diag "$(grep '^pagewalk: \(wrote\|verified\)' "$sf.err" | cut -c1-300)"
	fi
	if [ "$3" = 2level ]; then   # the kept run read again: the same summary
		"$PW" record --from "$skept" -o "$sf.from.yaml" >"$sf.from.out" 2>"$sf.from.err"
		want="pagewalk: wrote $sf.from.yaml: [0-9]* events; the program took $sk page faults: $sa before main (the C library's start-up), $sb from main on, $sc in the kernel on its behalf (in its system calls); the run's other $((sm - sk)) (its init's) are not in the trace"
		if grep -qx "$want" "$sf.from.err" &&
		   grep -qx "pagewalk: the program exited with status 0" "$sf.from.err"; then
			ok "$3: record --from the kept run gives the same summary and the program's end"
		else
			not_ok "$3: record --from the kept run"
			diag "$(cut -c1-300 "$sf.from.err")"
		fi
	fi
	case $skept in "$PAGEWALK_ROOT/$OUT/tmp/"*) rm -rf "$skept" ;; esac
}

# stops F MODE (x86): once the init runs, the tracer catches page faults
# without a breakpoint at exc_page_fault (QEMU would empty its translation
# cache at each: docs/linux.md, Timings): its stops per handler (gdb.out)
# show the entry breakpoint only for the faults up to the init's first,
# the entry-stack watchpoint (user_entry) for every user-mode fault after
# it, and the kernel-mode paths' breakpoints (kernel_entry) for read()'s.
stops() {
	k=$(sed -n 's/^pagewalk: kept the run in //p' "$1.err")
	st=$(grep -o 'stops=[^ ]*' "$k/gdb.out" 2>/dev/null)
	n() { echo "$st" | tr ',=' '\n\n' | sed -n "s/^$1:\([0-9]*\)\/.*/\1/p"; }
	user=$(grep -c '^fault .* cpl=3' "$k/records.txt") kern=$(grep -c '^fault .* cpl=0' "$k/records.txt")
	first=$(grep -n '^fault .* cpl=3' "$k/records.txt" | head -1 | sed 's/.* seq=\([0-9]*\) .*/\1/')
	if [ -n "$st" ] && [ "$(n entry)" -le "${first:-0}" ] && [ "$(n user_entry)" -ge $((user - 1)) ] &&
	   [ "$(n kernel_entry)" -ge 1 ] && [ "$(n kernel_entry)" -le "$kern" ]; then
		ok "$2: faults caught at exc_page_fault's breakpoint $(n entry) times (up to the init's first, fault $first), by the entry-stack watchpoint ($(n user_entry) stops, $user user-mode faults) and the kernel-mode paths ($(n kernel_entry) of $kern)"
	else
		not_ok "$2: the tracer's stops: $st ($user user-mode faults, $kern kernel-mode, the first user-mode one seq $first)"
	fi
}

# prog MODE: record touch.c in MODE with two arguments, then check it.
prog() {
	m=$1 f=$OUT/touch-$1.yaml
	start=$(date +%s)
	"$PW" record --kernel linux --mode "$m" --program "$SRC/touch.c" --keep -o "$f" -- one two \
		>"$f.out" 2>"$f.err"
	rc=$? took=$(($(date +%s) - start))
	if [ $rc = 0 ] && grep -q "^pagewalk: wrote $f: " "$f.err" &&
	   grep -q "^pagewalk: $SRC/touch.c exited with status 0$" "$f.err" &&
	   grep -qx "touch.c: 3 arguments, t" "$f.out"; then
		ok "record --program touch.c on $m: exit 0 in ${took} s, its output and exit shown"
	else
		not_ok "record --program touch.c on $m: exit $rc"
		diag "$(cat "$f.err" "$f.out")"
		return
	fi
	case $m in arm64*) ;; *) stops "$f" "$m" ;; esac
	summary "$f" "$SRC/touch.c" "$m"
	if ! grep -q '^pagewalk: note: ' "$f.err"; then
		ok "$m: no note on the lines: the source was given"
	else
		not_ok "$m: a note on the lines of a program given as source"
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
	# the init's cr3 writes stay (they load and leave the program's table)
	if ! grep -v ' flush pid=1 [a-z0-9_]* ([a-z]*) cr3 ' "$f.dump" | grep -q ' pid=1 ' &&
	   [ "$(grep -c ' fault pid=' "$f.dump")" = \
	   "$(grep -c ' fault pid=.* program=' "$f.dump")" ]; then
		ok "$m: only the program's faults and flushes (none of the init, pid 1, but its cr3 writes)"
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

# touch.c built here as a static i386 ELF and given without its source:
# with -g every fault in main at its touch.c:LINE from the ELF's DWARF,
# the header's source-file and no source, a note saying the text was not
# given, dump --format md showing no line text; without -g a note that
# there is no line table, main's faults by function only.
elves() {
	e=$OUT/touch f=$OUT/elf-dwarf.yaml
	cp "$SRC/touch.c" "$OUT/my touch.c"   # a space in the DWARF's file name
	gcc -m32 -static -no-pie -g -O0 -o "$e" "$OUT/my touch.c" &&
	"$PW" record --kernel linux --mode 2level --program "$e" --keep -o "$f" -- one two \
		>"$f.out" 2>"$f.err"
	rc=$?
	note="pagewalk: note: touch: its lines are lines of my touch.c, as its DWARF names it; the trace holds no text of that file, which was not given (record --program 'my touch.c' to carry it)"
	if [ $rc = 0 ] && grep -qxF "$note" "$f.err"; then
		ok "an ELF with DWARF, no source: recorded, the note says its lines are \"my touch.c\"'s and the text was not given"
	else
		not_ok "an ELF with DWARF: exit $rc"
		diag "$(cat "$f.err")"
		return
	fi
	summary "$f" "$e" "an ELF with DWARF"
	want=$(expected "$SRC/touch.c") got=$(in_main "$f" "my touch.c")
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		ok "an ELF with DWARF: every fault in main at its expected \"my touch.c\":LINE (a space in the name)"
	else
		not_ok "an ELF with DWARF: faults in main: want $(echo $want), got $(echo $got)"
	fi
	/usr/bin/python3 - "$f" >"$f.py" 2>&1 <<'PY'
import sys, yaml
p = yaml.safe_load(open(sys.argv[1]))["header"]["program"]
assert p["name"] == "touch", p["name"]
assert p["source-file"] == "my touch.c", p.get("source-file")
assert "source" not in p, "a source"
print("ok")
PY
	if [ "$(cat "$f.py")" = ok ] &&
	   grep -qx "# program touch, exit status 0, its lines are my touch.c's, whose text was not given" "$f.count"; then
		ok "an ELF with DWARF: the header's source-file is touch.c and it holds no source (dump says so)"
	else
		not_ok "an ELF with DWARF: the header: $(cat "$f.py")"
	fi
	ev=$(grep -n ' program=my touch.c:23 main()' "$f.count" | head -1 | cut -d' ' -f1 | cut -d: -f2)
	"$PW" dump --format md --event "$ev" "$f" >"$f.md" 2>&1
	if grep -qF 'The fault came from `my touch.c:23 main()`.' "$f.md" &&
	   grep -qF 'The trace does not hold the text of `my touch.c`: the program was given as an ELF without its source.' "$f.md" &&
	   ! grep -q '^Line 23 of' "$f.md"; then
		ok "an ELF with DWARF: dump --format md names touch.c:23 and says its text is not held"
	else
		not_ok "an ELF with DWARF: dump --format md --event '$ev'"
		diag "$(grep -A6 '## Your program' "$f.md")"
	fi

	e=$OUT/touch-nodebug f=$OUT/elf-nodebug.yaml
	gcc -m32 -static -no-pie -O0 -o "$e" "$SRC/touch.c" &&
	"$PW" record --kernel linux --mode 2level --program "$e" -o "$f" -- one two >"$f.out" 2>"$f.err"
	rc=$?
	"$PW" dump "$f" >"$f.dump" 2>&1
	n=$(expected "$SRC/touch.c" | awk '{ n += $2 } END { print n }')
	if [ $rc = 0 ] && [ "$(grep -c '^pagewalk: note: ' "$f.err")" = 1 ] &&
	   grep -qxF "pagewalk: note: touch-nodebug has no line table (DWARF: it was built without -g, or stripped): its faults are placed by function only" "$f.err" &&
	   [ "$(grep -c ' program=main() ' "$f.dump")" = "$n" ] && ! grep -q ' program=[^ ]*:[0-9]' "$f.dump" &&
	   ! grep -q 'source-file:\|line:' "$f" &&
	   grep -qx '# program touch-nodebug, exit status 0, given as an ELF without lines: functions only' "$f.dump"; then
		ok "an ELF without DWARF: said once, main's $n faults placed by function only, no line"
	else
		not_ok "an ELF without DWARF: exit $rc, main() $(grep -c ' program=main() ' "$f.dump") of $n"
		diag "$(cat "$f.err")"
	fi

	# main's file named with a backslash: no name a trace keeps, said so
	cp "$SRC/touch.c" "$OUT/we\\ird.c"
	e=$OUT/weird f=$OUT/elf-weird.yaml
	gcc -m32 -static -no-pie -g -O0 -o "$e" "$OUT/we\\ird.c" &&
	"$PW" record --kernel linux --mode 2level --program "$e" -o "$f" -- one two >"$f.out" 2>"$f.err"
	rc=$?
	if [ $rc = 0 ] && grep -qxF "pagewalk: note: weird: its DWARF names main's file with a name a trace cannot keep (a control character, a backslash or over 200 bytes): its faults are placed by function only" "$f.err" &&
	   ! grep -q 'source-file:\|line:' "$f"; then
		ok "an ELF whose DWARF names main's file 'we\\ird.c': said so, functions only"
	else
		not_ok "an ELF whose main's file is we\\ird.c: exit $rc"
		diag "$(cat "$f.err")"
	fi

	# fork.c with arguments that hold spaces: stdin is an empty pipe, the
	# child's write is the child's line in the child's process
	f=$OUT/fork.yaml
	"$PW" record --kernel linux --mode 2level --program "$SRC/fork.c" --keep -o "$f" -- "a b" " c  d " \
		>"$f.out" 2>"$f.err" </dev/null
	rc=$?
	"$PW" dump "$f" >"$f.dump" 2>&1
	cl=$(grep -n 'the child writes' "$SRC/fork.c" | cut -d: -f1)
	pl=$(grep -n 'the parent writes' "$SRC/fork.c" | cut -d: -f1)
	first=$(sed -n 's/.* fault pid=\([0-9]*\) .*/\1/p' "$f.dump" | head -1)
	cpid=$(sed -n "s/.* fault pid=\([0-9]*\) .* program=fork.c:$cl main() .*/\1/p" "$f.dump")
	ppid=$(sed -n "s/.* fault pid=\([0-9]*\) .* program=fork.c:$pl main() .*/\1/p" "$f.dump")
	if [ $rc = 0 ] && grep -qxF 'stdin 0, 3 arguments: [a b] [ c  d ]' "$f.out" &&
	   [ -n "$cpid" ] && [ "$ppid" = "$first" ] && [ "$cpid" != "$ppid" ]; then
		ok "fork.c: stdin read 0 bytes, arguments with spaces kept, the child's fault (pid $cpid) at fork.c:$cl, the parent's (pid $ppid) at fork.c:$pl"
	else
		not_ok "fork.c: exit $rc, child pid '$cpid', parent pid '$ppid' (first '$first')"
		diag "$(cat "$f.err" "$f.out")"
		kept=$(sed -n 's/^pagewalk: kept the run in //p' "$f.err")
		diag "$(tail -15 "$kept/serial.txt" 2>&1)"
	fi
}
elves >"$OUT/part-4" 2>&1 &

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
refused "a file that does not exist" "--program $OUT/none.c: cannot open: No such file or directory" 2level "$OUT/none.c"
mkdir -p "$OUT/dir.c"
refused "a directory" "--program $OUT/dir.c: is a directory, not a file" 2level "$OUT/dir.c"
: >"$OUT/empty.c"
refused "an empty file" "--program $OUT/empty.c: an empty file" 2level "$OUT/empty.c"
awk 'BEGIN { printf "int main(void)\n{\n\treturn 0; /* "; for (i = 0; i < 5000; i++) printf "x"; print " */\n}" }' >"$OUT/long.c"
refused "a C file with a line of 5024 bytes (its tab expanded)" "$OUT/long.c:3: a line of 5024 bytes (tabs expanded), and a trace keeps lines of at most 4096: split it" 2level "$OUT/long.c"
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
if grep -qx "pagewalk: $SRC/segv.c was killed by signal 11 (SIGSEGV) at its fault segv.c:$line main(), cr2 0x10" "$f.err"; then
	ok "segv.c: the summary names the fault that killed it (segv.c:$line main(), cr2 0x10)"
else
	not_ok "segv.c: the summary does not name the fault that killed it"
	diag "$(grep killed "$f.err")"
fi
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
cat "$OUT/part-1" "$OUT/part-2" "$OUT/part-3" "$OUT/part-4"
