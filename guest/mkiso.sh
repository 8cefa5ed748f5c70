#!/bin/sh
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
entries=$(for a in "$@"; do
	printf 'menuentry "pagewalk guest %s" {\n\tmultiboot /boot/guest.elf %s\n\tboot\n}\n' "$a" "$a"
done)
awk -v e="$entries" '{ if ($0 == "@ENTRIES@") print e; else print }' \
	"$here/grub.cfg.in" > "$tree/boot/grub/grub.cfg"
grub-mkrescue --install-modules="multiboot normal" --fonts= --locales= \
	--themes= --compress=no -o "$iso" "$tree" >/dev/null 2>&1 || {
	echo "mkiso: grub-mkrescue failed" >&2
	exit 1
}
