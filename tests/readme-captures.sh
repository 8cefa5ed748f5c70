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
# screen becomes the block: trailing blanks cut, runs of empty rows kept as
# one, indented by four spaces. --check waits (10 s at most) for the screen
# to be the README's block; --update takes it once it has not changed for
# 1.5 s (the lesson's animation frames are 0.5 s apart).
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
n=0
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
[ -x "$pw" ] || { echo "readme-captures: $pw is not built (make pagewalk)" >&2; exit 2; }
PAGEWALK_ROOT=$root
. "$root/tests/lib.sh"

# block: the pane as a README block (trimmed, indented).
block() {
	tmux -L "$sock" capture-pane -p | sed 's/[[:space:]]*$//' | cat -s |
		sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' | sed '/./,$!d' | sed 's/^/    /; s/^ *$//'
}
drawn() { [ -n "$(tmux -L "$sock" capture-pane -p | tr -d ' \n')" ]; }
is_block() { [ "$(block)" = "$(cat "$tmp/want")" ]; }
settled() {
	_now=$(block) _t=$(date +%s%N)
	if [ "$_now" != "$_prev" ]; then _prev=$_now _since=$_t; return 1; fi
	[ $(( (_t - _since) / 1000000 )) -ge 1500 ]
}

# shot SIZE ARGS... -- KEYS...: the screen as a block on stdout ($tmp/want
# holds the README's block: --check waits for it).
shot() {
	size=$1; shift
	w=${size%x*} h=${size#*x} args=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do args="$args '$1'"; shift; done
	[ $# -gt 0 ] && shift
	mkdir -p "$tmp/state"
	rm -rf "$tmp/state"/*
	tmux -L "$sock" kill-server 2>/dev/null
	sock=rc$$_$n     # a fresh server: one going away under the same name races
	tmux -L "$sock" -f /dev/null new-session -d -x "$w" -y "$h" \
		"cd '$root' && env TERM=screen-256color LANG=C.UTF-8 LC_ALL= PAGEWALK_SEED=1 XDG_STATE_HOME='$tmp/state' '$pw' $args; sleep 600" ||
		{ echo "readme-captures: tmux did not start" >&2; return 1; }
	tmux -L "$sock" set-option -g status off >/dev/null
	if ! poll 10 drawn; then
		echo "readme-captures: an empty screen for: $size $args" >&2
		return 1
	fi
	[ $# -gt 0 ] && tmux -L "$sock" send-keys "$@"
	if [ "$mode" = --update ]; then
		_prev=
		poll 60 settled || { echo "readme-captures: the screen never settled: $size $args" >&2; return 1; }
	else
		poll "$WAIT_SECS" is_block || true   # the diff below shows what it is instead
	fi
	block
}

out=$tmp/README.new
# Copy README, replacing each capture block's body by a fresh shot.
while IFS= read -r line; do
	case "$line" in
	"<!-- capture "*" -->")
		printf '%s\n' "$line" >>"$out"
		spec=${line#<!-- capture }
		spec=${spec% -->}
		: >"$tmp/want"
		skip=1
		;;
	"<!-- /capture -->")
		# shellcheck disable=SC2086
		shot $spec >"$tmp/shot" || exit 2
		cat "$tmp/shot" >>"$out"
		n=$((n + 1))
		printf '%s\n' "$line" >>"$out"
		skip=0
		;;
	*)
		if [ "${skip:-0}" = 1 ]; then printf '%s\n' "$line" >>"$tmp/want"
		else printf '%s\n' "$line" >>"$out"; fi
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
