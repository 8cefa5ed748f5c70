#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/bench/record_flood.sh PAGEWALK DIR - record under a fake QEMU that
# writes 200 MB of fault records (16,666,667 lines) and waits until the
# recorder's live progress line has counted them all, then fails. Prints
# "last: <the last progress line>" and "cpu: <seconds>" (the recorder, the
# fake emulator and its yes|head). Used by tests/record/record_hostile.sh
# (every record counted, live) and by make bench (the CPU figure, with its
# target: counting must not re-read the file).
pw=$1 dir=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
qemu=$(command -v qemu-system-i386) || { echo "qemu-system-i386 is not on PATH" >&2; exit 1; }
mkdir -p "$dir/flood"
{
	echo '#!/bin/sh'
	echo "real=$qemu"
	echo "dir=$dir"
	echo "root=$root"
	cat <<'FAKE'
case $1 in --version) exec "$real" --version ;; esac
for a in "$@"; do case $a in file:*) out=${a#file:} ;; esac; done
yes "fault n=1 x" | head -c 200000004 >"$out"
# (running until the recorder has counted them all: it reads as it goes)
. "$root/tests/lib.sh"
counted() { tr "\r" "\n" <"$dir/flood.progress" | grep -q "16666667 faults seen"; }
poll 120 counted || exit 1   # (the recorder was slow to count them: the bench says so)
exit 1
FAKE
} >"$dir/flood/qemu-system-i386"
chmod +x "$dir/flood/qemu-system-i386"
PATH="$dir/flood:$PATH" /usr/bin/python3 - "$pw" "$dir/flood.yaml" "$dir/flood.progress" <<'PY'
import os, pty, resource, subprocess, sys
# record under a pty (the progress line is drawn on a terminal only); what
# it draws goes to a file as it comes (the fake emulator reads it)
m, s = pty.openpty()
p = subprocess.Popen([sys.argv[1], "record", "--emulator", "qemu", "--mode", "pae",
                      "--scenario", "demand", "-o", sys.argv[2]], stdin=s, stdout=s, stderr=s)
os.close(s)
out = b""
with open(sys.argv[3], "wb", buffering=0) as progress:
    while True:
        try:
            b = os.read(m, 65536)
        except OSError:
            break
        if not b:
            break
        out += b
        progress.write(b)
p.wait()
r = resource.getrusage(resource.RUSAGE_CHILDREN)
lines = out.replace(b"\r", b"\n").decode("utf-8", "replace").splitlines()
seen = [l for l in lines if "faults seen" in l]
print("last:", seen[-1].strip() if seen else "none")
print("cpu: %.2f" % (r.ru_utime + r.ru_stime))
PY
