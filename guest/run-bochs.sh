#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run the guest once under Bochs, headless, and wait for it to end.
# usage: guest/run-bochs.sh ELF OUTDIR "KERNEL ARGS" [TIMEOUT_SECONDS]
# Builds OUTDIR/guest.iso (GRUB, one entry with ARGS) and OUTDIR/bochsrc;
# python3 runs guest/bochswitness.py (guest/bochswitness.args) in OUTDIR,
# which starts Bochs (guest/bochs.args, written to OUTDIR/bochs.cmd under
# `timeout`) and drives its debugger. Writes:
#   OUTDIR/bochs.out  Bochs's stdout while the guest ran: its banner, the
#                     port 0xE9 output, each stop's breakpoint lines
#   OUTDIR/bochs.dbg  all of Bochs's stdout, the debugger's dialog included
#   OUTDIR/walks.txt  every fault's registers and walks, read by Bochs's
#                     debugger at its entry (walks.txt.err on a failure)
#   OUTDIR/e9.txt     the records alone: the record lines of bochs.out
#                     from the "begin" (or "error") record to the "end" one
#   OUTDIR/bochs.log  Bochs's log, with the CPU's exception lines
# Bochs exits 1 however the guest ends, so the status is taken from the
# end record, with QEMU's numbers: 33 pass, 35 fail (or no end record),
# 124 timeout, 2 usage or setup error. bochsrc.in, bochs.args,
# bochswitness.args and bochswitness.py are shared with `pagewalk record`.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/args.sh"
elf=$1 out=$2 args=$3 limit=${4:-60}
if [ -z "$elf" ] || [ -z "$out" ]; then
	echo "usage: $0 ELF OUTDIR \"ARGS\" [TIMEOUT]" >&2
	exit 2
fi
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
rm -f "$out/e9.txt" "$out/bochs.out" "$out/bochs.dbg" "$out/bochs.log" "$out/bochs.err" \
	"$out/bochs.cmd" "$out/bochs.status" "$out/walks.txt" "$out/walks.txt.err" "$out/walk.txt"
# walk.txt: the mode's levels from pagewalk's engine, for guest/hwwalk.py.
mode=$(printf '%s\n' "$args" | sed -n 's/.*mode=\([a-z0-9]*\).*/\1/p')
"${PAGEWALK:-$here/../build/pagewalk}" macros --arch "${mode:-2level}" --walk >"$out/walk.txt" ||
	{ echo "$0: no walk geometry for mode '$mode' (is pagewalk built?)" >&2; exit 2; }
# PW_ISO=FILE boots that ISO as it is (its default entry) instead.
iso=${PW_ISO:-$out/guest.iso}
case $iso in /*) ;; *) iso=$(pwd)/$iso ;; esac
[ -n "$PW_ISO" ] || "$here/mkiso.sh" "$elf" "$iso" "$args" || exit 2
sed -e "s|@ISO@|$iso|" -e "s|@LOG@|$out/bochs.log|" \
	"$here/bochsrc.in" > "$out/bochsrc" || exit 2
# bochswitness.py sets a breakpoint at the guest's #PF entry (vector14 in
# its symbols) and walks each fault from cr3 and from the master table
# (swapper_pg_dir). Bochs's rfb display takes the first free TCP port
# from 5900, so runs in parallel do not collide. It must never outlive
# the timeout: bochs.cmd runs it under `timeout`.
sym() { nm "$elf" 2>/dev/null | awk -v s="$1" '$3 == s { print $1 }'; }
entry=$(sym vector14) master=$(sym swapper_pg_dir)
[ -n "$entry" ] && [ -n "$master" ] ||
	{ echo "$0: no vector14 or swapper_pg_dir symbol in $elf" >&2; exit 2; }
{
	printf 'timeout\n-k\n2\n%s\n' "$limit"
	args_expand "$here/bochs.args" RC="$out/bochsrc"
} > "$out/bochs.cmd" || exit 2
argv=$(args_expand "$here/bochswitness.args" SCRIPT="$here/bochswitness.py" \
	PFENTRY="$entry" MASTER="$master") || exit 2
set -f
IFS='
'
# shellcheck disable=SC2086 # one argument per line (guest/bochswitness.args)
set -- $argv
unset IFS
set +f
# The witness waits for Bochs; its own limit is only the backstop.
(cd "$out" && timeout -k 2 "$((limit + 10))" "$@" 2> "$out/bochs.err" < /dev/null)
st=$(cat "$out/bochs.status" 2>/dev/null)
# The records: lowercase tags; the debugger's lines in between are not.
awk '/^(begin|error) /{on=1} on && /^([a-z]+( |$)|$)/{print} /^end /{if (on) exit}' \
	"$out/bochs.out" > "$out/e9.txt"
[ -n "$st" ] || exit 124
[ "$st" = 124 ] || [ "$st" = 137 ] && exit 124
if grep -q '^end status=pass ' "$out/e9.txt"; then
	exit 33
fi
exit 35
