#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/arm64_walk.sh - pagewalk's arm64 walks against an independent
# walker (tests/cli/arm64_walker.py, written from the Arm ARM's rules):
# random descriptor trees (tables with APTable/UXNTable/PXNTable, blocks
# where the granule allows them and where it does not, pages with every
# AP, AF, UXN and PXN, tagged and out-of-range addresses) walked by
# `translate --mem`, and the answers of `exercise -c` for every profile.
. "$(dirname "$0")/../lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
WALKER="/usr/bin/python3 $PAGEWALK_ROOT/tests/cli/arm64_walker.py"
ARCHS="arm64-4k-39 arm64-4k-48 arm64-16k-36 arm64-16k-47 arm64-16k-48 arm64-64k-42 arm64-64k-48 arm64-64k-52"

# pw_result IMAGE ADDR ACCESS EL: translate --mem's answer in the walker's
# words: "ok PHYS", "abort ESR FAR", or "range ESR FAR" (the walk from
# neither TTBR0_EL1 nor TTBR1_EL1: a level 0 translation fault).
pw_result() {
	user=; [ "$4" = EL0 ] && user=--user
	if "$PAGEWALK" translate --mem "$1" --access "$3" $user "0x$2" >"$tmp/tr" 2>"$tmp/err"; then
		awk '/^walk from neither/ { kind = "range" }
		     /^-> physical address/ { print "ok", $4 }
		     /^   ESR_EL1/ { esr = $2; sub(/:$/, "", esr) }
		     /^   FAR_EL1/ { far = $2; sub(/;$/, "", far)
				     print (kind ? kind : "abort"), esr, far }' "$tmp/tr"
	else
		echo "failed: $(cat "$tmp/err")"
	fi
}

for arch in $ARCHS; do
	for seed in 1 2; do
		$WALKER random "$arch" "$seed" "$tmp/img.yaml" "$tmp/q" || not_ok "walker random $arch"
		$WALKER walk "$tmp/img.yaml" <"$tmp/q" >"$tmp/want"
		n=0 bad=0 kinds=
		while read -r addr access el; do
			n=$((n + 1))
			want=$(sed -n "${n}p" "$tmp/want")
			got=$(pw_result "$tmp/img.yaml" "$addr" "$access" "$el")
			kinds="$kinds ${want%% *}"
			if [ "$got" != "$want" ]; then
				bad=$((bad + 1))
				diag "$arch seed $seed: 0x$addr $access $el: walker '$want', pagewalk '$got'"
			fi
		done <"$tmp/q"
		check_eq "$arch seed $seed: 40 random walks equal the walker's" "40 0" "$n $bad"
		for k in ok abort range; do
			case "$kinds" in *" $k"*) ;; *) diag "$arch seed $seed: no '$k' walk" ;; esac
		done
	done
done

# The exercise sheets: each answer against the walker over the sheet's own
# memory image (--mem).
for arch in $ARCHS; do
	for seed in 0 7; do
		rm -f "$tmp/ex.yaml"
		"$PAGEWALK" exercise --arch "$arch" --seed "$seed" -n 24 -c --mem "$tmp/ex.yaml" >"$tmp/sheet"
		# questions: "  N. ADDR  EL0 read"
		sed -n '/^Addresses/,/^Answers:/p' "$tmp/sheet" |
			awk '/^ +[0-9]+\. / { sub(/^0x/, "", $2); print $2, $4, $3 }' >"$tmp/q"
		$WALKER walk "$tmp/ex.yaml" <"$tmp/q" |
			awk '{ print ($1 == "range" ? "abort" : $1), $2, $3 }' | sed 's/ *$//' >"$tmp/want"
		sed -n '/^Answers:/,$p' "$tmp/sheet" |
			awk '/-> physical address/ { print "ok", $4 }
			     /^ +ESR_EL1/ { esr = $2; sub(/:$/, "", esr) }
			     /^ +FAR_EL1/ { far = $2; sub(/;$/, "", far); print "abort", esr, far }' >"$tmp/got"
		if cmp -s "$tmp/want" "$tmp/got"; then
			ok "$arch seed $seed: 24 exercise answers equal the walker's"
		else
			not_ok "$arch seed $seed: 24 exercise answers equal the walker's"
			diag "$(diff "$tmp/want" "$tmp/got")"
		fi
		# every kind of answer shows up across a sheet
		for k in "-> physical" "translation fault" "access flag fault" "permission fault" \
			 "level 0 translation fault"; do
			grep -q -- "$k" "$tmp/sheet" || diag "$arch seed $seed: no '$k' answer"
		done
	done
done
