#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# guest/linux/record.sh - run one scenario on pagewalk's Linux 6.1 under
# QEMU with gdb's tracer attached (docs/linux.md).
#
#   guest/linux/record.sh MODE SCENARIO OUTDIR [TIMEOUT_SECONDS]
#
# MODE: 2level | pae | 4level | 5level; the kernel comes from the cache
# guest/linux/build.sh fills (`make linux`). Writes into OUTDIR:
#   records.txt   the tracer's records (trace.py), complete or absent
#   int.log       QEMU's own `-d int` exception log (the witness)
#   serial.txt    the console: the kernel's messages, the init's markers
#   command.txt   the exact QEMU command line
#   version.txt   QEMU's version line
# Exit 0 when the run reached "pagewalk: end" and the records are complete;
# 1 on a failure, 124 when TIMEOUT (default 120) passed (QEMU and gdb are
# killed either way: no process outlives this script).
set -u

die() { echo "pagewalk linux record: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: record.sh MODE SCENARIO OUTDIR [TIMEOUT]"
mode=$1 scenario=$2 out=$3 limit=${4:-120}
here=$(cd "$(dirname "$0")" && pwd)

case $mode in
2level) variant=2level qemu=qemu-system-i386 cpu=qemu32 ;;
pae) variant=pae qemu=qemu-system-i386 cpu=qemu32 ;;
4level) variant=x86_64 qemu=qemu-system-x86_64 cpu=qemu64 ;;
5level) variant=x86_64 qemu=qemu-system-x86_64 cpu=qemu64,+la57 ;;
*) die "unknown mode '$mode' (2level, pae, 4level, 5level)" ;;
esac
case $scenario in
demand|protection|fork|stack|munmap|vmalloc|all) ;;
*) die "unknown scenario '$scenario' (demand protection fork stack munmap vmalloc all)" ;;
esac

[ "$scenario" != vmalloc ] || [ "$mode" = 2level ] ||
	die "the vmalloc scenario runs on 2level only (PAE and 64-bit share the kernel's tables: no vmalloc fault)"

ver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
	die "linux-source-6.1 is not installed; run: make linux"
cache=${PAGEWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk}
b=$cache/linux-$ver/build-$variant
[ -f "$b/pagewalk.key" ] && [ -f "$b/pagewalk/initramfs.cpio" ] ||
	die "no $variant kernel in $cache/linux-$ver; run: make linux"

mkdir -p "$out" || die "cannot create $out"
"$qemu" --version 2>/dev/null | head -1 > "$out/version.txt"
rm -f "$out/records.txt" "$out/records.txt.tmp" "$out/records.txt.err" \
      "$out/int.log" "$out/serial.txt"

qpid= gpid=
# stop PID: SIGTERM, then SIGKILL if it is still there after a second
# (gdb defers SIGTERM while its Python script runs).
stop() {
	kill "$1" 2>/dev/null || return 0
	n=0
	while kill -0 "$1" 2>/dev/null && [ $n -lt 10 ]; do sleep 0.1; n=$((n + 1)); done
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
cleanup() {
	[ -n "$gpid" ] && stop "$gpid"
	[ -n "$qpid" ] && stop "$qpid"
	gpid= qpid=
}
trap 'cleanup; exit 1' INT TERM HUP

# A free loopback port: QEMU refuses a busy one, so try a few.
start=$(date +%s)
try=0
while :; do
	port=$(( 20000 + ($$ * 7 + try * 131) % 30000 ))
	set -- "$qemu" -cpu "$cpu" -m 128 -kernel "$b/arch/x86/boot/bzImage" \
	    -initrd "$b/pagewalk/initramfs.cpio" \
	    -append "console=ttyS0 norandmaps panic=-1 scenario=$scenario" \
	    -display none -monitor none -serial "file:$out/serial.txt" -no-reboot \
	    -d int -D "$out/int.log" -S -gdb "tcp:127.0.0.1:$port"
	printf '%s\n' "$*" > "$out/command.txt"
	"$@" 2> "$out/qemu.err" &
	qpid=$!
	# A busy port makes QEMU exit at once; trace.py retries its connect.
	sleep 0.3
	kill -0 "$qpid" 2>/dev/null && break
	wait "$qpid" 2>/dev/null; qpid=
	try=$((try + 1))
	[ $try -lt 5 ] || die "QEMU did not start: $(head -1 "$out/qemu.err")"
done

PW_PORT=$port PW_MODE=$mode PW_VMLINUX=$b/vmlinux PW_OUT=$out/records.txt \
PW_SERIAL=$out/serial.txt PW_SOURCE="linux-source-6.1 $ver" PW_VARIANT=$variant \
PW_KEY=$(cat "$b/pagewalk.key") \
	gdb -batch -nx -q -x "${PW_TRACER:-$here/trace.py}" > "$out/gdb.log" 2>&1 &
gpid=$!

# Wait for gdb (it ends when QEMU exits) or the time limit.
st=
while [ -z "$st" ]; do
	if ! kill -0 "$gpid" 2>/dev/null; then
		wait "$gpid"; st=$?
	elif [ $(( $(date +%s) - start )) -ge "$limit" ]; then
		st=124
	else
		sleep 0.1
	fi
done
if [ "$st" != 124 ]; then   # gdb has ended; QEMU ends with it
	gpid=
	sleep 0.2; kill -0 "$qpid" 2>/dev/null || { wait "$qpid"; qpid=; }
fi
cleanup
trap - INT TERM HUP

if [ "$st" = 124 ]; then
	rm -f "$out/records.txt"
	echo "pagewalk linux record: timed out after $limit s (QEMU and gdb stopped)" >&2
	exit 124
fi
if [ -f "$out/records.txt.err" ]; then
	rm -f "$out/records.txt"
	die "tracer: $(cat "$out/records.txt.err") (log: $out/gdb.log)"
fi
[ "$st" = 0 ] && [ -f "$out/records.txt" ] || die "tracer failed (exit $st; log: $out/gdb.log)"
grep -q '^pagewalk: end' "$out/serial.txt" ||
	{ rm -f "$out/records.txt"; die "the init did not reach its end marker (console: $out/serial.txt)"; }
exit 0
