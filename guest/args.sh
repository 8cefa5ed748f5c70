# SPDX-License-Identifier: GPL-2.0-only
# guest/args.sh - sourced by the run scripts: read a command-line template
# (guest/qemu.args, bochs.args, mkrescue.args: one argument per line, '#'
# and empty lines skipped) with its @NAME@ placeholders filled in.
#   args_expand FILE NAME=VALUE...   prints the arguments, one per line
# pagewalk record reads the same files (compiled in), so the scripts and
# the recorder cannot drift apart. Values may hold any byte but a newline.
args_expand() {
	_af=$1
	shift
	for _kv in "$@"; do
		export "PWA_${_kv%%=*}=${_kv#*=}"
	done
	awk '/^#/ || /^$/ { next }
	{
		out = ""; s = $0
		while (match(s, /@[A-Z0-9]+@/)) {
			name = substr(s, RSTART + 1, RLENGTH - 2)
			out = out substr(s, 1, RSTART - 1) ENVIRON["PWA_" name]
			s = substr(s, RSTART + RLENGTH)
		}
		print out s
	}' "$_af"
}
