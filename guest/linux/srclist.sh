#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# guest/linux/srclist.sh SRC TARBALL VERSION - list a freshly extracted
# source tree for pagewalk's source reader (engine/source/lxtree.c).
#
# Written by build.sh right after it extracts TARBALL into SRC, before it
# changes anything there: SRC/.pagewalk-files names the tarball (Debian
# version, size, time) and every path with its kind, inode, size and time,
# sorted by name. pagewalk reads Linux's lines from SRC only while that
# header names the tarball installed now, and a file only while it still
# has what the listing gives it: what our build changes or adds later
# (arch/x86/mm/Makefile, our driver) is read from the tarball instead.
set -eu
src=$1 tarball=$2 ver=$3
list=$src/.pagewalk-files
tab=$(printf '\t')

size=$(stat -c %s "$tarball")
mtime=$(stat -c %Y "$tarball")
rm -f "$list" "$list.tmp" "$list.body"
# names with control bytes are left out (pagewalk never asks for one)
(cd "$src" && LC_ALL=C find . -mindepth 1 ! -path '*[[:cntrl:]]*' \
	! -name '.pagewalk-files*' -printf "%P$tab%y %i %s %Ts\n") |
	LC_ALL=C sort >"$list.body"
{
	printf 'pagewalk-linux-tree 1 debian=%s size=%s mtime=%s entries=%s\n' \
		"$ver" "$size" "$mtime" "$(wc -l <"$list.body")"
	cat "$list.body"
} >"$list.tmp"
rm -f "$list.body"
mv "$list.tmp" "$list"
