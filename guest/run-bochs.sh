#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run the guest once under Bochs, headless, and wait for it to end.
# usage: guest/run-bochs.sh ELF OUTDIR "KERNEL ARGS" [TIMEOUT_SECONDS]
# Builds OUTDIR/guest.iso (GRUB, one entry with ARGS) and
# OUTDIR/bochsrc, runs Bochs and writes:
#   OUTDIR/bochs.out  Bochs's stdout: its banner, debugger lines and the
#                     port 0xE9 output
#   OUTDIR/e9.txt     the records alone: the lines of bochs.out from the
#                     "begin" (or "error") record to the "end" record
#   OUTDIR/bochs.log  Bochs's log, with the CPU's exception lines
# Bochs exits 1 however the guest ends, so the status is taken from the
# end record, with QEMU's numbers: 33 pass, 35 fail (or no end record),
# 124 timeout, 2 usage or setup error. bochsrc.in and bochs.args are
# shared with `pagewalk record`.
here=$(dirname "$0")
. "$here/args.sh"
elf=$1 out=$2 args=$3 limit=${4:-60}
if [ -z "$elf" ] || [ -z "$out" ]; then
	echo "usage: $0 ELF OUTDIR \"ARGS\" [TIMEOUT]" >&2
	exit 2
fi
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
rm -f "$out/e9.txt" "$out/bochs.out" "$out/bochs.log" "$out/bochs.err"
# PW_ISO=FILE boots that ISO as it is (its default entry) instead.
iso=${PW_ISO:-$out/guest.iso}
case $iso in /*) ;; *) iso=$(pwd)/$iso ;; esac
[ -n "$PW_ISO" ] || "$here/mkiso.sh" "$elf" "$iso" "$args" || exit 2
sed -e "s|@ISO@|$iso|" -e "s|@LOG@|$out/bochs.log|" \
	"$here/bochsrc.in" > "$out/bochsrc" || exit 2
echo c > "$out/bochs.rc"
# Bochs starts in its debugger; the rc file says "continue". Its rfb
# display takes the first free TCP port from 5900, so runs in parallel
# do not collide. It must never outlive the timeout.
argv=$(args_expand "$here/bochs.args" RC="$out/bochsrc" CMDS="$out/bochs.rc") || exit 2
set -f
IFS='
'
# shellcheck disable=SC2086 # one argument per line (guest/bochs.args)
set -- $argv
unset IFS
set +f
(cd "$out" && timeout -k 2 "$limit" "$@" \
	> "$out/bochs.out" 2> "$out/bochs.err" < /dev/null)
st=$?
awk '/^(begin|error) /{on=1} on{print} /^end /{if (on) exit}' "$out/bochs.out" > "$out/e9.txt"
[ $st = 124 ] || [ $st = 137 ] && exit 124
if grep -q '^end status=pass ' "$out/e9.txt"; then
	exit 33
fi
exit 35
