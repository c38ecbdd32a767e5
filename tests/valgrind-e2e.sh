#!/usr/bin/env bash
# tests/valgrind-e2e.sh BUILD_DIR: one end-to-end participant's turn (the
# seed's ballot typed at "tapla run", saved, then SIGTERM) and the projector
# view ("tapla screen", quit with q), each the real binary in a pty under
# valgrind's memcheck. Fails on any memory error and on any definite or
# possible leak; memory still reachable at exit is not a leak.
#
# The tests are tests/e2e/test-screen.c's "*clean_exit" ones; TAPLA_BINARY
# points them at a wrapper that starts tapla under valgrind, which exits 99
# on an error, and the tests assert exit status 0.
#
# No suppression file is needed: ncurses (libtinfo) keeps about 8 KB at
# exit (the terminfo entry and its search path, read by newterm and
# use_default_colors), but it stays reachable, so valgrind does not count it
# as definitely or possibly lost. tests/valgrind-ncurses.supp, if it is
# ever added, is given to valgrind and must hold only ncurses' own memory.
set -euo pipefail

build=${1:-}
if [ -z "$build" ] || [ ! -f "$build/build.ninja" ]; then
	echo "usage: tests/valgrind-e2e.sh BUILD_DIR (a configured meson build directory)" >&2
	exit 2
fi
build=$(cd "$build" && pwd)
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || {
	echo "tests/valgrind-e2e.sh: valgrind is not installed; install it (apt-get install valgrind)." >&2
	exit 2
}
if meson introspect --buildoptions "$build" |
	grep -q '"name": "b_sanitize", "value": "[a-z,]*address'; then
	echo "tests/valgrind-e2e.sh: $build is built with AddressSanitizer; give a plain build directory." >&2
	exit 2
fi
ninja -C "$build" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
supp=()
[ -f tests/valgrind-ncurses.supp ] && supp=("--suppressions=$PWD/tests/valgrind-ncurses.supp")

# The wrapper the harness starts instead of tapla.
cat >"$work/tapla" <<EOF
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full \\
	--show-leak-kinds=definite,possible \\
	--errors-for-leak-kinds=definite,possible --track-origins=yes \\
	${supp[*]} --log-file="$work/valgrind.%p.log" "$build/src/tapla" "\$@"
EOF
chmod +x "$work/tapla"

status=0
TAPLA_BINARY="$work/tapla" TAPLA_E2E_ONLY='*clean_exit' LC_ALL=C.UTF-8 \
	LANGUAGE='' "$build/tests/test-screen" || status=$?
# With --quiet, valgrind writes to its log only what it found.
for log in "$work"/valgrind.*.log; do
	[ -s "$log" ] || continue
	echo "tests/valgrind-e2e.sh: valgrind found problems ($(basename "$log")):" >&2
	cat "$log" >&2
	status=1
done
[ "$status" -eq 0 ] && echo "valgrind-e2e: one turn and the projector view, no leak or memory error"
exit "$status"
