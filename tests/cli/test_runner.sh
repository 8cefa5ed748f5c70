#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/cli/test_runner.sh - tests/run.sh itself, in a scratch tree: it
# counts ok / not ok lines, runs one script when named, and fails loudly
# (a "not ok" line, a message on stderr, exit 1) on a suite script that is
# not executable, a directory it does not know, or an unknown SUITES name.
. "$(dirname "$0")/../lib.sh"

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/tests/cli" "$T/tests/bench" "$T/build"
cp "$PAGEWALK_ROOT/tests/run.sh" "$PAGEWALK_ROOT/tests/lib.sh" "$T/tests/"
printf '#!/bin/sh\necho "ok - one"\necho "ok - two"\n' >"$T/tests/cli/a.sh"
printf '#!/bin/sh\necho "not ok - three"\n' >"$T/tests/cli/b.sh"
chmod +x "$T/tests/cli/a.sh" "$T/tests/cli/b.sh"

# runner SUITES ARGS...: run the scratch tree's run.sh; sets OUT, ERR, RC.
runner() {
	_s=$1; shift
	env -u PAGEWALK_ROOT BUILD=build SUITES="$_s" sh "$T/tests/run.sh" "$@" >"$T/out" 2>"$T/err"
	RC=$?
	OUT=$(cat "$T/out") ERR=$(cat "$T/err")
}

runner cli
check_contains "counts both scripts" "$OUT" "2 passed, 1 failed"
check_eq "a failing check fails the run" 1 "$RC"
check_contains "shows the failure" "$OUT" "not ok - three"

runner cli tests/cli/a.sh
check_contains "one script by name" "$OUT" "2 passed, 0 failed"
check_eq "one passing script: exit 0" 0 "$RC"

chmod -x "$T/tests/cli/b.sh"
runner cli
check_contains "not executable: not ok" "$OUT" "not ok - tests/cli/b.sh is not executable"
check_contains "not executable: on stderr" "$ERR" "tests/cli/b.sh is not executable"
check_eq "not executable: exit 1" 1 "$RC"
chmod +x "$T/tests/cli/b.sh"

mkdir "$T/tests/newsuite"
runner cli tests/cli/a.sh
check_contains "unknown directory: not ok" "$OUT" "not ok - tests/newsuite/ is not a suite"
check_eq "unknown directory: exit 1" 1 "$RC"
rmdir "$T/tests/newsuite"

# Hermetic caches: a suite's caches are under build/ (XDG_CACHE_HOME, and
# a PAGEWALK_CACHE of its own); only the linux suite gets make linux's
# kernel cache (the developer's PAGEWALK_CACHE, else ~/.cache/pagewalk).
mkdir -p "$T/tests/linux"
printf '#!/bin/sh
echo "ok - cache $XDG_CACHE_HOME kernels $PAGEWALK_CACHE"
' >"$T/tests/cli/env.sh"
cp "$T/tests/cli/env.sh" "$T/tests/linux/env.sh"
chmod +x "$T/tests/cli/env.sh" "$T/tests/linux/env.sh"
HOME=$T/home XDG_CACHE_HOME= PAGEWALK_CACHE= runner cli tests/cli/env.sh tests/linux/env.sh
cli=$(cat "$T/build/test-logs/cli-env.log") lx=$(cat "$T/build/test-logs/linux-env.log")
check_contains "hermetic: a suite's XDG_CACHE_HOME is under build/" "$cli" "cache $T/build/test-cache kernels"
check_contains "hermetic: its PAGEWALK_CACHE too (no make linux tree read)" "$cli" \
	"kernels $T/build/test-cache/kernels"
check_contains "hermetic: the linux suite's caches are under build/ too" "$lx" "cache $T/build/test-cache kernels"
check_contains "hermetic: but it gets make linux's kernels" "$lx" "kernels $T/home/.cache/pagewalk"
PAGEWALK_CACHE=/kern runner cli tests/linux/env.sh
check_contains "hermetic: make linux's PAGEWALK_CACHE, when set, for the linux suite" \
	"$(cat "$T/build/test-logs/linux-env.log")" "kernels /kern"
rm "$T/tests/cli/env.sh" "$T/tests/linux/env.sh"
rmdir "$T/tests/linux"

# ---- side by side ----
rm "$T/tests/cli/a.sh" "$T/tests/cli/b.sh"
# two scripts that each wait for the other: they pass only side by side
# (a finishes last but is listed first)
cat >"$T/tests/cli/a.sh" <<EOF
#!/bin/sh
. "\$(dirname "\$0")/../lib.sh"
touch "$T/a.up"
check_poll "a sees b" 10 test -e "$T/b.up"
check_poll "a outlives b" 10 test -e "$T/b.done"
EOF
cat >"$T/tests/cli/b.sh" <<EOF
#!/bin/sh
. "\$(dirname "\$0")/../lib.sh"
touch "$T/b.up"
check_poll "b sees a" 10 test -e "$T/a.up"
touch "$T/b.done"
EOF
chmod +x "$T/tests/cli/a.sh" "$T/tests/cli/b.sh"
JOBS=2 runner cli
check_contains "JOBS=2: two scripts that wait for each other both pass" "$OUT" "3 passed, 0 failed"
check_eq "JOBS=2: results in suite order" "cli/a cli/b" \
	"$(printf '%s\n' "$OUT" | sed -n 's|^  \(cli/[ab]\) .*|\1|p' | tr '\n' ' ' | sed 's/ $//')"
check "JOBS=2: the times kept for the next run" grep -q '^cli-a [0-9]' "$T/build/test-logs/times"

# one at a time; the longest last time starts first
rm "$T/tests/cli/a.sh" "$T/tests/cli/b.sh" "$T"/*.up "$T"/*.done
for n in fast slow; do
	cat >"$T/tests/cli/$n.sh" <<EOF
#!/bin/sh
. "\$(dirname "\$0")/../lib.sh"
echo $n >>"$T/order"
check "$n runs alone" mkdir "$T/running"
[ $n = fast ] || poll 2 false || true
rmdir "$T/running"
EOF
	chmod +x "$T/tests/cli/$n.sh"
done
JOBS=1 runner cli
check_contains "JOBS=1: one at a time" "$OUT" "2 passed, 0 failed"
check_eq "JOBS=1, first run: suite order" "fast slow" "$(tr '\n' ' ' <"$T/order" | sed 's/ $//')"
: >"$T/order"
JOBS=1 runner cli
check_eq "the next run: the slowest first" "slow fast" "$(tr '\n' ' ' <"$T/order" | sed 's/ $//')"
check_contains "... its results still in suite order" "$(printf '%s\n' "$OUT" | grep '^  cli/' | head -1)" "cli/fast"
rm "$T/tests/cli/fast.sh" "$T/tests/cli/slow.sh"
printf '#!/bin/sh\necho "ok - one"\n' >"$T/tests/cli/a.sh"
chmod +x "$T/tests/cli/a.sh"

runner "cli nosuch"
check_contains "unknown SUITES name: not ok" "$OUT" "not ok - SUITES: no suite named nosuch"
check_contains "unknown SUITES name: on stderr" "$ERR" "no suite named nosuch"
check_eq "unknown SUITES name: exit 1" 1 "$RC"
exit 0
