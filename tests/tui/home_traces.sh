#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The home menu describes each trace (scenario, arch, emulator, faults) and
# says which ones do not load; Enter on a good one opens the replayer.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1

T=$TUI_TMP/traces
mkdir -p "$T"
cp traces/vmalloc-2level-qemu.yaml "$T/"
head -c 2000 traces/demand-pae-bochs.yaml >"$T/cut-short.yaml"
faults=$("$PAGEWALK" dump traces/vmalloc-2level-qemu.yaml | grep -c '^[0-9]* fault')

tui_start 100 30 env PAGEWALK_TRACES="$T" "$PAGEWALK"
check_screen "menu lists the traces directory" "Traces ($T)"
check_screen "a good trace is described" "vmalloc-2level-qemu.yaml     vmalloc    x86-32      qemu   $faults faults"
check_screen "a broken trace says it does not load" "cut-short.yaml               does not load:"
n=$(ls lessons/*.yaml | wc -l)
i=0
while [ "$i" -lt "$((n + 1))" ]; do tui_keys j; i=$((i + 1)); done
tui_keys Enter
check_screen "Enter on the good trace opens the replayer" "pagewalk replay"
tui_stop

tui_start 100 30 env PAGEWALK_TRACES="$T" "$PAGEWALK" --lang ja
check_screen "ja: the fault count in Japanese" "フォルト $faults 件"
check_screen "ja: a broken trace in Japanese" "読み込めません:"
tui_stop
