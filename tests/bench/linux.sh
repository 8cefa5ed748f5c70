#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/bench/linux.sh - figures for real Linux (issue 13; docs/linux.md):
# `make linux` warm (and cold with LINUX_BENCH_COLD=1: a fresh cache in
# $BUILD/bench/linux-cache, 20-30 min on 2 cores), then per mode and
# scenario the record time, the kernel's boot alone under QEMU (no
# tracer), and the tracer's cost per fault: (record - boot) / faults.
# Target: a ~30-fault scenario recorded in at most 10 s. Figures only.
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
out=$BUILD/bench/linux
mkdir -p "$out"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

if [ "${LINUX_BENCH_COLD:-0}" = 1 ]; then
	rm -rf "$BUILD/bench/linux-cache"
	t=$(now)
	PAGEWALK_CACHE=$(pwd)/$BUILD/bench/linux-cache make --no-print-directory linux >"$out/cold.log" 2>&1 || { tail "$out/cold.log"; exit 1; }
	echo "make linux, cold (extract + 3 kernels + inits): $(since "$t") s"
fi
make --no-print-directory linux >"$out/warm0.log" 2>&1 || { tail "$out/warm0.log"; exit 1; }
t=$(now)
make --no-print-directory linux >"$out/warm.log" 2>&1 || exit 1
echo "make linux, warm (nothing changed): $(since "$t") s"

ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
cache=${PAGEWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk}/linux-$ver

# boot MODE: seconds for the `all` scenario under QEMU without the tracer.
boot() {
	case $1 in
	2level|pae) q=qemu-system-i386 c=qemu32 b=$cache/build-$1 ;;
	4level) q=qemu-system-x86_64 c=qemu64 b=$cache/build-x86_64 ;;
	5level) q=qemu-system-x86_64 c=qemu64,+la57 b=$cache/build-x86_64 ;;
	esac
	t=$(now)
	timeout 60 $q -cpu $c -m 128 -kernel "$b/arch/x86/boot/bzImage" \
		-initrd "$b/pagewalk/initramfs.cpio" -display none -monitor none \
		-serial null -no-reboot -append "console=ttyS0 norandmaps panic=-1 scenario=$2" 
	since "$t"
}

printf '%-8s %-8s %7s %9s %9s %11s  %s\n' mode scenario faults record boot per-fault "tracer: setup/run/addr2line"
for m in 2level pae 4level 5level; do
	for s in demand all vmalloc; do
		[ $s = vmalloc ] && [ $m != 2level ] && continue
		d=$out/$m-$s
		t=$(now)
		sh guest/linux/record.sh $m $s "$d" 120 >"$d.log" 2>&1 || { echo "$m $s: record failed"; cat "$d.log"; continue; }
		r=$(since "$t")
		n=$(grep -c '^fault' "$d/records.txt")
		b=$(boot $m $s)
		tm=$(grep -o 'setup=[^ ]* run=[^ ]* addr2line=[^ ]*' "$d/gdb.log")
		eval "r_$s=$r n_$s=$n"
		printf '%-8s %-8s %7d %8ss %8ss %9sms  %s\n' $m $s "$n" "$r" "$b" \
			"$(awk -v r="$r" -v b="$b" -v n="$n" 'BEGIN { printf "%.0f", (r - b) * 1000 / n }')" "$tm"
	done
	echo "$m: marginal cost per fault (all - demand): $(awk -v a="$r_all" -v b="$r_demand" \
		-v na="$n_all" -v nb="$n_demand" 'BEGIN { printf "%.0f", (a - b) * 1000 / (na - nb) }') ms"
done
echo "(target: a ~30-fault scenario in at most 10 s; 2 shared cores, TCG; load now: $(cut -d' ' -f1-3 /proc/loadavg))"
