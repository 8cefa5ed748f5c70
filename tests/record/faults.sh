#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/record/faults.sh - the recorder under faults tests/record/record.sh
# does not cover: the emulator killed mid-run (kill -9), the disk full while
# the trace is written (a 64 KiB tmpfs, else a file-size limit), and in each
# case: exit 1, a clear message, no partial trace or temporary file, an
# existing trace at the target untouched (even with --force), no orphan
# emulator process.
. "$(dirname "$0")/../lib.sh"

PAGEWALK_GUEST=$PAGEWALK_ROOT/$BUILD/guest/guest.elf
[ -f "$PAGEWALK_GUEST" ] || PAGEWALK_GUEST=$PAGEWALK_ROOT/build/guest/guest.elf
export PAGEWALK_GUEST
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pw-faults-test.XXXXXX")
full=$tmp/full
cleanup() {
	mountpoint -q "$full" 2>/dev/null && umount "$full"
	rm -rf "$tmp"
}
trap cleanup EXIT
if [ ! -f "$PAGEWALK_GUEST" ]; then
	not_ok "guest kernel built ($PAGEWALK_GUEST missing: make guest)"
	exit 0
fi

# emu_found DIR PID: an emulator (not PID, the recorder) runs in DIR; its pid in emupid.
emu_found() {
	emupid=$(procs_in "$1" | while read -r p; do
		[ "$p" != "$2" ] && case "$(cat /proc/$p/comm 2>/dev/null)" in
			qemu*|bochs*) echo "$p" ;; esac; done | head -n 1)
	[ -n "$emupid" ]
}

# ---- the emulator killed mid-run --------------------------------------------
for emu in qemu bochs; do
	command -v "qemu-system-i386" >/dev/null || [ $emu = bochs ] || continue
	printf 'keep me\n' >"$tmp/killed-$emu.yaml"
	mkdir -p "$tmp/work-$emu"
	TMPDIR=$tmp/work-$emu "$PAGEWALK" record --emulator $emu --mode 2level --scenario demand \
		--guest-args hang=1 --timeout 60 --force -o "$tmp/killed-$emu.yaml" \
		>"$tmp/out" 2>"$tmp/err" &
	pw=$!
	# The emulator runs in the work directory; kill it once the guest is up.
	if ! poll 30 emu_found "$tmp/work-$emu" "$pw" || ! poll 30 rec_guest_up "$tmp/work-$emu"; then
		not_ok "killed $emu: found the emulator process, its guest up"
		kill "$pw" 2>/dev/null; wait "$pw"
		continue
	fi
	kill -9 "$emupid"
	wait "$pw"; rc=$?
	err=$(cat "$tmp/err")
	check_eq "killed $emu: exit 1" 1 "$rc"
	check_contains "killed $emu: says the emulator was killed" "$err" "signal 9"
	case "$err" in pagewalk:*) ok "killed $emu: message starts with pagewalk:" ;;
	*) not_ok "killed $emu: message starts with pagewalk:"; diag "$err" ;; esac
	check_eq "killed $emu: existing trace untouched (--force)" "keep me" "$(cat "$tmp/killed-$emu.yaml")"
	check_eq "killed $emu: no temporary file beside the target" "" \
		"$(ls "$tmp" | grep "killed-$emu.yaml." || true)"
	check_eq "killed $emu: no emulator process left" "" "$(procs_in "$tmp/work-$emu")"
	check_eq "killed $emu: work directory removed" "" "$(ls -A "$tmp/work-$emu")"
done

# ---- the disk full while writing ----------------------------------------------
# A 64 KiB tmpfs (needs root), filled up to a few KiB; else a 4 KiB file-size limit.
mkdir -p "$full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$full" 2>/dev/null; then
	how="64 KiB tmpfs"
	want_ls="filler t.yaml"
	printf 'keep me\n' >"$full/t.yaml"
	dd if=/dev/zero of="$full/filler" bs=1k count=52 2>/dev/null
	TMPDIR=$tmp "$PAGEWALK" record --emulator qemu --mode pae --scenario all --force \
		-o "$full/t.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
else
	how="ulimit -f 8"
	want_ls="t.yaml"
	printf 'keep me\n' >"$full/t.yaml"
	( ulimit -f 8; trap '' XFSZ; TMPDIR=$tmp exec "$PAGEWALK" record --emulator qemu --mode pae \
		--scenario all --force -o "$full/t.yaml" ) >"$tmp/out" 2>"$tmp/err"
	rc=$?
fi
err=$(cat "$tmp/err")
diag "disk full via $how: $err"
check_eq "disk full: exit 1" 1 "$rc"
check_contains "disk full: says the write failed" "$err" "$full/t.yaml"
case "$err" in *"No space left"*|*"too large"*|*"File too large"*) ok "disk full: names the cause" ;;
*) not_ok "disk full: names the cause"; diag "$err" ;; esac
check_eq "disk full: existing trace untouched (--force)" "keep me" "$(cat "$full/t.yaml")"
check_eq "disk full: no partial or temporary file left" "$want_ls" "$(ls "$full" | tr '\n' ' ' | sed 's/ $//')"
check_eq "disk full: no emulator process left" "" "$(pgrep -f "$full/t.yaml" || true)"
exit 0
