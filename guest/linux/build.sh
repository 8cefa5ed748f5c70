#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# guest/linux/build.sh - build pagewalk's Linux 6.1 kernels into a cache
# outside the clone (`make linux`; docs/linux.md).
#
#   guest/linux/build.sh [VARIANT...]     VARIANT: a variant row of linux.tab
#                                         (default: every one)
#
# The variants are the "variant" rows of guest/linux/linux.tab (the table
# pagewalk compiles in): each names Linux's ARCH and its config fragments.
# The init is not built here: pagewalk builds it at its first recording
# (guest/linux/init.args) into build-VARIANT/pagewalk/.
#
# Source: Debian's linux-source-6.1 (/usr/src/linux-source-6.1.tar.xz),
# extracted once. Layout, $PAGEWALK_CACHE or $XDG_CACHE_HOME/pagewalk or
# ~/.cache/pagewalk:
#
#   linux-<debian version>/src                     the extracted tree (+ our driver)
#   linux-<debian version>/src/.pagewalk-files     its listing (srclist.sh)
#   linux-<debian version>/build-<variant>/        O= build tree: vmlinux, bzImage
#   linux-<debian version>/build-<variant>/pagewalk.key   what it was built from
#   linux-<debian version>/build-<variant>/pagewalk/      inits, initramfs (pagewalk's)
#
# A variant is reused when its key (variant, Debian version, sha256 of
# common.config + its fragments + pagewalk_vmalloc.c + its Makefile line)
# matches and its vmlinux and bzImage exist; otherwise it is
# reconfigured and rebuilt in place (kbuild rebuilds only what the change
# touches). Exit 0 when every asked variant is ready, 1 with one clear line
# on stderr otherwise.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tarball=/usr/src/linux-source-6.1.tar.xz
pkg=linux-source-6.1
jobs=${JOBS:-2}

die() { echo "pagewalk linux: $*" >&2; exit 1; }
note() { echo "  LINUX   $*"; }

ver=$(dpkg-query -W -f='${Version}' $pkg 2>/dev/null) || ver=
[ -n "$ver" ] && [ -r "$tarball" ] || die "$pkg is not installed ($tarball missing); run: sudo apt-get install -y $pkg"
cache=${PAGEWALK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pagewalk}
# Kbuild runs its helpers (usr/gen_initramfs.sh's mktemp) from the build
# directory: a relative TMPDIR would name a directory that is not there
case ${TMPDIR:-/} in
/*) ;;
*) if [ -d "$TMPDIR" ]; then TMPDIR=$(cd "$TMPDIR" && pwd); export TMPDIR; else unset TMPDIR; fi ;;
esac
top=$cache/linux-$ver
src=$top/src
mkdir -p "$top" || die "cannot create the cache directory $top"

# row VARIANT KEY: the value of KEY in the variant's row of linux.tab
row() {
	awk -v v="$1" -v k="$2" '$1 == "variant" && $2 == v {
		sub(/ : .*/, "")
		for (i = 3; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2)
	}' "$here/linux.tab"
}
known=$(awk '$1 == "variant" { printf "%s%s", s, $2; s = " " }' "$here/linux.tab")
variants=${*:-$known}
for v in $variants; do
	case " $known " in *" $v "*) ;; *) die "unknown variant '$v' ($(echo "$known" | sed 's/ /, /g'))";; esac
done
# frags VARIANT: its config fragments (files in guest/linux/), in order
frags() { row "$1" configs | tr ',' ' '; }

# Only one build per cache at a time (make check and a user's make linux).
exec 9>"$top/lock"
if ! flock -n 9; then
	note "waiting for another build in $top"
	flock 9
fi

# A row's optional keys (arm64): base= the fragment applied first (default
# common.config), driver= our driver's file (default pagewalk_vmalloc.c),
# cross= Linux's CROSS_COMPILE prefix (default none: the host's gcc).
base_of() { b=$(row "$1" base); echo "${b:-common.config}"; }
driver_of() { d=$(row "$1" driver); echo "${d:-pagewalk_vmalloc.c}"; }
srcarch_of() { case $(row "$1" arch) in i386|x86_64) echo x86;; *) row "$1" arch;; esac; }
# The driver is built into every variant (its layout line); the key holds
# its Makefile line too, so a change of it rebuilds.
mkline_of() { echo "obj-y += $(driver_of "$1" | sed 's/\.c$/.o/')"; }
key_of() {
	{ echo "variant=$1 debian=$ver $(mkline_of "$1")"; cat "$here/$(base_of "$1")"
	  for f in $(frags "$1"); do cat "$here/$f"; done
	  cat "$here/$(driver_of "$1")"; } | sha256sum | cut -c1-16
}

ready() {   # variant -> 0 when its build is current
	b=$top/build-$1
	[ -f "$b/vmlinux" ] && [ -f "$b/$(row "$1" image)" ] &&
	[ "$(cat "$b/pagewalk.key" 2>/dev/null)" = "$(key_of "$1")" ]
}

# ---- disk space, before anything big ----
need=0
[ -d "$src" ] || need=$((need + 1700))
for v in $variants; do
	[ -d "$top/build-$v" ] || need=$((need + 350))
done
if [ $need -gt 0 ]; then
	avail=$(df -Pk "$top" | awk 'NR == 2 { print int($4 / 1024) }')
	[ "$avail" -ge "$need" ] ||
		die "not enough free disk space in $top: need about $need MB, $avail MB free (set PAGEWALK_CACHE to put the cache elsewhere)"
fi

# ---- source tree, extracted once ----
# Listed (srclist.sh) before our driver goes in: pagewalk's source reader
# then reads Linux's lines from here, never a file this script changed.
if [ ! -f "$src/Makefile" ]; then
	note "extracting $tarball (about 1.5 GB, ~30 s)"
	tmp=$(mktemp -d "$top/src.tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	tar -xJf "$tarball" -C "$tmp" || die "cannot extract $tarball"
	sh "$here/srclist.sh" "$tmp/linux-source-6.1" "$tarball" "$ver" ||
		die "cannot list the extracted tree"
	rm -rf "$src"
	mv "$tmp/linux-source-6.1" "$src"
	rmdir "$tmp"
	trap - EXIT
fi

# ---- our driver, in-tree (idempotent: copy if different, one Makefile line,
# replaced when an older build.sh wrote another) ----
for v in $variants; do
	d=$(driver_of "$v") mkline=$(mkline_of "$v")
	drv=$src/arch/$(srcarch_of "$v")/mm/$d
	cmp -s "$here/$d" "$drv" || cp "$here/$d" "$drv"
	mk=$src/arch/$(srcarch_of "$v")/mm/Makefile
	if ! grep -qxF "$mkline" "$mk"; then
		sed -i "/${d%.c}\\.o/d" "$mk"
		printf '%s\n' "$mkline" >> "$mk"
	fi
done

# Apply a fragment with scripts/config, or (check=1) verify it held. A
# later fragment may override an earlier one's line (thppti.config turns on
# what common.config turns off): the check takes LATER, the fragments after
# this one, and skips an option one of them names again.
apply_fragment() {   # file build-dir check [later...]
	f=$1 b=$2 c=$3; shift 3
	sed -n -e 's/^CONFIG_\([A-Za-z0-9_]*\)=y$/e \1/p' \
	       -e 's/^# CONFIG_\([A-Za-z0-9_]*\) is not set$/d \1/p' "$f" |
	while read -r op name; do
		if [ "$c" = 0 ]; then
			"$src/scripts/config" --file "$b/.config" -"$op" "$name"
		elif [ $# -gt 0 ] && grep -q "CONFIG_$name[= ]" "$@"; then
			:   # a later fragment says the last word
		elif [ "$op" = e ]; then
			grep -qx "CONFIG_$name=y" "$b/.config" ||
				die "$(basename "$f"): CONFIG_$name=y did not survive olddefconfig"
		else
			! grep -qx "CONFIG_$name=y" "$b/.config" ||
				die "$(basename "$f"): CONFIG_$name is still set after olddefconfig"
		fi
	done
}

# Run a long make in the background, printing progress every 20 s.
make_progress() {   # variant log make-args...
	v=$1 log=$2; shift 2
	start=$(date +%s)
	nice -n 19 make "$@" > "$log" 2>&1 &
	pid=$!
	trap 'kill $pid 2>/dev/null' INT TERM HUP
	last=$start
	while kill -0 $pid 2>/dev/null; do
		sleep 1
		now=$(date +%s)
		if [ $((now - last)) -ge 20 ] && kill -0 $pid 2>/dev/null; then
			note "$v: $(grep -c '^  [A-Z]' "$log") steps, $((now - start)) s"
			last=$now
		fi
	done
	st=0; wait $pid || st=$?
	trap - INT TERM HUP
	[ $st = 0 ] || { tail -20 "$log" >&2; die "$v: kernel build failed (log: $log)"; }
	note "$v: built in $(( $(date +%s) - start )) s"
}

build_kernel() {   # variant
	v=$1 b=$top/build-$1
	arch=$(row "$v" arch) base=$(base_of "$v") img=$(basename "$(row "$v" image)")
	cross=$(row "$v" cross)
	key=$(key_of "$v")    # before building: a file edited meanwhile means another build
	mkdir -p "$b"
	rm -f "$b/pagewalk.key"
	note "$v: configuring (tinyconfig + $base + $(frags "$v" | sed 's/ / + /g'))"
	make -C "$src" ARCH=$arch ${cross:+CROSS_COMPILE=$cross} O="$b" tinyconfig > "$b/config.log" 2>&1 ||
		die "$v: tinyconfig failed (log: $b/config.log)"
	for f in $base $(frags "$v"); do apply_fragment "$here/$f" "$b" 0; done
	make -C "$src" ARCH=$arch ${cross:+CROSS_COMPILE=$cross} O="$b" olddefconfig >> "$b/config.log" 2>&1 ||
		die "$v: olddefconfig failed (log: $b/config.log)"
	set -- $base $(frags "$v")
	while [ $# -gt 0 ]; do
		f=$1; shift
		apply_fragment "$here/$f" "$b" 1 $(for l in "$@"; do echo "$here/$l"; done)
	done
	note "$v: building $img with -j$jobs (log: $b/build.log; a cold build takes 4-15 min)"
	make_progress "$v" "$b/build.log" -C "$src" ARCH=$arch ${cross:+CROSS_COMPILE=$cross} O="$b" -j"$jobs" "$img"
	echo "$key" > "$b/pagewalk.key"
}

for v in $variants; do
	if ready "$v"; then
		note "$v: up to date ($top/build-$v)"
	else
		build_kernel "$v"
	fi
done
note "ready: $variants in $top"
