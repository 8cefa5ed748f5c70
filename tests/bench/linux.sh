#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/bench/linux.sh - figures for real Linux (docs/linux.md): `make
# linux` warm (and cold with LINUX_BENCH_COLD=1: a fresh cache in
# $BUILD/bench/linux-cache, 20-30 min on 2 cores), then per mode and
# scenario: `pagewalk record --kernel linux` (the first run of a kernel
# also builds the init and the tracer's symbol cache: run once before),
# the same kernel and init booting under QEMU alone (the kept run's QEMU
# command without the gdbstub), the ratio, the tracer's cost per fault,
# (record - boot) / faults, and the tracer's own figures (gdb.out:
# setup, run, lines). Targets: a ~30-fault program recorded in at most 2x
# the bare boot and at most 10 ms a fault. The tracer's figures end with
# its stops per handler (entry, write, route, return: how many, and the
# seconds its Python spent in them). Figures only.
# The program case (issue 23 item 5): tests/linux/programs/touch.c
# recorded with --program on 2level and 4level, against the same kernel
# and initramfs booted without gdb, in wall seconds and in CPU seconds
# (user + sys of pagewalk, gcc, gdb and QEMU: /usr/bin/time), with the
# load average: other work on the 2 cores makes wall figures noisy.
# Then one more fault's cost: tests/bench/programs/pages.c touching 1 and
# 400 pages, the difference over the difference in faults (medians of
# three), with the fixed costs left out.
# LINUX_BENCH=program runs only these two.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
PW=${PAGEWALK:-$BUILD/pagewalk}
out=$(pwd)/$BUILD/bench/linux
rm -rf "$out"
mkdir -p "$out/tmp"
export TMPDIR=$out/tmp

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

if [ "${LINUX_BENCH_COLD:-0}" = 1 ]; then
	rm -rf "$BUILD/bench/linux-cache"
	t=$(now)
	PAGEWALK_CACHE=$(pwd)/$BUILD/bench/linux-cache make --no-print-directory linux >"$out/cold.log" 2>&1 || { tail "$out/cold.log"; exit 1; }
	echo "make linux, cold (extract + 3 kernels): $(since "$t") s"
fi
make --no-print-directory linux >"$out/warm0.log" 2>&1 || { tail "$out/warm0.log"; exit 1; }
t=$(now)
make --no-print-directory linux >"$out/warm.log" 2>&1 || exit 1
echo "make linux, warm (nothing changed): $(since "$t") s"

# rec MODE SCENARIO: record (kept), then boot the same without gdb.
rec() {
	"$PW" record --kernel linux --mode "$1" --scenario "$2" --keep -o "$out/$1-$2.yaml" \
		--force >"$out/$1-$2.log" 2>&1 || { echo "$1 $2: record failed"; cat "$out/$1-$2.log"; return 1; }
	rm -rf "$(sed -n 's/^pagewalk: kept the run in //p' "$out/$1-$2.log")"   # warm the caches
	t=$(now)
	"$PW" record --kernel linux --mode "$1" --scenario "$2" --keep -o "$out/$1-$2.yaml" \
		--force >"$out/$1-$2.log" 2>&1 || return 1
	r=$(since "$t")
	d=$(sed -n 's/^pagewalk: kept the run in //p' "$out/$1-$2.log")
	n=$(grep -c '^fault' "$d/records.txt")
	# the recorded QEMU command without the gdbstub and the logs
	cmd=$(sed 's/ -S -gdb [^ ]*$//; s/ -d int -dfilter [^ ]* -D int.log//' "$d/command.txt")
	mkdir -p "$out/boot"
	t=$(now)
	(cd "$out/boot" && eval "timeout 60 $cmd") >/dev/null 2>&1
	b=$(since "$t")
	tm=$(grep -o 'setup=[^ ]* run=[^ ]* lines=[^ ]*.*stops=[^ ]*' "$d/gdb.out" | sed 's/ faults=[0-9]*//')
	eval "r_$2=$r n_$2=$n"
	printf '%-12s %-8s %6d %7ss %7ss %6sx %7sms  %s\n' "$1" "$2" "$n" "$r" "$b" \
		"$(awk -v r="$r" -v b="$b" 'BEGIN { printf "%.2f", r / b }')" \
		"$(awk -v r="$r" -v b="$b" -v n="$n" 'BEGIN { printf "%.1f", (r - b) * 1000 / n }')" "$tm"
	rm -rf "$d"
}

# kept LOG: the run directory a --keep recording named in its log
kept() { sed -n 's/^pagewalk: kept the run in //p' "$1"; }
# boot DIR: the kept run's QEMU command without the gdbstub and the logs,
# timed into $out/boot.time (wall user sys)
boot() {
	cmd=$(sed 's/ -S -gdb [^ ]*$//; s/ -d int -dfilter [^ ]* -D int.log//' "$1/command.txt")
	mkdir -p "$out/boot"
	(cd "$out/boot" && eval "/usr/bin/time -f '%e %U %S' -o '$out/boot.time' timeout 60 $cmd") \
		>/dev/null 2>&1
}
# prog MODE: touch.c recorded with --program (once before, to build the
# init and the tracer's caches), timed, then booted without gdb.
prog() {
	m=$1 f=$out/program-$1
	set -- --kernel linux --mode "$m" --program tests/linux/programs/touch.c --keep \
		-o "$f.yaml" --force
	"$PW" record "$@" >"$f.log" 2>&1 || { echo "$m program: record failed"; cat "$f.log"; return 1; }
	rm -rf "$(kept "$f.log")"
	/usr/bin/time -f '%e %U %S' -o "$f.time" "$PW" record "$@" >"$f.log" 2>&1 || return 1
	d=$(kept "$f.log")
	n=$(grep -c '^fault' "$d/records.txt")
	boot "$d"
	tm=$(grep -o 'setup=[^ ]* run=[^ ]* lines=[^ ]*.*stops=[^ ]*' "$d/gdb.out" | sed 's/ faults=[0-9]*//')
	read -r rw ru rs <"$f.time"
	read -r bw bu bs <"$out/boot.time"
	awk -v m="$m" -v n="$n" -v rw="$rw" -v ru="$ru" -v rs="$rs" -v bw="$bw" -v bu="$bu" \
		-v bs="$bs" -v tm="$tm" 'BEGIN { rc = ru + rs; bc = bu + bs
		printf "%-7s %6d %6.2fs %6.2fs %5.2fx %6.1fms | %6.2fs %6.2fs %5.2fx %6.1fms\n",
			m, n, rw, bw, rw / bw, (rw - bw) * 1000 / n, rc, bc, rc / bc, (rc - bc) * 1000 / n
		printf "        tracer: %s\n", tm }'
	rm -rf "$d"
}

echo "program (tests/linux/programs/touch.c, --program): wall | CPU (user+sys, gdb and QEMU included)"
printf '%-7s %6s %7s %7s %6s %8s | %7s %7s %6s %8s\n' mode faults record boot ratio per-fault \
	record boot ratio per-fault
for m in 2level 4level; do
	prog $m || continue
done
echo "(targets: at most 2x the bare boot, at most 10 ms a fault; load now: $(cut -d' ' -f1-3 /proc/loadavg))"

# marg MODE: tests/bench/programs/pages.c with 1 and with 400 pages, three
# recordings each, interleaved; the medians; one more fault's cost,
# (r400 - r1) / (n400 - n1), wall and CPU: the fixed costs (gdb's start,
# the kernel's boot, the lines, compiling) cancel out.
marg() {
	m=$1 f=$out/pages-$1
	set -- --kernel linux --mode "$m" --program tests/bench/programs/pages.c --keep -o "$f.yaml" --force
	"$PW" record "$@" -- 1 >"$f.log" 2>&1 || { echo "$m pages: record failed"; tail -3 "$f.log"; return 1; }
	rm -rf "$(kept "$f.log")"      # the caches warm
	: >"$f.dat"
	for i in 1 2 3; do
		for np in 1 400; do
			/usr/bin/time -f '%e %U %S' -o "$f.time" "$PW" record "$@" -- "$np" >"$f.log" 2>&1 ||
				{ echo "$m pages $np: record failed"; tail -3 "$f.log"; return 1; }
			d=$(kept "$f.log")
			read -r w u s <"$f.time"
			echo "$np $w $u $s $(grep -c '^fault' "$d/records.txt")" >>"$f.dat"
			rm -rf "$d"
		done
	done
	awk -v m="$m" '{ w[$1] = w[$1] " " $2; c[$1] = c[$1] " " ($3 + $4); n[$1] = $5 }
	function med(s,  a, k, i, j, t) { k = split(s, a, " ")
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) {
			t = a[i]; a[i] = a[j]; a[j] = t }
		return a[int((k + 1) / 2)] }
	END { d = n[400] - n[1]
		printf "%-7s %4d / %3d faults  %6.2fs / %6.2fs wall  %6.1fms a fault | %6.2fs / %6.2fs CPU  %6.1fms a fault\n",
			m, n[1], n[400], med(w[1]), med(w[400]), (med(w[400]) - med(w[1])) * 1000 / d,
			med(c[1]), med(c[400]), (med(c[400]) - med(c[1])) * 1000 / d }' "$f.dat"
}
echo "one more fault (tests/bench/programs/pages.c, 1 and 400 pages, medians of 3): wall | CPU"
for m in 2level 4level; do
	marg $m || continue
done
echo "(target: at most 10 ms a fault; load now: $(cut -d' ' -f1-3 /proc/loadavg))"
[ "${LINUX_BENCH:-all}" = program ] && exit 0

printf '%-12s %-8s %6s %8s %8s %7s %9s  %s\n' mode scenario faults record boot ratio per-fault "tracer: setup/run/lines"
for m in 2level pae 4level 5level; do
	for s in demand fork stack all vmalloc; do
		[ $s = vmalloc ] && [ $m != 2level ] && continue
		rec $m $s || continue
	done
	echo "$m: marginal cost per fault (all - demand): $(awk -v a="$r_all" -v b="$r_demand" \
		-v na="$n_all" -v nb="$n_demand" 'BEGIN { printf "%.1f", (a - b) * 1000 / (na - nb) }') ms"
done
# arm64 (issue 26): the three modes; the ~30-fault figure is arm64-64k-42's
# `all` (26 aborts: 64 KiB pages, so fewer stack pages), target <= 10 s.
for m in arm64-4k-39 arm64-4k-48 arm64-64k-42; do
	for s in demand stack all; do
		rec $m $s || continue
	done
	[ $m = arm64-64k-42 ] && [ -n "$n_all" ] &&
		echo "arm64: a ~30-fault scenario ($m all, $n_all aborts) recorded in $r_all s (target: at most 10 s)"
done
echo "(targets: a ~30-fault recording in at most 2x the bare boot, at most 10 ms a fault; 2 shared cores, TCG; load now: $(cut -d' ' -f1-3 /proc/loadavg))"
