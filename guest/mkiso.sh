#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Build a GRUB (BIOS) ISO that boots the guest with multiboot.
# usage: guest/mkiso.sh ELF ISO "ARGS" ["ARGS" ...]
# One menu entry per ARGS (the kernel command line, e.g.
# "mode=pae scenario=vmalloc"); the first is booted without waiting.
set -e
here=$(dirname "$0")
elf=$1 iso=$2
shift 2 || { echo "usage: $0 ELF ISO ARGS..." >&2; exit 2; }
[ $# -ge 1 ] || { echo "usage: $0 ELF ISO ARGS..." >&2; exit 2; }
tree=$(mktemp -d "${TMPDIR:-/tmp}/pw-iso.XXXXXX")
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/boot/grub"
cp "$elf" "$tree/boot/guest.elf"
. "$here/args.sh"
# grub.cfg.in: "@ENTRY@ " lines are one entry's template, repeated per ARGS.
for a in "$@"; do
	printf '%s\n' "$a"
done | awk -v cfg="$here/grub.cfg.in" '
	{ args[n++] = $0 }
	END {
		while ((getline l < cfg) > 0) {
			if (substr(l, 1, 8) == "@ENTRY@ ") { ent[m++] = substr(l, 9); continue }
			print l
		}
		for (i = 0; i < n; i++)
			for (j = 0; j < m; j++) {
				l = ent[j]; out = ""
				while ((k = index(l, "@ARGS@")) > 0) {
					out = out substr(l, 1, k - 1) args[i]; l = substr(l, k + 6)
				}
				print out l
			}
	}' > "$tree/boot/grub/grub.cfg"
argv=$(args_expand "$here/mkrescue.args" ISO="$iso" TREE="$tree") || exit 2
set -f
IFS='
'
# shellcheck disable=SC2086 # one argument per line (guest/mkrescue.args)
set -- $argv
unset IFS
set +f
"$@" >/dev/null 2>&1 || {
	echo "mkiso: grub-mkrescue failed" >&2
	exit 1
}
