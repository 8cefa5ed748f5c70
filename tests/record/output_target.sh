#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/record/output_target.sh - `record -o` writes only to a regular file or a
# new path (issue 16 item 3): a character device is never replaced, even
# with --force; a symbolic link is refused (dangling or not, with or without
# --force); a missing directory is found before the emulator runs; the
# "exists" path is shown escaped. A spy emulator on PATH tells whether
# anything was started.
. "$(dirname "$0")/../lib.sh"
PAGEWALK_GUEST=$PAGEWALK_ROOT/$BUILD/guest/guest.elf
export PAGEWALK_GUEST
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pw-target-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
esc=$(printf '\033')
qemu=$(command -v qemu-system-i386)

# The spy: notes that it ran, then runs the real QEMU.
mkdir -p "$tmp/spy"
cat >"$tmp/spy/qemu-system-i386" <<SPY
#!/bin/sh
echo "\$*" >>"$tmp/ran"
exec "$qemu" "\$@"
SPY
chmod +x "$tmp/spy/qemu-system-i386"
spy() { PATH="$tmp/spy:$PATH" run_pw record --emulator qemu --mode 2level --scenario demand "$@"; }
ran() { if [ -e "$tmp/ran" ]; then echo yes; rm -f "$tmp/ran"; else echo no; fi; }

# no_raw NAME TEXT: TEXT holds no ESC byte.
no_raw() {
	case "$2" in *"$esc"*) not_ok "$1"; diag "raw ESC in: $2" ;; *) ok "$1" ;; esac
}

# ---- character devices: never replaced, even with --force ----
for dev in "null 1 3" "full 1 7"; do
	set -- $dev
	mknod "$tmp/$1" c "$2" "$3"
	spy -o "$tmp/$1" --force
	check_eq "-o a copy of /dev/$1 with --force: exit 1" 1 "$RC"
	check_contains "-o a copy of /dev/$1: says it is not a regular file" "$ERR" "is not a regular file"
	check "-o a copy of /dev/$1: still a character device" test -c "$tmp/$1"
	check_eq "-o a copy of /dev/$1: the emulator never started" no "$(ran)"
done
mkfifo "$tmp/fifo"
spy -o "$tmp/fifo" --force
check_eq "-o a FIFO with --force: exit 1" 1 "$RC"
check "-o a FIFO: still a FIFO" test -p "$tmp/fifo"
mkdir "$tmp/adir"
spy -o "$tmp/adir" --force
check_eq "-o a directory with --force: exit 1" 1 "$RC"
check_eq "-o a directory: the emulator never started" no "$(ran)"

# ---- symbolic links: refused, dangling or not ----
ln -s "$tmp/nowhere.yaml" "$tmp/dangle.yaml"
spy -o "$tmp/dangle.yaml"
check_eq "-o a dangling symlink: exit 1" 1 "$RC"
check_contains "-o a dangling symlink: says it is a link" "$ERR" "is a symbolic link"
check "-o a dangling symlink: still a link" test -L "$tmp/dangle.yaml"
check "-o a dangling symlink: its target not created" test ! -e "$tmp/nowhere.yaml"
check_eq "-o a dangling symlink: the emulator never started" no "$(ran)"
spy -o "$tmp/dangle.yaml" --force
check_eq "-o a dangling symlink with --force: exit 1 (links are refused)" 1 "$RC"
check "-o a dangling symlink with --force: its target not created" test ! -e "$tmp/nowhere.yaml"
echo "keep me" >"$tmp/real.yaml"
ln -s "$tmp/real.yaml" "$tmp/link.yaml"
spy -o "$tmp/link.yaml" --force
check_eq "-o a link to a file with --force: exit 1" 1 "$RC"
check_eq "-o a link to a file: the file untouched" "keep me" "$(cat "$tmp/real.yaml")"

# ---- a missing directory is found before the emulator runs ----
spy -o "$tmp/no/such/dir/t.yaml"
check_eq "-o in a missing directory: exit 1" 1 "$RC"
check_eq "-o in a missing directory: message" \
	"pagewalk: cannot write $tmp/no/such/dir/t.yaml: no directory $tmp/no/such/dir" "$ERR"
check_eq "-o in a missing directory: the emulator never started" no "$(ran)"

# ---- the "exists" path is escaped ----
bad=$(printf '%s/ex\033]52;c;SGk=\007.yaml' "$tmp")
echo "keep me" >"$bad"
spy -o "$bad"
check_eq "existing target with control bytes: exit 1" 1 "$RC"
no_raw "existing target with control bytes: shown escaped" "$ERR"
check_contains "existing target with control bytes: names it escaped" "$ERR" 'ex\x1b]52;c;SGk=\x07.yaml exists'
check_eq "existing target with control bytes: the emulator never started" no "$(ran)"

# ---- "wrote NAME" and "kept the run in DIR" show both names escaped ----
mkdir -p "$tmp/tmp$esc]52;c;SGk=$(printf '\007')"
TMPDIR="$tmp/tmp$esc]52;c;SGk=$(printf '\007')" spy -o "$tmp/w$esc]52;c;SGk=$(printf '\007').yaml" --keep
check_eq "a new target and TMPDIR with control bytes: exit 0" 0 "$RC"
no_raw "wrote and kept: no raw ESC on stderr" "$ERR"
check_contains "wrote NAME: the name escaped" "$ERR" 'pagewalk: wrote '"$tmp"'/w\x1b]52;c;SGk=\x07.yaml: '
check_contains "kept the run in DIR: the directory escaped" "$ERR" \
	'pagewalk: kept the run in '"$tmp"'/tmp\x1b]52;c;SGk=\x07/pagewalk-rec.'
rm -rf "$tmp/tmp$esc"*

# ---- a regular file or a new path still works ----
spy -o "$tmp/new.yaml"
check_eq "-o a new path: exit 0" 0 "$RC"
spy -o "$tmp/real.yaml" --force
check_eq "-o an existing regular file with --force: exit 0" 0 "$RC"
check "-o an existing regular file with --force: a trace now" grep -q '^pagewalk-trace: 2' "$tmp/real.yaml"
check_eq "no temporary file left beside the targets" "" "$(ls "$tmp" | grep '\.tmp' || true)"
exit 0
