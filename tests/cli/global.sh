#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Global options, usage errors and the escaping of every error line.
. "$(dirname "$0")/../lib.sh"

check_run "--help exits 0" 0 --help
check_contains "--help lists replay" "$OUT" "replay"
check_contains "--help lists record" "$OUT" "record"
check_contains "--help lists exercise" "$OUT" "  exercise   [--arch A] [--seed N] [-c]"
check_contains "--help lists new-lesson" "$OUT" "  new-lesson FILE"
check_contains "--help lists lab" "$OUT" "  lab        LESSON --student ID ..."
check_contains "--help lists grade" "$OUT" "  grade      DIR [--csv FILE]"
check_contains "--help lists replay --cast" "$OUT" "  replay     FILE [--cast OUT]"
check_contains "--help lists dump --format md" "$OUT" "  dump       FILE [--format md --event N]"
check_contains "--help lists translate --mem" "$OUT" "  translate  [--arch A] [--mem F] ADDR"
# what it replays now: Linux 6.1 itself as well as our guest kernel
check_contains "--help: replays of faults Linux 6.1 took" "$OUT" "really taken by Linux 6.1 (built from that package, run under QEMU)"
check_contains "--help: and of our guest kernel" "$OUT" "by our small Linux-like kernel (guest/, under QEMU and Bochs)"
check_contains "--help: lessons show Linux's own code" "$OUT" "lessons that show Linux 6.1's"
check_contains "--help: record names both kernels" "$OUT" "  record     [options] -o FILE            boot our kernel or Linux 6.1, record a trace"
run_pw record --help
check_contains "record --help: the debugger and memory are witnesses too" "$OUT" "debugger at the fault's entry (the registers, every walked entry in memory)"
check_run "--version exits 0" 0 --version
check_contains "--version names the program" "$OUT" "pagewalk "
check_run "unknown command exits 2" 2 frobnicate
check_contains "unknown command is named" "$ERR" "unknown command frobnicate"
check_run "unknown option exits 2" 2 --frob
check_run "--lang with a bad value exits 2" 2 --lang fr macros
check_contains "--lang error says what it wants" "$ERR" "--lang wants en or ja"
check_run "--lang ja before a command works" 0 --lang ja macros
check_run "--lang=ja form works" 0 --lang=ja translate 0xc0000000

# A path with an escape sequence in it is printed escaped, never raw.
d=$(mktemp -d)
f="$d/$(printf 'x\033[2Jy').yaml"
printf 'title: [\n' >"$f"
run_pw check "$f"
check_eq "check of a broken file with a hostile name exits 1" 1 "$RC"
check_contains "the name is escaped in the error" "$ERR" 'x\x1b[2Jy.yaml:'
if printf '%s' "$ERR" | od -c | grep -q '033'; then
	not_ok "no raw ESC byte on stderr"
else
	ok "no raw ESC byte on stderr"
fi
rm -rf "$d"

# A lesson that is not there: the message names the lessons there are.
(cd "$PAGEWALK_ROOT" && run_pw lesson 98
 check_eq "lesson 98 (no such lesson) exits 1" 1 "$RC"
 check_contains "lesson 98: the lessons there are are listed" "$ERR" \
	"no lesson named 98; the lessons are 01 02 03 ")

# A typo of a command is named with the command meant (exit 2, as usage).
run_pw lesosn 03
check_eq "lesosn exits 2" 2 "$RC"
check_contains "lesosn: did you mean lesson?" "$ERR" "unknown command lesosn; did you mean lesson?"
run_pw zzz
check_contains "zzz: no guess, the usage" "$ERR" "usage: pagewalk"

# Global options after the command are the same global options.
run_pw macros --arch x86-32 --lang ja
check_eq "macros ... --lang ja (after the command) exits 0" 0 "$RC"
check_contains "macros ... --lang ja: Japanese" "$OUT" "ページ内オフセットのビット数"
run_pw macros --lang=ja
check_contains "macros --lang=ja: Japanese" "$OUT" "ページ内オフセットのビット数"
run_pw translate -- --lang
check_eq "after --, --lang is an argument (translate reads it as an address)" 1 "$RC"
# Error lines in Japanese under --lang ja
run_pw --lang ja lesosn
check_contains "--lang ja: an unknown command in Japanese" "$ERR" "不明なコマンド lesosn です。lesson のことですか?"
run_pw --lang ja translate --bogus
check_contains "--lang ja: an unknown option in Japanese" "$ERR" "translate: 不明なオプション --bogus"
