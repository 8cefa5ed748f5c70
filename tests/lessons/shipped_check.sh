#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/lessons/shipped_check.sh - the shipped course: all nine lessons check
# clean together, each one alone, and the home-menu names resolve.
# (The deep checks - both languages, macro values, quiz grading for seeds
# 1..50 - are in tests/unit/test_shipped_lessons.c.)
. "$(dirname "$0")/../lib.sh"
cd "$PAGEWALK_ROOT" || exit 1

run_pw check lessons/*.yaml
if [ "$RC" = 0 ] && [ -z "$ERR" ]; then ok "pagewalk check lessons/*.yaml"
else not_ok "pagewalk check lessons/*.yaml"; diag "exit $RC" "$ERR"; fi

n=0
for f in lessons/[0-9][0-9]-*.yaml; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	run_pw check -v "$f"
	check_contains "check -v $f says ok" "$OUT" "$f: ok (lesson)"
done
check "nine or more lessons ($n)" [ "$n" -ge 9 ]

# `pagewalk lesson NN` finds lessons/NN-*.yaml: a bad prefix is a clean error
run_pw lesson 99
check_eq "lesson 99 (none): exit 1" 1 "$RC"
check_eq "lesson 99: nothing on stdout" "" "$OUT"
