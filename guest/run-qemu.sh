#!/bin/sh
# Run the guest once under QEMU, headless, and wait for it to end.
# usage: guest/run-qemu.sh ELF OUTDIR "KERNEL ARGS" [TIMEOUT_SECONDS]
# Writes OUTDIR/e9.txt (the records, port 0xE9) and OUTDIR/qemu.log
# (QEMU's own exception log, -d int). Exit status: QEMU's, that is 33
# when the guest reported pass, 35 on fail, 124 if the timeout ended it.
elf=$1 out=$2 args=$3 limit=${4:-30}
if [ -z "$elf" ] || [ -z "$out" ]; then
	echo "usage: $0 ELF OUTDIR \"ARGS\" [TIMEOUT]" >&2
	exit 2
fi
mkdir -p "$out"
rm -f "$out/e9.txt" "$out/qemu.log"
timeout -k 2 "$limit" qemu-system-i386 -accel tcg -m 128 \
	-kernel "$elf" -append "$args" \
	-display none -no-reboot -monitor none -serial none -parallel none \
	-debugcon "file:$out/e9.txt" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-d int -D "$out/qemu.log"
