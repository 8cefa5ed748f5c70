#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run the guest once under Bochs, headless, and wait for it to end.
# usage: guest/run-bochs.sh ELF OUTDIR "KERNEL ARGS" [TIMEOUT_SECONDS]
# Builds OUTDIR/guest.iso (GRUB, one entry with ARGS) and
# OUTDIR/bochsrc, runs Bochs and writes:
#   OUTDIR/bochs.out  Bochs's stdout: its banner, debugger lines (the
#                     registers at each #PF entry) and the port 0xE9 output
#   OUTDIR/e9.txt     the records alone: the record lines of bochs.out
#                     from the "begin" (or "error") record to the "end" one
#   OUTDIR/bochs.log  Bochs's log, with the CPU's exception lines
# Bochs exits 1 however the guest ends, so the status is taken from the
# end record, with QEMU's numbers: 33 pass, 35 fail (or no end record),
# 124 timeout, 2 usage or setup error. bochsrc.in, bochs.rc.in and
# bochs.args are shared with `pagewalk record`.
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
# Bochs starts in its debugger; the rc file (guest/bochs.rc.in) sets a
# breakpoint at the guest's #PF entry (vector14 in its symbols), prints
# the registers at each stop and continues. Its rfb display takes the
# first free TCP port from 5900, so runs in parallel do not collide. It
# must never outlive the timeout.
entry=$(nm "$elf" 2>/dev/null | awk '$3 == "vector14" { print "0x" $1 }')
[ -n "$entry" ] || { echo "$0: no vector14 symbol in $elf" >&2; exit 2; }
awk -v entry="$entry" -v stops=65 '
	/^@EACH@ / { each = each substr($0, 8) "\n"; next }
	{ gsub(/@PFENTRY@/, entry); print }
	END { for (i = 0; i < stops; i++) printf "%s", each }' \
	"$here/bochs.rc.in" > "$out/bochs.rc" || exit 2
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
# The records: lowercase tags; the debugger's lines in between are not.
awk '/^(begin|error) /{on=1} on && /^([a-z]+( |$)|$)/{print} /^end /{if (on) exit}' \
	"$out/bochs.out" > "$out/e9.txt"
[ $st = 124 ] || [ $st = 137 ] && exit 124
if grep -q '^end status=pass ' "$out/e9.txt"; then
	exit 33
fi
exit 35
