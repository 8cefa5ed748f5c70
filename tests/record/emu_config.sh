#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/record/emu_config.sh - each emulator's configuration has one source:
# the command lines the recorder runs (the `command:` of its traces) and
# the bochsrc, Bochs's command file and the walk witness's scripts it writes
# equal what guest/run-qemu.sh and run-bochs.sh make from the same
# templates in guest/ (guest/args.sh, *.args, bochsrc.in, *.py).
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1
PAGEWALK_GUEST=$PAGEWALK_ROOT/$BUILD/guest/guest.elf
export PAGEWALK_GUEST
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pw-config-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. guest/args.sh

# quote WORDS (one a line): joined as the recorder quotes its command line
quote() {
	sed -e "/[^A-Za-z0-9_=.\/,:+@%-]/{s/'/'\\\\''/g;s/^/'/;s/\$/'/}" | tr '\n' ' ' | sed 's/ $//'
}
cmd_of() { sed -n 's/^  command: "\(.*\)"$/\1/p' "$1" | sed 's/\\\\/\\/g'; }

mkdir -p "$tmp/work"
TMPDIR=$tmp/work run_pw record --emulator qemu --mode pae --scenario demand -o "$tmp/q.yaml"
check_eq "recorded under QEMU" 0 "$RC"
want=$(args_expand guest/qemu.args ELF="$PAGEWALK_GUEST" ARGS="mode=pae scenario=demand" \
	E9=e9.txt LOG=qemu.log | quote)
check_eq "QEMU: the recorder's command line is guest/qemu.args" "$want" "$(cmd_of "$tmp/q.yaml")"

TMPDIR=$tmp/work run_pw record --emulator bochs --mode 2level --scenario demand --keep -o "$tmp/b.yaml"
check_eq "recorded under Bochs" 0 "$RC"
want=$(args_expand guest/bochs.args RC=bochsrc | quote)
check_eq "Bochs: the recorder's command line is guest/bochs.args" "$want" "$(cmd_of "$tmp/b.yaml")"
kept=$(printf '%s\n' "$ERR" | sed -n 's/^pagewalk: kept the run in //p')
guest/run-bochs.sh "$PAGEWALK_GUEST" "$tmp/script" "mode=2level scenario=demand" >/dev/null 2>&1
sed -e "s|$tmp/script/||g" "$tmp/script/bochsrc" >"$tmp/script.rc"
if cmp -s "$tmp/script.rc" "$kept/bochsrc"; then ok "Bochs: the recorder's bochsrc is the script's (guest/bochsrc.in)"
else not_ok "Bochs: the recorder's bochsrc is the script's (guest/bochsrc.in)"; diag "$(diff "$tmp/script.rc" "$kept/bochsrc")"; fi
check "Bochs: the recorder's grub.cfg boots the scenario" \
	grep -qx '	multiboot /boot/guest.elf mode=2level scenario=demand' "$kept/iso/boot/grub/grub.cfg"
# bochs.cmd (what bochswitness.py starts): the script's, but for its
# `timeout` (the recorder's own limit ends the run) and absolute paths.
sed -e '1,4d' -e "s|$tmp/script/||g" "$tmp/script/bochs.cmd" >"$tmp/script.cmd"
if cmp -s "$tmp/script.cmd" "$kept/bochs.cmd"; then ok "Bochs: the recorder's bochs.cmd is the script's (guest/bochs.args)"
else not_ok "Bochs: the recorder's bochs.cmd is the script's (guest/bochs.args)"; diag "$(diff "$tmp/script.cmd" "$kept/bochs.cmd")"; fi
for f in bochswitness.py hwwalk.py; do
	check "Bochs: the recorder runs guest/$f" cmp -s "guest/$f" "$kept/$f"
done
check "Bochs: the script's run read the walks with the debugger" grep -q '^end faults=7$' "$tmp/script/walks.txt"
rm -rf "$kept"
exit 0
