#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run the guest once under QEMU, headless, and wait for it to end.
# usage: guest/run-qemu.sh ELF OUTDIR "KERNEL ARGS" [TIMEOUT_SECONDS]
# Writes OUTDIR/e9.txt (the records, port 0xE9) and OUTDIR/qemu.log
# (QEMU's own exception log, -d int). Exit status: QEMU's, that is 33
# when the guest reported pass, 35 on fail, 124 if the timeout ended it.
# The command line is guest/qemu.args, shared with `pagewalk record`.
here=$(dirname "$0")
. "$here/args.sh"
elf=$1 out=$2 args=$3 limit=${4:-30}
if [ -z "$elf" ] || [ -z "$out" ]; then
	echo "usage: $0 ELF OUTDIR \"ARGS\" [TIMEOUT]" >&2
	exit 2
fi
mkdir -p "$out"
rm -f "$out/e9.txt" "$out/qemu.log"
argv=$(args_expand "$here/qemu.args" ELF="$elf" ARGS="$args" E9="$out/e9.txt" \
	LOG="$out/qemu.log") || exit 2
set -f
IFS='
'
# shellcheck disable=SC2086 # one argument per line
set -- $argv
unset IFS
set +f
timeout -k 2 "$limit" "$@"
