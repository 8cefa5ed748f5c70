#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/readme-captures.sh [--check|--update] [README]
#
# The README's screen captures come from the real program. Each capture is
# an indented block between two markers:
#
#   <!-- capture 80x24 lesson 03 -- g 8 Enter . -->
#       ...screen...
#   <!-- /capture -->
#
# Before "--": pagewalk's arguments; after it: tmux keys, sent one by one.
# The program runs in a private tmux server at that size (LANG=C.UTF-8,
# PAGEWALK_SEED=1, an empty state directory, from the repository root); the
# screen, once two captures 0.3 s apart agree, becomes the block: trailing
# blanks cut, runs of empty rows kept as one, indented by four spaces.
#
# --update rewrites README in place; --check (the default) prints a diff and
# exits 1 when a capture has drifted from what the program shows now.
set -u
mode=--check
case "${1:-}" in --check|--update) mode=$1; shift ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
readme=${1:-$root/README.md}
pw=${PAGEWALK:-$root/build/pagewalk}
tmp=$(mktemp -d)
sock=rc$$
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
[ -x "$pw" ] || { echo "readme-captures: $pw is not built (make pagewalk)" >&2; exit 2; }

# shot SIZE ARGS... -- KEYS...: the screen, trimmed, on stdout.
shot() {
	size=$1; shift
	w=${size%x*} h=${size#*x} args="" 
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do args="$args '$1'"; shift; done
	[ $# -gt 0 ] && shift
	mkdir -p "$tmp/state"
	rm -rf "$tmp/state"/*
	tmux -L "$sock" -f /dev/null new-session -d -x "$w" -y "$h" \
		"cd '$root' && env TERM=screen-256color LANG=C.UTF-8 LC_ALL= PAGEWALK_SEED=1 XDG_STATE_HOME='$tmp/state' '$pw' $args; sleep 600" ||
		{ echo "readme-captures: tmux did not start" >&2; return 1; }
	tmux -L "$sock" set-option -g status off >/dev/null
	sleep 0.5
	for k in "$@"; do tmux -L "$sock" send-keys "$k"; sleep 0.1; done
	prev="" i=0
	while [ $i -lt 50 ]; do
		sleep 0.3
		now=$(tmux -L "$sock" capture-pane -p)
		[ "$now" = "$prev" ] && break
		prev=$now i=$((i + 1))
	done
	tmux -L "$sock" kill-server 2>/dev/null
	sleep 0.2   # let the server go before the next one starts under the same name
	if [ -z "$(printf '%s' "$now" | tr -d ' \n')" ]; then
		echo "readme-captures: an empty screen for: $size $args" >&2
		return 1
	fi
	printf '%s\n' "$now" | sed 's/[[:space:]]*$//' | cat -s |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' | sed '/./,$!d' | sed 's/^/    /; s/^ *$//'
}

out=$tmp/README.new
n=0
# Copy README, replacing each capture block's body by a fresh shot.
while IFS= read -r line; do
	case "$line" in
	"<!-- capture "*" -->")
		printf '%s\n' "$line" >>"$out"
		spec=${line#<!-- capture }
		spec=${spec% -->}
		# shellcheck disable=SC2086
		shot $spec >"$tmp/shot" || exit 2
		cat "$tmp/shot" >>"$out"
		n=$((n + 1))
		skip=1
		;;
	"<!-- /capture -->")
		printf '%s\n' "$line" >>"$out"
		skip=0
		;;
	*)
		[ "${skip:-0}" = 1 ] || printf '%s\n' "$line" >>"$out"
		;;
	esac
done <"$readme"
[ "${skip:-0}" = 1 ] && { echo "readme-captures: $readme: a capture has no <!-- /capture -->" >&2; exit 2; }
[ $n -gt 0 ] || { echo "readme-captures: $readme has no <!-- capture --> markers" >&2; exit 2; }

if [ "$mode" = --update ]; then
	cp "$out" "$readme"
	echo "readme-captures: $n captures written to $readme"
	exit 0
fi
if diff -u "$readme" "$out" >"$tmp/diff"; then
	echo "readme-captures: $n captures match the program"
	exit 0
fi
cat "$tmp/diff"
echo "readme-captures: $readme has drifted from the program; run tests/readme-captures.sh --update" >&2
exit 1
