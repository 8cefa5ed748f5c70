#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Nothing is cut off: every step of every lesson (its animation frame by
# frame, quizzes answered with a hint shown, the help overlay, the end of
# the lesson) and every stage of every shipped trace, at 80x24 and 132x43,
# in English and Japanese. The program itself is the witness: with
# PAGEWALK_DRAWCHECK=FILE its drawing functions report every string they
# could not show whole (cut at a pane's edge or the screen's, wrapped text
# running below its pane without a way to scroll) and every string drawn
# over another one in the same frame. Any report fails the check and is
# shown with the step or stage it came from.
#
# The sweep is headless (tests/tui/headless.c): the screens draw into a
# curses screen of the harness's own, keys go through the main loop's
# handling, no terminal and no waiting; what only a terminal shows
# (resizes, signals, escape bytes) is tmux's, in the other tui scripts.
# Predict mode (each question answered, lessons with walks and a guest and
# a Linux trace), the sandbox (all twelve archs, x86 and arm64) and the lab screens (`pagewalk
# lab` on every shipped lesson with quizzes: each question, its notes, the
# help, the question about open ones, the score page) are swept the same
# way.
# The Japanese runs also log every string drawn (PAGEWALK_DRAWTEXT, source
# lines aside), and tests/tui/ja_words.py checks those words at the end:
# no English word left on a Japanese screen, no word the glossary
# (docs/glossary-ja.md) says not to use.
#   FIT_ONLY="lesson:07", "trace:vmalloc-pae-qemu", "sandbox", "predict" or
#   "lab" narrows the run.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/headless.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1
T=$HS_TMP
JA_TEXT=$T/ja-text.log
: >"$JA_TEXT"
# ja_env LANG: the environment that logs a Japanese run's words
ja_env() { [ "$1" = ja ] && echo "PAGEWALK_DRAWTEXT=$JA_TEXT"; }

# The witness works: a title that cannot fit is reported (so a silent run
# below means nothing was cut, not that nothing was watched).
out=$(sweep 1 80 24 en cut-title lesson tests/tui/fixtures/cut-title.yaml)
if grep -q "cut 0 1 .*: A title far too long" "$T/drawcheck.log" 2>/dev/null &&
   printf '%s\n' "$out" | grep -q '^not ok - cut-title (every step of 1): text cut'; then
	ok "the witness reports a title cut at 80 columns"
else
	not_ok "the witness reports a title cut at 80 columns"; diag "$out" "log: $(cat "$T/drawcheck.log" 2>/dev/null)"
fi

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	for lang in en ja; do
		case "${FIT_ONLY:-sandbox}" in sandbox*)
			# shellcheck disable=SC2046
			sweep 1 "$W" "$H" "$lang" "sandbox $size $lang" sandbox 12 $(ja_env "$lang") ;;
		esac
		case "${FIT_ONLY:-lab}" in lab*)
			for l in lessons/*.yaml; do
				grep -q 'kind: quiz' "$l" || continue
				name=$(basename "$l" .yaml)
				# shellcheck disable=SC2046
				sweep 1 "$W" "$H" "$lang" "lab ${name%%-*} $size $lang" lab "${name%%-*}" $(ja_env "$lang")
			done ;;
		esac
		case "${FIT_ONLY:-predict}" in predict*)
			for what in "lesson 03" "lesson 06" "lesson 08" "lesson 14" \
				    "replay $PAGEWALK_ROOT/traces/all-2level-qemu.yaml" \
				    "replay $PAGEWALK_ROOT/traces/linux-all-5level-qemu.yaml"; do
				# shellcheck disable=SC2046,SC2086
				sweep 1 "$W" "$H" "$lang" "predict ${what##*/} $size $lang" --predict $what $(ja_env "$lang")
			done ;;
		esac
		for l in lessons/*.yaml; do
			name=$(basename "$l" .yaml)
			case "${FIT_ONLY:-lesson:}" in lesson:*) case "$name" in "${FIT_ONLY#lesson:}"*) ;; *) continue ;; esac ;; *) continue ;; esac
			# shellcheck disable=SC2046
			sweep 1 "$W" "$H" "$lang" "lesson ${name%%-*} $size $lang" lesson "${name%%-*}" $(ja_env "$lang")
		done
		# the shipped traces (with real Linux 6.1 in four modes: call
		# chains, 4- and 5-level walks; their code pane reads
		# linux-source-6.1), and the two small Linux fixtures (the
		# fixtures linux-all-* repeat shipped traces: not run twice)
		for t in traces/*.yaml tests/tui/fixtures/linux-demand-pae.yaml \
			 tests/tui/fixtures/linux-vmalloc-2level.yaml; do
			name=$(basename "$t" .yaml)
			case "${FIT_ONLY:-trace:}" in trace:*) case "$name" in "${FIT_ONLY#trace:}"*) ;; *) continue ;; esac ;; *) continue ;; esac
			# shellcheck disable=SC2046
			sweep 1 "$W" "$H" "$lang" "trace $name.yaml $size $lang" replay "$PAGEWALK_ROOT/$t" $(ja_env "$lang")
		done
	done
done

# Linux traces without linux-source-6.1: the code pane lists the chain's
# functions and file:line and says how to get the source, in the same room.
# (every Linux fixture in English; the two small ones in Japanese too)
for lang in en ja; do
	for t in tests/tui/fixtures/linux-*.yaml; do
		name=$(basename "$t" .yaml)
		case "$lang/$name" in ja/linux-all-*) continue ;; esac
		case "${FIT_ONLY:-trace:}" in trace:*) case "$name" in "${FIT_ONLY#trace:}"*) ;; *) continue ;; esac ;; *) continue ;; esac
		sweep 1 80 24 "$lang" "trace $name.yaml 80x24 $lang PAGEWALK_LINUX_SOURCE set" replay "$PAGEWALK_ROOT/$t" \
			PAGEWALK_LINUX_SOURCE="$T/none.tar.xz"
	done
done

# Every word the Japanese screens showed above (the checker is shown to
# catch an English word and a glossary word first, on a planted log).
case "${FIT_ONLY:-all}" in all)
printf '[planted] 0x1000 retried\n[planted] メモリー\n' >"$T/planted.log"
planted=$(/usr/bin/python3 tests/tui/ja_words.py "$PAGEWALK_ROOT" "$T/planted.log")
check_contains "ja words: the checker finds an English word" "$planted" 'English "retried" (1 times)'
check_contains "ja words: the checker finds a glossary word" "$planted" "glossary: memory"
if [ -s "$JA_TEXT" ]; then
	out=$(/usr/bin/python3 tests/tui/ja_words.py "$PAGEWALK_ROOT" "$JA_TEXT")
	if [ -z "$out" ]; then ok "ja words: every Japanese screen above: no English word, no word the glossary forbids"
	else not_ok "ja words: every Japanese screen above: no English word, no word the glossary forbids"
		printf '%s\n' "$out" | head -80 | cut -c1-240 | diag "$(cat)"; fi
else
	not_ok "ja words: the Japanese runs logged their words"
fi ;;
esac
exit 0
