#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Nothing is cut off: every step of every lesson (its animation to the end,
# quizzes included) and every stage of every shipped trace, plus the help
# overlay, at 80x24 and 132x43, in English and Japanese. The program itself
# is the witness: with PAGEWALK_DRAWCHECK=FILE its drawing functions report
# every string they could not show whole (cut at a pane's edge or the
# screen's, wrapped text running below its pane without a way to scroll)
# and every string drawn over another one in the same frame. Any report
# fails the check and is shown with the step or stage it came from.
# The Japanese runs also log every string drawn (PAGEWALK_DRAWTEXT, source
# lines aside), and tests/tui/ja_words.py checks those words at the end:
# no English word left on a Japanese screen, no word the glossary
# (docs/glossary-ja.md) says not to use.
#   FIT_ONLY="lesson:07" or "trace:vmalloc-pae-qemu" narrows the run.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/tmux.sh.inc"
cd "$PAGEWALK_ROOT" || exit 1
LOG=$TUI_TMP/drawcheck.log
JA_TEXT=$TUI_TMP/ja-text.log
: >"$JA_TEXT"
# ja_env LANG: the environment that logs a Japanese run's words
ja_env() { [ "$1" = ja ] && echo "PAGEWALK_DRAWTEXT=$JA_TEXT"; }

# verdict NAME: ok when the witness reported nothing, else the reports.
verdict() {
	sleep 0.3
	if [ ! -s "$LOG" ]; then ok "$1: nothing cut or overlapping"
	else not_ok "$1: text cut or overlapping"; sort "$LOG" | uniq -c | sort -rn | head -25 | cut -c1-300 | diag "$(cat)"; fi
}

# the "N" of "step 1/N" (or "ステップ 1/N") on the screen
steps_of() { tui_screen | head -1 | sed -n 's/.*\(step\|ステップ\) 1\/\([0-9]*\).*/\2/p'; }

lesson_run() {   # NAME W H LANG
	rm -f "$LOG"
	# shellcheck disable=SC2046
	tui_start "$2" "$3" env PAGEWALK_DRAWCHECK="$LOG" $(ja_env "$4") PAGEWALK_SEED=1 "$PAGEWALK" --lang "$4" lesson "$1"
	if ! wait_for " 1/" 5; then not_ok "lesson $1 $2x$3 $4: does not open"; return; fi
	n=$(steps_of)
	i=1
	while [ "$i" -le "${n:-0}" ]; do
		tui_keys .; sleep 0.05
		tui_keys Escape; sleep 0.08
		[ "$i" -lt "$n" ] && tui_keys n
		i=$((i + 1))
	done
	tui_keys '?'; sleep 0.1; tui_keys Escape
	wait_for " $n/$n" 5 || { not_ok "lesson $1 $2x$3 $4: did not reach step $n"; tui_screen | diag "$(cat)"; }
	verdict "lesson $1 $2x$3 $4 (every step of $n)"
	tui_stop
}

trace_run() {    # FILE W H LANG [NAME=VALUE: more environment, named in the verdict]
	rm -f "$LOG"
	extra=${5:-}
	# shellcheck disable=SC2086
	tui_start "$2" "$3" env PAGEWALK_DRAWCHECK="$LOG" $(ja_env "$4") $extra "$PAGEWALK" --lang "$4" replay "$1"
	if ! wait_for " 1/" 5; then not_ok "trace $1 $2x$3 $4: does not open"; return; fi
	tui_keys '?'; sleep 0.1; tui_keys Escape
	k=0 done=
	while [ $k -lt 40 ]; do
		# shellcheck disable=SC2046
		tui_keys $(yes Right | head -60)
		sleep 0.2
		pos=$(tui_screen | sed -n '2s/^ *[^ ]* \([0-9]*\)\/\([0-9]*\) *[^ ]* \([0-9]*\)\/\([0-9]*\).*/\1 \2 \3 \4/p')
		set -- "$1" "$2" "$3" "$4" $pos
		if [ -n "$pos" ] && [ "$5" = "$6" ] && [ "$7" = "$8" ]; then done=1; break; fi
		k=$((k + 1))
	done
	[ -n "$done" ] || { not_ok "trace $1 $2x$3 $4: did not reach the last stage"; tui_screen | diag "$(cat)"; }
	verdict "trace ${1##*/} $2x$3 $4${extra:+ ${extra%%=*} set} (every stage)"
	tui_stop
}

sandbox_run() {  # W H LANG: the sandbox on every arch, cells typed right and wrong, the help
	rm -f "$LOG"
	# shellcheck disable=SC2046
	tui_start "$1" "$2" env PAGEWALK_DRAWCHECK="$LOG" $(ja_env "$3") "$PAGEWALK" --lang "$3"
	if ! wait_for "? " 5; then not_ok "sandbox $1x$2 $3: the menu does not open"; return; fi
	tui_keys w
	wait_for "cr3" 5 || { not_ok "sandbox $1x$2 $3: does not open"; return; }
	for a in 1 2 3 4; do
		tui_keys 1 Enter 0 x 1 2 3 Enter Escape j 0 x 1 0 0 0 0 0 Enter Escape s .
		sleep 0.1
		tui_keys a
	done
	tui_keys '?'; sleep 0.1; tui_keys Escape
	verdict "sandbox $1x$2 $3 (every arch)"
	tui_stop
}

# The witness works: a title that cannot fit is reported (so a silent run
# below means nothing was cut, not that nothing was watched).
rm -f "$LOG"
tui_start 80 24 env PAGEWALK_DRAWCHECK="$LOG" "$PAGEWALK" lesson tests/tui/fixtures/cut-title.yaml
wait_for "step 1/1"
sleep 0.3
if grep -q "cut 0 1 .*: A title far too long" "$LOG" 2>/dev/null; then ok "the witness reports a title cut at 80 columns"
else not_ok "the witness reports a title cut at 80 columns"; diag "log: $(cat "$LOG" 2>/dev/null)"; fi
tui_stop

for size in 80x24 132x43; do
	W=${size%x*} H=${size#*x}
	for lang in en ja; do
		case "${FIT_ONLY:-sandbox}" in sandbox*) sandbox_run "$W" "$H" "$lang" ;; esac
		for l in lessons/*.yaml; do
			name=$(basename "$l" .yaml)
			case "${FIT_ONLY:-lesson:}" in lesson:*) case "$name" in "${FIT_ONLY#lesson:}"*) ;; *) continue ;; esac ;; *) continue ;; esac
			lesson_run "${name%%-*}" "$W" "$H" "$lang"
		done
		# the shipped traces (with real Linux 6.1 in four modes: call
		# chains, 4- and 5-level walks; their code pane reads
		# linux-source-6.1), and the two small Linux fixtures (the
		# fixtures linux-all-* repeat shipped traces: not run twice)
		for t in traces/*.yaml tests/tui/fixtures/linux-demand-pae.yaml \
			 tests/tui/fixtures/linux-vmalloc-2level.yaml; do
			name=$(basename "$t" .yaml)
			case "${FIT_ONLY:-trace:}" in trace:*) case "$name" in "${FIT_ONLY#trace:}"*) ;; *) continue ;; esac ;; *) continue ;; esac
			trace_run "$PAGEWALK_ROOT/$t" "$W" "$H" "$lang"
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
		trace_run "$PAGEWALK_ROOT/$t" 80 24 "$lang" "PAGEWALK_LINUX_SOURCE=$TUI_TMP/none.tar.xz"
	done
done

# Every word the Japanese screens showed above (the checker is shown to
# catch an English word and a glossary word first, on a planted log).
printf '[planted] 0x1000 retried\n[planted] メモリー\n' >"$TUI_TMP/planted.log"
planted=$(/usr/bin/python3 tests/tui/ja_words.py "$PAGEWALK_ROOT" "$TUI_TMP/planted.log")
check_contains "ja words: the checker finds an English word" "$planted" 'English "retried" (1 times)'
check_contains "ja words: the checker finds a glossary word" "$planted" "glossary: memory"
if [ -s "$JA_TEXT" ]; then
	out=$(/usr/bin/python3 tests/tui/ja_words.py "$PAGEWALK_ROOT" "$JA_TEXT")
	if [ -z "$out" ]; then ok "ja words: every Japanese screen above: no English word, no word the glossary forbids"
	else not_ok "ja words: every Japanese screen above: no English word, no word the glossary forbids"
		printf '%s\n' "$out" | head -80 | cut -c1-240 | diag "$(cat)"; fi
else
	not_ok "ja words: the Japanese runs logged their words"
fi
