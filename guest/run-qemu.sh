#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run the guest once under QEMU, headless, and wait for it to end.
# usage: guest/run-qemu.sh ELF OUTDIR "KERNEL ARGS" [TIMEOUT_SECONDS]
# gdb (guest/gdb.args) runs guest/walkwitness.py in OUTDIR, which starts
# QEMU (guest/qemu.args, written to OUTDIR/qemu.cmd under `timeout`) with
# its gdbstub on a pipe. Writes OUTDIR/e9.txt (the records, port 0xE9),
# OUTDIR/qemu.log (QEMU's own exception log, -d int) and OUTDIR/walks.txt
# (every fault's walk read from QEMU's memory at its entry). Exit status:
# QEMU's, that is 33 when the guest reported pass, 35 on fail, 124 if the
# timeout ended it. The command lines are shared with `pagewalk record`.
# The walk witness walks with the levels of the mode ARGS name (mode=...),
# which pagewalk's engine gives (`$PAGEWALK macros --arch MODE --walk`;
# PAGEWALK defaults to the clone's build/pagewalk).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/args.sh"
elf=$1 out=$2 args=$3 limit=${4:-30}
if [ -z "$elf" ] || [ -z "$out" ]; then
	echo "usage: $0 ELF OUTDIR \"ARGS\" [TIMEOUT]" >&2
	exit 2
fi
case $elf in /*) ;; *) elf=$(pwd)/$elf ;; esac
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)
rm -f "$out/e9.txt" "$out/qemu.log" "$out/qemu.cmd" "$out/qemu.status" "$out/qemu.err" \
	"$out/walks.txt" "$out/walks.txt.err" "$out/walk.txt"
mode=$(printf '%s\n' "$args" | sed -n 's/.*mode=\([a-z0-9]*\).*/\1/p')
"${PAGEWALK:-$here/../build/pagewalk}" macros --arch "${mode:-2level}" --walk >"$out/walk.txt" ||
	{ echo "$0: no walk geometry for mode '$mode' (is pagewalk built?)" >&2; exit 2; }
argv=$(args_expand "$here/qemu.args" ELF="$elf" ARGS="$args" E9="$out/e9.txt" \
	LOG="$out/qemu.log") || exit 2
# qemu.cmd: QEMU under the timeout, each argument single-quoted.
{
	printf 'exec timeout -k 2 %s' "$limit"
	printf '%s\n' "$argv" | while IFS= read -r a; do
		printf " '%s'" "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done
	echo
} > "$out/qemu.cmd" || exit 2
argv=$(args_expand "$here/gdb.args" ELF="$elf" SCRIPT="$here/walkwitness.py" INDEX=off \
	INDEXDIR=.) || exit 2
set -f
IFS='
'
# shellcheck disable=SC2086 # one argument per line
set -- $argv
unset IFS
set +f
# gdb waits for QEMU; its own limit is only the backstop.
(cd "$out" && timeout -k 2 "$((limit + 10))" "$@" > gdb.out 2> gdb.err < /dev/null)
st=$(cat "$out/qemu.status" 2>/dev/null)
[ -n "$st" ] || exit 124
exit "$st"
