#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/exercise.sh - `pagewalk exercise`: deterministic sheets for all
# four archs, and every answer checked against `pagewalk translate --mem`
# over a memory image rebuilt from the sheet's own dump and its CPU line
# (so the sheet is shown to hold everything a student needs, the settings
# the answers assume included), under the default settings and with --wp,
# --smep, --smap changed; 1 GiB pages, reserved-bit faults and
# non-canonical addresses in the mix; plus a pinned sheet.
. "$(dirname "$0")/../lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# image SHEET ESIZE > YAML: the sheet's arch line, CPU settings, cr3 and
# table dump as a memory image (entry address = page base + index * entry
# size).
image() {
	python3 - "$1" "$2" "$3" <<'PY'
import re, sys
sheet, es, arch = sys.argv[1], int(sys.argv[2]), sys.argv[3]
print("arch: " + arch)
for line in open(sheet):
    m = re.match(r"CPU: CR0.WP=([01]), CR4.SMEP=([01]), CR4.SMAP=([01]) ", line)
    if m:
        b = ["false", "true"]
        print("cpu: {wp: %s, smep: %s, smap: %s}" % tuple(b[int(x)] for x in m.groups()))
    m = re.match(r"cr3 = (0x[0-9a-f]+)$", line)
    if m:
        print("cr3: " + m.group(1))
        print("entries:")
    m = re.match(r"  [a-z0-9]+ page at (0x[0-9a-f]+)", line)
    if m:
        base = int(m.group(1), 16)
    m = re.match(r"    \[ *([0-9]+)\] (0x[0-9a-f]+)$", line)
    if m:
        print("  0x%x: %s" % (base + int(m.group(1)) * es, m.group(2)))
PY
}

# answers_check ARCH SEED [SETTINGS...]: every question of the sheet
# against translate.
answers_check() {
	arch=$1 seed=$2 es=8
	shift 2
	[ "$arch" = x86-32 ] && es=4
	"$PAGEWALK" exercise --arch "$arch" --seed "$seed" -n 12 -c "$@" >"$tmp/sheet" 2>&1
	image "$tmp/sheet" "$es" "$arch" >"$tmp/mem.yaml"
	bad=0 n=0
	# question lines of the Answers part: "  N. ADDR  user|kernel read|write|fetch"
	sed -n '/^Answers:/,$p' "$tmp/sheet" | grep -E '^ +[0-9]+\. ' >"$tmp/qs"
	while read -r num addr mode kind; do
		n=$((n + 1))
		user=; [ "$mode" = user ] && user=--user
		"$PAGEWALK" translate --mem "$tmp/mem.yaml" --access "$kind" $user "$addr" \
			>"$tmp/tr" 2>&1 || { bad=1; diag "translate failed: $(cat "$tmp/tr")"; }
		sed -n '/^walk from cr3/,$p' "$tmp/tr" | tail -n +2 >"$tmp/got"
		# the answer block of question num: lines after its header up to the next
		awk -v q="$num" '
			/^ +[0-9]+\. / { on = ($1 == q) && seen; if ($1 == q) seen = 1; next }
			/^Answers:/ { seen = 1; next }
			on { sub(/^      /, ""); print }' "$tmp/sheet" >"$tmp/want"
		if ! cmp -s "$tmp/want" "$tmp/got"; then
			bad=1
			diag "$arch seed $seed question $num $addr $mode $kind:" \
				"$(diff "$tmp/want" "$tmp/got")"
		fi
	done <"$tmp/qs"
	check_eq "$arch seed $seed${1:+ $*}: 12 answers equal translate --mem over the dump" "0 12" "$bad $n"
}

for arch in x86-32 x86-32-pae x86-64 x86-64-la57; do
	run_pw exercise --arch "$arch" --seed 42 -c
	a=$OUT
	check_eq "$arch: exercise exits 0" 0 "$RC"
	run_pw exercise --arch "$arch" --seed 42 -c
	check_eq "$arch: same seed, same sheet" "$a" "$OUT"
	run_pw exercise --arch "$arch" --seed 43 -c
	[ "$a" != "$OUT" ] && ok "$arch: another seed, another sheet" || not_ok "$arch: another seed, another sheet"
	check_contains "$arch: sheet names arch and seed" "$a" "seed 42"
	for seed in 1 42 1000; do
		answers_check "$arch" "$seed"
	done
	answers_check "$arch" 7 --wp off --smep on --smap on
	answers_check "$arch" 8 --smep on
	check_contains "$arch: the sheet says the CPU settings it assumes" "$a" \
		"CPU: CR0.WP=1, CR4.SMEP=0, CR4.SMAP=0 (EFLAGS.AC=0), CR4.PSE=1"
	# other settings: the same tables and addresses, other answers
	run_pw exercise --arch "$arch" --seed 42 -c -n 16
	d0=$OUT
	run_pw exercise --arch "$arch" --seed 42 -c -n 16 --wp off --smep on --smap on
	check_eq "$arch: other settings, the same addresses" \
		"$(printf '%s\n' "$d0" | sed -n '/^Addresses/,/^Answers/p')" \
		"$(printf '%s\n' "$OUT" | sed -n '/^Addresses/,/^Answers/p')"
	check_contains "$arch: the sheet says the settings given" "$OUT" "CPU: CR0.WP=0, CR4.SMEP=1, CR4.SMAP=1"
	[ "$d0" != "$OUT" ] && ok "$arch: other settings, other answers" || not_ok "$arch: other settings, other answers"
	long=$(printf '%s\n' "$OUT" | sed -n '1,/^cr3 =/p' | awk 'length($0) > 80')
	check_eq "$arch: the sheet's head fits 80 columns" "" "$long"
	# over a few seeds every outcome shows up: a page, a large page, a
	# not-present fault and a protection fault (P set in the error code)
	all=$(for s in 1 2 3 4 5; do "$PAGEWALK" exercise --arch "$arch" --seed $s -n 12 -c; done)
	check_contains "$arch: some address maps a 4 KiB page" "$all" "(4 KiB page at"
	case $arch in x86-32) big="4 MiB" ;; *) big="2 MiB" ;; esac
	check_contains "$arch: some address maps a $big page" "$all" "($big page at"
	check_contains "$arch: some walk stops at a not-present entry" "$all" "is not present."
	check_contains "$arch: some access is refused (protection)" "$all" "error code 0x7 (P W U)"
	check_contains "$arch: some entry sets a reserved bit" "$all" "(P RSVD): the "
	if [ "$arch" = x86-64 ] || [ "$arch" = x86-64-la57 ]; then
		check_contains "$arch: some address maps a 1 GiB page" "$all" "(1 GiB page at"
		check_contains "$arch: some address is not canonical" "$all" "-> no walk: 0x"
		check_contains "$arch: ... and raises #GP" "$all" "the CPU raises #GP (general protection)"
	fi
	s=$(for s in 1 2 3 4 5 6 7 8; do "$PAGEWALK" exercise --arch "$arch" --seed $s -n 48 -c --wp off --smep on --smap on; done)
	check_contains "$arch: with SMAP a kernel read or write of a user page faults" "$s" "faults with CR4.SMAP=1 (EFLAGS.AC clear)."
	check_not_contains() { case "$2" in *"$3"*) not_ok "$1" ;; *) ok "$1" ;; esac; }
	check_not_contains "$arch: with WP off no kernel write faults on RW" "$s" "needs RW at every level (CR0.WP=1)"
done

# --mem writes the same memory the sheet dumps (compared as numbers)
for arch in x86-32 x86-64-la57; do
	es=8; [ "$arch" = x86-32 ] && es=4
	rm -f "$tmp/own.yaml"
	"$PAGEWALK" exercise --arch "$arch" --seed 5 --mem "$tmp/own.yaml" >"$tmp/sheet5"
	image "$tmp/sheet5" "$es" "$arch" >"$tmp/fromsheet.yaml"
	same=$(python3 - "$tmp/own.yaml" "$tmp/fromsheet.yaml" <<'PY'
import re, sys
def load(p):
    t = open(p).read()
    kv = {int(a, 16): int(b, 16) for a, b in re.findall(r"^  (0x[0-9a-f]+): (0x[0-9a-f]+)$", t, re.M)}
    return re.search(r"^arch: (\S+)", t, re.M).group(1), re.search(r"^cr3: (0x[0-9a-f]+)", t, re.M).group(1), kv
a, b = load(sys.argv[1]), load(sys.argv[2])
print("same" if a == b and len(a[2]) > 5 else "differ: %r %r" % (a, b))
PY
)
	check_eq "$arch: exercise --mem writes the memory the sheet dumps" same "$same"
	run_pw translate --mem "$tmp/own.yaml" 0x0
	check_eq "$arch: translate loads the image exercise wrote" 0 "$RC"
done
check_run "exercise --mem never overwrites" 1 exercise --mem "$tmp/own.yaml"
check_contains "exercise --mem: message" "$ERR" "exists; not overwriting it"
check_run "exercise --mem without FILE exits 2" 2 exercise --mem

# without -c there are no answers; -n sets the count
run_pw exercise --seed 42 -n 3
check_eq "no -c: no answers" "" "$(printf '%s\n' "$OUT" | grep -e '^Answers:' -e '-> ')"
check_eq "-n 3: three addresses" 3 "$(printf '%s\n' "$OUT" | grep -cE '^ +[0-9]+\. 0x')"

# a pinned sheet: the PRNG is ours, so this never changes with the libc
run_pw exercise --arch x86-32 --seed 42 -n 1 -c
check_eq "pinned x86-32 seed 42 answer" "\
Answers:
   1. 0xd4341cba  kernel read
      pgd  index 848   entry 0x00f95d40 = 0x00e11023 (P RW A)
      pte  index 833   entry 0x00e11d04 = 0x00140121 (P A G)
      -> physical address 0x00140cba (4 KiB page at 0x00140000)" \
	"$(printf '%s\n' "$OUT" | sed -n '/^Answers:/,$p')"
check_contains "pinned x86-32 seed 42 cr3" "$OUT" "cr3 = 0x00f95000"

# usage errors: exit 2
check_run "-n 0 exits 2" 2 exercise -n 0
check_contains "-n 0 message" "$ERR" "pagewalk: exercise: -n wants 1 to 64"
check_run "-n 65 exits 2" 2 exercise -n 65
check_run "--seed x exits 2" 2 exercise --seed x
check_run "--seed without a value exits 2" 2 exercise --seed
check_run "unknown arch exits 2" 2 exercise --arch sparc
check_run "unknown argument exits 2" 2 exercise --frob
check_run "--wp without on or off exits 2" 2 exercise --wp maybe
check_contains "--wp message" "$ERR" "pagewalk: exercise: --wp wants on or off"
check_run "--smap without a value exits 2" 2 exercise --smap
check_run "exercise --help exits 0" 0 exercise --help
check_contains "exercise --help" "$OUT" "usage: pagewalk exercise [--arch A] [--seed N] [-n COUNT] [-c] [--mem FILE]"
check_contains "exercise --help names the CPU settings" "$OUT" "[--wp on|off] [--smep on|off] [--smap on|off]"

# translate --mem: a non-canonical address is no walk (a #GP), exit 0;
# without --mem it is still refused
printf 'arch: x86-64\ncr3: 0x1000\ncpu: {smap: true}\n' >"$tmp/nc.yaml"
run_pw translate --mem "$tmp/nc.yaml" 0x0000900000000000
check_eq "translate --mem: a non-canonical address: exit 0" 0 "$RC"
check_contains "translate --mem: says #GP" "$OUT" "-> no page fault either: the CPU raises #GP"
check_contains "translate --mem: the image's CPU settings shown" "$OUT" "(CR0.WP=1 CR4.SMEP=0 CR4.SMAP=1):"
check_run "translate: a non-canonical address without --mem: exit 1" 1 translate --arch x86-64 0x0000900000000000
printf 'arch: x86-64\ncr3: 0x1000\ncpu: {smop: true}\n' >"$tmp/nc2.yaml"
check_run "an image with an unknown cpu key: exit 1" 1 translate --mem "$tmp/nc2.yaml" 0x1000
check_contains "... at its line" "$ERR" "$tmp/nc2.yaml:3:7: unknown key"

# translate --mem: bad images are rejected with FILE:LINE:COL, exit 1
printf 'arch: x86-32\ncr3: 0x1000\nentries:\n  0x1002: 0x3\n' >"$tmp/bad1.yaml"
check_run "misaligned entry address exits 1" 1 translate --mem "$tmp/bad1.yaml" 0x1000
check_eq "misaligned entry message" \
	"$tmp/bad1.yaml:4:3: entry address 0x1002 is not a multiple of the entry size 4" "$ERR"
printf 'arch: x86-32\ncr3: 0x1000\nentries:\n  0x1000: 0x3\n  4096: 0x5\n' >"$tmp/bad2.yaml"
check_run "an address given twice exits 1" 1 translate --mem "$tmp/bad2.yaml" 0x1000
check_eq "twice message" "$tmp/bad2.yaml:5:3: entry address 0x1000 is given twice" "$ERR"
printf 'arch: x86-32\ncr3: 0x1000\nentries:\n  0x1000: 0x100000000\n' >"$tmp/bad3.yaml"
check_run "a value too wide for the entry exits 1" 1 translate --mem "$tmp/bad3.yaml" 0x1000
check_contains "too wide message" "$ERR" "$tmp/bad3.yaml:4:11:"
printf 'arch: sparc\ncr3: 0x1000\n' >"$tmp/bad4.yaml"
check_run "unknown arch in an image exits 1" 1 translate --mem "$tmp/bad4.yaml" 0x1000
check_contains "unknown arch message" "$ERR" "$tmp/bad4.yaml:1:7: unknown arch"
printf 'arch: x86-32\ncr3: 0x1000\nentires: {}\n' >"$tmp/bad5.yaml"
check_run "unknown key exits 1" 1 translate --mem "$tmp/bad5.yaml" 0x1000
check_contains "unknown key message" "$ERR" "$tmp/bad5.yaml:3:1:"
check_run "missing image exits 1" 1 translate --mem "$tmp/none.yaml" 0x1000
check_contains "missing image names it" "$ERR" "$tmp/none.yaml"
printf 'arch: x86-32-pae\ncr3: 0x1000\n' >"$tmp/pae.yaml"
check_run "--arch disagreeing with the image exits 2" 2 translate --arch x86-32 --mem "$tmp/pae.yaml" 0x1000
check_run "--access bad exits 2" 2 translate --mem "$tmp/pae.yaml" --access poke 0x1000

# ---- the answers against the Intel SDM, independently of the engine -------
# tests/cli/sdm_walk.py walks each sheet as a student would, from the rules
# of the SDM (vol. 3A ch. 4) and what the sheet states (CPU settings,
# MAXPHYADDR: a 2-level sheet whose reserved-bit answer assumed a 32-bit
# physical width without saying so could not be checked), sharing no code
# with pagewalk. Two seeds, every arch, all eight CPU settings.
mkdir "$tmp/sdm"
for arch in x86-32 x86-32-pae x86-64 x86-64-la57; do
	for seed in 11 12; do
		for s in "on off off" "off off off" "on on off" "on off on" "off on on" "on on on" \
			 "off on off" "off off on"; do
			set -- $s
			"$PAGEWALK" exercise --arch "$arch" --seed "$seed" -c -n 64 --wp "$1" --smep "$2" \
				--smap "$3" >"$tmp/sdm/$arch-$seed-$1-$2-$3.txt"
		done
	done
done
res=$(/usr/bin/python3 "$PAGEWALK_ROOT/tests/cli/sdm_walk.py" "$tmp"/sdm/*.txt)
check_eq "every answer of 64 sheets is the SDM's" "4096 answers, 0 wrong" "$(printf '%s\n' "$res" | tail -1)"
# the checker catches a wrong answer: one error code changed, one physical address
f=$tmp/sdm/x86-64-11-on-off-off.txt
sed '0,/error code 0x\([0-9a-f]*\)/s//error code 0x1\1/' "$f" >"$tmp/wrong1.txt"
sed '0,/-> physical address 0x\([0-9a-f]*\)/s//-> physical address 0x1\1/' "$f" >"$tmp/wrong2.txt"
res=$(/usr/bin/python3 "$PAGEWALK_ROOT/tests/cli/sdm_walk.py" "$tmp/wrong1.txt" "$tmp/wrong2.txt")
check_eq "the SDM walker catches a wrong error code and a wrong address" "128 answers, 2 wrong" \
	"$(printf '%s\n' "$res" | tail -1)"
check_contains "the sheet says what the reserved bits depend on (2-level)" \
	"$(cat "$tmp/sdm/x86-32-11-on-off-off.txt")" "Physical addresses are 32 bits (MAXPHYADDR=32, no PSE-36)"
check_contains "... and on 64-bit entries" "$(cat "$tmp/sdm/x86-64-11-on-off-off.txt")" \
	"MAXPHYADDR=52: an entry's address is bits 51..12."
